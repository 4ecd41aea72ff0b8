/**
 * The App on the Redis queue, end to end: a web process that enqueues and answers, real
 * redis-server, workers in this process, the emulator as GitHub. Assertions read the
 * state GitHub ends in and the queue's own records.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import { Probot, createNodeMiddleware } from 'probot';
import { afterEach, expect, test, vi } from 'vitest';
import { createI18nDriftApp } from '../src/app.js';
import { deliveryKey } from '../src/delivery-log.js';
import { QUEUE_NAME, connectRedis, deliveryRedisKey } from '../src/redis-keys.js';
import { startWebOperations } from '../src/web-operations.js';
import { createWriteBudget } from '../src/write-budget.js';
import { APP_ID, BOT_LOGIN, DEFAULT_CONFIG, INSTALLATION_ID, OWNER, REPO, WEBHOOK_PATH, WEBHOOK_SECRET, appPrivateKey, seedFiles } from './harness.js';
import { ADMIN_TOKEN, startQueueHarness, type QueueHarness } from './queue-harness.js';

const EN = 'locales/en/your-data.md';
const CONFIG = '.github/i18n-drift.yml';
const RETENTION = /We keep these logs for \d+ months\./;

let q: QueueHarness;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await q?.close();
});

function bull(): Queue {
  const queue = new Queue(QUEUE_NAME, { connection: connectRedis(q.redis.url) });
  cleanups.push(async () => {
    await queue.close();
  });
  return queue;
}

async function setRetention(months: number): Promise<string> {
  const text = (await q.h.readFile(EN, 'main'))!;
  expect(text).toMatch(RETENTION);
  return q.h.push({ branch: 'main', files: { [EN]: text.replace(RETENTION, `We keep these logs for ${months} months.`) }, message: `Keep logs ${months} months` });
}

/** The CLI's entry, from its sources (another workspace: not part of this package's type program). */
const CLI_MAIN = new URL('../../cli/src/main.ts', import.meta.url).href;

/** The `i18n-drift` CLI, run in this process with the admin token in its environment. */
async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
  vi.stubEnv('I18N_DRIFT_ADMIN_TOKEN', ADMIN_TOKEN);
  try {
    const { main } = (await import(/* @vite-ignore */ CLI_MAIN)) as { main: (argv: string[]) => Promise<number> };
    const code = await main([...argv, '--lang', 'en']);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
    vi.unstubAllEnvs();
  }
}

const pushDeliveries = () => q.h.deliveries.filter((d) => d.headers['x-github-event'] === 'push');

test('the web process answers at once with the job in Redis as data; a redelivery adds no second job; a worker then runs it', async () => {
  q = await startQueueHarness();
  const sha = await setRetention(12);
  await q.h.settle();

  // No worker yet: the delivery was answered and the job waits, as plain JSON.
  const queue = bull();
  const waiting = await queue.getWaiting();
  expect(waiting).toHaveLength(1);
  const [delivery] = pushDeliveries();
  expect(waiting[0]!.data.job).toEqual({
    event: 'push',
    installationId: INSTALLATION_ID,
    owner: OWNER,
    repo: REPO,
    defaultBranch: 'main',
    deliveryId: delivery!.headers['x-github-delivery'],
    from: q.h.seedSha,
    to: sha,
  });
  expect(Object.keys(await q.h.branches())).toEqual(['main']);

  // Claimed for GitHub's 3 days of redeliveries, in the same script that added the job.
  const claim = deliveryRedisKey(deliveryKey(delivery!.headers['x-github-delivery']!, 'push', JSON.parse(delivery!.body)));
  const redis = connectRedis(q.redis.url);
  cleanups.push(async () => void (await redis.quit()));
  expect(await redis.ttl(claim)).toBeGreaterThan(3 * 24 * 3600 - 60);
  expect(await redis.ttl(claim)).toBeLessThanOrEqual(3 * 24 * 3600);
  expect(waiting[0]!.data.seq).toBe(1);
  expect(waiting[0]!.data.deliveryKey).toBe(deliveryKey(delivery!.headers['x-github-delivery']!, 'push', JSON.parse(delivery!.body)));
  // GitHub's "Redeliver": answered, and ignored.
  expect(await q.h.deliver(delivery!)).toBe(200);
  expect(await queue.getJobCounts('waiting', 'active', 'completed')).toMatchObject({ waiting: 1, active: 0, completed: 0 });
  expect(q.web.metrics.render()).toContain('i18n_drift_deliveries_total{result="duplicate"} 1');

  const worker = await q.startWorker();
  await q.drain();
  expect(Object.keys(await q.h.branches()).sort()).toEqual(['i18n-drift/fr', 'i18n-drift/nl', 'main']);
  const pulls = await q.h.pulls();
  expect(pulls.map((p) => [p.head, p.state])).toEqual([
    ['i18n-drift/fr', 'open'],
    ['i18n-drift/nl', 'open'],
  ]);
  expect(pulls[0]!.body).toContain('12');
  const metrics = worker.metrics.render();
  expect(metrics).toMatch(/i18n_drift_jobs_total\{event="push",outcome="done"\} 1/);
  expect(metrics).toMatch(/i18n_drift_job_duration_seconds\{event="push",quantile="0.99"\} [0-9.]+/);
});

test('an installation is answered before any worker runs, without a single request to GitHub: the job is the payload\'s data; a worker then onboards the repository', async () => {
  const seeds = seedFiles();
  const translations = ['locales/fr/your-data.md', 'locales/nl/your-data.md'];
  // Translations that existed before the app (no pins): the onboarding has work to do.
  q = await startQueueHarness({ files: Object.fromEntries([EN, ...translations].map((p) => [p, seeds[p]!])), config: DEFAULT_CONFIG, adopt: false });
  q.h.proxy.reset();
  const installation = {
    action: 'created',
    installation: { id: INSTALLATION_ID, account: { login: OWNER } },
    repositories: [{ id: 1, name: REPO, full_name: `${OWNER}/${REPO}`, private: false }],
    sender: { login: 'maintainer', type: 'User' },
  };
  expect(await q.h.send('installation', installation, 'install-1')).toBe(200);
  // Not even a token: the web process asked GitHub nothing (the bot's login included).
  expect(q.h.proxy.requests).toEqual([]);
  const queue = bull();
  expect((await queue.getWaiting()).map((j) => j.data.job)).toEqual([{ event: 'installation', installationId: INSTALLATION_ID, owner: OWNER, repo: REPO, deliveryId: 'install-1' }]);
  expect(Object.keys(await q.h.branches())).toEqual(['main']);
  // A redelivery is known; the worker reads the default branch and its head itself.
  expect(await q.h.send('installation', installation, 'install-1')).toBe(200);
  expect(await queue.getJobCounts('waiting')).toMatchObject({ waiting: 1 });
  await q.startWorker();
  await q.drain();
  const pulls = await q.h.pulls();
  expect(pulls.map((p) => [p.head, p.title])).toEqual([
    ['i18n-drift/fr', 'i18n-drift : suivi de 1 document français'],
    ['i18n-drift/nl', 'i18n-drift: 1 document in het Nederlands gevolgd'],
  ]);
  expect(await q.h.readFile('locales/fr/your-data.md', 'i18n-drift/fr')).toContain(`commit: ${q.h.seedSha}`);
});

test('a second web process de-duplicates against the first', async () => {
  q = await startQueueHarness();
  await setRetention(12);
  await q.h.settle();

  // Another web process: its own Probot, its own Redis connection, nothing shared in memory.
  const ops = await startWebOperations({ REDIS_URL: q.redis.url });
  const probot = new Probot({ appId: APP_ID, privateKey: appPrivateKey(), secret: WEBHOOK_SECRET, logLevel: 'fatal' });
  const middleware = await createNodeMiddleware(createI18nDriftApp({ enqueue: ops.enqueue, routes: ops.routes, botLogin: BOT_LOGIN }), {
    probot,
    webhooksPath: WEBHOOK_PATH,
  });
  const server = http.createServer((req, res) => void middleware(req, res, () => res.writeHead(404).end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await ops.close();
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${WEBHOOK_PATH}`;

  const [delivery] = pushDeliveries();
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'push',
      'x-github-delivery': delivery!.headers['x-github-delivery']!,
      'x-hub-signature-256': delivery!.headers['x-hub-signature-256']!,
    },
    body: delivery!.body,
  });
  expect(response.status).toBe(200);
  expect(await bull().getJobCounts('waiting')).toMatchObject({ waiting: 1 });
  expect(ops.metrics.render()).toContain('i18n_drift_deliveries_total{result="duplicate"} 1');
});

test('20 pushes in a row to one repository: one final state, one pull request per locale, never two runs at once', async () => {
  q = await startQueueHarness();
  // Two workers, four jobs each at once: only the repository lock keeps them apart.
  const workers = [await q.startWorker({ concurrency: 4 }), await q.startWorker({ concurrency: 4 })];
  let running = 0;
  let most = 0;
  q.h.proxy.onRequest(async (method, path) => {
    // A sync writes trees; count how many syncs write at the same moment.
    if (method === 'POST' && path.endsWith('/git/trees')) {
      running += 1;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 5));
      running -= 1;
    }
  });
  let last = '';
  for (let months = 7; months < 27; months += 1) last = await setRetention(months);
  await q.drain(120_000);

  const counts = await q.queue.counts();
  expect(counts.completed).toBe(20 + (await q.h.pulls()).length); // 20 pushes, and each PR the app opened
  expect(counts.failed).toBe(0);
  expect(most).toBe(1);
  const pulls = await q.h.pulls();
  expect(pulls.map((p) => [p.head, p.state])).toEqual([
    ['i18n-drift/fr', 'open'],
    ['i18n-drift/nl', 'open'],
  ]);
  for (const locale of ['fr', 'nl']) {
    const ahead = await q.h.commitsAhead('main', `i18n-drift/${locale}`);
    expect(ahead).toHaveLength(1);
    expect(ahead[0]!.parents).toEqual([last]);
  }
  expect(pulls[0]!.body).toContain('26');
  const coalesced = workers.map((w) => w.metrics.render().match(/i18n_drift_jobs_total\{event="push",outcome="coalesced"\} (\d+)/)?.[1] ?? '0');
  const done = workers.map((w) => w.metrics.render().match(/i18n_drift_jobs_total\{event="push",outcome="done"\} (\d+)/)?.[1] ?? '0');
  expect(coalesced.reduce((a, b) => a + Number(b), 0) + done.reduce((a, b) => a + Number(b), 0)).toBe(20);
});

test('Redis killed and restarted with persistence: the queued job is not lost', async () => {
  q = await startQueueHarness();
  await setRetention(12);
  await q.h.settle();
  expect((await q.queue.counts()).waiting).toBe(1);

  await q.redis.kill();
  await q.redis.restart();
  await q.startWorker();
  await q.drain();
  expect((await q.h.pulls()).map((p) => p.head)).toEqual(['i18n-drift/fr', 'i18n-drift/nl']);
});

test('a secondary rate limit re-queues the job for at least a minute; a 422 is not retried and goes to the failed list, retryable from the admin page', async () => {
  q = await startQueueHarness();
  const worker = await q.startWorker();
  const config = (await q.h.readFile(CONFIG, 'main'))!;
  q.h.proxy.inject({
    method: 'POST',
    path: /\/check-runs$/,
    times: 1,
    status: 403,
    headers: { 'retry-after': '3' },
    body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' },
  });
  const broken = await q.h.push({ branch: 'main', files: { [CONFIG]: `${config}branchPrefix: 42\n` }, message: 'Break the config' });
  const queue = bull();
  let delayed = await queue.getDelayed();
  for (let waited = 0; delayed.length === 0 && waited < 20_000; waited += 50) {
    await new Promise((r) => setTimeout(r, 50));
    delayed = await queue.getDelayed();
  }
  expect(delayed).toHaveLength(1);
  expect(delayed[0]!.attemptsMade).toBe(1);
  expect(delayed[0]!.delay).toBeGreaterThanOrEqual(60_000);
  expect(worker.metrics.render()).toContain('i18n_drift_rate_limit_waits_total{kind="requeued"} 1');
  // Not waiting a minute in a test: run it now, as the minute passing would.
  await delayed[0]!.promote();
  await q.drain();
  expect((await q.h.checkRuns(broken)).map((r) => r.conclusion)).toEqual(['failure']);

  // A 422 on the next one: failed at once, listed, then retried by the operator.
  q.h.proxy.inject({ method: 'POST', path: /\/check-runs$/, times: 1, status: 422, body: { message: 'Validation Failed' } });
  const again = await q.h.push({ branch: 'main', files: { [CONFIG]: `${config}branchPrefix: 43\n` }, message: 'Break it again' });
  await q.drain();
  expect(await q.h.checkRuns(again)).toEqual([]);
  const admin = `${q.h.appUrl}/i18n-drift/_admin/queue`;
  expect((await fetch(`${admin}/failed.json`)).status).toBe(401);
  const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
  const { failed } = (await (await fetch(`${admin}/failed.json`, { headers: auth })).json()) as { failed: any[] };
  expect(failed).toHaveLength(1);
  expect(failed[0]).toMatchObject({ repository: `${OWNER}/${REPO}`, event: 'push', head: again, attempts: 1 });
  expect(failed[0].reason).toContain('422');
  const basic = { authorization: `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}` };
  const page = await (await fetch(admin, { headers: basic })).text();
  expect(page).toContain('<html lang="en">');
  expect(page).toContain(`${OWNER}/${REPO}`);
  expect(page).toContain(`action="/i18n-drift/_admin/queue/${failed[0].id}/retry?lang=en"`);
  expect(page).toContain('<h2>Failed jobs</h2>');
  // The operator's language, as on the dashboard: Accept-Language, or ?lang= (which wins).
  const french = await fetch(admin, { headers: { ...basic, 'accept-language': 'fr-BE,fr;q=0.9,en;q=0.5' } });
  expect(french.headers.get('content-language')).toBe('fr');
  const fr = await french.text();
  expect(fr).toContain('<html lang="fr">');
  expect(fr).toContain('<title>File d’attente i18n-drift</title>');
  expect(fr).toContain('<h2>Tâches en échec</h2>');
  expect(fr).toContain('<th scope="col">Tentatives</th>');
  expect(fr).toContain('en échec: 1');
  expect(fr).toContain(`action="/i18n-drift/_admin/queue/${failed[0].id}/retry?lang=fr"`);
  expect(fr).toContain('>Relancer</button>');
  expect(fr).not.toContain('Failed jobs');
  const nl = await (await fetch(`${admin}?lang=nl`, { headers: { ...basic, 'accept-language': 'fr' } })).text();
  expect(nl).toContain('<html lang="nl">');
  expect(nl).toContain('<h2>Mislukte taken</h2>');
  expect(nl).toContain('>Opnieuw proberen</button>');
  expect(nl).toContain('<a href="/i18n-drift/_admin/queue?lang=fr" hreflang="fr" lang="fr">français</a>');
  const refused = await fetch(`${admin}?lang=nl`, { headers: { authorization: 'Bearer wrong' } });
  expect([refused.status, await refused.text()]).toEqual([401, 'Het beheertoken is vereist.\n']);

  const crossSite = await fetch(`${admin}/${failed[0].id}/retry`, { method: 'POST', headers: { ...auth, origin: 'https://evil.example' } });
  expect(crossSite.status).toBe(403);
  expect((await fetch(`${admin}/${failed[0].id}/retry`, { method: 'POST', headers: { ...auth, origin: 'null' } })).status).toBe(403);
  // The page's own form (same origin) is sent back to the page; an unknown id changes nothing.
  const form = await fetch(`${admin}/d-unknown/retry?lang=fr`, { method: 'POST', redirect: 'manual', headers: { ...auth, origin: q.h.appUrl, 'sec-fetch-site': 'same-origin' } });
  expect([form.status, form.headers.get('location')]).toEqual([303, '/i18n-drift/_admin/queue?lang=fr']);
  // The CLI lists and retries it through the same admin API.
  const listed = await cli(['queue', 'failed', '--url', q.h.appUrl]);
  expect(listed.code).toBe(0);
  expect(listed.stdout).toContain(`${failed[0].id}  ${OWNER}/${REPO}  push ${again.slice(0, 12)}  1 attempt, failed`);
  expect(listed.stdout).toContain('Validation Failed');
  expect(await cli(['queue', 'retry', failed[0].id, '--url', q.h.appUrl, '--json'])).toEqual({ code: 0, stdout: `${JSON.stringify({ id: failed[0].id, retried: true })}\n`, stderr: '' });
  const twice = await cli(['queue', 'retry', failed[0].id, '--url', q.h.appUrl]);
  expect(twice).toMatchObject({ code: 2, stderr: `i18n-drift: no failed job ${failed[0].id} (i18n-drift queue failed lists them)\n` });
  await q.drain();
  expect((await q.h.checkRuns(again)).map((r) => r.conclusion)).toEqual(['failure']);
  expect((await q.queue.failed()).length).toBe(0);
});

test('/healthz follows Redis; /metrics gives the queue depth per state', async () => {
  q = await startQueueHarness();
  await setRetention(12);
  await q.h.settle();
  expect(await (await fetch(`${q.h.appUrl}/healthz`)).text()).toBe('ok\n');
  const metrics = await fetch(`${q.h.appUrl}/metrics`);
  expect(metrics.headers.get('content-type')).toContain('text/plain; version=0.0.4');
  const text = await metrics.text();
  expect(text).toContain('i18n_drift_queue_jobs{state="waiting"} 1');
  expect(text).toContain('i18n_drift_deliveries_total{result="queued"} 1');

  await q.redis.kill();
  expect((await fetch(`${q.h.appUrl}/healthz`)).status).toBe(503);
  await q.redis.restart();
});

test('content-creating requests over the hourly budget are not sent: the job waits for the budget, at least a minute', async () => {
  q = await startQueueHarness();
  const budgetRedis = connectRedis(q.redis.url);
  cleanups.push(async () => void (await budgetRedis.quit()));
  const worker = await q.startWorker({ writeBudget: createWriteBudget(budgetRedis, { limit: 4 }) });
  q.h.proxy.reset();
  await setRetention(12);
  const queue = bull();
  // The push job (the pull request its 4th write opened brings a job of its own).
  const pushDelayed = async () => (await queue.getDelayed()).filter((j) => j.name === 'push' && j.attemptsMade > 0);
  let delayed = await pushDelayed();
  for (let waited = 0; delayed.length === 0 && waited < 20_000; waited += 50) {
    await new Promise((r) => setTimeout(r, 50));
    delayed = await pushDelayed();
  }
  expect(delayed).toHaveLength(1);
  expect(delayed[0]!.delay).toBeGreaterThanOrEqual(60_000);
  expect(delayed[0]!.failedReason).toContain('content-creating requests in the last hour');
  expect(q.h.proxy.apiRequests().writes).toHaveLength(4);
  expect(worker.metrics.render()).toContain('i18n_drift_rate_limit_waits_total{kind="requeued"} 1');
});
