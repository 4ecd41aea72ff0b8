import { expect, test } from 'vitest';
import { HostError } from '@i18n-drift/core';
import { toHostError } from './to-host-error.js';

/** Shaped like octokit's RequestError. */
function requestError(status: number, message: string): Error {
  return Object.assign(new Error(message), { status, response: { data: { message }, headers: {} } });
}

test('HTTP failures become HostErrors callers can branch on', () => {
  const cases: [number, string, HostError['code']][] = [
    [404, 'Not Found', 'not-found'],
    [422, 'Update is not a fast-forward', 'conflict'],
    [422, 'Reference already exists', 'conflict'],
    [409, 'Git Repository is empty.', 'conflict'],
    [403, 'API rate limit exceeded for installation', 'unavailable'],
    [502, 'Bad gateway', 'unavailable'],
    [403, 'Resource not accessible by integration', 'other'],
    [422, 'Validation Failed', 'other'],
  ];
  for (const [status, message, code] of cases) {
    const error = toHostError(requestError(status, message), 'move branch i18n-drift/fr');
    expect(error).toBeInstanceOf(HostError);
    expect([status, error.code]).toEqual([status, code]);
    expect(error.message).toBe(`GitHub refused to move branch i18n-drift/fr: ${status} ${message}`);
  }
});

test('network failures are unavailable; HostErrors pass through', () => {
  expect(toHostError(new TypeError('fetch failed'), 'read x').code).toBe('unavailable');
  const original = new HostError('binary', 'x is binary');
  expect(toHostError(original, 'read x')).toBe(original);
});
