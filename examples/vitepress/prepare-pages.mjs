// Writes the example's pages: this repository's locales/ as the `npm start` demo leaves them.
// The English your-data.md gets the demo's update (apps/cli/demo/your-data.md); each
// translation is adopted at the first commit and synced to the update with
// @i18n-drift/core, exactly as `i18n-drift sync` would write it. The two commits are the
// demo's, with fixed ids and dates so that the site is the same on every build.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { adopt, applySourceChange } from '@i18n-drift/core';

const here = dirname(fileURLToPath(import.meta.url));
const repository = join(here, '../..');

/** The English document's history, newest first (what `history` in the plugin options takes). */
export const HISTORY = [
  { sha: '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d', date: '2026-11-20T09:30:00Z', message: 'Privacy: keep logs 30 days, add newsletter data, drop model data', author: 'Alice' },
  { sha: '5f0c3d2a9b8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a', date: '2026-09-01T08:00:00Z', message: 'Import the privacy policies and their translations', author: 'Alice' },
];

/** Writes site/{en,fr,nl}/your-data.md under `siteDir`; returns the paths written. */
export function preparePages(siteDir = join(here, 'site')) {
  const read = (path) => readFileSync(join(repository, path), 'utf8');
  const [updated, adoptedAt] = HISTORY;
  const before = read('locales/en/your-data.md');
  const after = read('apps/cli/demo/your-data.md');
  const pages = { en: after };
  for (const locale of ['fr', 'nl']) {
    const adopted = adopt(before, read(`locales/${locale}/your-data.md`), { sourceCommit: adoptedAt.sha }).text;
    pages[locale] = applySourceChange(before, after, adopted, { sourceCommit: updated.sha }).text;
  }
  const written = [];
  for (const [locale, text] of Object.entries(pages)) {
    const path = join(siteDir, locale, 'your-data.md');
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    written.push(path);
  }
  return written;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const path of preparePages()) console.log(path);
}
