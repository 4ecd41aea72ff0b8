/** What every command gets: parsed flags, the language, and output helpers. */
import type { Args } from '../args.js';
import type { Messages } from '../i18n-setup.js';

export interface CommandContext {
  args: Args;
  json: boolean;
  root: string | undefined;
  m: Messages;
}

/** Runs a command; resolves with the exit code. */
export type Command = (ctx: CommandContext) => Promise<number>;

/** Prefix errors thrown while handling one file with its path (FrontmatterError names only the line). */
export function withPath<T>(path: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof Error && !e.message.startsWith(path)) e.message = `${path}: ${e.message}`;
    throw e;
  }
}
