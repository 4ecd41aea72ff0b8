/**
 * The overview page: per-locale totals, coverage over time, the documents × locales
 * matrix and the orphan translations. Written for 1,000 × 20 cells in well under a
 * second (apps/dashboard/bench): one pass, strings joined once.
 */
import { html, raw, type SafeHtml } from '../html.js';
import { overviewModel, type OverviewCell } from '../view-models/overview-model.js';
import { coverageChart } from './coverage-chart.js';
import { ageText, coverageFigures, invalidNote, pullRequestLink } from './fragments.js';
import { layout } from './layout.js';
import type { RenderContext } from './render-context.js';
import { warningsSection } from './warnings-section.js';

/** The overview page as a whole HTML document. */
export function overviewPage(ctx: RenderContext): string {
  const { f, links } = ctx;
  const lang = f.lang;
  const model = overviewModel(ctx.data);
  const localeHref = model.locales.map((l) => links.page({ page: 'locale', locale: l.locale }, lang));

  const localesTable = html`<section aria-labelledby="locales-heading">
<h2 id="locales-heading">${f.t('overview.locales')}</h2>
<div class="scroll" role="region" aria-labelledby="locales-heading" tabindex="0">
<table>
<thead><tr><th scope="col">${f.t('column.locale')}</th><th scope="col">${f.t('column.sections')}</th><th scope="col">${f.t('column.words')}</th><th scope="col">${f.t('column.stale')}</th><th scope="col">${f.t('column.missing')}</th><th scope="col">${f.t('column.untranslated')}</th><th scope="col">${f.t('column.oldestStale')}</th><th scope="col">${f.t('column.pullRequest')}</th></tr></thead>
<tbody>
${model.locales.map(
  (l, i) => html`<tr><th scope="row"><a href="${localeHref[i]}">${f.languageName(l.locale)} (${l.locale})</a></th><td class="cell band-${l.band} num"><span class="pct">${f.percent(l.totals.sections.percent)}</span> <span class="meta">${f.t('coverage.ofSections', { current: l.totals.sections.current, total: l.totals.sections.total })}</span></td><td class="num">${f.percent(l.totals.words.percent)}</td><td class="num">${l.totals.sections.stale}</td><td class="num">${l.totals.sections.missing}</td><td class="num">${l.totals.sections.untranslated}</td><td>${ageText(f, l.oldestStale)}</td><td>${pullRequestLink(f, l.pullRequest)}</td></tr>`,
)}
</tbody>
<tfoot><tr><th scope="row">${f.t('overview.allLocales')}</th><td class="num"><span class="pct">${f.percent(model.totals.sections.percent)}</span></td><td class="num">${f.percent(model.totals.words.percent)}</td><td class="num">${model.totals.sections.stale}</td><td class="num">${model.totals.sections.missing}</td><td class="num">${model.totals.sections.untranslated}</td><td></td><td></td></tr></tfoot>
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

  // The matrix is the hot loop: build cells with a plain array instead of nested templates.
  const rows: string[] = [];
  for (const row of model.rows) {
    const parts: string[] = [
      html`<tr><th scope="row"><a href="${links.page({ page: 'document', source: row.source }, lang)}">${row.title ?? row.source}</a><span class="path">${row.source}</span>${invalidNote(f, row.invalid)}</th>`.__html,
    ];
    for (const cell of row.cells) parts.push(matrixCell(ctx, cell).__html);
    parts.push('</tr>\n');
    rows.push(parts.join(''));
  }
  const matrix = html`<section aria-labelledby="documents-heading">
<h2 id="documents-heading">${f.t('overview.documents')}</h2>
<p class="lead">${f.t('overview.matrixLead')}</p>
<div class="scroll" role="region" aria-labelledby="documents-heading" tabindex="0">
<table class="matrix">
<thead><tr><th scope="col">${f.t('column.document')}</th>${model.locales.map((l, i) => html`<th scope="col"><a href="${localeHref[i]}">${l.locale}</a></th>`)}</tr></thead>
<tbody>
${raw(rows.join(''))}</tbody>
</table>
</div>
</section>`;

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
${matrix}
${charts}
${orphans}`;
  return layout(ctx, f.t('overview.title'), main);
}

function matrixCell(ctx: RenderContext, cell: OverviewCell | null): SafeHtml {
  if (!cell) return html`<td class="cell band-absent">${ctx.f.t('coverage.notTracked')}</td>`;
  const age = cell.oldestStale ? html`<span class="age">${ageText(ctx.f, cell.oldestStale)}</span>` : '';
  return html`<td class="cell band-${cell.band}">${coverageFigures(ctx.f, cell.totals, cell.band, cell.exists)}${age}${invalidNote(ctx.f, cell.invalid)}</td>`;
}
