// Test helper (not built): this repository's seeds as the demo leaves them. The English
// your-data.md gets the demo's update (logs kept 30 days instead of 6 months, newsletter data
// added, model data removed) and each translation is adopted at the first commit and synced
// to the second with core's own functions, so the French "Visitor data" is stale and
// "Newsletter data" is inserted in English as missing.
import { readFileSync } from 'node:fs';
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
