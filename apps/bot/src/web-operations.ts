/**
 * What a web process adds to the webhook route: with `REDIS_URL`, the shared job queue
 * (webhooks are answered once the job is in Redis, and run by workers); always, the
 * operator's routes (`/healthz`, `/metrics`, the queue's admin page).
 */
import { ProbotOctokit } from 'probot';
import type { Enqueue } from './app.js';
import { createJobQueue, type JobQueue } from './job-queue.js';
import { createMetrics, type Metrics } from './metrics.js';
import { createOpsRoutes, type OpsRoutes } from './ops-routes.js';
import { connectRedis } from './redis-keys.js';
import { instrumentOctokit, type ThrottleConnection } from './worker.js';

export interface WebOperations {
  /** Set in queue mode: hand this to `createI18nDriftApp`. */
  enqueue?: Enqueue;
  queue?: JobQueue;
  metrics: Metrics;
  routes: OpsRoutes;
  /** The Octokit class to give Probot: counts requests, and lets `close` end the throttling's Redis connection. */
  Octokit: typeof ProbotOctokit;
  close(): Promise<void>;
}

/**
 * Connect to `env.REDIS_URL` when set (and check that Redis answers); read `ADMIN_TOKEN`.
 * @throws Error naming REDIS_URL when Redis cannot be reached at start-up.
 */
export async function startWebOperations(env: NodeJS.ProcessEnv): Promise<WebOperations> {
  const metrics = createMetrics();
  const adminToken = env.ADMIN_TOKEN || undefined;
  const throttling = new Set<ThrottleConnection>();
  const Octokit = instrumentOctokit(metrics, ProbotOctokit, throttling);
  const disconnect = async () => {
    for (const connection of throttling) await connection.disconnect().catch(() => undefined);
  };
  if (!env.REDIS_URL) return { metrics, routes: createOpsRoutes({ metrics }), Octokit, close: disconnect };

  const queue = await openJobQueue(env.REDIS_URL);
  const enqueue: Enqueue = async (job, key) => {
    try {
      const result = await queue.enqueue(job, key);
      metrics.delivery(result);
      return result;
    } catch (error) {
      metrics.delivery('error');
      throw error;
    }
  };
  return {
    enqueue,
    queue,
    metrics,
    routes: createOpsRoutes({ metrics, queue, adminToken }),
    Octokit,
    async close() {
      await queue.close();
      await disconnect();
    },
  };
}

/** The job queue at `url`, once Redis answered. @throws Error naming REDIS_URL when it does not. */
export async function openJobQueue(url: string): Promise<JobQueue> {
  const queue = createJobQueue(connectRedis(url, { pipelined: true }));
  try {
    await queue.ping();
    await queue.warmUp();
  } catch (error) {
    await queue.close().catch(() => undefined);
    throw new Error(`REDIS_URL: cannot reach Redis at ${redactedUrl(url)} (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  return queue;
}

/** The URL without its password, for messages and logs. */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(not a URL)';
  }
}
