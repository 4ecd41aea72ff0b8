/**
 * URLs between dashboard pages, for the two ways it is published: served by an HTTP
 * handler under a base path (`/i18n-drift/doc/locales/en/x.md?lang=fr`), or exported as
 * static files with relative links (`../doc/locales-en-x.md.html`) that work on GitHub
 * Pages and from `file://`.
 */
import type { DashboardRoute } from './types.js';

/** Builds the links of one page. */
export interface Links {
  /** A page of the dashboard in an interface language. */
  page: (route: DashboardRoute, lang: string) => string;
  /** A file served beside the pages. */
  asset: (name: 'dashboard.css' | 'coverage.json') => string;
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
    page: (route, lang) => {
      switch (route.page) {
        case 'overview':
          return `${base}/${query(lang)}`;
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
    case 'overview':
      return `${dir}index.html`;
    case 'document':
      return `${dir}doc/${layout.documents.get(route.source) ?? 'unknown'}.html`;
    case 'locale':
      return `${dir}locale/${layout.locales.get(route.locale) ?? 'unknown'}.html`;
  }
}

/** Relative links for the static page at `fromPath` (a path returned by `staticPagePath`). */
export function staticLinks(layout: StaticLayout, fromPath: string): Links {
  const up = '../'.repeat(fromPath.split('/').length - 1);
  // Each path segment is URL-encoded (slugs are already safe; language codes are checked).
  const href = (path: string) => up + path.split('/').map(encodeURIComponent).join('/');
  return {
    page: (route, lang) => href(staticPagePath(layout, route, lang)),
    asset: (name) => href(name),
  };
}
