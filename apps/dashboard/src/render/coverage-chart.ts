/**
 * Coverage over time of one locale as an inline SVG line chart (no client script):
 * sections current as a solid line, words current as a dashed one, each point with a
 * tooltip, and a text description plus a data table for screen readers.
 */
import type { CoverageHistoryPoint } from '@i18n-drift/core';
import { html, type SafeHtml } from '../html.js';
import { chartModel } from '../view-models/chart-model.js';
import { shortSha } from './format.js';
import type { RenderContext } from './render-context.js';

/** The chart figure for `locale`; `idSuffix` keeps element ids unique on the page. */
export function coverageChart(ctx: RenderContext, locale: string, points: readonly CoverageHistoryPoint[], idSuffix: string): SafeHtml {
  const { f } = ctx;
  const titleId = `chart-title-${idSuffix}`;
  const descId = `chart-desc-${idSuffix}`;
  const title = f.t('chart.title', { language: `${f.languageName(locale)} (${locale})` });
  if (points.length === 0) return html`<figure class="chart"><figcaption>${title}: ${f.t('chart.noHistory')}</figcaption></figure>`;
  const model = chartModel(points);
  const first = points[0] as CoverageHistoryPoint;
  const last = points.at(-1) as CoverageHistoryPoint;
  const description = f.t('chart.description', {
    from: f.percent(first.sections),
    fromDate: f.date(first.date),
    to: f.percent(last.sections),
    toDate: f.date(last.date),
    count: points.length,
  });
  const { plot } = model;
  return html`<figure class="chart">
<svg viewBox="0 0 ${model.width} ${model.height}" width="${model.width}" height="${model.height}" role="img" aria-labelledby="${titleId} ${descId}">
<title id="${titleId}">${title}</title><desc id="${descId}">${description}</desc>
${model.yTicks.map((tick) => html`<line class="grid" x1="${plot.left}" x2="${plot.right}" y1="${tick.y}" y2="${tick.y}"/><text class="axis" x="${plot.left - 4}" y="${tick.y + 4}" text-anchor="end">${f.percent(tick.value)}</text>`)}
${model.xLabels.map((label) => html`<text class="axis" x="${label.x}" y="${model.height - 6}" text-anchor="${label.anchor}">${f.date(label.date)}</text>`)}
${model.series.map(
  (series) => html`<polyline class="line-${series.key}" points="${series.points.map((p) => `${p.x},${p.y}`).join(' ')}"/>${series.points.map(
    (p) => html`<circle class="dot-${series.key}" cx="${p.x}" cy="${p.y}" r="3"><title>${f.date(p.date)} ${shortSha(p.sha)}: ${f.t(`chart.${series.key}`)} ${f.percent(p.value)}</title></circle>`,
  )}`,
)}
</svg>
<figcaption>${title} — <span class="legend-sections">━ ${f.t('chart.sections')}</span>, <span class="legend-words">╍ ${f.t('chart.words')}</span>
<details><summary>${f.t('chart.table')}</summary>
<table><thead><tr><th scope="col">${f.t('chart.date')}</th><th scope="col">${f.t('chart.commit')}</th><th scope="col">${f.t('chart.sections')}</th><th scope="col">${f.t('chart.words')}</th></tr></thead>
<tbody>${points.map((p) => html`<tr><td>${f.date(p.date)}</td><td><code>${shortSha(p.sha)}</code></td><td class="num">${f.percent(p.sections)}</td><td class="num">${f.percent(p.words)}</td></tr>`)}</tbody></table>
</details></figcaption>
</figure>`;
}
