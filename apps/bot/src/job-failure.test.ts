import { HostError } from '@i18n-drift/core';
import { expect, test } from 'vitest';
import { classifyFailure, retryDelay } from './job-failure.js';
import { JobDataError } from './queued-job.js';
import { toHostError } from './to-host-error.js';

/** An octokit RequestError by shape: status, message, response with headers and data. */
function requestError(status: number, message: string, headers: Record<string, string> = {}) {
  return Object.assign(new Error(message), { status, response: { headers, data: { message } } });
}

test('a secondary rate limit waits what GitHub says, never under a minute, doubling per attempt', () => {
  const secondary = toHostError(requestError(403, 'You have exceeded a secondary rate limit.', { 'retry-after': '5' }), 'create a tree');
  expect(classifyFailure(secondary)).toEqual({ kind: 'rate-limited', retryAfterMs: 60_000 });
  expect(retryDelay(1, secondary)).toBe(60_000);
  expect(retryDelay(3, secondary)).toBe(240_000);
  const long = requestError(429, 'Too many requests', { 'retry-after': '120' });
  expect(retryDelay(1, long)).toBe(120_000);
});

test('a primary rate limit waits until the reset', () => {
  const now = 1_700_000_000_000;
  const error = requestError(403, 'API rate limit exceeded for installation ID 77.', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 300) });
  expect(classifyFailure(error, now)).toEqual({ kind: 'rate-limited', retryAfterMs: 300_000 });
});

test('server errors, network failures and a moving branch are retried with exponential backoff', () => {
  expect(retryDelay(1, requestError(502, 'Bad gateway'))).toBe(5_000);
  expect(retryDelay(2, requestError(502, 'Bad gateway'))).toBe(10_000);
  expect(classifyFailure(new HostError('unavailable', 'Could not reach GitHub'))).toEqual({ kind: 'transient' });
  expect(classifyFailure(toHostError(requestError(422, 'Reference update failed: not a fast forward'), 'update a ref'))).toEqual({ kind: 'transient' });
});

test('4xx refusals that cannot change and broken job data are not retried', () => {
  expect(classifyFailure(requestError(422, 'Validation Failed'))).toEqual({ kind: 'permanent', status: 422 });
  expect(classifyFailure(toHostError(requestError(403, 'Resource not accessible by integration'), 'create a check run'))).toEqual({ kind: 'permanent', status: 403 });
  expect(classifyFailure(requestError(404, 'Not Found'))).toEqual({ kind: 'permanent', status: 404 });
  expect(classifyFailure(new JobDataError('to', 'expected a sha'))).toEqual({ kind: 'permanent', status: null });
  expect(retryDelay(1, requestError(401, 'Bad credentials'))).toBe(-1);
});
