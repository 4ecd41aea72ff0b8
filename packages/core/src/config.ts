/**
 * `.github/i18n-drift.yml`: one zod schema shared by every front end. The file comes
 * from repositories we do not control, so every value that ends up in a path or a
 * branch name is checked here, and every problem becomes a `ConfigError` that names
 * the dotted key and says what was expected — never a crash, never a silent default
 * for a typo (unknown keys are refused).
 */
import { FORMAT_NAMES, type FormatName } from './formats/document-format.js';
import { formatByExtension } from './formats/format-by-extension.js';
import { parseDocument as parseYamlDocument } from 'yaml';
import { z } from 'zod';
import { ConfigError } from './errors.js';
import type { Config } from './types.js';

// ---------------------------------------------------------------- locale codes

/** A language subtag of 2–3 letters, then hyphen-separated subtags of 1–8 letters or digits. */
const LOCALE_SHAPE = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;

/** Regular-expression source matching a locale code, for embedding in path patterns. */
export const LOCALE_PATTERN_SOURCE = '[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*';

const EXPECTED_TAG = 'expected a BCP 47 language tag such as "fr" or "pt-BR"';

/**
 * Why `code` is not an acceptable locale code, or null when it is. Locale codes end up
 * in file paths and branch names, so beyond the engine's BCP 47 check
 * (`Intl.getCanonicalLocales`) they must have a narrow shape with no room for path
 * separators or dots: `../x`, `/abs`, `a/b` and `''` are refused. Never throws.
 */
export function localeProblem(code: unknown): string | null {
  if (typeof code !== 'string') return `${EXPECTED_TAG}, got ${describe(code)}`;
  // Every path of a repository goes through here, with a handful of distinct codes.
  const known = checkedLocales.get(code);
  if (known !== undefined) return known;
  const problem = uncachedLocaleProblem(code);
  if (checkedLocales.size < 10_000) checkedLocales.set(code, problem);
  return problem;
}

const checkedLocales = new Map<string, string | null>();

function uncachedLocaleProblem(code: string): string | null {
  if (code === '') return `${EXPECTED_TAG}, got an empty string`;
  if (code.length > 35 || !LOCALE_SHAPE.test(code)) {
    const hint = /^[A-Za-z]{2,3}(?:_[A-Za-z0-9]{1,8})+$/.test(code) ? ` (BCP 47 uses hyphens: "${code.replaceAll('_', '-')}")` : '';
    return `${EXPECTED_TAG}, got ${describe(code)}${hint}`;
  }
  try {
    Intl.getCanonicalLocales(code);
  } catch {
    return `${EXPECTED_TAG}, got ${describe(code)}`;
  }
  return null;
}

/** True when `code` is a locale code safe to use in paths and branch names (see `localeProblem`). */
export function isLocaleCode(code: unknown): code is string {
  return localeProblem(code) === null;
}

// ---------------------------------------------------------------- path patterns

/**
 * Why `pattern` is not an acceptable `files` entry, or null. A pattern must hold
 * `{locale}` exactly once, be relative, and never climb out of the repository.
 */
export function patternProblem(pattern: string): string | null {
  const example = 'such as "locales/{locale}/**/*.md" or "docs/**/{locale}.md"';
  if (pattern.trim() === '') return `expected a path pattern ${example}, got an empty string`;
  const count = pattern.split('{locale}').length - 1;
  if (count !== 1) return `expected a path pattern with "{locale}" exactly once ${example}, got ${describe(pattern)} (${count} times)`;
  if (pattern.startsWith('/') || /^[A-Za-z]:/.test(pattern) || pattern.startsWith('~')) {
    return `expected a path relative to the repository root ${example}, got ${describe(pattern)}`;
  }
  if (pattern.includes('\\')) return `expected "/" as the path separator, got ${describe(pattern)}`;
  if (pattern.split('/').some((segment) => segment === '..' || segment === '.')) {
    return `expected a path inside the repository without "." or ".." segments, got ${describe(pattern)}`;
  }
  if (pattern.includes('\0')) return 'expected a path pattern without NUL characters';
  return null;
}

// ---------------------------------------------------------------- schema

/** Defaults applied to every key left out of `.github/i18n-drift.yml`. */
export const DEFAULT_CONFIG: Readonly<Config> = Object.freeze({
  sourceLocale: 'en',
  locales: null,
  files: ['locales/{locale}/**/*.md'],
  frontmatterKeys: ['title', 'description'],
  translators: {},
  labels: {},
  branchPrefix: 'i18n-drift/',
  skipKeywords: ['[i18n skip]'],
});

/** The key pins live under in a translated file's frontmatter: never a translatable key. */
const PINS_KEY = 'i18n';

// GitHub logins: alphanumerics and single hyphens, at most 39 characters.
const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
// What `git check-ref-format` refuses, restricted to what a prefix can contain.
const BAD_REF_PREFIX = /(^[/.-])|\.\.|\/\/|@\{|[\s~^:?*[\\\x00-\x1f\x7f]|\.lock(\/|$)|\/\./;

const localeCode = z.string().superRefine((value, ctx) => {
  const problem = localeProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const nonEmptyString = (what: string) =>
  z.string().superRefine((value, ctx) => {
    if (value.trim() === '') ctx.addIssue({ code: 'custom', message: `expected ${what}, got an empty string` });
  });

const login = z
  .string()
  .transform((value) => value.replace(/^@/, ''))
  .superRefine((value, ctx) => {
    if (!GITHUB_LOGIN.test(value)) ctx.addIssue({ code: 'custom', message: `expected a GitHub login such as "octocat", got ${describe(value)}` });
  });

const label = z.string().superRefine((value, ctx) => {
  if (value.trim() === '' || value.length > 50) {
    ctx.addIssue({ code: 'custom', message: `expected a GitHub label name of 1 to 50 characters, got ${describe(value)}` });
  }
});

/** A mapping from locale code to a list; the keys are checked as locale codes. */
const perLocale = <T extends z.ZodType>(item: T) =>
  z.record(z.string(), z.array(item)).superRefine((record, ctx) => {
    for (const key of Object.keys(record)) {
      const problem = localeProblem(key);
      if (problem) ctx.addIssue({ code: 'custom', path: [key], message: `expected locale codes as keys: ${problem}` });
    }
  });

/** One of a few words, with an error listing them (zod's enum message names no value). */
const oneOf = <T extends string>(values: readonly [T, ...T[]]) =>
  z.string().superRefine((value, ctx) => {
    if (!(values as readonly string[]).includes(value)) ctx.addIssue({ code: 'custom', message: `expected one of ${values.join(', ')}, got ${describe(value)}` });
  }) as unknown as z.ZodType<T>;

const publishRules = z.strictObject({
  stale: oneOf(['notice', 'english', 'keep'] as const).default('notice'),
  missing: oneOf(['notice', 'hide'] as const).default('notice'),
  minCoverage: z
    .number()
    .superRefine((value, ctx) => {
      if (!(value >= 0 && value <= 1)) ctx.addIssue({ code: 'custom', message: `expected a share between 0 and 1 such as 0.8, got ${describe(value)}` });
    })
    .default(0),
});

/**
 * A `files` entry: a pattern, or `{ pattern, format, keySeparator }` naming its format
 * (`markdown`, `i18next`) where the extension does not say it, and for i18next catalogs
 * how nested keys are joined (`false`: flat keys, as i18next's own option).
 */
type FileEntry = { pattern: string; format: FormatName | null; keySeparator?: string | false };
const fileEntry = z.unknown().transform((value, ctx): FileEntry => {
  const refuse = (message: string, path: string[] = []) => {
    ctx.addIssue({ code: 'custom', message, path });
    return z.NEVER;
  };
  const checked = (pattern: unknown, path: string[]) => {
    if (typeof pattern !== 'string') return refuse(`expected a path pattern such as "locales/{locale}/**/*.md", got ${describe(pattern)}`, path);
    const problem = patternProblem(pattern);
    return problem ? refuse(problem, path) : pattern;
  };
  if (typeof value === 'string') return { pattern: checked(value, []), format: null };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return refuse(`expected a path pattern, or a mapping {pattern, format}, got ${describe(value)}`);
  }
  const { pattern, format, keySeparator, ...rest } = value as Record<string, unknown>;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) return refuse('unknown key; expected pattern, format and keySeparator', [unknown]);
  const valid = checked(pattern, ['pattern']);
  if (format !== undefined && format !== null && !(FORMAT_NAMES as readonly unknown[]).includes(format)) {
    return refuse(`expected one of ${FORMAT_NAMES.join(', ')}, got ${describe(format)}`, ['format']);
  }
  const named = (format ?? null) as FormatName | null;
  if (keySeparator === undefined || keySeparator === null) return { pattern: valid, format: named };
  // A separator is how i18next reads nested keys: it means nothing to a Markdown pattern.
  if ((named ?? formatByExtension(valid)) !== 'i18next') return refuse('applies to i18next catalogs only (a .json pattern, or format: i18next)', ['keySeparator']);
  if (keySeparator !== false && (typeof keySeparator !== 'string' || keySeparator === '' || /\s/.test(keySeparator))) {
    return refuse(`expected the separator of nested keys such as "." or ":", or false for flat keys, got ${describe(keySeparator)}`, ['keySeparator']);
  }
  return { pattern: valid, format: named, keySeparator };
});

const schema = z.strictObject({
  sourceLocale: localeCode.default(DEFAULT_CONFIG.sourceLocale),
  locales: z.array(localeCode).nullable().default(null),
  files: z
    .array(fileEntry)
    .min(1)
    .default(() => DEFAULT_CONFIG.files.map((pattern) => ({ pattern, format: null }))),
  frontmatterKeys: z
    .array(
      nonEmptyString('a frontmatter key such as "title"').superRefine((value, ctx) => {
        if (value === PINS_KEY) ctx.addIssue({ code: 'custom', message: `"${PINS_KEY}" holds i18n-drift's own pins and cannot be translated` });
      }),
    )
    .default([...DEFAULT_CONFIG.frontmatterKeys]),
  translators: perLocale(login).default({}),
  labels: perLocale(label).default({}),
  branchPrefix: z
    .string()
    .superRefine((value, ctx) => {
      if (value === '' || BAD_REF_PREFIX.test(value) || value.length > 100) {
        ctx.addIssue({ code: 'custom', message: `expected a Git branch-name prefix such as "i18n-drift/", got ${describe(value)}` });
      }
    })
    .default(DEFAULT_CONFIG.branchPrefix),
  skipKeywords: z.array(nonEmptyString('a commit-message keyword such as "[i18n skip]"')).default([...DEFAULT_CONFIG.skipKeywords]),
  publish: z
    .record(z.string(), publishRules)
    .superRefine((record, ctx) => {
      for (const key of Object.keys(record)) {
        const problem = localeProblem(key);
        if (problem) ctx.addIssue({ code: 'custom', path: [key], message: `expected locale codes as keys: ${problem}` });
      }
    })
    .optional(),
});

const KNOWN_KEYS = Object.keys(schema.shape);

// ---------------------------------------------------------------- entry points

export interface ParseConfigOptions {
  /**
   * Locales found in the repository (see `discoverLocales`). When the config leaves
   * `locales` out, the valid ones (minus the source locale) become `locales`.
   */
  discoveredLocales?: string[];
}

/**
 * Validate an already-parsed configuration object (what Probot's `context.config`
 * returns, or `parseConfigText`'s YAML) and apply defaults. `null`/`undefined` means
 * "no config file": all defaults. A key set to `null` (an empty YAML value) counts as
 * left out.
 *
 * @throws ConfigError naming the dotted key (`locales.1`, `translators.fr`) and what is expected.
 */
export function parseConfig(input: unknown, options: ParseConfigOptions = {}): Config {
  if (input === null || input === undefined) input = {};
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new ConfigError('(root)', `expected a mapping of keys (${KNOWN_KEYS.join(', ')}), got ${describe(input)}`);
  }
  // Empty YAML values (`locales:`) parse as null: treat them as left out. `_extends` is
  // Probot's config inheritance: the GitHub App resolves it, the CLI cannot (no network).
  const cleaned = Object.fromEntries(Object.entries(input as Record<string, unknown>).filter(([key, value]) => value !== null && key !== '_extends'));
  const result = schema.safeParse(cleaned);
  if (!result.success) throw toConfigError(result.error.issues, cleaned);
  const config: Config = { ...result.data, files: result.data.files.map((entry) => entry.pattern) };
  const formats: Record<string, FormatName> = {};
  const keySeparators: Record<string, string | false> = {};
  result.data.files.forEach(({ pattern, format, keySeparator }, index) => {
    if (keySeparator !== undefined) keySeparators[pattern] = keySeparator;
    if (format !== null) formats[pattern] = format;
    // A pattern no format handles would be read as Markdown: frontmatter prepended to a YAML or CSV file.
    else if (formatByExtension(pattern) === null) {
      throw new ConfigError(`files.${index}`, `"${pattern}" has no extension a format handles (.md, .mdx, .markdown: markdown; .json: i18next); name its format, e.g. {pattern: "${pattern}", format: markdown}`);
    }
  });
  if (Object.keys(formats).length > 0) config.formats = formats;
  if (Object.keys(keySeparators).length > 0) config.keySeparators = keySeparators;
  checkConsistency(config);
  if (config.locales === null && options.discoveredLocales) {
    const found = options.discoveredLocales.filter((code) => isLocaleCode(code) && code !== config.sourceLocale);
    config.locales = [...new Set(found)].sort();
  }
  return config;
}

/**
 * Parse the text of `.github/i18n-drift.yml`. `null` (no file), empty text or a file
 * holding only comments give the defaults.
 *
 * @throws ConfigError with key `(yaml)` and the line for invalid YAML; otherwise as `parseConfig`.
 */
export function parseConfigText(yamlText: string | null, options: ParseConfigOptions = {}): Config {
  if (yamlText === null || yamlText.trim() === '') return parseConfig(null, options);
  // A YAML alias bomb is capped by `maxAliasCount`; unique keys are enforced by default.
  const document = parseYamlDocument(yamlText, { prettyErrors: true, uniqueKeys: true });
  const error = document.errors[0];
  if (error) {
    const line = error.linePos?.[0].line;
    const firstLine = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new ConfigError('(yaml)', `${line ? `invalid YAML at line ${line}: ${firstLine}` : `invalid YAML: ${firstLine}`}${quoteHint(yamlText, line)}`);
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 100 });
  } catch (cause) {
    throw new ConfigError('(yaml)', `invalid YAML: ${(cause as Error).message}${quoteHint(yamlText, undefined)}`);
  }
  return parseConfig(data, options);
}

// ---------------------------------------------------------------- helpers

// A block value (`- x` or `key: x`) written without quotes.
const UNQUOTED_VALUE = /^(\s*(?:-\s+|[A-Za-z][\w-]*:\s+))([^\s'"#[].*?)\s*$/;

/**
 * A hint to quote the value when the YAML error comes from an unquoted glob: `*` starts
 * an alias and `{` a flow mapping in YAML, so the most natural way to write a pattern
 * (a list item of star-star-slash-{locale}.md) is not a string. '' when no line looks so.
 */
function quoteHint(yamlText: string, errorLine: number | undefined): string {
  const lines = yamlText.split(/\r?\n/);
  // Without a line (an unresolved alias, found after parsing), only a value that is an alias can be the cause.
  const candidates = errorLine ? [errorLine] : lines.map((_, index) => index + 1);
  for (const n of candidates) {
    const match = UNQUOTED_VALUE.exec(lines[n - 1] ?? '');
    if (!match) continue;
    const value = match[2]!;
    const suspicious = errorLine ? /^[*&!{@`%]/.test(value) || value.includes('{locale}') : value.startsWith('*');
    if (!suspicious) continue;
    return ` (line ${n}: quote the pattern, ${match[1]!.trim()} "${value.replace(/"/g, '\\"')}": unquoted, YAML reads * as an alias and { as a mapping)`;
  }
  return '';
}

/** Cross-key rules zod's per-key schema cannot express. */
function checkConsistency(config: Config): void {
  if (config.locales) {
    const seen = new Set<string>();
    config.locales.forEach((code, index) => {
      if (code === config.sourceLocale) {
        throw new ConfigError(`locales.${index}`, `expected target locales only; "${code}" is the source locale (sourceLocale)`);
      }
      if (seen.has(code)) throw new ConfigError(`locales.${index}`, `expected each locale once; "${code}" is listed twice`);
      seen.add(code);
    });
    for (const key of ['translators', 'labels', 'publish'] as const) {
      for (const code of Object.keys(config[key] ?? {})) {
        if (!seen.has(code)) {
          throw new ConfigError(`${key}.${code}`, `expected one of the configured locales (${config.locales.join(', ')}), got "${code}"`);
        }
      }
    }
  }
  const files = new Set<string>();
  config.files.forEach((pattern, index) => {
    if (files.has(pattern)) throw new ConfigError(`files.${index}`, `expected each pattern once; "${pattern}" is listed twice`);
    files.add(pattern);
  });
}

/** The first zod issue as a ConfigError (one clear problem beats a wall of them). */
function toConfigError(issues: readonly z.core.$ZodIssue[], input: Record<string, unknown>): ConfigError {
  // Unknown keys first: a typo (`locale:`) explains the other problems best.
  const issue = issues.find((candidate) => candidate.code === 'unrecognized_keys') ?? issues[0]!;
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const known = path.length === 0 ? KNOWN_KEYS : [];
    const suggestion = closest(key, known);
    const hint = suggestion ? ` (did you mean "${suggestion}"?)` : '';
    const expected = known.length > 0 ? `; expected one of ${known.join(', ')}` : '';
    return new ConfigError([...path, key].join('.'), `unknown key${hint}${expected}`);
  }
  const key = path.length > 0 ? path.join('.') : '(root)';
  if (issue.code === 'invalid_type') {
    return new ConfigError(key, `expected ${article(issue.expected)}, got ${describe(valueAt(input, issue.path))}`);
  }
  if (issue.code === 'too_small' && issue.origin === 'array') {
    return new ConfigError(key, `expected at least ${String(issue.minimum)} entry`);
  }
  return new ConfigError(key, issue.message);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const step of path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[step] : undefined;
  return value;
}

function article(expected: string): string {
  const names: Record<string, string> = { array: 'a list', object: 'a mapping', record: 'a mapping', string: 'a string', number: 'a number', boolean: 'true or false' };
  return names[expected] ?? expected;
}

/** Short description of a value for error messages. */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  return `${typeof value === 'number' ? 'the number' : typeof value} ${String(value)}`;
}

/** The known key nearest to a typo, if it is near enough to be a typo. */
function closest(word: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? best : null;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
