/**
 * With Probot's retry and throttling plugins on (production), a rate-limited answer is
 * waited out and retried, while a 422 (GitHub refusing the request itself) is not. The
 * emulator cannot fail on demand, so a proxy in front of it answers the faults.
 */
import { afterEach, expect, test } from 'vitest';
import { startHarness, type Harness } from './harness.js';

const CONFIG = '.github/i18n-drift.yml';
let h: Harness;
afterEach(async () => {
  await h?.close();
});

async function breakConfig(): Promise<string> {
  const config = (await h.readFile(CONFIG, 'main'))!;
  return h.push({ branch: 'main', files: { [CONFIG]: `${config}branchPrefix: 42\n` }, message: 'Break the config' });
}

const checkRunPosts = () => h.proxy.requests.filter((r) => r.method === 'POST' && /\/check-runs$/.test(r.path));

test('a 403 rate-limit answer followed by success is retried', async () => {
  h = await startHarness({ retries: true });
  h.proxy.inject({
    method: 'POST',
    path: /\/check-runs$/,
    times: 1,
    status: 403,
    headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-limit': '5000', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 1) },
    body: { message: 'API rate limit exceeded for installation ID 77.', documentation_url: 'https://docs.github.com/rest' },
  });
  const sha = await breakConfig();
  await h.settle();
  expect(checkRunPosts().map((r) => r.status)).toEqual([403, 201]);
  const runs = await h.checkRuns(sha);
  expect(runs.map((r) => r.conclusion)).toEqual(['failure']);
});

test('a server error is retried too', async () => {
  h = await startHarness({ retries: true });
  h.proxy.inject({ method: 'POST', path: /\/check-runs$/, times: 1, status: 502, body: { message: 'Bad gateway' } });
  const sha = await breakConfig();
  await h.settle();
  expect(checkRunPosts().map((r) => r.status)).toEqual([502, 201]);
  expect(await h.checkRuns(sha)).toHaveLength(1);
});

test('a 422 is not retried, and the delivery can be handled again later', async () => {
  h = await startHarness({ retries: true });
  h.proxy.inject({ method: 'POST', path: /\/check-runs$/, times: 1, status: 422, body: { message: 'Validation Failed' } });
  const sha = await breakConfig();
  await h.settle();
  expect(checkRunPosts().map((r) => r.status)).toEqual([422]);
  expect(await h.checkRuns(sha)).toEqual([]);

  // The failed delivery was not remembered: GitHub's redelivery is handled.
  const delivery = h.deliveries.find((d) => d.headers['x-github-event'] === 'push')!;
  expect(await h.deliver(delivery)).toBe(200);
  await h.settle();
  expect(await h.checkRuns(sha)).toHaveLength(1);
});
