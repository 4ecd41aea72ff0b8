// Test helper (not built): this repository's seeds as the demo leaves them. The English
// your-data.md gets the demo's update (logs kept 30 days instead of 6 months, newsletter data
// added, model data removed) and each translation is adopted at the first commit and synced
// to the second with core's own functions, so the French "Visitor data" is stale and
// "Newsletter data" is inserted in English as missing.
import { readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';
import { adopt } from '../adopt.js';
import { applySourceChange } from '../apply-source-change.js';
import type { CommitInfo } from '../types.js';

const repo = (path: string) => readFileSync(new URL(`../../../../${path}`, import.meta.url), 'utf8');

export const ADOPTED_AT = '5f0c3d2a9b8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a';
export const UPDATED_AT = '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d';

/** The English document's history, newest first. */
export const SEED_HISTORY: CommitInfo[] = [
  { sha: UPDATED_AT, date: '2026-11-20T09:30:00Z', message: 'Privacy: keep logs 30 days, add newsletter data, drop model data', author: 'Alice' },
  { sha: ADOPTED_AT, date: '2026-09-01T08:00:00Z', message: 'Import the privacy policies and their translations', author: 'Alice' },
];

export interface SyncedSeeds {
  /** The English before the update. */
  oldEnglish: string;
  /** The English after the update (the current source). */
  english: string;
  /** Per locale, the translation synced to `english`. */
  translations: Record<'fr' | 'nl', string>;
}

export function syncedSeeds(): SyncedSeeds {
  const oldEnglish = repo('locales/en/your-data.md');
  const english = repo('apps/cli/demo/your-data.md');
  const sync = (locale: 'fr' | 'nl') => {
    const adopted = adopt(oldEnglish, repo(`locales/${locale}/your-data.md`), { sourceCommit: ADOPTED_AT }).text;
    return applySourceChange(oldEnglish, english, adopted, { sourceCommit: UPDATED_AT }).text;
  };
  return { oldEnglish, english, translations: { fr: sync('fr'), nl: sync('nl') } };
}

// ---------------------------------------------------------------- shared by the plugins' tests

/** The seeds with only the French "Visitor data" retention period changed in English: every other section current. */
export function retentionSynced(): { english: string; translation: string } {
  const { oldEnglish } = syncedSeeds();
  const english = oldEnglish.replace('We keep these logs for 6 months.', 'We keep these logs for 3 months.');
  const adopted = adopt(oldEnglish, repo('locales/fr/your-data.md'), { sourceCommit: 'c0' }).text;
  return { english, translation: applySourceChange(oldEnglish, english, adopted, { sourceCommit: 'c1' }).text };
}

/** A translation whose heading holds HTML-like text and quotes, made stale; `englishUrl` holds them too. */
export function escapingCase(): { english: string; translation: string; englishUrl: string } {
  const before = '## Data \\<script>alert(1)\\</script> & "you"\n\nOld.\n';
  const adopted = adopt(before, '## Données \\<script>alert(1)\\</script> & "vous"\n\nAncien.\n', { sourceCommit: 'c0' }).text;
  const english = before.replace('Old.', 'New.');
  return { english, translation: applySourceChange(before, english, adopted, { sourceCommit: 'c1' }).text, englishUrl: '/en/page?x="1"&y=<2>#{id}' };
}

/** Every notice element in rendered HTML. */
export function noticesIn(html: string): string[] {
  return [...html.matchAll(/<aside role="note"[^>]*>[\s\S]*?<\/aside>/g)].map((m) => m[0]);
}

/** The HTML between the end of an h5 heading and the next heading. */
export function sectionAfter(html: string, heading: string): string {
  const start = html.indexOf(`${heading}</h5>`);
  if (start === -1) throw new Error(`no h5 "${heading}" in the HTML`);
  const next = html.indexOf('<h', start + heading.length + 5);
  return html.slice(start + heading.length + 5, next === -1 ? undefined : next);
}

/**
 * What `stale: english, missing: hide` must do to the French seed, whichever plugin renders it;
 * returns the first problem, or null.
 */
export function englishAndHideProblem(html: string): string | null {
  const section = sectionAfter(html, 'Visitor data');
  const expected = [
    'data-i18n-drift="stale" data-section="visitor-data" data-fallback="english" lang="fr"',
    'La traduction de cette section n’est plus à jour : le texte anglais actuel est affiché.',
    'We keep these logs for 30 days, after which they are deleted automatically.',
    '<ul lang="en">',
  ];
  for (const text of expected) if (!section.includes(text)) return `"Visitor data" lacks ${text}`;
  if (section.includes('6 mois')) return '"Visitor data" still shows the stale translation';
  for (const text of ['Newsletter data', 'Which newsletters']) if (html.includes(text)) return `the hidden section shows: ${text}`;
  // The `<Note>` wrappers stay balanced.
  if (html.split('<Note>').length !== html.split('</Note>').length) return '<Note> and </Note> no longer pair up';
  return null;
}

/**
 * Golden HTML of a seed page, one set for both reader plugins, since they must render the
 * same page: fixtures/<name>.expected.html beside this file, regenerated only with UPDATE=1
 * (by either plugin's test: both write the same bytes). Compared up to the trailing
 * newline, the one byte markdown-it writes and rehype does not.
 */
export function expectGoldenPage(name: string, html: string): void {
  const file = goldenPageFile(name);
  const text = `${html.replace(/\n*$/, '')}\n`;
  if (process.env['UPDATE']) writeFileSync(file, text);
  expect(text).toBe(readFileSync(file, 'utf8'));
}

/** The golden HTML `expectGoldenPage` compares with. */
export function goldenPage(name: string): string {
  return readFileSync(goldenPageFile(name), 'utf8');
}

function goldenPageFile(name: string): URL {
  return new URL(`./fixtures/${name}.expected.html`, import.meta.url);
}
