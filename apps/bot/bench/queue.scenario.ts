/**
 * Queue benchmark: 1,000 signed push deliveries for 50 repositories (20 real commits
 * each), sent to a web process (`dist/main.js` with REDIS_URL) and run by 1, 2 and 4
 * worker processes (bench/queue-worker.js), against the emulator behind the counting
 * proxy, with a real redis-server. Each worker count gets a fresh emulator and Redis.
 * Measured: acknowledgement latency, end-to-end jobs per second, GitHub requests per
 * job, lost and duplicated work; and the emulator's own limit (plain reads per second)
 * in the same run. Writes the figures to $BENCH_OUTPUT for bench/run.js.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createEmulator } from 'emulate';
import { expect, test } from 'vitest';
import { adopt } from '@i18n-drift/core';
import { createJobQueue } from '../src/job-queue.js';
import { quantile } from '../src/metrics.js';
import { connectRedis } from '../src/redis-keys.js';
import { APP_ID, APP_SLUG, BOT_LOGIN, appPrivateKey } from '../test/harness.js';
import { startGitHubProxy } from '../test/github-proxy.js';
import { startRedisServer } from '../test/redis-server.js';

const OWNER = 'bench';
const REPOSITORIES = 50;
const PUSHES_PER_REPOSITORY = 20;
const INSTALLATION_ID = 501;
const SECRET = 'bench-webhook-secret';
const TOKEN = 'bench-maintainer-token';
/** 0: acknowledgement only, the web process alone (the queue fills, nothing runs). */
const WORKER_COUNTS = [0, 1, 2, 4];
/** Jobs one worker process runs at once: 1, so that N workers are N syncs at a time. */
const CONCURRENCY = 1;
/** Deliveries in flight at once, as GitHub sends them. */
const SENDERS = 16;
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

const english = (version: number) =>
  `---\ntitle: Privacy\n---\n\nIntro.\n\n## What we collect\n\nYour e-mail address.\n\n## How long we keep it\n\nWe keep logs for ${version + 6} months.\n\n## Your rights\n\nYou may ask us to delete it.\n`;
const french = (text: string) => text.replace('Intro.', 'Introduction.').replace('Your e-mail address.', 'Votre adresse e-mail.').replace('You may ask us to delete it.', 'Vous pouvez demander sa suppression.');

interface Run {
  workers: number;
  deliveries: number;
  ackMs: { p50: number; p99: number; max: number };
  acked: number;
  wallMs: number;
  jobsPerSecond: number;
  syncs: number;
  coalesced: number;
  failed: number;
  requests: number;
  requestsPerJob: number;
  requestsPerSync: number;
  lost: number;
  duplicated: number;
  /** The emulator's own rate, measured before the run: plain reads per second. */
  emulatorReadsPerSecond: number;
}

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
            installations: [{ installation_id: INSTALLATION_ID, account: OWNER }],
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
      env: { PATH: process.env.PATH ?? '', APP_ID: String(APP_ID), PRIVATE_KEY: privateKey, REDIS_URL: redis.url, GITHUB_URL: proxy.url, BOT_LOGIN, WORKER_CONCURRENCY: String(CONCURRENCY) },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  children.push(...workers);
  await Promise.all(workers.map((w) => waitForLine(w, /bench worker ready/, 'a worker')));
  const queue = createJobQueue(connectRedis(redis.url));

  try {
    // 1,000 deliveries, repositories interleaved (push v of every repository, then v+1, ...).
    const deliveries: { body: string; id: string }[] = [];
    for (let v = 1; v <= PUSHES_PER_REPOSITORY; v += 1) {
      for (let r = 0; r < REPOSITORIES; r += 1) {
        const payload = {
          ref: 'refs/heads/main',
          before: chains[r]![v - 1],
          after: chains[r]![v],
          created: false,
          deleted: false,
          forced: false,
          repository: repositories[r],
          sender: { login: 'maintainer', type: 'User' },
          installation: { id: INSTALLATION_ID },
        };
        deliveries.push({ body: JSON.stringify(payload), id: `bench-${r}-${v}` });
      }
    }
    const webhookUrl = `http://127.0.0.1:${webPort}/api/github/webhooks`;
    // Warm the web process (its one GET /app, for the bot's login) outside the measurement:
    // a push to another branch, which it ignores.
    const warm = JSON.stringify({ ref: 'refs/heads/warm-up', before: chains[0]![0], after: chains[0]![1], repository: repositories[0], sender: { login: 'maintainer' }, installation: { id: INSTALLATION_ID } });
    await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-github-delivery': 'warm-up', 'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(warm).digest('hex')}` },
      body: warm,
    }).then((r) => r.text());
    proxy.reset();
    const input = join(scratch, 'deliveries.json');
    writeFileSync(input, JSON.stringify({ url: webhookUrl, secret: SECRET, senders: SENDERS, deliveries }));
    const started = performance.now();
    const sender = spawn(process.execPath, [here('./queue-sender.js'), input], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(sender);
    const sent = waitForLine(sender, /\{"acks":.*\}\n/, 'the sender', 600_000);
    if (workerCount === 0) await sent;
    for (; workerCount > 0; ) {
      const c = await queue.counts();
      if (c.completed + c.failed >= deliveries.length && c.waiting + c.active + c.delayed + c.prioritized === 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const wallMs = performance.now() - started;
    const counts = await queue.counts();
    const { acks, acked } = JSON.parse((await sent)[0]) as { acks: number[]; acked: number };
    const sortedAcks = [...acks].sort((a, b) => a - b);
    const ackMs = { p50: quantile(sortedAcks, 0.5), p99: quantile(sortedAcks, 0.99), max: sortedAcks.at(-1)! };
    if (workerCount === 0) {
      // Acknowledgement only: every delivery must be waiting in Redis, once.
      return { workers: 0, deliveries: deliveries.length, ackMs, acked, wallMs, jobsPerSecond: counts.waiting / (wallMs / 1000), syncs: 0, coalesced: 0, failed: counts.failed,
        requests: 0, requestsPerJob: 0, requestsPerSync: 0, lost: Math.max(0, deliveries.length - counts.waiting), duplicated: Math.max(0, counts.waiting - deliveries.length), emulatorReadsPerSecond };
    }

    // Each worker finishes and reports what it ran.
    let syncs = 0;
    let coalesced = 0;
    for (const w of workers) {
      const report = waitForLine(w, /\{"metrics":.*\}\n/, 'a worker report');
      w.kill('SIGTERM');
      const { metrics } = JSON.parse((await report)[0]) as { metrics: string };
      syncs += Number(/i18n_drift_jobs_total\{event="push",outcome="done"\} (\d+)/.exec(metrics)?.[1] ?? 0);
      coalesced += Number(/i18n_drift_jobs_total\{event="push",outcome="coalesced"\} (\d+)/.exec(metrics)?.[1] ?? 0);
    }

    // Lost: an acknowledged push whose commit is not what its repository's branch ends on.
    // Duplicated: more than one pull request, or more than one commit ahead, per repository.
    let lost = 0;
    let duplicated = 0;
    for (let r = 0; r < REPOSITORIES; r += 1) {
      const path = `/repos/${OWNER}/docs-${r}`;
      const pulls = await api('GET', `${path}/pulls?state=all&per_page=100`);
      const compare = await api('GET', `${path}/compare/main...i18n-drift/fr`).catch(() => null);
      const ahead = compare?.commits ?? [];
      if (pulls.length > 1 || ahead.length > 1) duplicated += 1;
      if (pulls.length === 0 || ahead.length === 0 || ahead[0].parents[0].sha !== chains[r]!.at(-1)) lost += 1;
    }
    const requests = proxy.apiRequests();
    const total = requests.reads.length + requests.writes.length;
    return {
      workers: workerCount,
      deliveries: deliveries.length,
      ackMs,
      acked,
      wallMs,
      jobsPerSecond: counts.completed / (wallMs / 1000),
      syncs,
      coalesced,
      failed: counts.failed,
      requests: total,
      requestsPerJob: total / deliveries.length,
      requestsPerSync: syncs === 0 ? 0 : total / syncs,
      lost,
      duplicated,
      emulatorReadsPerSecond,
    };
  } finally {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await queue.close();
    await proxy.close();
    await emulator.close();
    await new Promise<void>((resolve) => sink.close(() => resolve()));
    await redis.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

test('queue: 1,000 deliveries, 50 repositories, 1/2/4 workers', async () => {
  const runs: Run[] = [];
  for (const n of WORKER_COUNTS) runs.push(await measureRun(n));
  for (const run of runs) {
    expect(run.acked).toBe(run.deliveries);
    expect(run.failed).toBe(0);
  }
  writeFileSync(process.env.BENCH_OUTPUT ?? '/dev/null', JSON.stringify({ repositories: REPOSITORIES, pushesPerRepository: PUSHES_PER_REPOSITORY, concurrency: CONCURRENCY, senders: SENDERS, runs }));
}, 900_000);
