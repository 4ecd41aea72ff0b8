/**
 * A coverage report narrowed to some locales, section states and paths, in the same
 * shape as the whole report (what `status --locale fr --state stale docs/` prints,
 * as text or as JSON): the roll-ups are recomputed over what is kept.
 */
import { isGuessed, localeCoverage, sumTotals, totalsOf } from './coverage.js';
import type { CoverageReport, DocumentCoverage, SectionState, StaleInfo, TranslationCoverage } from './types.js';

export interface CoverageFilter {
  /** Keep these locales only. */
  locales?: readonly string[];
  /** Keep translations with at least one section in one of these states. */
  states?: readonly SectionState[];
  /**
   * Keep what lies under one of these repository paths (files or folders, `/`-separated,
   * no trailing slash): a document whose English file is under one keeps all its
   * translations; otherwise only its translations under one.
   */
  paths?: readonly string[];
}

/** Every section state, in the order reports list them. */
export const SECTION_STATES: readonly SectionState[] = ['current', 'stale', 'missing', 'untranslated'];

/** True when `path` is `prefix` or lies in the folder `prefix`. */
export function isUnderPath(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

/**
 * The report restricted by `filter`. Documents left with no translation are dropped
 * (unless only locales were chosen and the English file itself is unreadable), and so
 * are locales left with none when paths or states narrow it; `byLocale` and `totals`
 * are recomputed over the translations kept. Pure.
 */
export function filterCoverage(report: CoverageReport, filter: CoverageFilter): CoverageReport {
  const locales = filter.locales ? report.locales.filter((locale) => filter.locales!.includes(locale)) : report.locales;
  const localeSet = new Set(locales);
  const states = filter.states ? new Set(filter.states) : null;
  const paths = filter.paths && filter.paths.length > 0 ? filter.paths : null;
  const under = (path: string) => paths === null || paths.some((prefix) => isUnderPath(path, prefix));

  const documents: DocumentCoverage[] = [];
  for (const document of report.documents) {
    const wholeDocument = under(document.source);
    const translations = document.translations.filter(
      (translation) =>
        localeSet.has(translation.locale) &&
        (wholeDocument || under(translation.path)) &&
        (states === null || translation.sections.some((section) => states.has(section.state))),
    );
    // An unreadable English file has no translations to filter; it is still news.
    const keepInvalid = document.invalid !== undefined && wholeDocument && states === null;
    if (translations.length > 0 || keepInvalid) documents.push({ ...document, translations });
  }

  // Narrowed by path or state, a locale with nothing left is not part of the answer.
  const narrowed = paths !== null || states !== null;
  const present = new Set(documents.flatMap((document) => document.translations.map((translation) => translation.locale)));
  const keptLocales = narrowed ? locales.filter((locale) => present.has(locale)) : locales;
  const byLocale = report.byLocale
    .filter((entry) => keptLocales.includes(entry.locale))
    .map((entry) => {
      const kept = documents.flatMap((document) => document.translations.filter((translation) => translation.locale === entry.locale));
      const { excluded: _, ...rest } = entry;
      const rolled = localeCoverage(entry.locale, kept);
      return { ...rest, ...rolled, oldestStale: stalest(kept.filter((translation) => !isGuessed(translation))) };
    });

  return {
    ...report,
    locales: keptLocales,
    documents,
    byLocale,
    orphans: report.orphans.filter((orphan) => localeSet.has(orphan.locale) && under(orphan.path)),
    totals: byLocale.length > 0 ? sumTotals(byLocale.map((entry) => entry.totals)) : totalsOf([]),
  };
}

/** The stale section of these translations furthest behind: most days, then most commits. */
function stalest(translations: readonly TranslationCoverage[]): StaleInfo | null {
  let best: StaleInfo | null = null;
  const rank = (info: StaleInfo) => [info.daysBehind ?? -1, info.commitsBehind ?? -1] as const;
  for (const translation of translations) {
    for (const section of translation.sections) {
      if (section.state !== 'stale' || !section.stale) continue;
      const [days, commits] = rank(section.stale);
      if (!best) best = section.stale;
      else {
        const [bestDays, bestCommits] = rank(best);
        if (days > bestDays || (days === bestDays && commits > bestCommits)) best = section.stale;
      }
    }
  }
  return best;
}
