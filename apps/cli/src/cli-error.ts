/**
 * A bad input the user can fix (unknown flag, missing config, dirty file): printed as
 * one line, exit code 2, never a stack trace.
 */
export class UsageError extends Error {
  override name = 'UsageError';
}
