/**
 * GitHub's secondary limit on content-creating requests per hour (500 per installation),
 * counted in Redis so that every worker spends from one budget. Probot's throttling
 * already spaces writes to one a second (within the 80 a minute); it knows nothing of
 * the hour. A write that would exceed the budget is not sent: the job is re-queued for
 * when the oldest write of the hour leaves the window.
 */
import type { Redis } from 'ioredis';

/** GitHub: "no more than 500 content-generating requests per hour". */
export const WRITES_PER_HOUR = 500;
const HOUR_MS = 3_600_000;

/** Thrown instead of sending a write over budget; the job waits `retryAfterMs`. */
export class WriteBudgetError extends Error {
  constructor(readonly installationId: number, readonly retryAfterMs: number) {
    super(`installation ${installationId} made ${WRITES_PER_HOUR} content-creating requests in the last hour (GitHub's limit); waiting ${Math.ceil(retryAfterMs / 1000)} s`);
    this.name = 'WriteBudgetError';
  }
}

export interface WriteBudget {
  /** Spend one write of `installationId`'s budget. @throws WriteBudgetError when none is left. */
  take(installationId: number): Promise<void>;
}

/**
 * A sliding hour per installation (sorted set of write times). Returns 0 when the write
 * may go, else the milliseconds until one may.
 */
const TAKE = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= limit then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return math.max(1, tonumber(oldest[2]) + window - now)
end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], window)
return 0`;

export function createWriteBudget(redis: Redis, { limit = WRITES_PER_HOUR, windowMs = HOUR_MS, now = Date.now } = {}): WriteBudget {
  let counter = 0;
  return {
    async take(installationId) {
      counter += 1;
      const at = now();
      const member = `${at}-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
      const wait = Number(await redis.eval(TAKE, 1, `i18n-drift:writes:${installationId}`, String(at), String(windowMs), String(limit), member));
      if (wait > 0) throw new WriteBudgetError(installationId, wait);
    },
  };
}

/** Requests that create content: every non-GET API call but the App's own authentication and GraphQL queries. */
export function isContentCreating(method: string, url: string): boolean {
  // GraphQL: the app sends queries only (blobs read in batches), never a mutation.
  return !['GET', 'HEAD'].includes(method.toUpperCase()) && !/^\/app(\/|$)|\/access_tokens$|^(\/api)?\/graphql$/.test(url.replace(/^https?:\/\/[^/]+(\/api\/v3)?/, ''));
}
