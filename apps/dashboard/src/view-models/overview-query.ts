/**
 * What the overview's search form asks for — text, one language, states, an order —
 * read from and written to URL query parameters, so the served dashboard answers it
 * without client script and every result has a link.
 */

/** States a document can be filtered by; `complete` is "every section up to date". */
export const STATE_FILTERS = ['stale', 'missing', 'untranslated', 'complete'] as const;
export type StateFilter = (typeof STATE_FILTERS)[number];

/** `path`: by folder and path; `coverage`: least covered first; `age`: oldest stale section first. */
export const SORT_KEYS = ['path', 'coverage', 'coverage-desc', 'age'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface OverviewQuery {
  /** Words to find in a document's path or title (case-insensitive); '' for all. */
  q: string;
  /** Only this target locale's column and figures; null for every locale. */
  locale: string | null;
  /** Documents with a section in any of these states (in the locales shown); empty for all. */
  states: StateFilter[];
  sort: SortKey;
}

/**
 * The choices a static export pre-renders as pages of their own (with every locale
 * alone): what people look for first. The page script answers the others in the page.
 */
export const STATIC_SORTS: readonly SortKey[] = ['coverage', 'age'];
export const STATIC_STATES: readonly StateFilter[] = ['stale', 'missing', 'untranslated'];

export const DEFAULT_QUERY: OverviewQuery = { q: '', locale: null, states: [], sort: 'path' };

/** Search text is cut here: a query string is not a place for a book. */
const MAX_Q = 200;

/**
 * The query of `params`. Unknown locales, states and orders are dropped, not errors: a
 * link to a locale that has since gone shows every locale instead of nothing.
 */
export function parseOverviewQuery(params: URLSearchParams, locales: readonly string[]): OverviewQuery {
  const q = (params.get('q') ?? '').trim().slice(0, MAX_Q);
  const locale = params.get('locale');
  const states = new Set(params.getAll('state').flatMap((s) => s.split(',')));
  const sort = params.get('sort');
  return {
    q,
    locale: locale && locales.includes(locale) ? locale : null,
    states: STATE_FILTERS.filter((s) => states.has(s)),
    sort: SORT_KEYS.find((k) => k === sort) ?? 'path',
  };
}

/** Query parameters of `query` without its defaults, in a fixed order (`q`, `locale`, `state`, `sort`). */
export function queryParams(query: OverviewQuery): [string, string][] {
  const out: [string, string][] = [];
  if (query.q) out.push(['q', query.q]);
  if (query.locale) out.push(['locale', query.locale]);
  for (const s of query.states) out.push(['state', s]);
  if (query.sort !== 'path') out.push(['sort', query.sort]);
  return out;
}

/** True when `query` asks for nothing beyond the default overview. */
export function isDefaultQuery(query: OverviewQuery): boolean {
  return queryParams(query).length === 0;
}

/** A stable key of `query`, for caches. */
export function queryKey(query: OverviewQuery): string {
  return new URLSearchParams(queryParams(query)).toString();
}
