/**
 * Which files are documents, in which locale, and where a document's translation
 * lives. A document is identified across locales by its *key*: its path with the
 * locale replaced by `{locale}` (`locales/{locale}/your-data.md`,
 * `docs/guide/{locale}.md`). Patterns are compiled once per config (picomatch) and a
 * locale is only ever read from the `{locale}` slot, so a path that would resolve
 * outside the repository can never come out of here.
 */
import picomatch from 'picomatch';
import { ConfigError } from './errors.js';
import { LOCALE_PATTERN_SOURCE, isLocaleCode, localeProblem } from './config.js';
import type { Config } from './types.js';
import type { FormatName } from './formats/document-format.js';
import { formatByExtension } from './formats/format-by-extension.js';
import { STATE_SUFFIX } from './formats/catalog-state.js';

/** Where a path sits in the config's document space. */
export interface DocumentPath {
  locale: string;
  /** The path with the locale replaced by `{locale}`: the same for every locale of one document. */
  key: string;
  /** The `files` pattern that matched. */
  pattern: string;
}

/** A source-locale document, as `sourceDocuments` lists it. */
export interface SourceDocument extends DocumentPath {
  path: string;
}

interface CompiledPattern {
  pattern: string;
  regex: RegExp;
  /** The same without the `d` flag: several times faster, for when the locale's place is plain. */
  plain: RegExp;
}

// A token of plain letters survives picomatch's escaping untouched, so it can be
// swapped for a named group afterwards.
const SLOT = 'QzLOCALEzQ';
const compiledByFiles = new WeakMap<readonly string[], CompiledPattern[]>();

function compile(config: Config): CompiledPattern[] {
  let compiled = compiledByFiles.get(config.files);
  if (!compiled) {
    compiled = config.files.map((pattern) => {
      const source = picomatch.makeRe(pattern.replace('{locale}', SLOT), { dot: false }).source.replace(SLOT, `(?<locale>${LOCALE_PATTERN_SOURCE})`);
      // `d`: the locale group's offsets, to build the key without guessing.
      return { pattern, regex: new RegExp(source, 'd'), plain: new RegExp(source) };
    });
    compiledByFiles.set(config.files, compiled);
  }
  return compiled;
}

/** True for a repository-relative path with no way out of the repository. */
export function isSafeRelativePath(path: string): boolean {
  if (path === '' || /^[A-Za-z]:/.test(path)) return false;
  // One pass, no segment strings: every path of a repository comes through here.
  let segmentStart = 0;
  for (let i = 0; i <= path.length; i++) {
    const code = i === path.length ? 47 : path.charCodeAt(i);
    if (code === 92 /* \ */ || code === 0) return false;
    if (code !== 47 /* / */) continue;
    const length = i - segmentStart;
    // '', '.' and '..' (a leading '/' is an empty first segment).
    if (length === 0 || (length <= 2 && path.charCodeAt(segmentStart) === 46 && (length === 1 || path.charCodeAt(segmentStart + 1) === 46))) return false;
    segmentStart = i + 1;
  }
  return true;
}

/** The format of a `files` pattern: the one the config names, else by its extension (Markdown for configs built without `parseConfig`). */
export function formatOfPattern(pattern: string, config: Pick<Config, 'formats'>): FormatName {
  return config.formats?.[pattern] ?? formatByExtension(pattern) ?? 'markdown';
}

/** True when some `files` pattern has `format`: callers skip looking for catalogs in a Markdown-only repository. */
export function hasFormat(config: Config, format: FormatName): boolean {
  return config.files.some((pattern) => formatOfPattern(pattern, config) === format);
}

/** Which formats a lookup is about: one, or `any`. */
export type FormatFilter = FormatName | 'any';

/**
 * Match a path against the patterns, whatever locale it is in. The first pattern that
 * matches wins; `format` then says whether that pattern's format is wanted (a path under
 * an i18next pattern is no Markdown document, and the other way round).
 */
function matchPath(path: string, config: Config, format: FormatFilter = 'markdown'): Readonly<DocumentPath> | null {
  let memo = matched.get(config);
  // A config is read-only once made; one whose patterns were swapped (tests) starts over.
  if (!memo || memo.files !== config.files || memo.formats !== config.formats) matched.set(config, (memo = { files: config.files, formats: config.formats, byFormat: new Map() }));
  let byPath = memo.byFormat.get(format);
  if (!byPath) memo.byFormat.set(format, (byPath = new Map()));
  let found = byPath.get(path);
  if (found === undefined) {
    if (byPath.size >= MATCHED_MAX) byPath.clear();
    byPath.set(path, (found = format === 'any' ? matchUncached(path, config) : ofFormat(matchPath(path, config, 'any'), config, format)));
  }
  return found;
}

/**
 * Matches of this process, per config, format and path: one status asks about every
 * path of the repository many times over (survey, tree, adoption, coverage, versions),
 * a twentieth of a cold `status` on a 5,000-file corpus (apps/cli/bench). A match
 * depends on the path and the config only. Emptied past a bound, for long-running processes.
 */
const matched = new WeakMap<Config, { files: Config['files']; formats: Config['formats']; byFormat: Map<FormatFilter, Map<string, Readonly<DocumentPath> | null>> }>();
const MATCHED_MAX = 200_000;

/**
 * The first pattern's match, whatever its format: frozen, as every caller of `matchPath`
 * shares it (those that hand a match out, `documentOf`, copy it).
 */
function matchUncached(path: string, config: Config): Readonly<DocumentPath> | null {
  if (!isSafeRelativePath(path)) return null;
  for (const { pattern, regex, plain } of compile(config)) {
    const locale = plain.exec(path)?.groups?.['locale'];
    if (locale === undefined || !isLocaleCode(locale)) continue;
    // Where the locale sits: the one place it occurs, else where the match put it.
    const first = path.indexOf(locale);
    const start = first === path.lastIndexOf(locale) ? first : regex.exec(path)!.indices!.groups!['locale']![0];
    const key = `${path.slice(0, start)}{locale}${path.slice(start + locale.length)}`;
    return Object.freeze({ locale, key, pattern });
  }
  return null;
}

/** A match of any format kept when its pattern has `format` (the first matching pattern decides, whatever its format). */
function ofFormat(found: Readonly<DocumentPath> | null, config: Config, format: FormatName): Readonly<DocumentPath> | null {
  return found && formatOfPattern(found.pattern, config) === format ? found : null;
}

/**
 * The document a path belongs to: its locale, its cross-locale key and the pattern
 * that matched; null when the path is no document (matches no pattern, has an invalid
 * locale, is in a locale the config does not manage, or is not a safe relative path).
 */
export function documentOf(path: string, config: Config, format: FormatFilter = 'markdown'): DocumentPath | null {
  const found = managedDocument(path, config, format);
  // Each caller gets its own copy.
  return found && { ...found };
}

/** `documentOf` without the copy, for the callers here that only read it. */
function managedDocument(path: string, config: Config, format: FormatFilter): Readonly<DocumentPath> | null {
  const found = matchPath(path, config, format);
  if (!found) return null;
  if (config.locales && found.locale !== config.sourceLocale && !config.locales.includes(found.locale)) return null;
  return found;
}

/**
 * The path of a document in `locale`, from its key (`locales/{locale}/a.md`) or from
 * the path of any of its versions (`locales/en/a.md`), of any format.
 *
 * @throws ConfigError('locale') for an invalid locale code; ConfigError('files') when
 *   the path matches none of the patterns or would resolve outside the repository.
 */
export function pathFor(keyOrPath: string, locale: string, config: Config): string {
  const problem = localeProblem(locale);
  if (problem) throw new ConfigError('locale', problem);
  let key = keyOrPath;
  if (!keyOrPath.includes('{locale}')) {
    const found = matchPath(keyOrPath, config, 'any');
    if (!found) throw new ConfigError('files', `expected a path matching one of the patterns (${config.files.join(', ')}), got ${JSON.stringify(keyOrPath)}`);
    key = found.key;
  }
  const path = key.replace('{locale}', locale);
  if (!isSafeRelativePath(path) || path.includes('{locale}')) {
    throw new ConfigError('files', `expected a path inside the repository, got ${JSON.stringify(path)}`);
  }
  return path;
}

/** How a repository's paths fall under the `files` patterns (see `surveyPaths`). */
export interface PathSurvey {
  /** Per pattern, in config order: the files it matches (first match wins) and how many are source documents. */
  patterns: { pattern: string; files: number; sourceDocuments: number }[];
  /** Files in the source locale. */
  sourceFiles: number;
  /** `{locale}` values whose files translate at least one source document, with their file counts; sorted. */
  locales: { locale: string; files: number }[];
  /**
   * `{locale}` values whose files translate no source document: not locales, whatever
   * the pattern caught (a `docs/faq/` folder under `docs/{locale}/**`); sorted.
   */
  ignored: { locale: string; files: number }[];
}

/**
 * Which patterns match what and which locales are there, from a list of paths: what
 * `discoverLocales` and `assertPatternsMatch` decide on, and what a front end shows
 * so a misconfiguration is visible (a pattern matching nothing, a folder taken for a locale).
 */
export function surveyPaths(paths: Iterable<string>, config: Config): PathSurvey {
  const patterns = config.files.map((pattern) => ({ pattern, files: 0, sourceDocuments: 0 }));
  const index = new Map(config.files.map((pattern, i) => [pattern, i]));
  const sourceKeys = new Set<string>();
  const byLocale = new Map<string, { files: number; keys: string[] }>();
  let sourceFiles = 0;
  for (const path of paths) {
    const match = matchPath(path, config, 'any');
    if (!match) continue;
    const counts = patterns[index.get(match.pattern)!]!;
    counts.files += 1;
    if (match.locale === config.sourceLocale) {
      counts.sourceDocuments += 1;
      sourceFiles += 1;
      sourceKeys.add(match.key);
      continue;
    }
    let entry = byLocale.get(match.locale);
    if (!entry) byLocale.set(match.locale, (entry = { files: 0, keys: [] }));
    entry.files += 1;
    entry.keys.push(match.key);
  }
  const locales: PathSurvey['locales'] = [];
  const ignored: PathSurvey['ignored'] = [];
  for (const [locale, { files, keys }] of [...byLocale].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    (keys.some((key) => sourceKeys.has(key)) ? locales : ignored).push({ locale, files });
  }
  return { patterns, sourceFiles, locales, ignored };
}

/**
 * The locales present among `paths`: every `{locale}` value (a valid locale code, not
 * the source locale) with at least one file translating a source document, sorted. A
 * folder whose files translate nothing is no locale (see `surveyPaths`).
 */
export function discoverLocales(paths: Iterable<string>, config: Config): string[] {
  return surveyPaths(paths, config).locales.map(({ locale }) => locale);
}

/**
 * Refuse patterns that track nothing: a pattern matching no file, or no document in
 * the source locale, would report "100% current" and pass every check.
 *
 * @throws ConfigError(`files.N`) naming the first such pattern and what it matched.
 */
export function assertPatternsMatch(survey: PathSurvey, config: Config): void {
  survey.patterns.forEach(({ pattern, files, sourceDocuments }, i) => {
    if (files === 0) throw new ConfigError(`files.${i}`, `"${pattern}" matches no file; expected a pattern matching the documents, such as "locales/{locale}/**/*.md" or "docs/**/{locale}.md"`);
    if (sourceDocuments === 0) {
      throw new ConfigError(`files.${i}`, `"${pattern}" matches ${files} file(s) but none in the source locale "${config.sourceLocale}"; expected the English documents to match too`);
    }
  });
}

/** The locales to report on: the configured ones, or those discovered among `paths`. */
export function targetLocales(paths: Iterable<string>, config: Config): string[] {
  return config.locales ? [...config.locales] : discoverLocales(paths, config);
}

/**
 * True for a path the front ends read for `status`, `check` and `sync`: a document of
 * any format, or the state file beside an i18next catalog.
 */
export function isTrackedPath(path: string, config: Config): boolean {
  if (matchPath(path, config, 'any') !== null) return managedDocument(path, config, 'any') !== null;
  return path.endsWith(STATE_SUFFIX) && managedDocument(path.slice(0, -STATE_SUFFIX.length), config, 'i18next') !== null;
}

/** The source-locale documents among `paths` (of the patterns of `format`, Markdown by default), sorted by path. */
export function sourceDocuments(paths: Iterable<string>, config: Config, format: FormatFilter = 'markdown'): SourceDocument[] {
  const documents: SourceDocument[] = [];
  for (const path of paths) {
    const match = matchPath(path, config, format);
    if (match && match.locale === config.sourceLocale) documents.push({ path, ...match });
  }
  return documents.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
