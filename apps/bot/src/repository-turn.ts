/**
 * A worker's turn at one repository: a Redis lock with expiry (jobs of one repository
 * never run at once, on any worker), and the jobs of the slot accepted so far, so that one
 * run covers them all. The lock is renewed while the run goes on; a worker that dies
 * stops renewing it, and it expires, so the job's rerun elsewhere can take its turn.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { coalescingSlot, parseQueuedJob, repositoryKey, type QueuedJob } from './queued-job.js';
import { doneKey, lockKey, pendingKey } from './redis-keys.js';

export interface RepositoryTurn {
  /** True when a finished run already covered this job: nothing to do. */
  covered: boolean;
  /** Jobs of the slot not yet covered, oldest first (this job included). */
  jobs: QueuedJob[];
  /** Record that a run covered every job in `jobs`. */
  finish(): Promise<void>;
  /** Give the repository back (after `finish`, or after a failure). */
  release(): Promise<void>;
}

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
const FINISH = `
local done = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > done then redis.call('SET', KEYS[1], ARGV[1]) end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[1])
return 1`;

/**
 * Take the turn at `job`'s repository, or null when another run holds it.
 * @param seq the job's sequence number in its repository (given when it was queued).
 * @param lockMs how long the lock outlives a worker that stopped renewing it.
 */
export async function takeTurn(redis: Redis, job: QueuedJob, seq: number, lockMs: number): Promise<RepositoryTurn | null> {
  const repository = repositoryKey(job);
  const slot = coalescingSlot(job);
  const lock = lockKey(repository);
  const token = randomUUID();
  if ((await redis.set(lock, token, 'PX', lockMs, 'NX')) === null) return null;

  const renew = setInterval(() => {
    redis.eval(EXTEND, 1, lock, token, String(lockMs)).catch(() => undefined);
  }, Math.max(50, Math.floor(lockMs / 3)));
  renew.unref();
  const release = async () => {
    clearInterval(renew);
    await redis.eval(RELEASE, 1, lock, token);
  };

  try {
    const done = Number((await redis.get(doneKey(repository, slot))) ?? 0);
    if (done >= seq) return { covered: true, jobs: [], finish: async () => undefined, release };
    const members = await redis.zrangebyscore(pendingKey(repository, slot), `(${done}`, '+inf', 'WITHSCORES');
    const pending: { seq: number; job: QueuedJob }[] = [];
    for (let i = 0; i < members.length; i += 2) {
      const member = members[i]!;
      try {
        pending.push({ seq: Number(members[i + 1]), job: parseQueuedJob(JSON.parse(member.slice(member.indexOf(' ') + 1))) });
      } catch {
        // A record no web process of this version wrote: its own job (checked when run) still covers it.
      }
    }
    // The job's own record may be gone (a Redis restored from an older snapshot): it still runs.
    if (!pending.some((p) => p.seq === seq)) pending.push({ seq, job });
    pending.sort((a, b) => a.seq - b.seq);
    const upTo = pending.at(-1)!.seq;
    return {
      covered: false,
      jobs: pending.map((p) => p.job),
      finish: async () => {
        await redis.eval(FINISH, 2, doneKey(repository, slot), pendingKey(repository, slot), String(upTo));
      },
      release,
    };
  } catch (error) {
    await release();
    throw error;
  }
}
