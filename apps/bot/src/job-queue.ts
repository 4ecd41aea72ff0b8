/**
 * The web side of the Redis queue: accept a job once per delivery (whichever web process
 * gets it), record it for its repository, hand it to BullMQ, and let an operator list and
 * retry the jobs that failed for good.
 */
import { randomUUID } from 'node:crypto';
import { Job, Queue, type IRedisTransaction, type JobsOptions } from 'bullmq';
import bullmqScripts from 'bullmq/dist/cjs/scripts/index.js';
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
  /**
   * Initialise BullMQ's queue and compile the delivery script in Redis now, at start-up,
   * rather than in the first delivery's acknowledgement.
   */
  warmUp(): Promise<void>;
  close(): Promise<void>;
}

/**
 * BullMQ's own script for adding a job (`Queue.add` runs it), taken from the installed
 * BullMQ so that the job it writes is exactly the one `Queue.add` would write.
 */
const ADD_STANDARD_JOB = bullmqScript('addStandardJob');
/** The keys this queue's script adds after BullMQ's: delivery claim, repository sequence, slot's pending set. */
const OWN_KEYS = 3;

/**
 * Accept a delivery in one script, so that the acknowledgement waits for Redis once (and,
 * with `appendfsync always`, for one fsync): claim the delivery for GitHub's 3 days (0
 * when some web process already did, and nothing else happens); number the job in its
 * repository and add it to its slot's pending set as `<seq> <job JSON>` (unique per seq);
 * put the sequence number in the job's data; then BullMQ's add, unchanged. Our keys and
 * arguments come after BullMQ's, so its script reads its own where it expects them: keys
 * claim, sequence, pending; arguments job JSON, claim value, claim seconds, and the
 * position of the job's data among the arguments. One script is atomic: a claim without
 * its job (a web process dying in between) cannot happen.
 */
const ACCEPT_DELIVERY = `
do
  local k, a = #KEYS, #ARGV
  if not redis.call('SET', KEYS[k - 2], ARGV[a - 2], 'NX', 'EX', ARGV[a - 1]) then return 0 end
  local seq = redis.call('INCR', KEYS[k - 1])
  redis.call('ZADD', KEYS[k], seq, seq .. ' ' .. ARGV[a - 3])
  local data = tonumber(ARGV[a])
  ARGV[data] = '{"seq":' .. seq .. ',' .. string.sub(ARGV[data], 2)
end
${ADD_STANDARD_JOB.content}`;

const RELEASE_CLAIM = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/** Every job's BullMQ options. */
export const JOB_OPTIONS = {
  attempts: JOB_ATTEMPTS,
  backoff: { type: 'github' },
  // Completed jobs only serve the counts; failed ones stay for the admin list.
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
} as const satisfies JobsOptions;

function bullmqScript(name: string): { name: string; content: string; keys: number } {
  const script = Object.values(bullmqScripts).find((s) => s.name === name);
  if (!script) throw new Error(`bullmq: no ${name} script in this version of BullMQ`);
  return script;
}

/**
 * The queue over `redis` (a connection this queue then owns and closes), which carries
 * the deliveries; BullMQ's own commands (counts, the failed list, retries) go over a
 * second connection. BullMQ defines its ≈ 50 scripts on the connection it is given, and
 * an auto-pipelined connection (`connectRedis`'s `pipelined`) builds a method for every
 * script defined on it in each batch it sends: ≈ 18 KB and 0.2 ms per delivery, for
 * scripts the deliveries never run.
 */
export function createJobQueue(redis: Redis): JobQueue {
  const bullmqConnection = redis.duplicate({ enableAutoPipelining: false });
  // As for `redis` (connectRedis): failures are reported by the commands that meet them.
  bullmqConnection.on('error', () => undefined);
  const queue = new Queue<QueueEntry>(QUEUE_NAME, { connection: bullmqConnection, defaultJobOptions: JOB_OPTIONS });

  // EVALSHA once loaded: the script (BullMQ's add inside, ≈ 20 KB) is not sent with every delivery.
  redis.defineCommand('i18nDriftAcceptDelivery', { numberOfKeys: ADD_STANDARD_JOB.keys + OWN_KEYS, lua: ACCEPT_DELIVERY });
  const acceptDelivery = (args: unknown[]) => (redis as unknown as { i18nDriftAcceptDelivery(...a: unknown[]): Promise<string | number> }).i18nDriftAcceptDelivery(...args);

  async function enqueue(job: QueuedJob, deliveryKey: string): Promise<'queued' | 'duplicate'> {
    const claim = deliveryRedisKey(deliveryKey);
    const repository = repositoryKey(job);
    const ownKeys = [claim, sequenceKey(repository), pendingKey(repository, coalescingSlot(job))];
    const data = { job, deliveryKey };
    const jobId = deliveryJobId(deliveryKey);
    // Whose claim it is: on a failure only this attempt's own claim is released.
    const claimant = `${job.deliveryId} ${randomUUID()}`;
    // BullMQ builds the add's keys and arguments itself (job options, defaults, encoding)
    // and hands them to its client's `runCommand`, the seam its pluggable Redis clients
    // implement; this one runs them inside the delivery's script instead.
    const client = {
      runCommand(name: string, args: unknown[]) {
        if (!name.startsWith(`${ADD_STANDARD_JOB.name}:`)) throw new Error(`bullmq chose ${name} to add a job; the queue expects ${ADD_STANDARD_JOB.name}`);
        const dataIndex = args.indexOf(JSON.stringify(data), ADD_STANDARD_JOB.keys);
        if (dataIndex < 0) throw new Error('bullmq: the job data is not among the arguments of its add script');
        const keys = args.slice(0, ADD_STANDARD_JOB.keys);
        const argv = args.slice(ADD_STANDARD_JOB.keys);
        return acceptDelivery([...keys, ...ownKeys, ...argv, JSON.stringify(job), claimant, String(DELIVERY_TTL_SECONDS), String(dataIndex - ADD_STANDARD_JOB.keys + 1)]);
      },
    } as unknown as IRedisTransaction;
    await queue.client;
    try {
      // The job's id, or 0 when the delivery was claimed already.
      const result: unknown = await new Job(queue, job.event, data, { ...queue.defaultJobOptions, jobId }, jobId).addJob(client);
      return result === 0 ? 'duplicate' : 'queued';
    } catch (error) {
      // Not queued (a script does not roll back what it wrote before failing): let GitHub's
      // redelivery (or its own failure report) bring it back.
      await redis.eval(RELEASE_CLAIM, 1, claim, claimant).catch(() => undefined);
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
      await Promise.all([redis.ping(), bullmqConnection.ping()]);
    },
    async warmUp() {
      await queue.waitUntilReady();
      await redis.script('LOAD', ACCEPT_DELIVERY);
    },
    async close() {
      await queue.close();
      await bullmqConnection.quit().catch(() => undefined);
      await redis.quit().catch(() => undefined);
    },
  };
}
