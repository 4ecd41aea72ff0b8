/**
 * Workers as real processes (`node dist/worker-main.js`, the production entry, with
 * Probot's throttling clustered through the same Redis): killed with SIGKILL in the
 * middle of a job, and stopped with SIGTERM in the middle of one.
 */
import type { ChildProcess } from 'node:child_process';
import { afterEach, expect, test } from 'vitest';
import { connectRedis } from '../src/redis-keys.js';
import { BOT_LOGIN, OWNER, REPO } from './harness.js';
import { startQueueHarness, type QueueHarness } from './queue-harness.js';

const EN = 'locales/en/your-data.md';
const PULLS = `/repos/${OWNER}/${REPO}/pulls`;

let q: QueueHarness;
afterEach(async () => {
  await q?.close();
});

async function editEnglish(): Promise<string> {
  const text = (await q.h.readFile(EN, 'main'))!;
  return q.h.push({ branch: 'main', files: { [EN]: text.replace('We keep these logs for 6 months.', 'We keep these logs for 12 months.') }, message: 'Keep logs 12 months' });
}

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });

async function expectOneCleanPullPerLocale(sha: string): Promise<void> {
  const pulls = await q.h.pulls();
  expect(pulls.map((p) => [p.head, p.state])).toEqual([
    ['i18n-drift/fr', 'open'],
    ['i18n-drift/nl', 'open'],
  ]);
  expect(pulls[0]!.labels).toEqual(['i18n', 'lang:fr', 'policy']);
  expect(pulls[1]!.labels).toEqual(['i18n', 'lang:nl']);
  expect(pulls.map((p) => p.reviewers)).toEqual([['translator-fr'], ['translator-nl']]);
  for (const p of pulls) expect(p.comments).toEqual([]);
  for (const locale of ['fr', 'nl']) {
    const ahead = await q.h.commitsAhead('main', `i18n-drift/${locale}`);
    expect(ahead.map((c) => [c.author, c.parents])).toEqual([[BOT_LOGIN, [sha]]]);
  }
  const counts = await q.queue.counts();
  expect(counts.failed).toBe(0);
}

test('a worker killed with SIGKILL mid-job: a new worker runs the job again, with no duplicate commit, comment or pull request', async () => {
  q = await startQueueHarness();
  const first = await q.spawnWorker();
  let killed = false;
  q.h.proxy.onRequest(async (method, path) => {
    // The worst moment: the first pull request is being opened; GitHub still opens it,
    // but the worker that asked never learns so.
    if (!killed && method === 'POST' && path.split('?')[0] === PULLS) {
      killed = true;
      first.kill('SIGKILL');
      await exited(first);
    }
  });
  const sha = await editEnglish();
  for (let waited = 0; !killed && waited < 60_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
  expect(killed).toBe(true);
  expect((await q.h.pulls()).length).toBeLessThanOrEqual(1);

  await q.spawnWorker();
  await q.drain(120_000);
  await expectOneCleanPullPerLocale(sha);

  // All workers counted against one budget: Probot's throttling kept its state in this Redis.
  const redis = connectRedis(q.redis.url);
  try {
    expect((await redis.keys('b_*')).length).toBeGreaterThan(0);
  } finally {
    await redis.quit();
  }
}, 180_000);

test('SIGTERM mid-job: the worker finishes the job, then exits 0', async () => {
  q = await startQueueHarness();
  const worker = await q.spawnWorker();
  let signalled = false;
  q.h.proxy.onRequest((method, path) => {
    if (!signalled && method === 'POST' && path.endsWith('/git/trees')) {
      signalled = true;
      worker.kill('SIGTERM');
    }
  });
  const sha = await editEnglish();
  const { code, signal } = await exited(worker);
  expect(signalled).toBe(true);
  expect([code, signal]).toEqual([0, null]);
  await q.h.settle();
  // The push job was finished, not abandoned; what it caused (a check of each PR it opened) waits for the next worker.
  expect(await q.queue.counts()).toMatchObject({ completed: 1, active: 0, waiting: 2, failed: 0 });
  await expectOneCleanPullPerLocale(sha);
}, 120_000);
