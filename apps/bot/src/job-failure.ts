/**
 * What a failed job should do next, by GitHub's rules: a rate limit is waited out for as
 * long as GitHub says (never less than a minute: its secondary limits ask for that), a
 * passing fault (5xx, network, a branch that moved) is retried with exponential backoff,
 * the hourly budget of content-creating requests is waited out like a rate limit,
 * and a refusal that cannot change on its own (other 4xx: permissions, validation, gone)
 * is not retried at all.
 */
import { HostError } from '@i18n-drift/core';
import { isHttpFailure } from './to-host-error.js';
import { JobDataError } from './queued-job.js';
import { WriteBudgetError } from './write-budget.js';

export type FailureKind =
  | { kind: 'rate-limited'; retryAfterMs: number }
  | { kind: 'transient' }
  | { kind: 'permanent'; status: number | null };

/** How many times a job runs before it goes to the failed list. */
export const JOB_ATTEMPTS = 8;
/** The first wait after a passing fault; doubled on every further attempt. */
export const TRANSIENT_BASE_MS = 5_000;
/** GitHub: "wait at least one minute before retrying" after a secondary rate limit. */
export const RATE_LIMIT_FLOOR_MS = 60_000;

type Headers = Record<string, string | number | undefined>;

function causeOfType<T>(error: unknown, type: new (...args: any[]) => T): T | null {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth += 1) if (e instanceof type) return e;
  return null;
}

/** The HTTP failure inside `error` (octokit's RequestError, possibly wrapped as a HostError's cause). */
function httpFailureIn(error: unknown): { status: number; message: string; headers: Headers } | null {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth += 1) {
    if (isHttpFailure(e)) {
      const data = e.response?.data as { message?: unknown } | undefined;
      const message = typeof data?.message === 'string' ? data.message : e.message;
      return { status: e.status, message, headers: e.response?.headers ?? {} };
    }
  }
  return null;
}

function header(headers: Headers, name: string): number | null {
  const value = headers[name] ?? headers[name.toLowerCase()];
  const n = Number(value);
  return value === undefined || value === '' || !Number.isFinite(n) ? null : n;
}

/**
 * Classify a job's failure. `now` is for the primary limit's reset time (epoch seconds).
 */
export function classifyFailure(error: unknown, now = Date.now()): FailureKind {
  if (error instanceof JobDataError) return { kind: 'permanent', status: null };
  const budget = causeOfType(error, WriteBudgetError);
  if (budget) return { kind: 'rate-limited', retryAfterMs: Math.max(RATE_LIMIT_FLOOR_MS, budget.retryAfterMs) };
  const http = httpFailureIn(error);
  if (!http) {
    // A branch that kept moving under the sync, or no answer at all: worth another go.
    return { kind: 'transient' };
  }
  const { status, headers, message } = http;
  if (status === 429 || status === 403) {
    const retryAfter = header(headers, 'retry-after');
    const remaining = header(headers, 'x-ratelimit-remaining');
    const reset = header(headers, 'x-ratelimit-reset');
    if (retryAfter !== null || /secondary rate limit|abuse/i.test(message)) {
      return { kind: 'rate-limited', retryAfterMs: Math.max(RATE_LIMIT_FLOOR_MS, (retryAfter ?? 0) * 1000) };
    }
    if (remaining === 0 || /rate limit/i.test(message)) {
      const untilReset = reset === null ? 0 : reset * 1000 - now;
      return { kind: 'rate-limited', retryAfterMs: Math.max(RATE_LIMIT_FLOOR_MS, untilReset) };
    }
    if (status === 429) return { kind: 'rate-limited', retryAfterMs: RATE_LIMIT_FLOOR_MS };
  }
  if (status >= 500 || status === 408) return { kind: 'transient' };
  if (error instanceof HostError && error.code === 'conflict') return { kind: 'transient' };
  return { kind: 'permanent', status };
}

/**
 * Milliseconds to wait before attempt `attemptsMade + 1`: doubling from the base (a
 * transient fault) or from what GitHub asked for (a rate limit). -1 (BullMQ: do not
 * retry) for a permanent failure.
 */
export function retryDelay(attemptsMade: number, error: unknown, now = Date.now()): number {
  const failure = classifyFailure(error, now);
  const factor = 2 ** Math.max(0, attemptsMade - 1);
  if (failure.kind === 'permanent') return -1;
  if (failure.kind === 'rate-limited') return failure.retryAfterMs * factor;
  return TRANSIENT_BASE_MS * factor;
}
