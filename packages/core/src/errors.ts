/**
 * Errors callers can branch on (release-please's GitHubAPIError/ConfigurationError
 * model). Front ends turn them into one-line messages; nothing here carries HTTP codes.
 */

/** Bad `.github/i18n-drift.yml`: names the key and what was expected. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    readonly key: string,
    readonly reason: string,
  ) {
    super(`${key}: ${reason}`);
  }
}

export type HostErrorCode = 'not-found' | 'binary' | 'too-large' | 'not-a-file' | 'outside-repository' | 'conflict' | 'unavailable' | 'other';

/** A repository host (local Git, GitHub) failed or refused; thrown by adapters. */
export class HostError extends Error {
  override name = 'HostError';
  constructor(
    readonly code: HostErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
