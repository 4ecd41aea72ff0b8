/**
 * Where the app keeps its own state in Redis, next to BullMQ's: one place for the key
 * names, so the web processes and the workers agree. Keys of one repository share a hash
 * tag (`{owner/repo}`), so they stay on one node of a Redis Cluster and Lua scripts may
 * touch them together.
 */
import { createHash } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';

/** BullMQ's queue name (its keys are `bull:i18n-drift:*`). */
export const QUEUE_NAME = 'i18n-drift';
const PREFIX = 'i18n-drift';

/** A delivery accepted by some web process. */
export const deliveryRedisKey = (deliveryKey: string) => `${PREFIX}:delivery:${digest(deliveryKey)}`;
/** The BullMQ job id of a delivery: a second add with the same id is a no-op. */
export const deliveryJobId = (deliveryKey: string) => `d-${digest(deliveryKey)}`;
/** Per repository: the sequence number of its jobs, in the order web processes accepted them. */
export const sequenceKey = (repository: string) => `${PREFIX}:{${repository}}:seq`;
/** Per repository slot: jobs accepted and not yet covered by a finished run (sorted set, score = sequence). */
export const pendingKey = (repository: string, slot: string) => `${PREFIX}:{${repository}}:pending:${slot}`;
/** Per repository slot: the highest sequence a finished run covered. */
export const doneKey = (repository: string, slot: string) => `${PREFIX}:{${repository}}:done:${slot}`;
/** Per repository: held by the worker running one of its jobs (value: that worker's token). */
export const lockKey = (repository: string) => `${PREFIX}:{${repository}}:lock`;
/** Per repository: blob sha -> "1" (a translation not adopted yet) or "0", what the adoption probe read. */
export const adoptionRedisKey = (repository: string) => `${PREFIX}:{${repository}}:adoption`;

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/**
 * A connection to `url`. `blocking` connections (BullMQ workers) wait for Redis forever
 * instead of failing a command, as BullMQ requires; others fail fast, so a web process
 * answers GitHub with an error (and GitHub may redeliver) rather than hanging.
 * `pipelined` sends the commands issued in one turn of the event loop in one write: a
 * web process answering many deliveries at once pays one socket write for several
 * (a profile of the web process on the 2-core VM the queue benchmark runs on put
 * ≈ 0.6 ms of CPU on each write to Redis, the larger part of an acknowledgement).
 */
export function connectRedis(url: string, { blocking = false, pipelined = false }: { blocking?: boolean; pipelined?: boolean } = {}): Redis {
  const options: RedisOptions = blocking ? { maxRetriesPerRequest: null } : { maxRetriesPerRequest: 1, enableOfflineQueue: true, enableAutoPipelining: pipelined };
  const client = new Redis(url, { ...options, lazyConnect: false });
  // Connection errors repeat on every reconnect attempt; the commands that fail meanwhile
  // are reported where they were issued (a 5xx to GitHub, a 503 from /healthz, a job retry).
  client.on('error', () => undefined);
  return client;
}
