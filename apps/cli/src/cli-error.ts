/**
 * A bad input the user can fix (unknown flag, missing config, dirty file): printed as
 * one line, exit code 2, never a stack trace.
 */
// The errors module alone: the parser throws these before any command (and core) is loaded.
import { HostError, type HostErrorCode } from '@i18n-drift/core/errors';

export class UsageError extends Error {
  override name = 'UsageError';
  /**
   * @param message the English line (used when no strings are loaded yet)
   * @param i18n the `cli:` key and values that say it in the user's language, for
   *   errors raised before the language is known (the command line itself)
   */
  constructor(
    message: string,
    readonly i18n?: { key: string; values: Record<string, unknown> },
  ) {
    super(message);
  }
}

/**
 * A HostError of the local-Git adapter that can be said in the user's language: the
 * English message for logs and other callers, plus the `cli:` key and values.
 */
export class LocalizedHostError extends HostError {
  constructor(
    code: HostErrorCode,
    message: string,
    readonly i18n: { key: string; values: Record<string, unknown> },
  ) {
    super(code, message);
  }
}

/** A revision Git does not know (`--from`, `--to`): a HostError('not-found') naming it. */
export class UnknownRevisionError extends LocalizedHostError {
  override name = 'UnknownRevisionError';
  constructor(readonly revision: string) {
    super('not-found', `unknown revision: ${revision}`, { key: 'cli:error.unknownRevision', values: { revision } });
  }
}
