/**
 * What could not be filled in while loading (a pinned English version that could not
 * be read, history that was unavailable), re-worded in the page's language.
 */
import { html, raw, type SafeHtml } from '../html.js';
import type { RenderContext } from './render-context.js';

/** The warnings box, or nothing when all went well. */
export function warningsSection(ctx: RenderContext): SafeHtml {
  const { warnings } = ctx.data;
  if (warnings.length === 0) return raw('');
  return html`<section class="warnings" aria-labelledby="warnings-heading"><h2 id="warnings-heading">${ctx.f.t('warnings.title')}</h2><ul>${warnings.map(
    (w) => html`<li>${ctx.f.t(`warnings.${w.code}`, w.params)}</li>`,
  )}</ul></section>`;
}
