/**
 * The cached path of `i18n-drift status`: when nothing changed since the last run,
 * print the stored output without loading the rest of the tool (see output-cache.ts).
 * Anything unusual (other flags, no cache, a changed file) falls through to the full command.
 */
import { existsSync } from 'node:fs';
import { outputKey, readOutput } from './cache/output-cache.js';
import { readSyncOutput, syncOutputKey } from './cache/sync-noop-cache.js';
import { TOOL_LOCALES } from './tool-locales.js';

const SIMPLE = /^--(json|root|lang)$/;

/** The requested language as given: `--lang`, else LC_ALL, LC_MESSAGES, LANG. */
export function requestedLanguage(flag: string | undefined): string | undefined {
  return flag ?? (process.env['LC_ALL'] || process.env['LC_MESSAGES'] || process.env['LANG'] || undefined);
}

export function colorEnabled(): boolean {
  return (Boolean(process.stdout.isTTY) && !process.env['NO_COLOR']) || Boolean(process.env['FORCE_COLOR']);
}

/** The exit code when the output was printed from the cache; null when the full command must run. */
export function tryCachedStatus(argv: string[]): number | null {
  if (argv[0] !== 'status') return null;
  const values: Record<string, string | true> = {};
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (!SIMPLE.test(a)) return null;
    if (a === '--json') values['json'] = true;
    else {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) return null;
      values[a.slice(2)] = v;
    }
  }
  // `--lang de` must say it falls back to English: the full command does.
  if (typeof values['lang'] === 'string' && !hasStrings(values['lang'])) return null;
  const mode = values['json'] ? 'json' : 'human';
  const key = outputKey({ dir: (values['root'] as string | undefined) ?? process.cwd(), mode, lang: requestedLanguage(values['lang'] as string | undefined), color: colorEnabled() });
  if (!key) return null;
  const output = readOutput(key, mode);
  if (output === null) return null;
  process.stdout.write(output.stdout);
  if (output.stderr !== '') process.stderr.write(output.stderr);
  return output.code;
}

/**
 * `sync --branch` with nothing to do, as the last such run printed it (see
 * sync-noop-cache.ts): the exit code, or null when the full command must run.
 */
export function tryCachedSync(argv: string[]): number | null {
  if (argv[0] !== 'sync') return null;
  const values: Record<string, string | true> = {};
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json' || a === '--branch') values[a.slice(2)] = true;
    else if (SIMPLE.test(a)) {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) return null;
      values[a.slice(2)] = v;
    } else return null;
  }
  if (values['branch'] !== true) return null;
  if (typeof values['lang'] === 'string' && !hasStrings(values['lang'])) return null;
  const mode = values['json'] ? 'json' : 'human';
  const key = syncOutputKey({ dir: (values['root'] as string | undefined) ?? process.cwd(), mode, lang: requestedLanguage(values['lang'] as string | undefined), color: colorEnabled() });
  if (!key) return null;
  const output = readSyncOutput(key, mode);
  if (output === null) return null;
  process.stdout.write(output.stdout);
  if (output.stderr !== '') process.stderr.write(output.stderr);
  return output.code;
}

/** True when the tool has strings for `lang` (`fr`, `fr-CA`, `fr_FR.UTF-8` all count as French). */
function hasStrings(lang: string): boolean {
  const tag = lang.split('.')[0]!.replace('_', '-').toLowerCase();
  return [tag, tag.split('-')[0]!].some((candidate) => candidate !== '' && existsSync(`${TOOL_LOCALES}${candidate}/i18n-drift.json`));
}
