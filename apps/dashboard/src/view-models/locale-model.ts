/**
 * The locale page's model: everything waiting for one locale's translators, oldest
 * first, with its documents and its coverage over time. Pure over `DashboardData`.
 */
import type { CoverageHistoryPoint, OrphanDocument, StaleInfo, Totals } from '@i18n-drift/core';
import type { SectionId, WordChange } from '@i18n-drift/sections';
import type { DashboardData, PullRequestLink } from '../types.js';
import { band, type Band } from './band.js';
import { compareStaleness } from './staleness.js';
import { sumTotals } from '@i18n-drift/core';

export type WaitingState = 'stale' | 'missing' | 'untranslated';

export interface WaitingItem {
  source: string;
  title: string | null;
  path: string;
  /** The whole translation file is missing: one item for the document, `sections` of them. */
  wholeFile: boolean;
  /** Sections this item stands for (1, or every section of a missing file). */
  sections: number;
  id: SectionId;
  heading: string | null;
  level: number;
  state: WaitingState;
  words: number;
  stale: StaleInfo | null;
  /** English word diff since the pinned version, for stale sections when known. */
  change: WordChange[] | null;
}

export interface LocaleDocument {
  source: string;
  title: string | null;
  path: string;
  exists: boolean;
  totals: Totals;
  band: Band;
}

export interface LocaleModel {
  locale: string;
  sourceLocale: string;
  totals: Totals;
  band: Band;
  oldestStale: StaleInfo | null;
  pullRequest: PullRequestLink | null;
  /** Oldest first: most days behind, then most commits behind; then stale, missing, untranslated. */
  items: WaitingItem[];
  documents: LocaleDocument[];
  orphans: OrphanDocument[];
  history: CoverageHistoryPoint[];
}

const STATE_ORDER: Record<WaitingState, number> = { stale: 0, missing: 1, untranslated: 2 };

/** Builds the model of `locale`; null when the report does not list that locale. */
export function localeModel(data: DashboardData, locale: string): LocaleModel | null {
  const { report } = data;
  if (!report.locales.includes(locale)) return null;
  const coverage = report.byLocale.find((l) => l.locale === locale);
  const items: WaitingItem[] = [];
  const documents: LocaleDocument[] = [];
  for (const doc of report.documents) {
    for (const t of doc.translations) {
      if (t.locale !== locale) continue;
      documents.push({ source: doc.source, title: doc.title, path: t.path, exists: t.exists, totals: t.totals, band: band(t.totals.sections.percent, t.exists) });
      if (!t.exists) {
        // A file nobody started is one job for the translators, not one per section.
        const words = t.sections.reduce((n, s) => n + s.words, 0);
        items.push({ source: doc.source, title: doc.title, path: t.path, wholeFile: true, sections: t.sections.length, id: '', heading: null, level: 0, state: 'missing', words, stale: null, change: null });
        continue;
      }
      for (const s of t.sections) {
        if (s.state === 'current') continue;
        const pinned = s.stale?.pinnedCommit ?? null;
        items.push({
          source: doc.source,
          title: doc.title,
          path: t.path,
          wholeFile: false,
          sections: 1,
          id: s.id,
          heading: s.heading,
          level: s.level,
          state: s.state,
          words: s.words,
          stale: s.stale ?? null,
          change: s.state === 'stale' && pinned !== null ? (data.englishChanges[doc.source]?.[pinned]?.[s.id] ?? null) : null,
        });
      }
    }
  }
  // Array.prototype.sort is stable: equal items keep document and section order.
  items.sort((a, b) => compareStaleness(a.stale, b.stale) || STATE_ORDER[a.state] - STATE_ORDER[b.state]);
  const totals = coverage?.totals ?? sumTotals(documents.map((d) => d.totals));
  return {
    locale,
    sourceLocale: report.sourceLocale,
    totals,
    band: band(totals.sections.percent),
    oldestStale: coverage?.oldestStale ?? null,
    pullRequest: data.pullRequests[locale] ?? null,
    items,
    documents,
    orphans: report.orphans.filter((o) => o.locale === locale),
    history: data.history?.byLocale[locale] ?? [],
  };
}

