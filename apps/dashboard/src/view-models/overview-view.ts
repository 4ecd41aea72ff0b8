/**
 * The overview's document list for one query: the documents that match, in the order
 * asked for, grouped by folder with each folder's roll-up. Pure over `OverviewModel`;
 * the rows themselves are the model's, so a renderer can cache each row's markup and
 * only re-order it.
 */
import { isGuessed, sumTotals, type StaleInfo, type Totals } from '@i18n-drift/core';
import type { OverviewCell, OverviewModel, OverviewRow } from './overview-model.js';
import type { OverviewQuery, StateFilter } from './overview-query.js';
import { compareStaleness, olderStale } from './staleness.js';

/** A document as the query sees it: figures over the locales shown only. */
export interface ViewRow {
  row: OverviewRow;
  /** Roll-up of the cells shown. */
  totals: Totals;
  oldestStale: StaleInfo | null;
}

export interface ViewGroup {
  /** Folder path ('' for the repository root). */
  folder: string;
  rows: ViewRow[];
  /** Per column shown (same order as `OverviewView.columns`): the roll-up of the rows listed. */
  columns: Totals[];
  /** Roll-up over every column shown. */
  totals: Totals;
  oldestStale: StaleInfo | null;
}

export interface OverviewView {
  query: OverviewQuery;
  /** Indexes into `model.locales` (and each row's `cells`) of the columns shown. */
  columns: number[];
  groups: ViewGroup[];
  /** Documents listed, and documents in the report. */
  shown: number;
  total: number;
}

/** Applies `query` to `model`: filter, sort, group. */
export function overviewView(model: OverviewModel, query: OverviewQuery): OverviewView {
  const columns = model.locales.flatMap((l, i) => (query.locale === null || l.locale === query.locale ? [i] : []));
  const words = query.q.toLowerCase().split(/\s+/).filter(Boolean);
  const rows: ViewRow[] = [];
  for (const row of model.rows) {
    if (words.length > 0 && !words.every((w) => row.searchText.includes(w))) continue;
    const cells = columns.map((i) => row.cells[i]).filter((c): c is OverviewCell => c !== null && c !== undefined);
    if (query.states.length > 0 && !query.states.some((s) => hasState(cells, s))) continue;
    let oldest: StaleInfo | null = null;
    for (const cell of cells) oldest = olderStale(oldest, cell.oldestStale);
    // A cell whose states would be guesses counts in no roll-up, as in the locale totals.
    rows.push({ row, totals: sumTotals(cells.filter((c) => !isGuessed(c)).map((c) => c.totals)), oldestStale: oldest });
  }
  rows.sort(rowOrder(query));

  const byFolder = new Map<string, ViewRow[]>();
  for (const r of rows) {
    const list = byFolder.get(r.row.folder);
    if (list) list.push(r);
    else byFolder.set(r.row.folder, [r]);
  }
  const groups: ViewGroup[] = [...byFolder].map(([folder, list]) => {
    const perColumn = columns.map((i) => sumTotals(list.flatMap((r) => (r.row.cells[i] && !isGuessed(r.row.cells[i]!) ? [r.row.cells[i]!.totals] : []))));
    let oldest: StaleInfo | null = null;
    for (const r of list) oldest = olderStale(oldest, r.oldestStale);
    return { folder, rows: list, columns: perColumn, totals: sumTotals(perColumn), oldestStale: oldest };
  });
  groups.sort(groupOrder(query));
  return { query, columns, groups, shown: rows.length, total: model.rows.length };
}

function hasState(cells: readonly OverviewCell[], state: StateFilter): boolean {
  if (state === 'complete') return cells.length > 0 && cells.every((c) => c.exists && c.totals.sections.current === c.totals.sections.total);
  return cells.some((c) => c.totals.sections[state] > 0);
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const rowOrder = (query: OverviewQuery) => order<ViewRow>(query, (r) => r.row.source);
const groupOrder = (query: OverviewQuery) => order<ViewGroup>(query, (g) => g.folder);

/** The order `query` asks for, of rows or of folders alike; ties by name. */
function order<T extends { totals: Totals; oldestStale: StaleInfo | null }>(query: OverviewQuery, name: (item: T) => string): (a: T, b: T) => number {
  const byName = (a: T, b: T) => byText(name(a), name(b));
  switch (query.sort) {
    case 'path':
      return byName;
    case 'coverage':
      return (a, b) => a.totals.sections.percent - b.totals.sections.percent || byName(a, b);
    case 'coverage-desc':
      return (a, b) => b.totals.sections.percent - a.totals.sections.percent || byName(a, b);
    case 'age':
      return (a, b) => compareStaleness(a.oldestStale, b.oldestStale) || staleFirst(a, b) || byName(a, b);
  }
}

// Stale sections of unknown age (no history) still come before documents with none.
function staleFirst(a: { oldestStale: StaleInfo | null }, b: { oldestStale: StaleInfo | null }): number {
  return (a.oldestStale ? 0 : 1) - (b.oldestStale ? 0 : 1);
}
