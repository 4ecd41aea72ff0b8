/**
 * The adapter's edge: octokit's RequestError (an HTTP status and GitHub's message)
 * becomes core's HostError with a code callers can branch on, as release-please maps
 * RequestError into GitHubAPIError. Nothing past this file sees an HTTP status.
 */
import { HostError, type HostErrorCode } from '@i18n-drift/core';

interface HttpFailure {
  status: number;
  message: string;
  response?: { data?: unknown; headers?: Record<string, string | number | undefined> };
}

/** True for octokit's RequestError (checked by shape: the bot does not depend on @octokit/request-error). */
export function isHttpFailure(error: unknown): error is HttpFailure {
  return error instanceof Error && typeof (error as { status?: unknown }).status === 'number';
}

/** The HTTP status of an octokit failure, or null for anything else. */
export function httpStatus(error: unknown): number | null {
  return isHttpFailure(error) ? error.status : null;
}

function githubMessage(error: HttpFailure): string {
  const data = error.response?.data as { message?: unknown } | undefined;
  return typeof data?.message === 'string' ? data.message : error.message;
}

function codeFor(error: HttpFailure, message: string): HostErrorCode {
  const { status } = error;
  if (status === 404) return 'not-found';
  if (status === 409 || (status === 422 && /fast.forward|already exists|does not exist|reference/i.test(message))) return 'conflict';
  if (status === 403 && /rate limit/i.test(message)) return 'unavailable';
  if (status === 429 || status >= 500) return 'unavailable';
  return 'other';
}

/**
 * Map any failure of a GitHub call into a HostError naming what was attempted.
 * HostErrors pass through; non-HTTP errors (network) become 'unavailable'.
 */
export function toHostError(error: unknown, attempted: string): HostError {
  if (error instanceof HostError) return error;
  if (isHttpFailure(error)) {
    const message = githubMessage(error);
    return new HostError(codeFor(error, message), `GitHub refused to ${attempted}: ${error.status} ${message}`, { cause: error });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new HostError('unavailable', `Could not reach GitHub to ${attempted}: ${reason}`, { cause: error });
}

/** Run one GitHub call, mapping its failure with `toHostError`. */
export async function guarded<T>(attempted: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toHostError(error, attempted);
  }
}
