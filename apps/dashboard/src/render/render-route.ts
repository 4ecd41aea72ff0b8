/**
 * Renders any dashboard route with a given link style (served or static), with the
 * HTTP status it deserves: 404 for a document or locale the report does not have.
 */
import { html } from '../html.js';
import { translator } from '../interface-strings.js';
import type { Links } from '../links.js';
import type { DashboardData, DashboardRoute } from '../types.js';
import { documentPage } from './document-page.js';
import { formatter } from './format.js';
import { layout } from './layout.js';
import { localePage } from './locale-page.js';
import { overviewPage } from './overview-page.js';

export interface RenderedPage {
  status: 200 | 404;
  html: string;
  /** The interface language actually used (after falling back). */
  lang: string;
}

/** The page for `route` in interface language `lang` (unknown languages fall back to English). */
export function renderRoute(data: DashboardData, route: DashboardRoute, lang: string, links: Links): RenderedPage {
  const f = formatter(translator(lang));
  const ctx = { data, f, links, route };
  const page = route.page === 'overview' ? overviewPage(ctx) : route.page === 'document' ? documentPage(ctx, route.source) : localePage(ctx, route.locale);
  if (page !== null) return { status: 200, html: page, lang: f.lang };
  return { status: 404, html: notFoundPage(data, route, f.lang, links), lang: f.lang };
}

/** A 404 page in the dashboard's shell, naming what was asked for (escaped). */
export function notFoundPage(data: DashboardData, route: DashboardRoute | null, lang: string, links: Links): string {
  const f = formatter(translator(lang));
  const what = route?.page === 'document' ? route.source : route?.page === 'locale' ? route.locale : '';
  const ctx = { data, f, links, route: route ?? { page: 'overview' as const } };
  return layout(
    ctx,
    f.t('notFound.title'),
    html`<h1>${f.t('notFound.title')}</h1><p>${what ? html`<code>${what}</code> — ` : ''}${f.t('notFound.body')}</p><p><a href="${links.page({ page: 'overview' }, f.lang)}">${f.t('nav.overview')}</a></p>`,
  );
}
