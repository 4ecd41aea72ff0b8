/**
 * A document's page: its English sections in order, one column per locale with the
 * section's state, the English word diff since the pinned version for stale sections,
 * links to each locale's translation PR and to source commits, and the translation
 * sections that could not be aligned.
 */
import { html, raw } from '../html.js';
import { documentModel, type DocumentModel } from '../view-models/document-model.js';
import { changeDetails, coverageFigures, historyBadge, invalidNote, notAdoptedBadge, pullRequestLink, sectionName, staleDetails, stateLabel } from './fragments.js';
import { layout } from './layout.js';
import type { RenderContext } from './render-context.js';

/** The document page, or null when the report has no document `source`. */
export function documentPage(ctx: RenderContext, source: string): string | null {
  const model = documentModel(ctx.data, source);
  if (!model) return null;
  return layout(ctx, model.title ?? model.source, documentMain(ctx, model));
}

function documentMain(ctx: RenderContext, model: DocumentModel) {
  const { f, links } = ctx;
  const lang = f.lang;
  const header = html`<tr><th scope="col">${f.t('column.section')}</th>${model.columns.map(
    (c) => html`<th scope="col" class="cell band-${c.band}"><a href="${links.page({ page: 'locale', locale: c.locale }, lang)}">${f.languageName(c.locale)} (${c.locale})</a>
<span class="path">${c.path}</span>${coverageFigures(f, c.totals, c.band, c.exists)}${invalidNote(f, c.invalid)}${notAdoptedBadge(f, c.notAdopted)}${historyBadge(f, c.historyUnavailable)}${c.pullRequest ? html`<span class="meta">${pullRequestLink(f, c.pullRequest)}</span>` : ''}</th>`,
  )}</tr>`;
  const body = model.rows.map(
    (row) => html`<tr><th scope="row" class="level-${row.level}">${sectionName(ctx, row.id, row.heading)}<span class="meta"><code>#${row.id}</code> · ${f.t('coverage.words', { count: row.words })}</span>${row.changes.map((g) => changeDetails(ctx, g.pinnedCommit, g.words, g.locales))}</th>${row.cells.map((cell) =>
      cell ? html`<td>${stateLabel(f, cell.state)}${cell.state === 'stale' ? staleDetails(ctx, cell.stale) : ''}</td>` : html`<td>${f.t('coverage.notTracked')}</td>`,
    )}</tr>`,
  );
  const unaligned = model.columns.filter((c) => c.unaligned.length > 0);
  return html`<p><a href="${links.page({ page: 'overview' }, lang)}">← ${f.t('nav.overview')}</a></p>
<h1>${model.title ?? model.source}</h1>
<p class="lead">${f.t('document.lead', { language: f.languageName(model.sourceLocale) })} <code>${model.source}</code></p>
${model.invalid ? html`<p>${invalidNote(f, model.invalid)}</p>` : ''}
<section aria-labelledby="sections-heading">
<h2 id="sections-heading">${f.t('document.sections')}</h2>
${model.columns.length === 0 ? html`<p>${f.t('document.noTranslations')}</p>` : ''}
<div class="scroll" role="region" aria-labelledby="sections-heading" tabindex="0">
<table class="sticky document">
<thead>${header}</thead>
<tbody>${body}</tbody>
</table>
</div>
</section>
${unaligned.length
  ? html`<section aria-labelledby="unaligned-heading"><h2 id="unaligned-heading">${f.t('document.unaligned')}</h2><p class="lead">${f.t('document.unalignedLead')}</p><ul>${unaligned.map(
      (c) => html`<li><code>${c.path}</code> (${c.locale})<ul>${c.unaligned.map((u) => html`<li>${u.heading ?? u.translationId} — ${f.t('document.line', { line: u.line })}</li>`)}</ul></li>`,
    )}</ul></section>`
  : raw('')}`;
}

