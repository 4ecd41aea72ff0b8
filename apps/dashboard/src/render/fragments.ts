/**
 * Small pieces shared by the pages: state labels, commit links, staleness, coverage
 * figures, word diffs and pull-request links. Every value goes through `html`, so
 * repository text is escaped.
 */
import type { HistoryUnavailable, InvalidDocument, NotAdopted, SectionState, StaleInfo, Totals } from '@i18n-drift/core';
import type { WordChange } from '@i18n-drift/sections';
import { html, join, raw, type SafeHtml } from '../html.js';
import type { PullRequestLink } from '../types.js';
import type { Band } from '../view-models/band.js';
import { shortSha, type Formatter } from './format.js';
import type { RenderContext } from './render-context.js';

const STATE_SYMBOL: Record<SectionState, string> = { current: '✓', stale: '⚠', missing: '✗', untranslated: '◌' };

/** A section state as symbol + word (the symbol is decorative). */
export function stateLabel(f: Formatter, state: SectionState): SafeHtml {
  return html`<span class="state state-${state}"><span aria-hidden="true">${STATE_SYMBOL[state]} </span>${f.t(`state.${state}`)}</span>`;
}

/** A commit as a link when the data knows its URL, else as code. */
export function commitLink(ctx: RenderContext, sha: string | null): SafeHtml {
  if (!sha) return html`<span>${ctx.f.t('commit.unknown')}</span>`;
  const url = webUrl(ctx.data.commitUrls[sha]);
  const label = html`<code title="${sha}">${shortSha(sha)}</code>`;
  return url ? html`<a href="${url}" title="${ctx.f.t('commit.label', { sha })}">${label}</a>` : label;
}

/** "since abc1234 · 3 commits · 40 days" for a stale section. */
export function staleDetails(ctx: RenderContext, stale: StaleInfo | null): SafeHtml {
  if (!stale) return raw('');
  const parts: SafeHtml[] = [];
  if (stale.since) parts.push(html`${ctx.f.t('stale.since')} ${commitLink(ctx, stale.since)}`);
  if (stale.commitsBehind !== null) parts.push(html`${ctx.f.t('stale.commitsBehind', { count: stale.commitsBehind })}`);
  if (stale.daysBehind !== null) parts.push(html`${ctx.f.t('stale.daysBehind', { count: stale.daysBehind })}`);
  return parts.length ? html`<span class="meta">${join(parts, raw(' · '))}</span>` : raw('');
}

/** The oldest staleness as "40 days · 3 commits behind", or an em dash. */
export function ageText(f: Formatter, stale: StaleInfo | null): string {
  if (!stale) return '—';
  const parts: string[] = [];
  if (stale.daysBehind !== null) parts.push(f.t('stale.daysBehind', { count: stale.daysBehind }));
  if (stale.commitsBehind !== null) parts.push(f.t('stale.commitsBehind', { count: stale.commitsBehind }));
  return parts.length ? parts.join(' · ') : f.t('stale.ageUnknown');
}

const BAND_SYMBOL: Record<Band, string> = { complete: '✓ ', high: '', medium: '', low: '', absent: '' };

/** Counts of stale, missing and untranslated sections, only those not zero. */
export function countsText(f: Formatter, totals: Totals): string {
  const s = totals.sections;
  const parts: string[] = [];
  if (s.stale) parts.push(f.t('count.stale', { count: s.stale }));
  if (s.missing) parts.push(f.t('count.missing', { count: s.missing }));
  if (s.untranslated) parts.push(f.t('count.untranslated', { count: s.untranslated }));
  return parts.join(' · ');
}

/** The content of a coverage cell: sections %, words %, counts. */
export function coverageFigures(f: Formatter, totals: Totals, cellBand: Band, exists = true): SafeHtml {
  if (!exists) return html`<span class="pct">— ${f.t('coverage.noFile')}</span><span class="counts">${f.t('count.missing', { count: totals.sections.total })}</span>`;
  const counts = countsText(f, totals);
  return html`<span class="pct">${BAND_SYMBOL[cellBand]}${f.percent(totals.sections.percent)}</span> <span class="words">${f.t('coverage.wordsPercent', { percent: f.percent(totals.words.percent) })}</span>${counts ? html`<span class="counts">${counts}</span>` : ''}`;
}

/** A word-level diff with `<del>`/`<ins>` (and words for screen readers). */
export function wordDiff(f: Formatter, words: readonly WordChange[]): SafeHtml {
  const removed = f.t('diff.removed');
  const added = f.t('diff.added');
  return html`<p class="diff">${words.map((w) =>
    w.added ? html`<ins><span class="sr-only">[${added}: </span>${w.value}<span class="sr-only">]</span></ins>` : w.removed ? html`<del><span class="sr-only">[${removed}: </span>${w.value}<span class="sr-only">]</span></del>` : w.value,
  )}</p>`;
}

/** The English changes since a pinned version, collapsed. */
export function changeDetails(ctx: RenderContext, pinnedCommit: string | null, words: readonly WordChange[] | null, locales?: readonly string[]): SafeHtml {
  const who = locales?.length ? html` (${locales.join(', ')})` : '';
  // No link inside <summary>: it is itself the control that opens the details.
  const summary = pinnedCommit ? html`${ctx.f.t('diff.sinceVersion')} <code>${shortSha(pinnedCommit)}</code>${who}` : html`${ctx.f.t('diff.sinceUnknown')}${who}`;
  const body = words ? wordDiff(ctx.f, words) : html`<p>${ctx.f.t('diff.unavailable')}</p>`;
  const pinned = pinnedCommit ? html`<span class="meta">${ctx.f.t('diff.pinnedVersion')} ${commitLink(ctx, pinnedCommit)}</span>` : '';
  return html`<details><summary>${summary}</summary>${body}${pinned}</details>`;
}

/** Link to a locale's open translation pull request, or nothing. */
export function pullRequestLink(f: Formatter, pr: PullRequestLink | null): SafeHtml {
  if (!pr) return raw('');
  const url = webUrl(pr.url);
  const label = f.t('pullRequest.link', { number: pr.number });
  // The local adapter's "URL" is a path under .git/: say where it is instead of linking.
  return url ? html`<a class="pr" href="${url}">${label}</a>` : html`<span class="pr" title="${pr.url}">${label}</span>`;
}

/** `url` if it is an http(s) URL, else null: no `javascript:` or file links from data. */
export function webUrl(url: string | undefined | null): string | null {
  return url && /^https?:\/\//i.test(url) ? url : null;
}

/** A section's English name; the intro and frontmatter fields have none, so they get a label. */
export function sectionName(ctx: RenderContext, id: string, heading: string | null): string {
  if (heading !== null) return heading;
  if (id === 'intro') return ctx.f.t('document.intro');
  if (id.startsWith('frontmatter.')) return ctx.f.t('document.frontmatter', { key: id.slice('frontmatter.'.length) });
  return id;
}

/** Why a file could not be read (its frontmatter), or nothing. */
/** The "not adopted yet" badge of a translation without pins (its states come from history). */
export function notAdoptedBadge(f: Formatter, notAdopted: NotAdopted | null): SafeHtml {
  if (!notAdopted) return raw('');
  return html`<span class="meta not-adopted" title="${f.t('coverage.notAdoptedHint', { commit: notAdopted.pinnedTo.slice(0, 7) })}">${f.t('coverage.notAdopted')}</span>`;
}

/** A translation whose history could not be read: its figures come from its pins alone (or a guess, not adopted). */
export function historyBadge(f: Formatter, missing: HistoryUnavailable | null): SafeHtml {
  if (!missing) return raw('');
  const hint = missing.reason === 'shallow-clone' ? 'coverage.historyShallowHint' : 'coverage.historyUnknownHint';
  return html`<span class="meta not-adopted history-unavailable" title="${f.t(hint, { commit: missing.commit.slice(0, 7) })}">${f.t('coverage.historyUnavailable')}</span>`;
}

export function invalidNote(f: Formatter, invalid: InvalidDocument | null): SafeHtml {
  if (!invalid) return raw('');
  return html`<span class="meta invalid"><span aria-hidden="true">⚠ </span>${f.t('coverage.invalid', { line: invalid.line, reason: invalid.reason })}</span>`;
}
