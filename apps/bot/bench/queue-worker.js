// One queue worker process for the queue benchmark (bench/queue.scenario.ts): the built
// worker (dist/), like `npm run worker`, but with Probot's throttling and retries and
// GitHub's hourly write budget off, as the other benchmark runs, so that the figures say
// what the app and the queue cost, not how long GitHub's limits make it wait. Like the
// built worker it lowers its scheduling priority to WORKER_NICE (default 10; 0 leaves it).
// On SIGTERM it finishes its jobs and prints its metrics and the CPU time it used.
import { Probot, ProbotOctokit } from 'probot';
import { DEFAULT_WORKER_NICE, lowerPriority } from '../dist/process-priority.js';
import { connectRedis } from '../dist/redis-keys.js';
import { startWorker } from '../dist/worker.js';
import { createWriteBudget } from '../dist/write-budget.js';

const env = process.env;
const Octokit = ProbotOctokit.defaults((o) => ({ ...o, retry: { enabled: false }, throttle: { ...o?.throttle, enabled: false } }));
const probot = new Probot({ appId: Number(env.APP_ID), privateKey: env.PRIVATE_KEY, baseUrl: env.GITHUB_URL, Octokit, logLevel: 'fatal' });
const budgetRedis = connectRedis(env.REDIS_URL);
const worker = await startWorker({
  probot,
  redisUrl: env.REDIS_URL,
  concurrency: Number(env.WORKER_CONCURRENCY),
  botLogin: env.BOT_LOGIN,
  writeBudget: createWriteBudget(budgetRedis, { limit: Number.MAX_SAFE_INTEGER }),
});
const nice = lowerPriority(Number(env.WORKER_NICE || DEFAULT_WORKER_NICE));
// CPU from here on: the jobs, not loading the modules.
const cpuReady = process.cpuUsage();
process.stdout.write(`bench worker ready (nice ${nice})\n`);
process.once('SIGTERM', async () => {
  await worker.close();
  await budgetRedis.quit();
  const cpu = process.cpuUsage(cpuReady);
  process.stdout.write(`${JSON.stringify({ metrics: worker.metrics.render(), cpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
});
