import { afterEach, expect, test } from 'vitest';
import { createI18nDriftApp } from '../src/app.js';
import type { QueuedJob } from '../src/queued-job.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const loginLookups = (harness: Harness) => harness.proxy.requests.filter((r) => r.method === 'GET' && r.path === '/app');

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test("a web process in queue mode reads the app's login when it starts, not when the first deliveries arrive, and once", async () => {
  const queued: QueuedJob[] = [];
  h = await startHarness({ app: () => createI18nDriftApp({ enqueue: async (job) => (queued.push(job), 'queued') }) });
  const harness = h;
  // Before any delivery: a burst arriving at a fresh process would otherwise all wait on it.
  await until(() => loginLookups(harness).length > 0, 'GET /app');
  expect(harness.deliveries).toHaveLength(0);

  await harness.push({ branch: 'main', files: { 'locales/en/privacy.md': '# Privacy\n\nA person changed this.\n' } });
  await harness.settle();
  expect(queued.map((job) => job.event)).toEqual(['push']);
  await harness.push({ branch: 'main', files: { 'locales/en/privacy.md': '# Privacy\n\nChanged again.\n' } });
  await harness.settle();
  expect(queued.map((job) => job.event)).toEqual(['push', 'push']);
  // Each push was told from the app's own by the login read at start: asked once.
  expect(loginLookups(harness)).toHaveLength(1);
});
