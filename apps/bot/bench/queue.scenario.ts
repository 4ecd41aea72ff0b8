/**
 * Queue benchmark: signed push deliveries for 50 repositories (20 real English commits
 * each, every one a distinct change: 1,000 deliveries), sent to a web process
 * (`dist/main.js` with REDIS_URL) and run by 1, 2 and 4 worker processes
 * (bench/queue-worker.js), against the emulator behind the counting proxy, with a real
 * redis-server. Each worker count gets a fresh emulator and Redis.
 *
 * Phase 0 sends 1,000 deliveries one at a time, then 1,000 more 16 in flight, to the web
 * process alone: the acknowledgement by itself. With workers, the deliveries of one repository are paced:
 * each is sent once the job of the previous one has finished, so every delivery is a sync
 * of its own (none coalesces into another) while the 50 repositories run side by side;
 * what is counted is executed syncs, checked against the emulator's state afterwards
 * (one pull request per repository, one update comment per later push, the locale
 * branch on the last English commit). Measured: acknowledgement latency (with the
 * workers running), syncs per second, GitHub requests per sync, CPU per sync of the
 * workers and of the emulator (whose single thread bounds the run), lost and duplicated.
 *
 * QUEUE_BENCH_LATENCY_MS (default 0) holds every GitHub request that long in the proxy,
 * a model of GitHub's round trip; QUEUE_BENCH_PUSHES (default 20) sets the pushes per
 * repository; QUEUE_BENCH_WORKER_NICE the workers' WORKER_NICE (unset: the worker's
 * default); QUEUE_BENCH_EMULATOR_NICE (default 0) lowers this process's priority (the
 * emulator, GitHub's stand-in, which in production runs elsewhere) while the deliveries
 * are sent, raised back afterwards (that needs root or CAP_SYS_NICE). Writes the figures
 * to $BENCH_OUTPUT for bench/run.js.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createEmulator } from 'emulate';
import { expect, test } from 'vitest';
import { getPriority, setPriority } from 'node:os';
import { adopt } from '@i18n-drift/core';
import { createJobQueue } from '../src/job-queue.js';
import { quantile } from '../src/metrics.js';
import { lowerPriority } from '../src/process-priority.js';
import { connectRedis } from '../src/redis-keys.js';
import { APP_ID, APP_SLUG, BOT_LOGIN, appPrivateKey } from '../test/harness.js';
import { startGitHubProxy } from '../test/github-proxy.js';
import { startRedisServer } from '../test/redis-server.js';

const OWNER = 'bench';
const REPOSITORIES = 50;
const PUSHES_PER_REPOSITORY = Number(process.env.QUEUE_BENCH_PUSHES ?? 20);
/** Held in the proxy before each GitHub request is forwarded: GitHub's round trip, modelled. */
const LATENCY_MS = Number(process.env.QUEUE_BENCH_LATENCY_MS ?? 0);
const WORKER_NICE = process.env.QUEUE_BENCH_WORKER_NICE;
const EMULATOR_NICE = Number(process.env.QUEUE_BENCH_EMULATOR_NICE ?? 0);
/**
 * The emulator enforces GitHub's primary limit (5,000 requests an hour per token, one
 * token per installation and process): 1,000 syncs of ≈ 20 requests need more than one
 * budget, so the repositories are spread over 10 installations, as over 10 organisations.
 */
const INSTALLATIONS = 10;
const installationOf = (r: number) => 501 + (r % INSTALLATIONS);
const SECRET = 'bench-webhook-secret';
const TOKEN = 'bench-maintainer-token';
/** 0: acknowledgement only, the web process alone (the queue fills, nothing runs). */
const WORKER_COUNTS = (process.env.QUEUE_BENCH_WORKERS ?? '0,1,2,4').split(',').map(Number);
/** Jobs one worker process runs at once: 1, so that N workers are N syncs at a time. */
const CONCURRENCY = 1;
/**
 * Phase 0 (the acknowledgement alone, no worker): 1,000 deliveries one at a time, then
 * 1,000 more 16 in flight, whatever `--pushes` says (the pushes of the 50 repositories
 * over again, each delivery an id of its own, so each one a job).
 */
const ACK_DELIVERIES = 1_000;
const SENDERS = 16;
/** The first acknowledgements of a fresh web process, listed apart (start-up costs show there, if any). */
const FIRST_ACKS = 10;
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

const english = (version: number) =>
  `---\ntitle: Privacy\n---\n\nIntro.\n\n## What we collect\n\nYour e-mail address.\n\n## How long we keep it\n\nWe keep logs for ${version + 6} months.\n\n## Your rights\n\nYou may ask us to delete it.\n`;
const french = (text: string) => text.replace('Intro.', 'Introduction.').replace('Your e-mail address.', 'Votre adresse e-mail.').replace('You may ask us to delete it.', 'Vous pouvez demander sa suppression.');

interface Run {
  workers: number;
  deliveries: number;
  /** Every acknowledgement (phase 0: those sent 16 in flight). */
  ackMs: Percentiles;
  /**
   * With workers, the same split in two: the first push of every repository (the 50 go
   * out at once, to a web process that has served none yet) and every later push (sent
   * when its repository's previous job finished, so a few at a time).
   */
  ackMsFirstPushes: Percentiles | null;
  ackMsLaterPushes: Percentiles | null;
  /** Most deliveries in flight at once. */
  maxInFlight: number;
  /** Phase 0: the deliveries sent one at a time (all of them, the first ones included). */
  sequentialAckMs: Percentiles | null;
  /** Phase 0: the first acknowledgements of the fresh web process, in order. */
  firstAcksMs: number[];
  /** CPU time of the web process per delivery (from /proc), whatever else the machine runs. */
  webCpuMsPerDelivery: number;
  acked: number;
  wallMs: number;
  /** Executed syncs per second (phase 0: deliveries queued per second). */
  jobsPerSecond: number;
  syncs: number;
  coalesced: number;
  failed: number;
  requests: number;
  requestsPerSync: number;
  lost: number;
  duplicated: number;
  /** CPU time per sync: the worker processes together, and this process (the emulator and the proxy). */
  workerCpuMsPerSync: number;
  emulatorCpuMsPerSync: number;
  /** The emulator's own limit: plain reads per second, measured before the run. */
  emulatorReadsPerSecond: number;
  /** The machine's 1-minute load average when the run started: how much else ran. */
  loadAverage: number;
  /** The workers' nice value (as they report it) and the emulator's while the deliveries went. */
  workerNice: number | null;
  emulatorNice: number;
}

interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function percentiles(values: readonly number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), p99: quantile(sorted, 0.99), max: sorted.at(-1)! };
}

/** User + system CPU time of process `pid` so far, from /proc (Linux), in ms. */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // Fields 14 and 15 of stat (utime, stime), counted after "pid (comm) ": indexes 11 and 12.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}
/** sysconf(_SC_CLK_TCK): 100 on every Linux this runs on. */
const CLOCK_TICKS = 100;

function waitForLine(child: ChildProcess, pattern: RegExp, what: string, timeoutMs = 30_000): Promise<RegExpExecArray> {
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: nothing after ${timeoutMs} ms:\n${output.join('')}`)), timeoutMs);
    const look = (d: Buffer) => {
      output.push(d.toString());
      const match = pattern.exec(output.join(''));
      if (match) {
        clearTimeout(timer);
        // Stop reading into memory (the web process logs every delivery); keep draining the pipes.
        child.stdout?.off('data', look);
        child.stderr?.off('data', look);
        child.stdout?.resume();
        child.stderr?.resume();
        resolve(match);
      }
    };
    child.stdout?.on('data', look);
    child.stderr?.on('data', look);
    child.once('exit', () => reject(new Error(`${what} exited:\n${output.join('')}`)));
  });
}

async function measureRun(workerCount: number): Promise<Run> {
  const loadAverage = loadavg()[0]!;
  const scratch = mkdtempSync(join(tmpdir(), 'i18n-drift-queue-bench-'));
  const redis = await startRedisServer();
  // The emulator delivers its own webhooks (branch creation, PRs opened) here, and they
  // are dropped: the benchmark measures the 1,000 deliveries it sends itself.
  const sink = http.createServer((req, res) => {
    req.resume();
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const privateKey = appPrivateKey();
  const emulator = await createEmulator({
    service: 'github',
    port: 0,
    seed: {
      tokens: { [TOKEN]: { login: 'maintainer', scopes: ['repo'] } },
      github: {
        users: [{ login: 'nobody', name: 'Nobody' }, { login: 'maintainer', name: 'Mia', email: 'mia@bench.test' }],
        orgs: [{ login: OWNER, name: 'Bench', members: [{ login: 'maintainer', role: 'admin' }] }],
        repos: Array.from({ length: REPOSITORIES }, (_, i) => ({ owner: OWNER, name: `docs-${i}`, default_branch: 'main', auto_init: true })),
        apps: [
          {
            app_id: APP_ID,
            slug: APP_SLUG,
            name: 'i18n-drift',
            private_key: privateKey,
            permissions: { contents: 'write', pull_requests: 'write', checks: 'write', metadata: 'read', issues: 'write' },
            events: ['push', 'pull_request'],
            webhook_url: `http://127.0.0.1:${(sink.address() as AddressInfo).port}/`,
            webhook_secret: SECRET,
            installations: Array.from({ length: INSTALLATIONS }, (_, i) => ({ installation_id: installationOf(i), account: OWNER })),
          },
        ],
      },
    },
  });
  const emulatorUrl = emulator.url.replace('//localhost:', '//127.0.0.1:');
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${emulatorUrl}${path}`, {
      method,
      headers: { authorization: `token ${TOKEN}`, accept: 'application/vnd.github+json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} -> ${response.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };

  // Per repository: a seed commit with the configuration and adopted French, then 20
  // English commits (one tree and one commit each), the branch moved once at the end.
  const chains: string[][] = [];
  const repositories: any[] = [];
  for (let r = 0; r < REPOSITORIES; r += 1) {
    const path = `/repos/${OWNER}/docs-${r}`;
    const head = (await api('GET', `${path}/git/ref/heads/main`)).object.sha as string;
    const parent = await api('GET', `${path}/git/commits/${head}`);
    const seedTree = await api('POST', `${path}/git/trees`, {
      base_tree: parent.tree.sha,
      tree: [
        { path: '.github/i18n-drift.yml', mode: '100644', type: 'blob', content: 'sourceLocale: en\nfiles:\n  - locales/{locale}/**/*.md\n' },
        { path: 'locales/en/privacy.md', mode: '100644', type: 'blob', content: english(0) },
        { path: 'locales/fr/privacy.md', mode: '100644', type: 'blob', content: french(english(0)) },
      ],
    });
    const seed = await api('POST', `${path}/git/commits`, { message: 'Seed', tree: seedTree.sha, parents: [head] });
    const adoptedTree = await api('POST', `${path}/git/trees`, {
      base_tree: seedTree.sha,
      tree: [{ path: 'locales/fr/privacy.md', mode: '100644', type: 'blob', content: adopt(english(0), french(english(0)), { sourceCommit: seed.sha }).text }],
    });
    let previous = await api('POST', `${path}/git/commits`, { message: 'Adopt', tree: adoptedTree.sha, parents: [seed.sha] });
    const chain = [previous.sha as string];
    for (let v = 1; v <= PUSHES_PER_REPOSITORY; v += 1) {
      const tree = await api('POST', `${path}/git/trees`, { base_tree: previous.tree.sha, tree: [{ path: 'locales/en/privacy.md', mode: '100644', type: 'blob', content: english(v) }] });
      previous = await api('POST', `${path}/git/commits`, { message: `Keep logs ${v + 6} months`, tree: tree.sha, parents: [previous.sha] });
      chain.push(previous.sha);
    }
    await api('PATCH', `${path}/git/refs/heads/main`, { sha: previous.sha, force: true });
    chains.push(chain);
    repositories.push(await api('GET', path));
  }

  // The emulator's own limit: plain reads per second, with as many in flight as the workers use.
  const probes = 1_000;
  const probeStart = performance.now();
  await Promise.all(
    Array.from({ length: 16 }, async (_, s) => {
      for (let i = s; i < probes; i += 16) await api('GET', `/repos/${OWNER}/docs-${i % REPOSITORIES}/git/ref/heads/main`);
    }),
  );
  const emulatorReadsPerSecond = probes / ((performance.now() - probeStart) / 1000);

  const proxy = await startGitHubProxy(emulatorUrl);
  const children: ChildProcess[] = [];
  const web = spawn(process.execPath, [here('../dist/main.js')], {
    env: {
      PATH: process.env.PATH ?? '',
      APP_ID: String(APP_ID),
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: SECRET,
      REDIS_URL: redis.url,
      PORT: '0',
      HOST: '127.0.0.1',
      GHE_HOST: new URL(proxy.url).host,
      GHE_PROTOCOL: 'http',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(web);
  const webPort = (await waitForLine(web, /listening on port (\d+)/, 'the web process'))[1];
  const workers = Array.from({ length: workerCount }, () =>
    spawn(process.execPath, [here('./queue-worker.js')], {
      env: { PATH: process.env.PATH ?? '', APP_ID: String(APP_ID), PRIVATE_KEY: privateKey, REDIS_URL: redis.url, GITHUB_URL: proxy.url, BOT_LOGIN, WORKER_CONCURRENCY: String(CONCURRENCY), ...(WORKER_NICE === undefined ? {} : { WORKER_NICE }) },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  children.push(...workers);
  const ready = await Promise.all(workers.map((w) => waitForLine(w, /bench worker ready \(nice (\d+)\)/, 'a worker')));
  const workerNice = ready.length === 0 ? null : Number(ready[0]![1]);
  const queue = createJobQueue(connectRedis(redis.url));

  try {
    // One stream of deliveries per repository, in commit order: push v goes from commit v-1 to v.
    const delivery = (r: number, i: number, id: string) => {
      const chain = chains[r]!;
      const payload = {
        ref: 'refs/heads/main',
        before: chain[i],
        after: chain[i + 1],
        created: false,
        deleted: false,
        forced: false,
        repository: repositories[r],
        sender: { login: 'maintainer', type: 'User' },
        installation: { id: installationOf(r) },
      };
      return { body: JSON.stringify(payload), id };
    };
    const streams =
      workerCount === 0
        ? [Array.from({ length: 2 * ACK_DELIVERIES }, (_, k) => delivery(k % REPOSITORIES, Math.floor(k / REPOSITORIES) % PUSHES_PER_REPOSITORY, `bench-ack-${k}`))]
        : chains.map((_, r) => Array.from({ length: PUSHES_PER_REPOSITORY }, (_, i) => delivery(r, i, `bench-${r}-${i + 1}`)));
    const deliveries = streams.flat().length;
    const webhookUrl = `http://127.0.0.1:${webPort}/api/github/webhooks`;
    // Warm the web process (its one GET /app, for the bot's login) outside the measurement:
    // a push to another branch, which it ignores.
    const warm = JSON.stringify({ ref: 'refs/heads/warm-up', before: chains[0]![0], after: chains[0]![1], repository: repositories[0], sender: { login: 'maintainer' }, installation: { id: installationOf(0) } });
    await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-github-delivery': 'warm-up', 'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(warm).digest('hex')}` },
      body: warm,
    }).then((r) => r.text());
    proxy.reset();
    if (LATENCY_MS > 0) proxy.onRequest(() => new Promise((resolve) => setTimeout(resolve, LATENCY_MS)));
    const input = join(scratch, 'deliveries.json');
    writeFileSync(input, JSON.stringify({ url: webhookUrl, secret: SECRET, mode: workerCount === 0 ? 'burst' : 'paced', senders: SENDERS, sequential: workerCount === 0 ? ACK_DELIVERIES : 0, redisUrl: redis.url, streams }));
    const cpuStart = process.cpuUsage();
    const webCpuStart = processCpuMs(web.pid!);
    const sender = spawn(process.execPath, [here('./queue-sender.js'), input], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(sender);
    // The sender (just started) keeps the default priority; from here on this process
    // (the emulator and the proxy) yields to the web process, Redis and the sender.
    if (EMULATOR_NICE > 0) lowerPriority(EMULATOR_NICE);
    const report = JSON.parse((await waitForLine(sender, /\{"acks":.*\}\n/, 'the sender', 1_800_000))[0]) as {
      acks: number[];
      inFlightAtSend: number[];
      positions: number[];
      sequentialAcks: number[];
      acked: number;
      completed: number;
      failed: number;
      firstSentAt: number;
      lastDoneAt: number;
    };
    const cpu = process.cpuUsage(cpuStart);
    const emulatorCpuMs = (cpu.user + cpu.system) / 1000;
    const webCpuMsPerDelivery = (processCpuMs(web.pid!) - webCpuStart) / deliveries;
    const wallMs = report.lastDoneAt - report.firstSentAt;
    const counts = await queue.counts();
    const ackMs = percentiles(report.acks);
    const sequentialAckMs = report.sequentialAcks.length === 0 ? null : percentiles(report.sequentialAcks);
    const firstAcksMs = report.sequentialAcks.slice(0, FIRST_ACKS);
    if (process.env.QUEUE_BENCH_RAW) writeFileSync(`${process.env.QUEUE_BENCH_RAW}-${workerCount}.json`, JSON.stringify(report));
    const split = (keep: (position: number) => boolean) => {
      const values = report.acks.filter((_, i) => keep(report.positions[i]!));
      return workerCount === 0 || values.length === 0 ? null : percentiles(values);
    };
    const ackMsFirstPushes = split((position) => position === 0);
    const ackMsLaterPushes = split((position) => position > 0);
    const maxInFlight = Math.max(0, ...report.inFlightAtSend);
    const common = { workerNice, emulatorNice: EMULATOR_NICE, deliveries, ackMs, ackMsFirstPushes, ackMsLaterPushes, maxInFlight, sequentialAckMs, firstAcksMs, webCpuMsPerDelivery, acked: report.acked, wallMs, emulatorReadsPerSecond, loadAverage };
    if (workerCount === 0) {
      // Acknowledgement only: every delivery must be waiting in Redis, once.
      return { ...common, workers: 0, jobsPerSecond: counts.waiting / (wallMs / 1000), syncs: 0, coalesced: 0, failed: counts.failed, requests: 0, requestsPerSync: 0,
        lost: Math.max(0, deliveries - counts.waiting), duplicated: Math.max(0, counts.waiting - deliveries), workerCpuMsPerSync: 0, emulatorCpuMsPerSync: 0 };
    }

    // Each worker finishes and reports what it ran and the CPU it used.
    let syncs = 0;
    let coalesced = 0;
    let workerCpuMs = 0;
    for (const w of workers) {
      const done = waitForLine(w, /\{"metrics":.*\}\n/, 'a worker report');
      w.kill('SIGTERM');
      const { metrics, cpuMs } = JSON.parse((await done)[0]) as { metrics: string; cpuMs: number };
      syncs += Number(/i18n_drift_jobs_total\{event="push",outcome="done"\} (\d+)/.exec(metrics)?.[1] ?? 0);
      coalesced += Number(/i18n_drift_jobs_total\{event="push",outcome="coalesced"\} (\d+)/.exec(metrics)?.[1] ?? 0);
      workerCpuMs += cpuMs;
    }
    const requests = proxy.apiRequests();
    const total = requests.reads.length + requests.writes.length;

    // Checked against GitHub's (the emulator's) state, per repository: one pull request,
    // opened by the first push and given one update comment by each later push's sync;
    // its locale branch one commit ahead of the last English commit.
    // Lost: a push whose sync left no trace (fewer comments, or the branch behind).
    // Duplicated: a second pull request, more comments than pushes, or more syncs or
    // completed jobs than deliveries.
    let lost = Math.max(0, deliveries - report.completed);
    let duplicated = Math.max(0, syncs - deliveries) + Math.max(0, counts.completed - deliveries);
    for (let r = 0; r < REPOSITORIES; r += 1) {
      const path = `/repos/${OWNER}/docs-${r}`;
      const pulls = await api('GET', `${path}/pulls?state=all&per_page=100`);
      const comments = pulls.length === 0 ? [] : await api('GET', `${path}/issues/${pulls[0].number}/comments?per_page=100`);
      const compare = await api('GET', `${path}/compare/main...i18n-drift/fr`).catch(() => null);
      const ahead = compare?.commits ?? [];
      duplicated += Math.max(0, pulls.length - 1) + Math.max(0, comments.length - (PUSHES_PER_REPOSITORY - 1)) + Math.max(0, ahead.length - 1);
      lost += Math.max(0, PUSHES_PER_REPOSITORY - 1 - comments.length) + (pulls.length === 0 || ahead.length === 0 || ahead[0].parents[0].sha !== chains[r]!.at(-1) ? 1 : 0);
    }
    return {
      ...common,
      workers: workerCount,
      jobsPerSecond: syncs / (wallMs / 1000),
      syncs,
      coalesced,
      failed: report.failed + counts.failed,
      requests: total,
      requestsPerSync: syncs === 0 ? 0 : total / syncs,
      lost,
      duplicated,
      workerCpuMsPerSync: syncs === 0 ? 0 : workerCpuMs / syncs,
      emulatorCpuMsPerSync: syncs === 0 ? 0 : emulatorCpuMs / syncs,
    };
  } finally {
    if (EMULATOR_NICE > 0) restorePriority();
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await queue.close();
    await proxy.close();
    await emulator.close();
    await new Promise<void>((resolve) => sink.close(() => resolve()));
    await redis.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Back to nice 0 on every thread, so that the next run's processes do not inherit the emulator's. */
function restorePriority(): void {
  for (const id of readdirSync(`/proc/${process.pid}/task`).map(Number)) if (getPriority(id) !== 0) setPriority(id, 0);
}

test('queue: 50 repositories x 20 pushes, 1/2/4 workers', async () => {
  const runs: Run[] = [];
  for (const n of WORKER_COUNTS) runs.push(await measureRun(n));
  for (const run of runs) {
    expect(run.acked).toBe(run.deliveries);
    expect(run.failed).toBe(0);
  }
  writeFileSync(process.env.BENCH_OUTPUT ?? '/dev/null', JSON.stringify({ repositories: REPOSITORIES, pushesPerRepository: PUSHES_PER_REPOSITORY, concurrency: CONCURRENCY, senders: SENDERS, latencyMs: LATENCY_MS, cores: availableParallelism(), runs }));
}, 3_600_000);
