/**
 * The title and body of a locale's pull request, written through i18next in the
 * locale's language (namespace `pr`). Pure and deterministic: the same sections give
 * byte-identical text, so hosts can skip rewriting an unchanged body.
 */
import type { WordChange } from '@i18n-drift/sections';
import type { AdoptedTranslation, CommitInfo, PullRequestSection } from '../types.js';
import type { Translate } from './i18n.js';
import { wordDiffLines } from './word-diff-lines.js';

export { coalesceWords } from './coalesce-words.js';

export interface PullRequestTextInput {
  locale: string;
  sections: PullRequestSection[];
  /** Source commits involved, oldest first. */
  sourceCommits: CommitInfo[];
  /** Translated files the PR changes, for the "files" list. */
  files: string[];
  /** English source path per translation path, to name the source of each document. */
  sources: Record<string, string>;
  dashboardUrl?: string | null;
  /** Translations this PR starts tracking (adopted from history): the PR is then the onboarding one. */
  adopted?: AdoptedTranslation[];
}

/** The marker the bot and the CLI look for to recognise a body they wrote. */
export const PULL_REQUEST_BODY_MARKER = '<!-- i18n-drift:pull-request -->';

/** The locale's name in a language (default its own: `français`, `Nederlands`), or the code. */
export function languageName(locale: string, inLanguage = locale): string {
  try {
    const name = new Intl.DisplayNames([inLanguage], { type: 'language' }).of(locale);
    return name ?? locale;
  } catch {
    return locale;
  }
}

/** PR title: names the language and counts the sections left to do. */
export function pullRequestTitle(input: PullRequestTextInput, t: Translate): string {
  const open = input.sections.filter((s) => !s.resolved && s.state !== 'removed').length;
  const language = languageName(input.locale, t('pr:lang'));
  if (input.adopted && input.adopted.length > 0) {
    // The first PR on a repository that had translations before the tool: it starts tracking them.
    const tracking = t('pr:onboardingTitle', { count: input.adopted.length, language, locale: input.locale });
    return open > 0 ? `${tracking} — ${t('pr:onboardingBehind', { count: open })}` : tracking;
  }
  return t('pr:title', { count: open, language: languageName(input.locale, t('pr:lang')), locale: input.locale });
}

/**
 * PR body: intro, a checklist per document (`- [x]` once a section is resolved),
 * each section's English word diff in a collapsible `<details>`, removed sections,
 * the source commits, the files changed and the dashboard link.
 */
export function pullRequestBody(input: PullRequestTextInput, t: Translate): string {
  const out: string[] = [PULL_REQUEST_BODY_MARKER, ''];
  const language = languageName(input.locale, t('pr:lang'));
  const todo = input.sections.filter((s) => s.state !== 'removed');
  const done = todo.filter((s) => s.resolved).length;
  const adopted = input.adopted ?? [];
  out.push(t(adopted.length > 0 ? 'pr:onboardingIntro' : 'pr:intro', { language, count: adopted.length }), '');
  if (adopted.length > 0) {
    // Where each translation was pinned: the English its translator last saw.
    for (const a of [...adopted].sort((x, y) => (x.path < y.path ? -1 : 1))) {
      out.push(`- ${t('pr:adoptedAt', { path: code(a.path), commit: code(a.pinnedTo.slice(0, 7)), date: (a.pinnedDate ?? '').slice(0, 10) })}`);
    }
    out.push('');
  }
  out.push(t('pr:howTo'), '');
  // Progress only when there is something to translate ("0 of 0 sections done" says nothing).
  if (todo.length > 0) out.push(`**${t('pr:progress', { count: done, done, total: todo.length })}**`, '');

  const byFile = new Map<string, PullRequestSection[]>();
  for (const s of input.sections) {
    const list = byFile.get(s.translationPath) ?? [];
    list.push(s);
    byFile.set(s.translationPath, list);
  }
  for (const path of [...byFile.keys()].sort()) {
    const sections = byFile.get(path)!;
    out.push(`### ${t('pr:document', { path: code(path), source: code(sections[0]!.document) })}`, '');
    for (const s of sections.filter((x) => x.state !== 'removed')) {
      out.push(`- [${s.resolved ? 'x' : ' '}] ${sectionLabel(s, t)} — ${t(`pr:state.${s.state}`)}${changeNote(s, t)}`);
    }
    const removed = sections.filter((x) => x.state === 'removed');
    for (const s of removed) out.push(`- ${sectionLabel(s, t)} — ${t('pr:state.removed')}`);
    out.push('');
    for (const s of sections) {
      if (s.state === 'stale' && s.words && s.words.some((w) => w.added || w.removed)) {
        out.push('<details>', `<summary>${escapeHtml(t('pr:diffSummary', { section: plainLabel(s, t) }))}</summary>`, '');
        out.push(renderWordDiff(s.words), '', '</details>', '');
      }
    }
  }

  if (input.sourceCommits.length > 0) {
    out.push(`### ${t('pr:commits')}`, '');
    for (const c of input.sourceCommits) {
      out.push(`- ${code(c.sha.slice(0, 7))} ${escapeHtml(firstLine(c.message))} (${escapeHtml(c.author)}, ${c.date.slice(0, 10)})`);
    }
    out.push('');
  }
  if (input.files.length > 0) {
    out.push(`### ${t('pr:files')}`, '');
    for (const f of [...input.files].sort()) out.push(`- ${code(f)}`);
    out.push('');
  }
  if (input.dashboardUrl) out.push(t('pr:dashboard', { url: input.dashboardUrl }), '');
  out.push(`<sub>${escapeHtml(t('pr:footer'))}</sub>`, '');
  return out.join('\n');
}

/** The comment posted when English changed again while the PR was open. */
export function updateComment(
  input: { locale: string; newCommits: CommitInfo[]; added: PullRequestSection[] },
  t: Translate,
): string {
  const lines = [t('pr:updated', { count: input.newCommits.length, language: languageName(input.locale, t('pr:lang')) }), ''];
  for (const c of input.newCommits) lines.push(`- ${code(c.sha.slice(0, 7))} ${escapeHtml(firstLine(c.message))}`);
  if (input.added.length > 0) {
    lines.push('', t('pr:updatedSections', { count: input.added.length }), '');
    for (const s of input.added) lines.push(`- ${sectionLabel(s, t)} — ${t(`pr:state.${s.state}`)} (${code(s.translationPath)})`);
  }
  return lines.join('\n') + '\n';
}

/**
 * Word diff as a `<pre>` block with `<del>`/`<ins>`: a `<pre>` HTML block ends only at
 * `</pre>`, so the English Markdown inside is shown as written, never rendered, and
 * blank lines cannot break it. Only changed lines and one line of context are kept.
 */
export function renderWordDiff(words: WordChange[], context = 1): string {
  const lines = wordDiffLines(words, (piece, kind) => {
    const text = escapeHtml(piece);
    return kind === 'added' ? `<ins>${text}</ins>` : kind === 'removed' ? `<del>${text}</del>` : text;
  }, context);
  return `<pre>${lines.map((l) => l ?? '…').join('\n')}</pre>`;
}


function sectionLabel(s: PullRequestSection, t: Translate): string {
  const label = `**${escapeHtml(plainLabel(s, t))}**`;
  return s.state === 'removed' ? `~~${label}~~` : label;
}

/** A section's name for readers: its heading, or what the intro or a frontmatter field is called in `t`'s language. */
export function plainLabel(s: Pick<PullRequestSection, 'id' | 'heading'>, t: Translate): string {
  if (s.id.startsWith('frontmatter.')) return t('pr:field', { key: s.id.slice('frontmatter.'.length) });
  if (s.heading === null) return t('pr:introSection');
  return s.heading;
}

function changeNote(s: PullRequestSection, t: Translate): string {
  if (s.change === 'modified' || s.change === 'added' || s.change === 'removed' || s.change === 'unchanged') return '';
  return ` (${t(`pr:change.${s.change}`)})`;
}

function code(s: string): string {
  return '`' + s.replace(/`/g, "'") + '`';
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.trim();
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
