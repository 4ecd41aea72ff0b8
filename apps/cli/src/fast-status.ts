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
  const options = simpleOptions(argv, 'status', []);
  if (!options) return null;
  const key = outputKey(options);
  return key ? replay(readOutput(key, options.mode)) : null;
}

/**
 * `sync --branch` with nothing to do, as the last such run printed it (see
 * sync-noop-cache.ts): the exit code, or null when the full command must run.
 */
export function tryCachedSync(argv: string[]): number | null {
  const options = simpleOptions(argv, 'sync', ['--branch']);
  if (!options) return null;
  const key = syncOutputKey(options);
  return key ? replay(readSyncOutput(key, options.mode)) : null;
}

/**
 * `command` with only `--json`, `--root DIR`, `--lang L` and the `required` switches
 * (each present): where and how its output is shown; null for anything else, and for a
 * `--lang` the tool has no strings for (the full command says it falls back to English).
 */
function simpleOptions(argv: string[], command: string, required: string[]) {
  if (argv[0] !== command) return null;
  const values: Record<string, string | true> = {};
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json' || required.includes(a)) values[a] = true;
    else if (SIMPLE.test(a)) {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) return null;
      values[a] = v;
    } else return null;
  }
  if (required.some((flag) => values[flag] !== true)) return null;
  const lang = values['--lang'] as string | undefined;
  if (lang !== undefined && !hasStrings(lang)) return null;
  return { dir: (values['--root'] as string | undefined) ?? process.cwd(), mode: values['--json'] ? ('json' as const) : ('human' as const), lang: requestedLanguage(lang), color: colorEnabled() };
}

/** Print a stored run as it was printed; its exit code, or null when there is none. */
function replay(output: { stdout: string; stderr: string; code: number } | null): number | null {
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
