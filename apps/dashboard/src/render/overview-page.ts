/**
 * The overview page: per-locale totals, a search form, the documents × locales
 * matrix grouped by folder with each folder's roll-up, coverage over time and the
 * orphan translations. Written for 1,000+ documents × 20 locales: each row's markup is
 * built once per data, language and column set, so another search, filter or order
 * only picks and joins rows (apps/dashboard/bench).
 */
import type { Totals } from '@i18n-drift/core';
import { escapeHtml, html, join, raw, type SafeHtml } from '../html.js';
import type { DashboardData } from '../types.js';
import { band } from '../view-models/band.js';
import { overviewModel, type OverviewCell, type OverviewModel, type OverviewRow } from '../view-models/overview-model.js';
import { DEFAULT_QUERY, SORT_KEYS, STATE_FILTERS, STATIC_SORTS, STATIC_STATES, isDefaultQuery, type OverviewQuery } from '../view-models/overview-query.js';
import { overviewView, type OverviewView, type ViewGroup } from '../view-models/overview-view.js';
import { coverageChart } from './coverage-chart.js';
import { ageText, coverageFigures, historyBadge, invalidNote, notAdoptedBadge, pullRequestLink } from './fragments.js';
import { layout } from './layout.js';
import type { RenderContext } from './render-context.js';
import { warningsSection } from './warnings-section.js';

/** Up to this many documents listed, every folder is open; beyond, only the first. */
const OPEN_ALL_UP_TO = 150;

const models = new WeakMap<DashboardData, OverviewModel>();
/** data -> links key + language + columns -> source -> the row's `<tr>`. */
const rowCaches = new WeakMap<DashboardData, Map<string, Map<string, string>>>();

/** The overview model of `data`, built once per data object. */
export function cachedOverviewModel(data: DashboardData): OverviewModel {
  let model = models.get(data);
  if (!model) models.set(data, (model = overviewModel(data)));
  return model;
}

/** The overview page as a whole HTML document, for the route's query (default: everything). */
export function overviewPage(ctx: RenderContext): string {
  const { f, links } = ctx;
  const lang = f.lang;
  const model = cachedOverviewModel(ctx.data);
  const query = ctx.route.page === 'overview' && ctx.route.query ? ctx.route.query : DEFAULT_QUERY;
  const view = overviewView(model, query);
  const localeHref = model.locales.map((l) => links.page({ page: 'locale', locale: l.locale }, lang));

  const localesTable = html`<section aria-labelledby="locales-heading">
<h2 id="locales-heading">${f.t('overview.locales')}</h2>
<div class="scroll" role="region" aria-labelledby="locales-heading" tabindex="0">
<table class="sticky">
<thead><tr><th scope="col">${f.t('column.locale')}</th><th scope="col">${f.t('column.sections')}</th><th scope="col">${f.t('column.words')}</th><th scope="col">${f.t('column.stale')}</th><th scope="col">${f.t('column.missing')}</th><th scope="col">${f.t('column.untranslated')}</th><th scope="col">${f.t('column.oldestStale')}</th><th scope="col">${f.t('column.pullRequest')}</th></tr></thead>
<tbody>
${model.locales.map(
  (l, i) => html`<tr><th scope="row"><a href="${localeHref[i]}">${f.languageName(l.locale)} (${l.locale})</a></th><td class="cell band-${l.band} num"><span class="pct">${f.percent(l.totals.sections.percent)}</span> <span class="meta">${f.t('coverage.ofSections', { current: l.totals.sections.current, total: l.totals.sections.total })}</span>${l.excluded > 0 ? html` <span class="meta excluded">${f.t('coverage.excluded', { count: l.excluded })}</span>` : ''}</td><td class="num">${f.percent(l.totals.words.percent)}${englishShare(ctx, l.totals)}</td><td class="num">${l.totals.sections.stale}</td><td class="num">${l.totals.sections.missing}</td><td class="num">${l.totals.sections.untranslated}</td><td>${ageText(f, l.oldestStale)}</td><td>${pullRequestLink(f, l.pullRequest)}</td></tr>`,
)}
</tbody>
<tfoot><tr><th scope="row">${f.t('overview.allLocales')}</th><td class="num"><span class="pct">${f.percent(model.totals.sections.percent)}</span></td><td class="num">${f.percent(model.totals.words.percent)}${englishShare(ctx, model.totals)}</td><td class="num">${model.totals.sections.stale}</td><td class="num">${model.totals.sections.missing}</td><td class="num">${model.totals.sections.untranslated}</td><td></td><td></td></tr></tfoot>
</table>
</div>
</section>`;

  const charts = ctx.data.history
    ? html`<section aria-labelledby="history-heading">
<h2 id="history-heading">${f.t('overview.history')}</h2>
<p class="lead">${f.t('overview.historyLead', { count: ctx.data.history.samples.length, total: ctx.data.history.commitsConsidered })}</p>
<div class="charts">${model.locales.map((l, i) => coverageChart(ctx, l.locale, l.history, String(i)))}</div>
</section>`
    : raw('');

  const orphans = html`<section aria-labelledby="orphans-heading">
<h2 id="orphans-heading">${f.t('overview.orphans')}</h2>
${model.orphans.length === 0
  ? html`<p>${f.t('overview.noOrphans')}</p>`
  : html`<p class="lead">${f.t('overview.orphansLead')}</p><ul>${model.orphans.map((o) => html`<li><code>${o.path}</code> (${o.locale}) — ${f.t('overview.expectedSource')} <code>${o.expectedSource}</code></li>`)}</ul>`}
</section>`;

  const main = html`<h1>${f.t('overview.title')}</h1>
<p class="lead">${f.t('overview.lead', { count: model.rows.length, language: f.languageName(model.sourceLocale), locales: model.locales.length })}</p>
${warningsSection(ctx)}
${localesTable}
${documentsSection(ctx, model, view, localeHref)}
${charts}
${orphans}`;
  return layout(ctx, f.t('overview.title'), main);
}

/** The search form, the quick views, and the folders with their documents. */
function documentsSection(ctx: RenderContext, model: OverviewModel, view: OverviewView, localeHref: string[]): SafeHtml {
  const { f, links } = ctx;
  const lang = f.lang;
  const { query } = view;
  const overviewHref = (q: OverviewQuery) => links.page({ page: 'overview', query: q }, lang);
  // A static page cannot answer a form: there the script shows the form and applies it in
  // the page; without script, the quick views (pre-rendered pages) and the folders remain.
  const staticForm = links.mode === 'static';
  const form = html`<form class="find" role="search" aria-label="${f.t('find.label')}" method="get" action="${overviewHref(DEFAULT_QUERY).split('?')[0] ?? ''}" data-mode="${links.mode}"${staticForm ? html` hidden` : ''}>
<input type="hidden" name="lang" value="${lang}">
<p><label for="find-q">${f.t('find.search')}</label> <input type="search" id="find-q" name="q" value="${query.q}" maxlength="200"></p>
<p><label for="find-locale">${f.t('find.locale')}</label> <select id="find-locale" name="locale"><option value="">${f.t('overview.allLocales')}</option>${model.locales.map(
    (l) => html`<option value="${l.locale}"${query.locale === l.locale ? html` selected` : ''}>${f.languageName(l.locale)} (${l.locale})</option>`,
  )}</select></p>
<fieldset><legend>${f.t('find.state')}</legend>${STATE_FILTERS.map(
    (s) => html`<label><input type="checkbox" name="state" value="${s}"${query.states.includes(s) ? html` checked` : ''}> ${f.t(`find.states.${s}`)}</label> `,
  )}</fieldset>
<p><label for="find-sort">${f.t('find.sort')}</label> <select id="find-sort" name="sort">${SORT_KEYS.map((k) => html`<option value="${k}"${query.sort === k ? html` selected` : ''}>${f.t(`find.sorts.${k}`)}</option>`)}</select></p>
<p><button type="submit">${f.t('find.apply')}</button> <a href="${overviewHref(DEFAULT_QUERY)}">${f.t('find.reset')}</a></p>
</form>`;

  const quick: [string, OverviewQuery][] = [
    ...STATIC_SORTS.map((sort): [string, OverviewQuery] => [f.t(`find.sorts.${sort}`), { ...DEFAULT_QUERY, sort }]),
    ...STATIC_STATES.map((s): [string, OverviewQuery] => [f.t(`find.states.${s}`), { ...DEFAULT_QUERY, states: [s] }]),
    ...model.locales.map((l): [string, OverviewQuery] => [f.t('find.only', { language: `${f.languageName(l.locale)} (${l.locale})` }), { ...DEFAULT_QUERY, locale: l.locale }]),
  ];
  const views = html`<nav class="views" aria-label="${f.t('find.views')}"><ul>${[
    html`<li><a href="${overviewHref(DEFAULT_QUERY)}"${isDefaultQuery(query) ? html` aria-current="page"` : ''}>${f.t('find.reset')}</a></li>`,
    ...quick.map(([label, q]) => html`<li><a href="${overviewHref(q)}"${sameQuery(q, query) ? html` aria-current="page"` : ''}>${label}</a></li>`),
  ]}</ul></nav>`;

  const columns = view.columns;
  const open = view.shown <= OPEN_ALL_UP_TO || view.groups.length === 1;
  const rows = rowCache(ctx, columns);
  const head = html`<thead><tr><th scope="col">${f.t('column.document')}</th>${columns.map(
    (i) => html`<th scope="col" data-locale="${model.locales[i]!.locale}"><a href="${localeHref[i]}">${model.locales[i]!.locale}</a></th>`,
  )}</tr></thead>`.__html;
  const groups = view.groups.map((group, g) => folderGroup(ctx, model, group, columns, head, rows, open || g === 0, g));

  return html`<section aria-labelledby="documents-heading">
<h2 id="documents-heading">${f.t('overview.documents')}</h2>
${form}
${views}
<p class="lead" id="find-status" aria-live="polite" data-one="${f.t('find.shown_one', { total: view.total })}" data-other="${f.t('find.shown_other', { total: view.total })}">${f.t('find.shown', { count: view.shown, total: view.total })}</p>
<p class="lead">${f.t('overview.matrixLead')}</p>
<div class="folders" data-complete="${String(staticForm && isDefaultQuery(query))}" data-one="${f.t('find.documents_one')}" data-other="${f.t('find.documents_other')}">
${view.shown === 0 ? html`<p>${f.t('find.none')}</p>` : raw(groups.join(''))}
</div>
</section>`;
}

function sameQuery(a: OverviewQuery, b: OverviewQuery): boolean {
  return a.q === b.q && a.locale === b.locale && a.sort === b.sort && a.states.join() === b.states.join();
}

function folderGroup(ctx: RenderContext, model: OverviewModel, group: ViewGroup, columns: number[], head: string, rows: (row: OverviewRow) => string, open: boolean, index: number): string {
  const { f } = ctx;
  const name = group.folder === '' ? f.t('find.root') : group.folder;
  const id = `folder-${index}`;
  const rollUp = columns.map((i, c) => {
    const totals = group.columns[c]!;
    return html`<span class="roll band-${band(totals.sections.percent)}">${model.locales[i]!.locale} ${f.percent(totals.sections.percent)}</span>`;
  });
  const foot = html`<tfoot><tr><th scope="row">${f.t('find.folderTotal')}</th>${columns.map((i, c) => {
    const totals = group.columns[c]!;
    const b = band(totals.sections.percent);
    return html`<td class="cell band-${b}" data-locale="${model.locales[i]!.locale}">${coverageFigures(f, totals, b)}</td>`;
  })}</tr></tfoot>`.__html;
  const body = group.rows.map((r) => rows(r.row)).join('');
  return `<details class="folder" data-folder="${escapeHtml(group.folder)}"${open ? ' open' : ''}><summary><span class="folder-name">${escapeHtml(name)}</span> <span class="meta"><span class="count">${escapeHtml(f.t('find.documents', { count: group.rows.length }))}</span> · ${join(rollUp, raw(' ')).__html}</span></summary>
<div class="scroll" role="region" aria-label="${escapeHtml(name)}" tabindex="0">
<table class="matrix sticky" id="${id}">
${head}
<tbody>
${body}</tbody>
${foot}
</table>
</div>
</details>
`;
}

/**
 * The `<tr>` of a row for these columns, built once per data, links, language and
 * columns. The cells carry what the page script needs to filter and sort without the
 * server: the locale, sections current and total, the states present and the age.
 */
function rowCache(ctx: RenderContext, columns: number[]): (row: OverviewRow) => string {
  const { f, links } = ctx;
  let byKey = rowCaches.get(ctx.data);
  if (!byKey) rowCaches.set(ctx.data, (byKey = new Map()));
  const key = `${links.key}\0${f.lang}\0${columns.join(',')}`;
  let cache = byKey.get(key);
  if (!cache) byKey.set(key, (cache = new Map()));
  const rows = cache;
  return (row) => {
    let markup = rows.get(row.source);
    if (markup === undefined) {
      const parts: string[] = [
        html`<tr data-search="${row.searchText}"><th scope="row"><a href="${links.page({ page: 'document', source: row.source }, f.lang)}">${row.title ?? row.source}</a>${row.title !== null ? html`<span class="path">${row.source}</span>` : ''}${invalidNote(f, row.invalid)}</th>`.__html,
      ];
      for (const i of columns) parts.push(matrixCell(ctx, row.cells[i] ?? null));
      parts.push('</tr>\n');
      rows.set(row.source, (markup = parts.join('')));
    }
    return markup;
  };
}

function matrixCell(ctx: RenderContext, cell: OverviewCell | null): string {
  if (!cell) return html`<td class="cell band-absent">${ctx.f.t('coverage.notTracked')}</td>`.__html;
  const s = cell.totals.sections;
  const states = [s.stale ? 'stale' : '', s.missing ? 'missing' : '', s.untranslated ? 'untranslated' : '', cell.exists && s.current === s.total ? 'complete' : ''].filter(Boolean).join(' ');
  const age = cell.oldestStale ? html`<span class="age">${ageText(ctx.f, cell.oldestStale)}</span>` : '';
  const o = cell.oldestStale;
  const days = o ? ` data-stale${o.daysBehind === null ? '' : ` data-days="${o.daysBehind}"`}${o.commitsBehind === null ? '' : ` data-commits="${o.commitsBehind}"`}` : '';
  return `<td class="cell band-${cell.band}" data-locale="${escapeHtml(cell.locale)}" data-current="${s.current}" data-total="${s.total}" data-states="${states}"${days}>${coverageFigures(ctx.f, cell.totals, cell.band, cell.exists).__html}${age ? age.__html : ''}${invalidNote(ctx.f, cell.invalid).__html}${notAdoptedBadge(ctx.f, cell.notAdopted).__html}${historyBadge(ctx.f, cell.historyUnavailable).__html}</td>`;
}

/** The share of what is there still in English, beside the share up to date (never instead of it). */
function englishShare(ctx: RenderContext, totals: Totals): SafeHtml {
  const share = (totals as Totals & { englishShare?: number }).englishShare;
  if (share === undefined || share === 0) return raw('');
  return html`<span class="meta">${ctx.f.t('coverage.englishShare', { percent: ctx.f.percent(share * 100) })}</span>`;
}
