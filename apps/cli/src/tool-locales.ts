/**
 * Where the tool's own `locales/` (its strings and the demo documents) are: inside the
 * package when installed from the packed tarball (scripts/pack.js), else the clone's
 * root. Node built-ins only: the cached `status` path loads this too.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TOOL_DIR } from './tool-folder.js';

const candidates = [join(TOOL_DIR, 'locales/'), join(TOOL_DIR, '../../locales/')];

/** Absolute path of `locales/`, with a trailing slash. */
export const TOOL_LOCALES = candidates.find((dir) => existsSync(dir)) ?? candidates[1]!;

/**
 * The language asked for, as given: `--lang`, else the first of LC_ALL, LC_MESSAGES,
 * LANG that is set and not empty (POSIX ignores an empty one). The cached `status`
 * keys its output on this very value, so the full command must choose from it too.
 */
export function requestedLanguage(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return flag ?? (env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || undefined);
}
