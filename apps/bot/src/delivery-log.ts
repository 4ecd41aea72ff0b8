/**
 * Remembers which webhook deliveries were handled, so the same delivery received twice
 * does nothing the second time (GitHub redelivers on timeouts and on request).
 */
import { createHash } from 'node:crypto';

export interface DeliveryLog {
  /**
   * Claim a delivery: true the first time a key is seen, false afterwards.
   * Claim before queueing, so a duplicate arriving while the first is still running is dropped too.
   */
  claim(key: string): boolean;
  /** Forget a claimed key (the handling failed), so a redelivery is handled again. */
  release(key: string): void;
}

/**
 * The key of a delivery: its id plus a digest of the payload. GitHub's ids are unique,
 * but the emulator's are `Date.now()`, so two events in the same millisecond would share
 * one; the digest keeps them apart while a true redelivery (same id, same payload) matches.
 */
export function deliveryKey(id: string, event: string, payload: unknown): string {
  const digest = createHash('sha256').update(JSON.stringify(payload)).digest('hex').slice(0, 16);
  return `${id}:${event}:${digest}`;
}

/** A bounded in-memory log holding the last `capacity` keys (oldest forgotten first). */
export function createDeliveryLog(capacity = 10_000): DeliveryLog {
  const seen = new Set<string>();
  return {
    claim(key) {
      if (seen.has(key)) return false;
      seen.add(key);
      if (seen.size > capacity) {
        const oldest = seen.values().next().value;
        if (oldest !== undefined) seen.delete(oldest);
      }
      return true;
    },
    release(key) {
      seen.delete(key);
    },
  };
}
