/**
 * `renderPage`: one dashboard page as an HTML string, with links for serving under a
 * base path. The static export renders the same pages with relative links.
 */
import { servedLinks } from './links.js';
import { renderRoute } from './render/render-route.js';
import type { DashboardData, DashboardRoute } from './types.js';

export interface RenderPageOptions {
  /** Interface language (`en`, `fr`, `nl`, …); unknown ones fall back to English. */
  lang: string;
  /** Where the dashboard is mounted, e.g. `/i18n-drift`; '' or '/' for the root. */
  basePath: string;
}

/**
 * Renders `route` as a complete HTML document. Pure: same data, route and options give
 * the same string. Every text from the repository is escaped. A document or locale the
 * report does not have gives a "not found" page (the handler answers 404 with it).
 */
export function renderPage(data: DashboardData, route: DashboardRoute, options: RenderPageOptions): string {
  return renderRoute(data, route, options.lang, servedLinks(options.basePath)).html;
}
