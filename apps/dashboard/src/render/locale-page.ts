/**
 * A locale's page: everything waiting for its translators, oldest first, with the
 * English changes to translate, then its documents, coverage over time and orphans.
 */
import { html, join, raw } from '../html.js';
import { localeModel, type LocaleModel } from '../view-models/locale-model.js';
import { coverageChart } from './coverage-chart.js';
import { ageText, changeDetails, commitLink, countsText, coverageFigures, pullRequestLink, sectionName, stateLabel } from './fragments.js';
import { layout } from './layout.js';
import type { RenderContext } from './render-context.js';

/** The locale page, or null when the report does not list `locale`. */
export function localePage(ctx: RenderContext, locale: string): string | null {
  const model = localeModel(ctx.data, locale);
  if (!model) return null;
  const name = `${ctx.f.languageName(model.locale)} (${model.locale})`;
  return layout(ctx, name, localeMain(ctx, model, name));
}

function localeMain(ctx: RenderContext, model: LocaleModel, name: string) {
  const { f, links } = ctx;
  const lang = f.lang;
  const docHref = (source: string) => links.page({ page: 'document', source }, lang);
  const waiting = model.items.length
    ? html`<div class="scroll" role="region" aria-labelledby="waiting-heading" tabindex="0"><table class="sticky">
<thead><tr><th scope="col">${f.t('column.section')}</th><th scope="col">${f.t('column.document')}</th><th scope="col">${f.t('column.state')}</th><th scope="col">${f.t('column.since')}</th><th scope="col">${f.t('column.age')}</th><th scope="col">${f.t('column.words')}</th></tr></thead>
<tbody>${model.items.map(
        (item) => html`<tr><th scope="row">${
          item.wholeFile
            ? html`${f.t('locale.wholeDocument')}<span class="meta">${f.t('locale.sectionCount', { count: item.sections })}</span>`
            : html`${sectionName(ctx, item.id, item.heading)}<span class="meta"><code>#${item.id}</code></span>`
        }${item.state === 'stale' ? changeDetails(ctx, item.stale?.pinnedCommit ?? null, item.change) : ''}</th>
<td><a href="${docHref(item.source)}">${item.title ?? item.source}</a><span class="path">${item.path}</span></td>
<td>${stateLabel(f, item.state)}</td><td>${item.stale?.since ? commitLink(ctx, item.stale.since) : '—'}</td><td>${ageText(f, item.stale)}</td><td class="num">${f.number(item.words)}</td></tr>`,
      )}</tbody></table></div>`
    : html`<p>${f.t('locale.nothingWaiting')}</p>`;
  return html`<p><a href="${links.page({ page: 'overview' }, lang)}">← ${f.t('nav.overview')}</a></p>
<h1>${name}</h1>
<p class="lead">${join(
    [
      f.t('locale.summary', { sections: f.percent(model.totals.sections.percent), words: f.percent(model.totals.words.percent) }),
      countsText(f, model.totals),
      model.oldestStale ? `${f.t('column.oldestStale')}: ${ageText(f, model.oldestStale)}` : '',
      pullRequestLink(f, model.pullRequest),
    ].filter((part) => part !== '' && !(typeof part === 'object' && part.__html === '')),
    raw(' · '),
  )}</p>
<section aria-labelledby="waiting-heading">
<h2 id="waiting-heading">${f.t('locale.waiting', { count: model.items.reduce((n, item) => n + item.sections, 0) })}</h2>
<p class="lead">${f.t('locale.waitingLead')}</p>
${waiting}
</section>
<section aria-labelledby="docs-heading">
<h2 id="docs-heading">${f.t('overview.documents')}</h2>
<div class="scroll" role="region" aria-labelledby="docs-heading" tabindex="0"><table class="sticky">
<thead><tr><th scope="col">${f.t('column.document')}</th><th scope="col">${f.t('column.coverage')}</th></tr></thead>
<tbody>${model.documents.map((d) => html`<tr><th scope="row"><a href="${docHref(d.source)}">${d.title ?? d.source}</a><span class="path">${d.path}</span></th><td class="cell band-${d.band}">${coverageFigures(f, d.totals, d.band, d.exists)}</td></tr>`)}</tbody>
</table></div>
</section>
${ctx.data.history ? html`<section aria-labelledby="history-heading"><h2 id="history-heading">${f.t('overview.history')}</h2>${coverageChart(ctx, model.locale, model.history, 'locale')}</section>` : raw('')}
${model.orphans.length ? html`<section aria-labelledby="orphans-heading"><h2 id="orphans-heading">${f.t('overview.orphans')}</h2><ul>${model.orphans.map((o) => html`<li><code>${o.path}</code> — ${f.t('overview.expectedSource')} <code>${o.expectedSource}</code></li>`)}</ul></section>` : raw('')}`;
}
