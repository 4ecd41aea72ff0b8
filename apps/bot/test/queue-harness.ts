/**
 * The bot in queue mode, end to end: the emulator harness (GitHub, signed webhooks) with
 * the app as a web process that enqueues into a real redis-server, and workers started on
 * demand — in this process (`startWorker`) or as real child processes of the built
 * `dist/worker-main.js` (`spawnWorker`), which a test can SIGKILL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createI18nDriftApp } from '../src/app.js';
import { createJobQueue, type JobQueue } from '../src/job-queue.js';
import { connectRedis } from '../src/redis-keys.js';
import { startWebOperations, type WebOperations } from '../src/web-operations.js';
import { startWorker, type RunningWorker, type WorkerOptions } from '../src/worker.js';
import { APP_ID, BOT_LOGIN, appPrivateKey, startHarness, type Harness, type HarnessOptions } from './harness.js';
import { startRedisServer, type RedisServer } from './redis-server.js';

export const ADMIN_TOKEN = 'queue-harness-admin-token';
const WORKER_MAIN = fileURLToPath(new URL('../dist/worker-main.js', import.meta.url));

export interface QueueHarness {
  h: Harness;
  redis: RedisServer;
  /** The web process's operations (its enqueue, queue, metrics and routes). */
  web: WebOperations;
  /** A queue handle of the test's own, for reading states. */
  queue: JobQueue;
  /** Start a worker in this process (closed with the harness). */
  startWorker(options?: Partial<WorkerOptions>): Promise<RunningWorker>;
  /** Start `node dist/worker-main.js` as a child process (killed with the harness). */
  spawnWorker(env?: Record<string, string>): Promise<ChildProcess>;
  /** Wait until no webhook is in flight and no job waits, runs or is delayed. */
  drain(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const busy = (c: Record<string, number>) => (c.waiting ?? 0) + (c.active ?? 0) + (c.delayed ?? 0) + (c.prioritized ?? 0);

export async function startQueueHarness(options: HarnessOptions = {}): Promise<QueueHarness> {
  const redis = await startRedisServer();
  const workers: RunningWorker[] = [];
  const children: ChildProcess[] = [];
  let web: WebOperations | undefined;
  let h: Harness | undefined;
  try {
    web = await startWebOperations({ REDIS_URL: redis.url, ADMIN_TOKEN });
    const ops = web;
    h = await startHarness({ ...options, app: () => createI18nDriftApp({ enqueue: ops.enqueue, routes: ops.routes, botLogin: BOT_LOGIN }) });
  } catch (error) {
    await web?.close();
    await redis.close();
    throw error;
  }
  const harness = h;
  const operations = web;
  const queue = createJobQueue(connectRedis(redis.url));

  async function drain(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let quiet = 0;
    while (quiet < 2) {
      if (Date.now() > deadline) throw new Error(`queue not drained after ${timeoutMs} ms: ${JSON.stringify(await queue.counts())}`);
      await harness.settle();
      if (busy(await queue.counts()) === 0) quiet += 1;
      else {
        quiet = 0;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  return {
    h: harness,
    redis,
    web: operations,
    queue,
    drain,
    async startWorker(overrides = {}) {
      const worker = await startWorker({ probot: harness.probot, redisUrl: redis.url, lockMs: 2_000, botLogin: BOT_LOGIN, ...overrides });
      workers.push(worker);
      return worker;
    },
    async spawnWorker(env = {}) {
      if (!existsSync(WORKER_MAIN)) throw new Error(`${WORKER_MAIN} is missing: build the bot first (npx turbo run build --filter=@i18n-drift/bot)`);
      const proxy = new URL(harness.proxy.url);
      const child = spawn(process.execPath, [WORKER_MAIN], {
        env: {
          PATH: process.env.PATH ?? '',
          REDIS_URL: redis.url,
          APP_ID: String(APP_ID),
          PRIVATE_KEY: appPrivateKey(),
          GHE_HOST: proxy.host,
          GHE_PROTOCOL: 'http',
          WORKER_PORT: '0',
          HOST: '127.0.0.1',
          WORKER_LOCK_MS: '2000',
          LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      const output: string[] = [];
      child.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
      child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
      // Ready once it logged that it runs (or failed to start).
      for (let waited = 0; !output.join('').includes('i18n-drift worker running'); waited += 20) {
        if (child.exitCode !== null || waited > 15_000) throw new Error(`worker did not start:\n${output.join('')}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return child;
    },
    async close() {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await Promise.all(workers.map((w) => w.close()));
      await harness.close();
      await operations.close();
      await queue.close();
      await redis.close();
    },
  };
}
