/**
 * URLs between dashboard pages, for the two ways it is published: served by an HTTP
 * handler under a base path (`/i18n-drift/doc/locales/en/x.md?lang=fr`), or exported as
 * static files with relative links (`../doc/locales-en-x.md.html`) that work on GitHub
 * Pages and from `file://`.
 */
import type { DashboardRoute } from './types.js';
import { STATIC_SORTS, STATIC_STATES, isDefaultQuery, queryParams, type OverviewQuery } from './view-models/overview-query.js';

/** Builds the links of one page. */
export interface Links {
  /** `served`: the server answers any overview query; `static`: only the pre-rendered views exist. */
  mode: 'served' | 'static';
  /** Pages whose links are equal share this key (renderers cache markup under it). */
  key: string;
  /** A page of the dashboard in an interface language. */
  page: (route: DashboardRoute, lang: string) => string;
  /** A file served beside the pages. */
  asset: (name: 'dashboard.css' | 'dashboard.js' | 'coverage.json') => string;
}

/** Normalises a base path: '' or '/x/y' (leading slash, no trailing slash). */
export function normaliseBasePath(basePath: string | undefined): string {
  const trimmed = (basePath ?? '').replace(/\/+$/, '');
  return trimmed === '' ? '' : trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/** Links for pages served under `basePath`; the language always travels in `?lang=`. */
export function servedLinks(basePath: string | undefined): Links {
  const base = normaliseBasePath(basePath);
  const query = (lang: string) => `?lang=${encodeURIComponent(lang)}`;
  return {
    mode: 'served',
    key: `served:${base}`,
    page: (route, lang) => {
      switch (route.page) {
        case 'overview':
          return `${base}/${query(lang)}${route.query ? queryParams(route.query).map(([k, v]) => `&${k}=${encodeURIComponent(v)}`).join('') : ''}`;
        case 'document':
          return `${base}/doc/${route.source.split('/').map(encodeURIComponent).join('/')}${query(lang)}`;
        case 'locale':
          return `${base}/locale/${encodeURIComponent(route.locale)}${query(lang)}`;
      }
    },
    asset: (name) => `${base}/${name}`,
  };
}

/**
 * Safe, unique file names for names from a repository (document paths, locale codes):
 * only `[A-Za-z0-9._-]`, no leading dot, unique even on a case-insensitive file system.
 * Deterministic for a given list.
 */
export function fileSlugs(names: readonly string[]): Map<string, string> {
  const slugs = new Map<string, string>();
  const taken = new Set<string>();
  for (const name of names) {
    if (slugs.has(name)) continue;
    const base = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '').slice(0, 120) || 'page';
    let slug = base;
    for (let n = 2; taken.has(slug.toLowerCase()); n += 1) slug = `${base}-${n}`;
    taken.add(slug.toLowerCase());
    slugs.set(name, slug);
  }
  return slugs;
}

/** Where a static page lives, relative to the export root; the default language sits at the root. */
export interface StaticLayout {
  defaultLang: string;
  documents: Map<string, string>;
  locales: Map<string, string>;
}

/** Relative path of a page's file in a static export. */
export function staticPagePath(layout: StaticLayout, route: DashboardRoute, lang: string): string {
  const dir = lang === layout.defaultLang ? '' : `${lang}/`;
  switch (route.page) {
    case 'overview': {
      const view = route.query ? staticViewName(layout, route.query) : null;
      return `${dir}${view ? `index-${view}` : 'index'}.html`;
    }
    case 'document':
      return `${dir}doc/${layout.documents.get(route.source) ?? 'unknown'}.html`;
    case 'locale':
      return `${dir}locale/${layout.locales.get(route.locale) ?? 'unknown'}.html`;
  }
}

/**
 * The name of the pre-rendered overview answering `query` in a static export, or null
 * when none does (then the overview itself, whose script applies the query). One view
 * per single choice: each order, each locale, each state.
 */
export function staticViewName(layout: StaticLayout, query: OverviewQuery): string | null {
  if (isDefaultQuery(query) || query.q) return null;
  const chosen = (query.locale ? 1 : 0) + query.states.length + (query.sort !== 'path' ? 1 : 0);
  if (chosen !== 1) return null;
  if (query.locale) return layout.locales.has(query.locale) ? `locale-${layout.locales.get(query.locale)}` : null;
  if (query.states.length === 1) return STATIC_STATES.includes(query.states[0]!) ? `state-${query.states[0]}` : null;
  return STATIC_SORTS.includes(query.sort) ? `sort-${query.sort}` : null;
}

/** Relative links for the static page at `fromPath` (a path returned by `staticPagePath`). */
export function staticLinks(layout: StaticLayout, fromPath: string): Links {
  const up = '../'.repeat(fromPath.split('/').length - 1);
  // Each path segment is URL-encoded (slugs are already safe; language codes are checked).
  const href = (path: string) => up + path.split('/').map(encodeURIComponent).join('/');
  return {
    mode: 'static',
    key: `static:${up}`,
    // A query no page was rendered for goes to the overview, whose script applies it.
    page: (route, lang) => {
      const path = href(staticPagePath(layout, route, lang));
      if (route.page !== 'overview' || !route.query || staticViewName(layout, route.query) !== null || isDefaultQuery(route.query)) return path;
      return `${path}?${new URLSearchParams(queryParams(route.query)).toString()}`;
    },
    asset: (name) => href(name),
  };
}
