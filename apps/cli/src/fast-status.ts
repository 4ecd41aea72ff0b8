/**
 * The cached path of `i18n-drift status`: when nothing changed since the last run,
 * print the stored output without loading the rest of the tool (see output-cache.ts).
 * Anything unusual (other flags, no cache, a changed file) falls through to the full command.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { cachedOutput } from './cache/output-cache.js';
import { requestedLanguage, TOOL_LOCALES } from './tool-locales.js';

export { requestedLanguage };

const TAKES_VALUE = new Set(['--root', '--lang']);
const STATUS_VALUES = new Set(['--locale', '--state']);
const STATUS_SWITCHES = new Set(['--all', '--sections']);

export function colorEnabled(): boolean {
  return (Boolean(process.stdout.isTTY) && !process.env['NO_COLOR']) || Boolean(process.env['FORCE_COLOR']);
}

/** How `status` was asked to narrow or widen its output; what the full command and the cached path both key on. */
export interface StatusViewOptions {
  all?: boolean | undefined;
  sections?: boolean | undefined;
  locale?: string | undefined;
  state?: string | undefined;
  /** The path arguments, as given. */
  paths: readonly string[];
}

/**
 * The view options as one string, '' for the plain view; path arguments resolved
 * against `base` (`--root`, else the working directory), as the command resolves them.
 */
export function statusViewKey(options: StatusViewOptions, base: string): string {
  const { all, sections, locale, state, paths } = options;
  if (!all && !sections && locale === undefined && state === undefined && paths.length === 0) return '';
  return JSON.stringify({ all: Boolean(all), sections: Boolean(sections), locale: locale ?? null, state: state ?? null, paths: paths.map((path) => resolve(base, path)) });
}

/** The exit code when the output was printed from the cache; null when the full command must run. */
export async function tryCachedStatus(argv: string[]): Promise<number | null> {
  const options = simpleOptions(argv, 'status', [], { switches: STATUS_SWITCHES, values: STATUS_VALUES, positionals: true });
  if (!options) return null;
  const { values, positionals } = options;
  const view = statusViewKey({ all: values.has('--all'), sections: values.has('--sections'), locale: values.get('--locale') as string | undefined, state: values.get('--state') as string | undefined, paths: positionals }, options.dir);
  return replay(await cachedOutput({ ...options, view }));
}

/**
 * `sync --branch` with nothing to do, as the last such run printed it (see
 * sync-noop-cache.ts): the exit code, or null when the full command must run.
 */
export async function tryCachedSync(argv: string[]): Promise<number | null> {
  const options = simpleOptions(argv, 'sync', ['--branch']);
  if (!options) return null;
  const { readSyncOutput, syncOutputKey } = await import('./cache/sync-noop-cache.js');
  const key = syncOutputKey(options);
  return key ? replay(readSyncOutput(key, options.mode)) : null;
}

/**
 * `command` with only `--json`, `--root DIR`, `--lang L`, the `required` switches (each
 * present) and what `extra` allows, each at most once: where and how its output is
 * shown; null for anything else, and for a `--lang` the tool has no strings for (the
 * full command says it falls back to English).
 */
function simpleOptions(argv: string[], command: string, required: string[], extra: { switches?: Set<string>; values?: Set<string>; positionals?: boolean } = {}) {
  if (argv[0] !== command) return null;
  const values = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('-')) {
      if (!extra.positionals) return null;
      positionals.push(a);
      continue;
    }
    // Given twice, the parser's rule (the last one wins) is the full command's to apply.
    if (values.has(a)) return null;
    if (a === '--json' || required.includes(a) || extra.switches?.has(a)) values.set(a, true);
    else if (TAKES_VALUE.has(a) || extra.values?.has(a)) {
      const v = argv[++i];
      if (v === undefined || v.startsWith('-')) return null;
      values.set(a, v);
    } else return null;
  }
  if (required.some((flag) => values.get(flag) !== true)) return null;
  const lang = values.get('--lang') as string | undefined;
  if (lang !== undefined && !hasStrings(lang)) return null;
  const dir = resolve((values.get('--root') as string | undefined) ?? process.cwd());
  return { dir, mode: values.has('--json') ? ('json' as const) : ('human' as const), lang: requestedLanguage(lang), color: colorEnabled(), values, positionals };
}

/** Print a stored run as it was printed; its exit code, or null when there is none. */
function replay(output: { stdout: string | Uint8Array; stderr: string | Uint8Array; code: number } | null): number | null {
  if (output === null) return null;
  process.stdout.write(output.stdout);
  if (output.stderr.length > 0) process.stderr.write(output.stderr);
  return output.code;
}

/** True when the tool has strings for `lang` (`fr`, `fr-CA`, `fr_FR.UTF-8` all count as French). */
function hasStrings(lang: string): boolean {
  const tag = lang.split('.')[0]!.replace('_', '-').toLowerCase();
  return [tag, tag.split('-')[0]!].some((candidate) => candidate !== '' && existsSync(`${TOOL_LOCALES}${candidate}/i18n-drift.json`));
}
