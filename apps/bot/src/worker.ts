/**
 * A queue worker: takes jobs from Redis (BullMQ), waits its turn at the job's repository,
 * builds an installation client, strings and logger of its own, and runs the job with the
 * same code as the single-process app. Any number of workers, in any number of processes
 * and machines, share one queue.
 */
import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { ProbotOctokit, type Probot } from 'probot';
import { createLocalizer, type Resources } from '@i18n-drift/core';
import { createRedisAdoptionCache } from './adoption-cache.js';
import { createBotIdentity } from './bot-identity.js';
import { dashboardUrl } from './dashboard-route.js';
import type { GitHubClient } from './github-host.js';
import { classifyFailure, retryDelay } from './job-failure.js';
import type { QueueEntry } from './job-queue.js';
import { loadResources } from './load-resources.js';
import { createMetrics, type Metrics } from './metrics.js';
import { coalesce, parseQueuedJob, repositoryKey, type QueuedJob } from './queued-job.js';
import { QUEUE_NAME, connectRedis } from './redis-keys.js';
import { takeTurn } from './repository-turn.js';
import { runJob } from './run-job.js';
import { createWriteBudget, isContentCreating, type WriteBudget } from './write-budget.js';

export interface WorkerOptions {
  /** Authenticates as the app; `auth(installationId)` gives each job its client. */
  probot: Probot;
  redisUrl: string;
  /** Jobs of different repositories this process runs at once. Default 4. */
  concurrency?: number;
  /**
   * How long a dead worker's job and repository stay claimed before another worker takes
   * them over (both locks are renewed while a job runs). Default 30 s.
   */
  lockMs?: number;
  /** Public URL of the web processes (`PUBLIC_URL`), for dashboard links in pull requests. */
  publicUrl?: string;
  resources?: Resources;
  metrics?: Metrics;
  botLogin?: string;
  /** Content-creating requests per installation and hour, shared by all workers; default GitHub's 500 in this Redis. */
  writeBudget?: WriteBudget;
}

export interface RunningWorker {
  metrics: Metrics;
  /** Stop taking jobs, let the running ones finish, then disconnect. */
  close(): Promise<void>;
}

const DEFAULT_LOCK_MS = 30_000;
/** A job whose repository is busy waits about this long before trying again. */
const BUSY_WAIT_MS = 200;

/** Bottleneck's Redis connection, which Probot's throttling opens with `REDIS_URL`. */
export interface ThrottleConnection {
  disconnect(flush?: boolean): Promise<unknown>;
}

/**
 * An Octokit class that counts every GitHub request and every rate-limit wait of
 * Probot's throttling into `metrics` (pass it to Probot as `Octokit`). The throttling's
 * Redis connection, when there is one, is added to `connections`: Probot never closes
 * it, and a stopping worker must, or its process never exits.
 */
export function instrumentOctokit(
  metrics: Metrics,
  Base: typeof ProbotOctokit = ProbotOctokit,
  connections?: Set<ThrottleConnection>,
): typeof ProbotOctokit {
  const counted = (Base as any).plugin((octokit: any) => {
    octokit.hook.after('request', (response: { status: number }, options: { method: string }) => metrics.githubRequest(options.method, response.status));
    octokit.hook.error('request', (error: { status?: number }, options: { method: string }) => {
      metrics.githubRequest(options.method, typeof error.status === 'number' ? error.status : 0);
      throw error;
    });
  });
  return counted.defaults((options: any) => {
    const throttle = options?.throttle;
    if (!throttle) return options;
    if (throttle.connection) connections?.add(throttle.connection as ThrottleConnection);
    return {
      ...options,
      throttle: {
        ...throttle,
        onRateLimit: (...args: unknown[]) => {
          metrics.rateLimitWait('primary');
          return throttle.onRateLimit?.(...args);
        },
        onSecondaryRateLimit: (...args: unknown[]) => {
          metrics.rateLimitWait('secondary');
          return throttle.onSecondaryRateLimit?.(...args);
        },
      },
    };
  }) as typeof ProbotOctokit;
}

/** Start a worker on the queue at `redisUrl`; resolves once it listens for jobs. */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  // Probot builds its logger and client classes asynchronously.
  const probot = await options.probot.ready();
  const metrics = options.metrics ?? createMetrics();
  const lockMs = options.lockMs ?? DEFAULT_LOCK_MS;
  const localize = createLocalizer(options.resources ?? loadResources());
  const botLogin = createBotIdentity(probot, options.botLogin);
  const publicUrl = (options.publicUrl ?? '').replace(/\/+$/, '');
  const redis: Redis = connectRedis(options.redisUrl);
  const writeBudget = options.writeBudget ?? createWriteBudget(redis);
  const adoptionCache = createRedisAdoptionCache(redis);
  const log = probot.log.child({ name: 'i18n-drift-worker' });

  async function run(job: QueuedJob): Promise<string> {
    if (job.installationId === null) throw new UnrecoverableError('the job names no installation: only the GitHub Action runs without one');
    const installationId = job.installationId;
    const octokit = (await probot.auth(installationId)) as GitHubClient;
    octokit.hook.before('request', async (request) => {
      if (isContentCreating(request.method, request.url)) await writeBudget.take(installationId);
    });
    const where = `${job.owner}/${job.repo}`;
    const outcome = await runJob(job, {
      octokit,
      botLogin: await botLogin(),
      localize,
      dashboardUrl: publicUrl ? dashboardUrl(publicUrl, job.owner, job.repo) : undefined,
      log: { info: (m) => log.info({ delivery: job.deliveryId }, m), warn: (m) => log.warn({ delivery: job.deliveryId }, m) },
      adoptionCache,
    });
    log.info({ delivery: job.deliveryId }, `${where} ${job.event}: ${outcome.kind}`);
    return outcome.kind;
  }

  async function processJob(entry: Job<QueueEntry>, token?: string): Promise<{ outcome: string; covered: number }> {
    const started = performance.now();
    let job: QueuedJob;
    try {
      job = parseQueuedJob(entry.data?.job);
    } catch (error) {
      throw new UnrecoverableError((error as Error).message);
    }
    const turn = await takeTurn(redis, job, Number(entry.data.seq), lockMs);
    if (!turn) {
      // Another run holds the repository: come back shortly, without spending an attempt.
      await entry.moveToDelayed(Date.now() + BUSY_WAIT_MS + Math.floor(Math.random() * BUSY_WAIT_MS), token);
      throw new DelayedError();
    }
    try {
      if (turn.covered) {
        metrics.jobFinished(job.event, 'coalesced', 0);
        return { outcome: 'covered', covered: 0 };
      }
      const outcome = await run(coalesce(turn.jobs));
      await turn.finish();
      metrics.jobFinished(job.event, 'done', (performance.now() - started) / 1000);
      return { outcome, covered: turn.jobs.length };
    } catch (error) {
      const failure = classifyFailure(error);
      const last = failure.kind === 'permanent' || entry.attemptsMade + 1 >= (entry.opts.attempts ?? 1);
      metrics.jobFinished(job.event, last ? 'failed' : 'retrying', (performance.now() - started) / 1000);
      if (failure.kind === 'rate-limited' && !last) metrics.rateLimitWait('requeued');
      const message = error instanceof Error ? error.message : String(error);
      log.warn({ delivery: job.deliveryId }, `${repositoryKey(job)} ${job.event}: ${message} (${last ? 'failed' : `retry: ${failure.kind}`})`);
      if (failure.kind === 'permanent') throw new UnrecoverableError(message);
      throw error;
    } finally {
      await turn.release().catch(() => undefined);
    }
  }

  const worker = new Worker<QueueEntry>(QUEUE_NAME, processJob, {
    connection: connectRedis(options.redisUrl, { blocking: true }),
    concurrency: options.concurrency ?? 4,
    lockDuration: lockMs,
    stalledInterval: lockMs,
    // A job whose worker died twice still gets a third run; a job that kills workers does not loop forever.
    maxStalledCount: 2,
    settings: { backoffStrategy: (attemptsMade, _type, error) => retryDelay(attemptsMade, error) },
  });
  worker.on('error', (error) => log.error(error));
  await worker.waitUntilReady();

  return {
    metrics,
    async close() {
      await worker.close();
      await worker.disconnect().catch(() => undefined);
      await redis.quit().catch(() => undefined);
    },
  };
}
