/**
 * The document page's model: the English sections in order, one column per locale
 * with each section's state, and for stale sections the English word diff since the
 * version the translation is pinned to. Pure over `DashboardData`.
 */
import type { Alignment, HistoryUnavailable, InvalidDocument, NotAdopted, SectionState, StaleInfo, Totals } from '@i18n-drift/core';
import type { SectionId, WordChange } from '@i18n-drift/sections';
import type { DashboardData, PullRequestLink } from '../types.js';
import { band, type Band } from './band.js';

export interface DocumentColumn {
  locale: string;
  path: string;
  exists: boolean;
  totals: Totals;
  band: Band;
  pullRequest: PullRequestLink | null;
  unaligned: Alignment['unalignedTranslation'];
  invalid: InvalidDocument | null;
  /** No pins yet: its states come from adopting it from history in memory. */
  notAdopted: NotAdopted | null;
  /** Its history could not be read (a shallow clone): states judged from its pins alone. */
  historyUnavailable: HistoryUnavailable | null;
}

export interface DocumentCell {
  state: SectionState;
  stale: StaleInfo | null;
}

/** The English change since one pinned version, shared by every locale pinned to it. */
export interface EnglishChangeGroup {
  pinnedCommit: string | null;
  locales: string[];
  /** Word diff since the pinned version; null when that version is unknown or lacked the section. */
  words: WordChange[] | null;
}

export interface DocumentSectionRow {
  id: SectionId;
  heading: string | null;
  level: number;
  words: number;
  /** One per column, same order; null when that translation does not list the section. */
  cells: (DocumentCell | null)[];
  changes: EnglishChangeGroup[];
}

export interface DocumentModel {
  source: string;
  title: string | null;
  /** Why the English file could not be read, if so (then there are no columns). */
  invalid: InvalidDocument | null;
  sourceLocale: string;
  columns: DocumentColumn[];
  rows: DocumentSectionRow[];
}

// An export renders every document page: find each in a map, not by scanning the report.
const documentIndexes = new WeakMap<DashboardData, Map<string, DashboardData['report']['documents'][number]>>();

/** Builds the model of the document whose English path is `source`; null if the report has none. */
export function documentModel(data: DashboardData, source: string): DocumentModel | null {
  let index = documentIndexes.get(data);
  if (!index) documentIndexes.set(data, (index = new Map(data.report.documents.map((d) => [d.source, d]))));
  const doc = index.get(source);
  if (!doc) return null;
  const columns: DocumentColumn[] = doc.translations.map((t) => ({
    locale: t.locale,
    path: t.path,
    exists: t.exists,
    totals: t.totals,
    band: band(t.totals.sections.percent, t.exists),
    pullRequest: data.pullRequests[t.locale] ?? null,
    unaligned: t.unaligned,
    invalid: t.invalid ?? null,
    notAdopted: t.notAdopted ?? null,
    historyUnavailable: t.historyUnavailable ?? null,
  }));
  // Every translation lists the English sections in English order; take the union in
  // first-seen order so a translation computed against a different English cannot hide rows.
  const rows: DocumentSectionRow[] = [];
  const rowById = new Map<SectionId, DocumentSectionRow>();
  doc.translations.forEach((t, column) => {
    for (const s of t.sections) {
      let row = rowById.get(s.id);
      if (!row) {
        row = { id: s.id, heading: s.heading, level: s.level, words: s.words, cells: doc.translations.map(() => null), changes: [] };
        rowById.set(s.id, row);
        rows.push(row);
      }
      row.cells[column] = { state: s.state, stale: s.stale ?? null };
      if (s.state === 'stale') addChange(row, t.locale, s.stale?.pinnedCommit ?? null, data.englishChanges[source]);
    }
  });
  return { source: doc.source, title: doc.title, invalid: doc.invalid ?? null, sourceLocale: data.report.sourceLocale, columns, rows };
}

function addChange(row: DocumentSectionRow, locale: string, pinnedCommit: string | null, changes: DashboardData['englishChanges'][string] | undefined): void {
  const group = row.changes.find((g) => g.pinnedCommit === pinnedCommit);
  if (group) {
    group.locales.push(locale);
    return;
  }
  const words = pinnedCommit === null ? null : (changes?.[pinnedCommit]?.[row.id] ?? null);
  row.changes.push({ pinnedCommit, locales: [locale], words });
}
