/**
 * A worker process from environment variables: the queue worker, plus a small HTTP
 * server for `/healthz` and `/metrics` so that an orchestrator can probe it and
 * Prometheus scrape it like the web processes.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMetrics } from './metrics.js';
import { createOpsRoutes } from './ops-routes.js';
import { DEFAULT_WORKER_NICE, MAX_NICE, lowerPriority } from './process-priority.js';
import { openJobQueue } from './web-operations.js';
import { instrumentOctokit, startWorker, type ThrottleConnection } from './worker.js';

export interface StartedWorker {
  /** The port of `/healthz` and `/metrics`. */
  port: number;
  /** Stop taking jobs, let the running ones finish, then disconnect and stop serving. */
  close(): Promise<void>;
}

/**
 * Start from REDIS_URL, APP_ID, PRIVATE_KEY (or PRIVATE_KEY_PATH), and optionally
 * WORKER_PORT (default 3001), HOST, WORKER_CONCURRENCY (default 4), WORKER_LOCK_MS
 * (default 30000), WORKER_NICE (default 10: the process lowers its own scheduling
 * priority, see process-priority.ts; 0 leaves it), PUBLIC_URL, GHE_HOST, LOG_LEVEL.
 * @throws Error listing every missing or invalid variable, one per line.
 */
export async function startWorkerProcess(env: NodeJS.ProcessEnv = process.env): Promise<StartedWorker> {
  const problems: string[] = [];
  if (!env.REDIS_URL) problems.push('REDIS_URL is missing: a worker takes its jobs from Redis (redis://host:6379)');
  if (!/^[1-9]\d*$/.test(env.APP_ID ?? '')) problems.push(`APP_ID must be the App's numeric ID, got "${env.APP_ID ?? ''}"`);
  if (!env.PRIVATE_KEY && !env.PRIVATE_KEY_PATH) problems.push('PRIVATE_KEY (or PRIVATE_KEY_PATH) is missing: the worker authenticates as the App');
  const number = (name: string, fallback: number, min: number) => {
    // Empty is unset: a Procfile's `WORKER_PORT=$PORT` where the platform gives workers no PORT.
    const text = env[name] || String(fallback);
    if (!/^\d+$/.test(text) || Number(text) < min) problems.push(`${name} must be a whole number of at least ${min}, got "${text}"`);
    return Number(text);
  };
  const port = number('WORKER_PORT', 3001, 0);
  const concurrency = number('WORKER_CONCURRENCY', 4, 1);
  const lockMs = number('WORKER_LOCK_MS', 30_000, 1000);
  const nice = number('WORKER_NICE', DEFAULT_WORKER_NICE, 0);
  if (nice > MAX_NICE) problems.push(`WORKER_NICE must be a nice value from 0 to ${MAX_NICE}, got "${env.WORKER_NICE}"`);
  if (problems.length > 0) throw new Error(problems.join('\n'));

  const queue = await openJobQueue(env.REDIS_URL!);
  let priority: string;
  try {
    priority = `nice ${lowerPriority(nice)}`;
  } catch (error) {
    // Only an optimisation for the web processes sharing the cores: the jobs run anyway.
    priority = `priority unchanged (${error instanceof Error ? error.message : String(error)})`;
  }
  const { createProbot, ProbotOctokit } = await import('probot');
  const metrics = createMetrics();
  const throttling = new Set<ThrottleConnection>();
  const probot = createProbot({ env, overrides: { Octokit: instrumentOctokit(metrics, ProbotOctokit, throttling) } });
  const worker = await startWorker({ probot, redisUrl: env.REDIS_URL!, concurrency, lockMs, publicUrl: env.PUBLIC_URL, metrics });

  const routes = createOpsRoutes({ metrics, queue });
  const server = http.createServer((req, res) => {
    if (!routes(req, res)) res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, env.HOST, resolve);
  });
  const bound = (server.address() as AddressInfo).port;
  probot.log.info(`i18n-drift worker running (${concurrency} at once, ${priority}); /healthz and /metrics on port ${bound}`);
  return {
    port: bound,
    async close() {
      await worker.close();
      await queue.close();
      for (const connection of throttling) await connection.disconnect().catch(() => undefined);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
