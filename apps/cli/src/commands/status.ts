/**
 * `i18n-drift status`: coverage of the working tree. By default, per locale, the
 * summary and the documents that need work, worst first; `--all` every document;
 * `--locale`, `--state` and path arguments narrow it (the JSON too, same shape);
 * `--sections` lists each document's stale and missing sections. With `--json` and no
 * filter it prints exactly `JSON.stringify(coverageReport)`.
 */
import { existsSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { filterCoverage, findMarkers, isUnderPath, loadHistory, SECTION_STATES, type CoverageFilter, type CoverageReport, type PathSurvey, type SectionCoverage, type SectionState, type Tally, type Totals, type TranslationCoverage } from '@i18n-drift/core';
import { keyTakenAtStart, outputKey, writeOutput } from '../cache/output-cache.js';
import { startOfDay } from '../cache/report-cache.js';
import { UsageError } from '../cli-error.js';
import { colorEnabled, requestedLanguage, statusViewKey } from '../fast-status.js';
import { loadCoverage } from '../load-state.js';
import { colors } from '../output.js';
import { CONFIG_PATH, openRepository, type Repository } from '../repository.js';
import { reportSkipped, skippedText, type SkippedFile } from '../skipped-file.js';
import { skippedDocuments, type Worktree } from '../worktree.js';
import type { Command } from './context.js';

type T = (k: string, v?: Record<string, unknown>) => string;

/** Documents listed per locale by default; `--all` or any filter lifts the limit. */
export const DEFAULT_LIMIT = 20;

export const runStatus: Command = async ({ root, json, args, m: { t } }) => {
  const mode = json ? 'json' : 'human';
  const plain = ['all', 'locale', 'state', 'sections'].every((flag) => args.values[flag] === undefined) && args.positionals.length === 0;
  const dir = resolve(root ?? process.cwd());
  const viewOptions = { all: args.values['all'] === true, sections: args.values['sections'] === true, locale: args.values['locale'] as string | undefined, state: args.values['state'] as string | undefined, paths: args.positionals };
  const keyInput = { dir, mode, view: statusViewKey(viewOptions, dir), lang: requestedLanguage(args.values['lang'] as string | undefined), color: colorEnabled() } as const;
  // Taken before anything is read: the cached path's key when it ran (the same input), else now.
  const taken = keyTakenAtStart(keyInput);
  const before = taken === undefined ? await outputKey(keyInput) : taken;
  const states = listFlag(args.values['state'])?.map((state) => {
    if (!(SECTION_STATES as readonly string[]).includes(state)) throw new UsageError(t('cli:error.unknownState', { value: state }));
    return state as SectionState;
  });
  // The key's git status named HEAD and every uncommitted file, and the work tree was
  // found for it: the repository is opened and its working tree read from them.
  const repo = await openRepository(root, t, before ? { root: before.root, gitDir: before.gitDir, head: before.head } : undefined);
  try {
    const uncommitted = before && before.root === repo.root ? before.uncommitted : undefined;
    const { report, tree, json: reportJson } = await loadCoverage(repo, { progressLabel: t('cli:progress.reading'), uncommitted });
    const filter: CoverageFilter = {};
    const locales = listFlag(args.values['locale']);
    if (locales) {
      for (const locale of locales) if (!report.locales.includes(locale)) throw new UsageError(t('cli:error.unknownLocale', { value: locale, locales: report.locales.join(', ') }));
      filter.locales = locales;
    }
    if (states) filter.states = states;
    const paths = args.positionals.map((given) => documentPath(report, repo.root, root, given, t));
    // The key after the run is taken now, while the output is made: what follows reads
    // nothing that can change (history and blobs by commit and blob id).
    const afterKey = outputKey(keyInput);
    // The repository's root itself (`status .` there) narrows nothing.
    if (paths.length > 0 && !paths.includes('')) filter.paths = paths;
    const shown = plain ? report : filterCoverage(report, filter);
    const view: StatusView = { all: Boolean(args.values['all']) || Boolean(states?.includes('current')), limit: plain ? DEFAULT_LIMIT : Infinity, sections: args.values['sections'] ? (states ?? ['stale', 'missing']) : null, survey: repo.survey, configured: repo.configuredLocales, locales: report.locales };
    if (!json && view.sections?.includes('missing')) view.missingAges = await missingAges(repo, tree, shown, view);
    const output = json ? (shown === report ? reportJson() : JSON.stringify(shown)) + '\n' : coverageTable(shown, t, view).join('\n') + '\n';
    process.stdout.write(output);
    // Every document left out, English or translation, on its own line; then exit 1.
    const skipped = [...skippedDocuments(tree, t), ...invalidDocuments(report)];
    // Translations shown without their history: why, and how to fetch it; exit 1 too.
    const missingHistory = historyText(report, t);
    process.stderr.write(missingHistory);
    const code = Math.max(reportSkipped(skipped, t), missingHistory === '' ? 0 : 1);
    // Cached with its skipped-file lines and exit code (a real repository often holds
    // a broken file), and only when nothing moved while we computed (the key is taken
    // on both sides). Not when history is missing: `git fetch --unshallow` brings it
    // without changing the key.
    const after = await afterKey;
    if (before && after && before.key === after.key && missingHistory === '') await writeOutput(after, { stdout: output, stderr: skippedText(skipped, t), code });
    return code;
  } finally {
    repo.host.close();
  }
};

/** One stderr line per translation whose history could not be read: why, and how to fetch it. */
function historyText(report: CoverageReport, t: T): string {
  const lines = report.documents.flatMap((d) =>
    d.translations.flatMap(({ path, historyUnavailable: missing, notAdopted }) => {
      if (!missing) return [];
      const reason = notAdopted
        ? t('cli:status.shallowBoundary', { commit: missing.commit.slice(0, 7) })
        : missing.reason === 'shallow-clone'
          ? t('cli:error.shallow', { commit: missing.commit })
          : t('cli:error.unknownRevision', { revision: missing.commit });
      return [`i18n-drift: ${t('cli:status.historyLine', { where: path, reason })}\n`];
    }),
  );
  return lines.join('');
}

/** The documents the report could not read (their frontmatter or pins), English and translations. */
function invalidDocuments(report: CoverageReport): SkippedFile[] {
  return report.documents.flatMap((d) => [
    ...(d.invalid ? [{ path: d.source, line: d.invalid.line, reason: d.invalid.reason }] : []),
    ...d.translations.flatMap((tr) => (tr.invalid ? [{ path: tr.path, line: tr.invalid.line, reason: tr.invalid.reason }] : [])),
  ]);
}

/** `fr,nl`: the values, trimmed; undefined when the flag is absent. */
function listFlag(value: string | boolean | undefined): string[] | undefined {
  if (typeof value !== 'string') return undefined;
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/**
 * A path argument as a repository path: relative to `--root` when given, else to the
 * current folder. @throws UsageError when it does not exist or holds no document.
 */
function documentPath(report: CoverageReport, repoRoot: string, rootFlag: string | undefined, given: string, t: T): string {
  const absolute = resolve(rootFlag ?? process.cwd(), given);
  if (!existsSync(absolute)) throw new UsageError(t('cli:error.noSuchPath', { path: given }));
  const rel = relative(realpathSync(repoRoot), realpathSync(absolute)).split(sep).join('/');
  if (rel === '..' || rel.startsWith('../') || isAbsolute(rel)) throw new UsageError(t('cli:error.outside', { path: given, root: repoRoot }));
  if (rel === '') return rel;
  const paths = [...report.documents.flatMap((document) => [document.source, ...document.translations.map((translation) => translation.path)]), ...report.orphans.map((orphan) => orphan.path)];
  if (!paths.some((path) => isUnderPath(path, rel))) throw new UsageError(t('cli:error.noDocument', { path: given, config: CONFIG_PATH }));
  return rel;
}

export interface StatusView {
  /** Every document, current ones included, with no limit per locale. */
  all?: boolean;
  /** At most this many documents per locale (default DEFAULT_LIMIT; `all` lifts it). */
  limit?: number;
  /** List the sections in these states under each document; null: none. */
  sections?: readonly SectionState[] | null;
  /** The locales found in the files, with their counts (printed above the table). */
  survey?: PathSurvey;
  /** True when `.github/i18n-drift.yml` names the locales. */
  configured?: boolean;
  /** Every locale of the repository, for the line above the table (default: the report's). */
  locales?: readonly string[];
  /** Per translation path and section id, since when a missing section waits (from its marker). */
  missingAges?: Map<string, Map<string, MissingAge>>;
}

/** A missing section's age: the English commit that added it (its marker's `since`) and the days since. */
export interface MissingAge {
  since: string;
  daysBehind: number | null;
}

/**
 * The ages of the missing sections `--sections` will list: coverage knows a stale
 * section's age, but of a missing one only that it is missing; its `missing` marker
 * names the English commit that added it, whose date the English history gives.
 */
async function missingAges(repo: Repository, tree: Worktree, report: CoverageReport, view: StatusView): Promise<Map<string, Map<string, MissingAge>>> {
  const ages = new Map<string, Map<string, MissingAge>>();
  const wanted = report.documents.flatMap((document) =>
    document.translations
      .filter((tr) => tr.exists && tr.sections.some((section) => section.state === 'missing'))
      .filter((tr) => view.all || needsWork(tr))
      .map((tr) => ({ source: document.source, tr })),
  );
  if (wanted.length === 0 || !repo.head) return ages;
  const history = await loadHistory(repo.host, [...new Set(wanted.map((w) => w.source))], repo.head);
  const today = startOfDay().getTime();
  for (const { source, tr } of wanted) {
    const file = tree.files.get(tr.path);
    if (!file) continue;
    const text = file.text ?? (await repo.host.readBlob(file.oid, tr.path));
    const bySection = new Map<string, MissingAge>();
    for (const marker of findMarkers(text)) {
      if (marker.kind !== 'missing' || !marker.since) continue;
      const since = marker.since;
      const commit = history[source]?.find((c) => c.sha.startsWith(since) || since.startsWith(c.sha));
      const time = commit ? Date.parse(commit.date) : NaN;
      bySection.set(marker.section, { since, daysBehind: Number.isNaN(time) ? null : Math.max(0, Math.floor((today - time) / 86_400_000)) });
    }
    if (bySection.size > 0) ages.set(tr.path, bySection);
  }
  return ages;
}

/** The human coverage table (also printed by `demo`, before and after). */
export function coverageTable(report: CoverageReport, t: T, view: StatusView = {}): string[] {
  const lines: string[] = [];
  const revision = report.revision ? report.revision.slice(0, 7) : '-';
  lines.push(colors.bold(t('cli:status.title', { revision })));
  if (view.survey) lines.push(...localeLines(view.locales ?? report.locales, report.sourceLocale, view.survey, Boolean(view.configured), t));
  const listed = new Map<string, TranslationCoverage[]>();
  for (const locale of report.locales) listed.set(locale, []);
  for (const document of report.documents) for (const tr of document.translations) listed.get(tr.locale)?.push(tr);
  const shownPaths = report.locales.flatMap((locale) => chosen(listed.get(locale)!, view).shown.map((tr) => tr.path.length));
  const width = Math.max(20, ...shownPaths);
  for (const locale of report.byLocale) {
    const translations = listed.get(locale.locale) ?? [];
    const { shown, needWork, hidden } = chosen(translations, view);
    lines.push('');
    lines.push(
      `${colors.bold(locale.locale)}  ${percent(locale.totals.sections)} ${t('cli:status.sectionsCurrent')} · ${percent(locale.totals.words)} ${t('cli:status.wordsCurrent')} · ${t('cli:status.needWork', { count: needWork, total: translations.length })}`,
    );
    if (locale.excluded) lines.push(colors.dim(`  ${t('cli:status.excluded', { count: locale.excluded })}`));
    for (const tr of shown) {
      lines.push(...translationLines(tr, width, t));
      // A file not there yet misses every section: "not translated yet" says it all; one
      // whose translator's English is beyond a shallow clone has no states to list.
      if (view.sections && tr.exists && !(tr.historyUnavailable && tr.notAdopted)) lines.push(...sectionLines(tr, view.sections, t, view.missingAges?.get(tr.path)));
    }
    if (hidden > 0) lines.push(colors.dim(`  ${t('cli:status.more', { count: hidden })}`));
  }
  for (const document of report.documents) {
    // An unreadable English file has no translation lines: say it once.
    if (document.invalid) lines.push('', `${document.source}  ${colors.red(t('cli:status.invalid', { line: document.invalid.line, reason: document.invalid.reason }))}`);
  }
  if (report.orphans.length > 0) {
    lines.push('');
    for (const o of report.orphans) lines.push(colors.yellow(t('cli:status.orphan', { path: o.path, expected: o.expectedSource })));
  }
  lines.push('');
  lines.push(t('cli:status.total', { sections: report.totals.sections.percent, words: report.totals.words.percent }));
  return lines;
}

/** `Locales found: fr (3 files), nl (2 files)`, and the folders that were taken for none. */
function localeLines(locales: readonly string[], sourceLocale: string, survey: PathSurvey, configured: boolean, t: T): string[] {
  const counts = new Map([...survey.locales, ...survey.ignored].map(({ locale, files }) => [locale, files]));
  const list = (entries: { locale: string; files: number }[]) => entries.map(({ locale, files }) => `${locale} (${t('cli:status.files', { count: files })})`).join(', ');
  const lines = [t(configured ? 'cli:status.localesConfigured' : 'cli:status.localesFound', { list: list(locales.map((locale) => ({ locale, files: counts.get(locale) ?? 0 }))) || '-' })];
  const ignored = configured ? [] : survey.ignored;
  if (ignored.length > 0) lines.push(colors.yellow(t('cli:status.notLocales', { source: sourceLocale, list: list(ignored) })));
  return lines;
}

/** A translation needs work unless every section is current (an absent file needs all of it). */
function needsWork(tr: TranslationCoverage): boolean {
  return !tr.exists || tr.invalid !== undefined || tr.totals.sections.current < tr.totals.sections.total;
}

/**
 * Listed by default besides those that need work: a translation with news for its
 * translator (sections signed off, re-pinned at the next sync; not adopted yet; its
 * history missing).
 */
function hasNews(tr: TranslationCoverage): boolean {
  return tr.notAdopted !== undefined || tr.historyUnavailable !== undefined || tr.sections.some((section) => section.signedOff);
}

/** The translations to list for one locale, worst first, and how many are left out. */
function chosen(translations: TranslationCoverage[], view: StatusView): { shown: TranslationCoverage[]; needWork: number; hidden: number } {
  const needing = translations.filter(needsWork);
  const candidates = (view.all ? [...translations] : translations.filter((tr) => needsWork(tr) || hasNews(tr))).sort(worstFirst);
  const shown = view.all ? candidates : candidates.slice(0, view.limit ?? DEFAULT_LIMIT);
  return { shown, needWork: needing.length, hidden: candidates.length - shown.length };
}

/** Least current first, then the oldest stale section, then by path. */
function worstFirst(a: TranslationCoverage, b: TranslationCoverage): number {
  return a.totals.sections.percent - b.totals.sections.percent || daysBehind(b) - daysBehind(a) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}

function daysBehind(tr: TranslationCoverage): number {
  return Math.max(-1, ...tr.sections.map((section) => (section.state === 'stale' ? (section.stale?.daysBehind ?? 0) : -1)));
}

function translationLines(tr: TranslationCoverage, width: number, t: T): string[] {
  if (!tr.exists) return [`  ${tr.path.padEnd(width)}  ${colors.dim(t('cli:status.notTranslated'))}`];
  // Not adopted, and its translator's English beyond a shallow clone: any state would be a guess.
  if (tr.historyUnavailable && tr.notAdopted) return [`  ${tr.path.padEnd(width)}  ${colors.yellow(t('cli:status.historyNotAdopted'))}`];
  const lines = [`  ${tr.path.padEnd(width)}  ${counts(tr.totals.sections, t)}  ${percent(tr.totals.sections)}${englishShare(tr.totals, t)}`];
  const indent = `  ${' '.repeat(width)}  `;
  // Pinned to a commit the clone lacks: judged from its pins alone (no catch-up, no ages).
  if (tr.historyUnavailable) {
    const key = tr.historyUnavailable.reason === 'shallow-clone' ? 'cli:status.historyShallow' : 'cli:status.historyUnknown';
    lines.push(indent + colors.yellow(t(key, { commit: tr.historyUnavailable.commit.slice(0, 7) })));
  }
  // A removed marker is the translator's sign-off: current now, re-pinned by the next sync (check passes it too).
  const signedOff = tr.sections.filter((section) => section.signedOff).length;
  if (signedOff > 0) lines.push(indent + colors.green(t('cli:status.signedOff', { count: signedOff })));
  // Its sections count as missing because the file cannot be read: say why.
  if (tr.invalid) lines.push(indent + colors.red(t('cli:status.invalid', { line: tr.invalid.line, reason: tr.invalid.reason })));
  // No pins yet: these states come from adopting it from history in memory, as `init` would.
  if (tr.notAdopted) lines.push(indent + colors.cyan(t('cli:status.notAdopted', { commit: tr.notAdopted.pinnedTo.slice(0, 7) })));
  return lines;
}

/** `    stale    Visitor data #visitor-data · 12 days behind · 3 English commits · English 1a2b3c4` */
function sectionLines(tr: TranslationCoverage, states: readonly SectionState[], t: T, missing?: Map<string, MissingAge>): string[] {
  const wanted = new Set(states);
  const stateWidth = Math.max(...states.map((state) => t(`cli:state.${state}`).length));
  return tr.sections
    .filter((section) => wanted.has(section.state))
    .map((section) => `      ${stateColor(section.state)(t(`cli:state.${section.state}`).padEnd(stateWidth))}  ${sectionLabel(section, t)}${sectionAge(section, t, section.state === 'missing' ? missing?.get(section.id) : undefined)}`);
}

function sectionLabel(section: SectionCoverage, t: T): string {
  if (section.id.startsWith('frontmatter.')) return section.id;
  return `${section.heading ?? t('cli:intro')} ${colors.dim(`#${section.id}`)}`;
}

function sectionAge(section: SectionCoverage, t: T, missing?: MissingAge): string {
  const info = section.stale ?? (missing ? { daysBehind: missing.daysBehind, commitsBehind: null, since: missing.since } : undefined);
  if (!info) return '';
  const parts: string[] = [];
  if (info.daysBehind !== null) parts.push(t('cli:status.days', { count: info.daysBehind }));
  if (info.commitsBehind !== null) parts.push(t('cli:status.commits', { count: info.commitsBehind }));
  if (info.since) parts.push(t('cli:status.englishCommit', { commit: info.since.slice(0, 7) }));
  return parts.length > 0 ? colors.dim(` · ${parts.join(' · ')}`) : '';
}

function stateColor(state: SectionState): (s: string) => string {
  return state === 'current' ? colors.green : state === 'stale' ? colors.yellow : state === 'missing' ? colors.red : colors.magenta;
}

function counts(tally: Tally, t: (k: string, v?: Record<string, unknown>) => string): string {
  const part = (n: number, key: string, color: (s: string) => string) => (n > 0 ? color(label(t, key, n)) : colors.dim(label(t, key, n)));
  return [
    part(tally.current, 'current', colors.green),
    part(tally.stale, 'stale', colors.yellow),
    part(tally.missing, 'missing', colors.red),
    part(tally.untranslated, 'untranslated', colors.magenta),
  ].join(' · ');
}

// One lookup per state, number and run: the table has a line per translated file.
const labels = new WeakMap<object, Map<string, string>>();
/** "3 non traduites": the number with its state, agreed in the language (`cli:count.<state>`). */
function label(t: (k: string, v?: Record<string, unknown>) => string, key: string, count: number): string {
  let map = labels.get(t);
  if (!map) labels.set(t, (map = new Map()));
  const id = `${key}\0${count}`;
  let text = map.get(id);
  if (text === undefined) map.set(id, (text = t(`cli:count.${key}`, { count })));
  return text;
}

/** How much of what is there is still in English: its own figure, beside the states (never instead of `stale`). */
function englishShare(totals: Totals, t: (k: string, v?: Record<string, unknown>) => string): string {
  const share = totals.englishShare ?? 0;
  if (share <= 0) return '';
  return `  ${colors.magenta(t('cli:status.english', { percent: (Math.round(share * 1000) / 10).toFixed(1) }))}`;
}

function percent(tally: Tally): string {
  const text = `${tally.percent.toFixed(1)}%`.padStart(6);
  return tally.percent >= 100 ? colors.green(text) : tally.percent >= 50 ? colors.yellow(text) : colors.red(text);
}
