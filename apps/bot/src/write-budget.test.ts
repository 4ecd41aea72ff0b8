import { afterEach, expect, test } from 'vitest';
import { HostError } from '@i18n-drift/core';
import { startRedisServer, type RedisServer } from '../test/redis-server.js';
import { classifyFailure } from './job-failure.js';
import { connectRedis } from './redis-keys.js';
import { WriteBudgetError, createWriteBudget, isContentCreating } from './write-budget.js';

let server: RedisServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

test('a sliding hour per installation, shared through Redis: the write over budget waits for the oldest to leave the window', async () => {
  server = await startRedisServer();
  let clock = 1_000_000;
  const [a, b] = [connectRedis(server.url), connectRedis(server.url)];
  try {
    // Two workers, one budget.
    const one = createWriteBudget(a, { limit: 3, windowMs: 60_000, now: () => clock });
    const two = createWriteBudget(b, { limit: 3, windowMs: 60_000, now: () => clock });
    await one.take(7);
    clock += 10_000;
    await two.take(7);
    await one.take(7);
    const refused = await two.take(7).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WriteBudgetError);
    expect((refused as WriteBudgetError).retryAfterMs).toBe(50_000);
    // Another installation has its own budget.
    await two.take(8);
    clock += 50_001;
    await one.take(7);
  } finally {
    await a.quit();
    await b.quit();
  }
});

test('content-creating requests are the API writes, not the App authenticating; over budget is a rate limit', () => {
  expect(isContentCreating('POST', '/repos/{owner}/{repo}/git/trees')).toBe(true);
  expect(isContentCreating('PATCH', 'https://api.github.com/repos/acme/docs/pulls/3')).toBe(true);
  expect(isContentCreating('GET', '/repos/{owner}/{repo}/pulls')).toBe(false);
  expect(isContentCreating('POST', '/app/installations/{installation_id}/access_tokens')).toBe(false);
  expect(isContentCreating('POST', 'http://127.0.0.1:3000/api/v3/app/installations/7/access_tokens')).toBe(false);
  expect(isContentCreating('POST', '/graphql')).toBe(false);
  expect(isContentCreating('POST', 'http://127.0.0.1:3000/api/graphql')).toBe(false);
  const wrapped = new HostError('unavailable', 'Could not reach GitHub', { cause: new WriteBudgetError(7, 5_000) });
  expect(classifyFailure(wrapped)).toEqual({ kind: 'rate-limited', retryAfterMs: 60_000 });
  expect(classifyFailure(new WriteBudgetError(7, 600_000))).toEqual({ kind: 'rate-limited', retryAfterMs: 600_000 });
});
