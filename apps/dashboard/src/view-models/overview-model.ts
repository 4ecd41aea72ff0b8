/**
 * The overview page's model: a matrix of documents × locales with per-cell and
 * per-locale coverage, and the orphan translations. Pure over `DashboardData`.
 */
import type { CoverageHistoryPoint, HistoryUnavailable, InvalidDocument, LocaleCoverage, NotAdopted, OrphanDocument, StaleInfo, Totals, TranslationCoverage } from '@i18n-drift/core';
import type { DashboardData, PullRequestLink } from '../types.js';
import { band, type Band } from './band.js';
import { olderStale } from './staleness.js';
import { sumTotals } from '@i18n-drift/core';

export interface OverviewCell {
  locale: string;
  path: string;
  exists: boolean;
  totals: Totals;
  /** Band of the share of sections current. */
  band: Band;
  /** Oldest stale section of this translation, if any. */
  oldestStale: StaleInfo | null;
  /** Why the translation could not be read, if so. */
  invalid: InvalidDocument | null;
  /** No pins yet: its states come from adopting it from history in memory. */
  notAdopted: NotAdopted | null;
  /** Its history could not be read (a shallow clone): states judged from its pins alone. */
  historyUnavailable: HistoryUnavailable | null;
}

export interface OverviewRow {
  source: string;
  title: string | null;
  /** The folder the document is listed under (see `folderOf`). */
  folder: string;
  /** Path and title in lower case, what the search looks in. */
  searchText: string;
  /** Why the English file could not be read, if so. */
  invalid: InvalidDocument | null;
  /** One per locale of `OverviewModel.locales`, same order; null when the report has no entry for that locale. */
  cells: (OverviewCell | null)[];
}

export interface LocaleSummary {
  locale: string;
  totals: Totals;
  band: Band;
  oldestStale: StaleInfo | null;
  pullRequest: PullRequestLink | null;
  history: CoverageHistoryPoint[];
  /** Translations left out of `totals`: their states would be guesses (core's `isGuessed`). */
  excluded: number;
}

export interface OverviewModel {
  sourceLocale: string;
  revision: string | null;
  generatedAt: string;
  locales: LocaleSummary[];
  rows: OverviewRow[];
  orphans: OrphanDocument[];
  totals: Totals;
}

/** Oldest staleness among a translation's sections. */
export function oldestStaleOf(translation: TranslationCoverage): StaleInfo | null {
  let oldest: StaleInfo | null = null;
  for (const section of translation.sections) if (section.state === 'stale') oldest = olderStale(oldest, section.stale);
  return oldest;
}

/**
 * The folder a document is listed under: the folder holding its own folder when the
 * file is named after its locale (`docs/guide/intro/en.md` -> `docs/guide`, one folder
 * per document), else the folder of the file (`locales/en/legal/terms.md` -> `locales/en/legal`).
 * '' for a file at the root.
 */
export function folderOf(source: string, sourceLocale: string): string {
  const parts = source.split('/');
  const file = parts.pop() ?? '';
  const stem = file.replace(/\.[^.]*$/, '');
  if (stem === sourceLocale && parts.length > 0) parts.pop();
  return parts.join('/');
}

/** Builds the overview model; locales in the report's order, documents in its order. */
export function overviewModel(data: DashboardData): OverviewModel {
  const { report } = data;
  const byLocale = new Map<string, LocaleCoverage>(report.byLocale.map((l) => [l.locale, l]));
  const locales: LocaleSummary[] = report.locales.map((locale) => {
    const coverage = byLocale.get(locale);
    const totals = coverage?.totals ?? sumTotals(report.documents.flatMap((d) => d.translations.filter((t) => t.locale === locale).map((t) => t.totals)));
    return {
      locale,
      totals,
      band: band(totals.sections.percent),
      oldestStale: coverage?.oldestStale ?? null,
      pullRequest: data.pullRequests[locale] ?? null,
      history: data.history?.byLocale[locale] ?? [],
      excluded: coverage?.excluded ?? 0,
    };
  });
  const column = new Map(report.locales.map((l, i) => [l, i]));
  const rows: OverviewRow[] = report.documents.map((doc) => {
    const cells: (OverviewCell | null)[] = report.locales.map(() => null);
    for (const t of doc.translations) {
      const i = column.get(t.locale);
      if (i === undefined) continue; // a locale the report does not list: not a column
      cells[i] = { locale: t.locale, path: t.path, exists: t.exists, totals: t.totals, band: band(t.totals.sections.percent, t.exists), oldestStale: oldestStaleOf(t), invalid: t.invalid ?? null, notAdopted: t.notAdopted ?? null, historyUnavailable: t.historyUnavailable ?? null };
    }
    const searchText = `${doc.source}\n${doc.title ?? ''}`.toLowerCase();
    return { source: doc.source, title: doc.title, folder: folderOf(doc.source, report.sourceLocale), searchText, invalid: doc.invalid ?? null, cells };
  });
  return { sourceLocale: report.sourceLocale, revision: report.revision, generatedAt: data.generatedAt, locales, rows, orphans: report.orphans, totals: report.totals };
}

