/**
 * Production start in queue mode: `npm run bot` with REDIS_URL becomes a web process,
 * `npm run worker` refuses an unusable environment with every problem named.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, test } from 'vitest';
import { startServer } from '../src/start-server.js';
import { startWorkerProcess } from '../src/start-worker.js';
import { appPrivateKey } from './harness.js';
import { startRedisServer, type RedisServer } from './redis-server.js';

let redis: RedisServer | undefined;
afterEach(async () => {
  await redis?.close();
  redis = undefined;
});

const env = () => ({ APP_ID: '1', PRIVATE_KEY: appPrivateKey(), WEBHOOK_SECRET: 's3cret', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'fatal' as const });

test('with REDIS_URL the server checks Redis at start-up and serves /healthz, /metrics and webhooks', async () => {
  await expect(startServer({ ...env(), REDIS_URL: 'redis://127.0.0.1:1' })).rejects.toThrow('REDIS_URL: cannot reach Redis at redis://127.0.0.1:1');
  redis = await startRedisServer();
  const started = await startServer({ ...env(), REDIS_URL: redis.url });
  try {
    const base = `http://127.0.0.1:${started.port}`;
    expect(await (await fetch(`${base}/healthz`)).text()).toBe('ok\n');
    expect(await (await fetch(`${base}/metrics`)).text()).toContain('i18n_drift_queue_jobs{state="waiting"} 0');
    // No ADMIN_TOKEN: the failed list (private repository names) is not served at all.
    expect((await fetch(`${base}/i18n-drift/_admin/queue`)).status).toBe(404);
    const forged = await fetch(`${base}/api/github/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-github-delivery': 'x', 'x-hub-signature-256': 'sha256=00' },
      body: '{}',
    });
    expect(forged.status).toBe(400);
  } finally {
    await started.close();
  }
});

test('a worker refuses to start without Redis or credentials, naming each problem', async () => {
  await expect(startWorkerProcess({ WORKER_CONCURRENCY: '0' })).rejects.toThrow(
    [
      'REDIS_URL is missing: a worker takes its jobs from Redis (redis://host:6379)',
      'APP_ID must be the App\'s numeric ID, got ""',
      'PRIVATE_KEY (or PRIVATE_KEY_PATH) is missing: the worker authenticates as the App',
      'WORKER_CONCURRENCY must be a whole number of at least 1, got "0"',
    ].join('\n'),
  );
  await expect(startWorkerProcess({ ...env(), REDIS_URL: 'redis://127.0.0.1:1', WORKER_NICE: '20' })).rejects.toThrow('WORKER_NICE must be a nice value from 0 to 19, got "20"');
  await expect(startWorkerProcess({ ...env(), REDIS_URL: 'redis://127.0.0.1:1' })).rejects.toThrow('REDIS_URL: cannot reach Redis');
});

test('SIGTERM stops a web process in queue mode: it exits 0, Redis connections closed', async () => {
  redis = await startRedisServer();
  const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));
  const child = spawn(process.execPath, [main], { env: { PATH: process.env.PATH ?? '', ...env(), LOG_LEVEL: 'info', REDIS_URL: redis.url }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stdout.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr.on('data', (d: Buffer) => output.push(d.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  for (let waited = 0; !output.join('').includes('listening on port'); waited += 20) {
    if (child.exitCode !== null || waited > 15_000) throw new Error(`the web process did not start:\n${output.join('')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const port = /listening on port (\d+)/.exec(output.join(''))![1];
  // Probot's throttling opened its Redis connection too: the process must still exit.
  expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).text()).toBe('ok\n');
  child.kill('SIGTERM');
  expect(await exit).toBe(0);
});

/** The nice value of every thread of `pid` (field 19 of /proc/<pid>/task/<tid>/stat). */
const threadNices = (pid: number) =>
  new Set(readdirSync(`/proc/${pid}/task`).map((tid) => Number(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16])));

test.runIf(process.platform === 'linux')('a worker lowers its own scheduling priority: nice 10 by default, WORKER_NICE=0 leaves it', async () => {
  redis = await startRedisServer();
  const workerMain = fileURLToPath(new URL('../dist/worker-main.js', import.meta.url));
  for (const [setting, expected] of [[undefined, 10], ['0', 0], ['15', 15]] as const) {
    const child = spawn(process.execPath, [workerMain], {
      env: { PATH: process.env.PATH ?? '', ...env(), LOG_LEVEL: 'info', REDIS_URL: redis.url, WORKER_PORT: '0', ...(setting === undefined ? {} : { WORKER_NICE: setting }) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const output: string[] = [];
      child.stdout.on('data', (d: Buffer) => output.push(d.toString()));
      child.stderr.on('data', (d: Buffer) => output.push(d.toString()));
      for (let waited = 0; !output.join('').includes('worker running'); waited += 20) {
        if (child.exitCode !== null || waited > 15_000) throw new Error(`the worker did not start:\n${output.join('')}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(output.join('')).toContain(`nice ${expected})`);
      expect(threadNices(child.pid!)).toEqual(new Set([expected]));
    } finally {
      const exit = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exit;
    }
  }
});
