/**
 * The web side of the Redis queue: accept a job once per delivery (whichever web process
 * gets it), record it for its repository, hand it to BullMQ, and let an operator list and
 * retry the jobs that failed for good.
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Enqueue } from './app.js';
import { JOB_ATTEMPTS } from './job-failure.js';
import { coalescingSlot, repositoryKey, type QueuedJob } from './queued-job.js';
import { QUEUE_NAME, deliveryJobId, deliveryRedisKey, pendingKey, sequenceKey } from './redis-keys.js';

/** What BullMQ stores for a job: the job, its place in its repository's order, and its delivery. */
export interface QueueEntry {
  job: QueuedJob;
  seq: number;
  deliveryKey: string;
}

/** GitHub lets a delivery be redelivered for three days; remember it that long. */
export const DELIVERY_TTL_SECONDS = 3 * 24 * 3600;
/**
 * A delivery is claimed for this long until a worker takes its job and keeps the claim
 * for DELIVERY_TTL_SECONDS (so that the acknowledgement costs one write to Redis fewer).
 * Should the web process die between the claim and the job's add, GitHub's redelivery
 * is accepted again once this passed. A redelivery accepted while the job still waits
 * finds BullMQ's job under the same id and adds nothing; only its record for coalescing
 * is repeated, which the job's run covers.
 */
const CLAIM_SECONDS = 3600;

export const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'paused', 'completed', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface FailedJob {
  id: string;
  repository: string;
  event: QueuedJob['event'];
  deliveryId: string;
  /** The commit synced (push) or checked (pull request); empty for an onboarding, which syncs the head it finds. */
  head: string;
  reason: string;
  attempts: number;
  failedAt: string | null;
}

export interface JobQueue {
  enqueue: Enqueue;
  /** Jobs per state, all repositories together. */
  counts(): Promise<Record<JobState, number>>;
  /** Jobs that exhausted their attempts (or failed for good), newest first. */
  failed(limit?: number): Promise<FailedJob[]>;
  /** Put a failed job back in the queue with all its attempts; false when no failed job has that id. */
  retry(id: string): Promise<boolean>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Claim the delivery (0 when some web process already did); else number the job in its
 * repository and add it to its slot's pending set as `<seq> <job JSON>` (unique per seq).
 * One script, one round trip: the acknowledgement waits for Redis twice (this, then
 * BullMQ's add), not four times.
 */
const CLAIM_AND_RECORD = `
if not redis.call('SET', KEYS[1], ARGV[2], 'NX', 'EX', ARGV[3]) then return 0 end
local seq = redis.call('INCR', KEYS[2])
redis.call('ZADD', KEYS[3], seq, seq .. ' ' .. ARGV[1])
return seq`;

/**
 * The queue over `redis` (a connection this queue then owns and closes).
 */
export function createJobQueue(redis: Redis): JobQueue {
  const queue = new Queue<QueueEntry>(QUEUE_NAME, {
    connection: redis,
    defaultJobOptions: {
      attempts: JOB_ATTEMPTS,
      backoff: { type: 'github' },
      // Completed jobs only serve the counts; failed ones stay for the admin list.
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 30 * 24 * 3600 },
    },
  });

  // EVALSHA once loaded: the script is not sent (nor hashed by Redis) with every delivery.
  redis.defineCommand('i18nDriftClaimAndRecord', { numberOfKeys: 3, lua: CLAIM_AND_RECORD });
  const claimAndRecord = (...args: string[]) => (redis as unknown as { i18nDriftClaimAndRecord(...a: string[]): Promise<number> }).i18nDriftClaimAndRecord(...args);

  async function enqueue(job: QueuedJob, deliveryKey: string): Promise<'queued' | 'duplicate'> {
    const claim = deliveryRedisKey(deliveryKey);
    const repository = repositoryKey(job);
    const keys = [claim, sequenceKey(repository), pendingKey(repository, coalescingSlot(job))];
    const seq = Number(await claimAndRecord(...keys, JSON.stringify(job), job.deliveryId, String(CLAIM_SECONDS)));
    if (seq === 0) return 'duplicate';
    try {
      await queue.add(job.event, { job, seq, deliveryKey }, { jobId: deliveryJobId(deliveryKey) });
      return 'queued';
    } catch (error) {
      // Not queued: let GitHub's redelivery (or its own failure report) bring it back.
      await redis.del(claim).catch(() => undefined);
      throw error;
    }
  }

  return {
    enqueue,
    async counts() {
      const counts = await queue.getJobCounts(...JOB_STATES);
      return Object.fromEntries(JOB_STATES.map((s) => [s, counts[s] ?? 0])) as Record<JobState, number>;
    },
    async failed(limit = 100) {
      const jobs = await queue.getFailed(0, limit - 1);
      return jobs.filter(Boolean).map((j) => {
        const data = j.data as Partial<QueueEntry>;
        const job = data.job;
        return {
          id: String(j.id),
          repository: job ? `${job.owner}/${job.repo}` : '?',
          event: job?.event ?? 'push',
          deliveryId: job?.deliveryId ?? '',
          head: !job || job.event === 'installation' ? '' : job.event === 'push' ? job.to : job.pull.head.sha,
          reason: j.failedReason ?? '',
          attempts: j.attemptsMade,
          failedAt: j.finishedOn ? new Date(j.finishedOn).toISOString() : null,
        };
      });
    },
    async retry(id) {
      const job = await queue.getJob(id);
      if (!job || !(await job.isFailed())) return false;
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      return true;
    },
    async ping() {
      await redis.ping();
    },
    async close() {
      await queue.close();
      await redis.quit().catch(() => undefined);
    },
  };
}
