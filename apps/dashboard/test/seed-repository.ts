/**
 * A temporary Git repository built from the real seeds in /locales: the documents
 * imported, the French and Dutch translations adopted (pinned), then an English policy
 * update — a changed retention period, an edited introduction, and a new section whose
 * heading holds a `<script>` tag (headings come from repositories nobody vetted).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adopt, parseConfigText } from '@i18n-drift/core';

const REPO_ROOT = new URL('../../../', import.meta.url);
export const EN = 'locales/en/your-data.md';
/** As written in Markdown (a code span keeps the tag in the heading text) and as the heading reads. */
export const SCRIPT_HEADING_MARKDOWN = 'Newsletter data `<script>window.__pwned = 1</script>`';
export const SCRIPT_HEADING = 'Newsletter data <script>window.__pwned = 1</script>';

export interface SeedRepository {
  root: string;
  commits: { imported: string; adopted: string; updated: string };
}

export function seedRepository(): SeedRepository {
  const root = mkdtempSync(join(tmpdir(), 'i18n-drift-dashboard-'));
  const git = (args: string[], date?: string) =>
    execFileSync('git', args, {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_DATE: date ?? '', GIT_COMMITTER_DATE: date ?? '', GIT_AUTHOR_NAME: 'Alice', GIT_AUTHOR_EMAIL: 'alice@example.org', GIT_COMMITTER_NAME: 'Alice', GIT_COMMITTER_EMAIL: 'alice@example.org' },
    }).trim();
  const commit = (message: string, date: string) => {
    git(['add', '-A']);
    git(['commit', '-q', '-m', message], date);
    return git(['rev-parse', 'HEAD']);
  };
  git(['init', '-q', '-b', 'main']);
  mkdirSync(join(root, '.github'));
  cpSync(new URL('.github/i18n-drift.yml', REPO_ROOT), join(root, '.github/i18n-drift.yml'));
  for (const lng of ['en', 'fr', 'nl']) {
    mkdirSync(join(root, 'locales', lng), { recursive: true });
    for (const name of readdirSync(new URL(`locales/${lng}/`, REPO_ROOT)).filter((n) => n.endsWith('.md'))) {
      cpSync(new URL(`locales/${lng}/${name}`, REPO_ROOT), join(root, 'locales', lng, name));
    }
  }
  const imported = commit('Import the privacy policies', '2026-09-01T09:00:00Z');

  const config = parseConfigText(readFileSync(join(root, '.github/i18n-drift.yml'), 'utf8'));
  const english = readFileSync(join(root, EN), 'utf8');
  for (const lng of ['fr', 'nl']) {
    const path = join(root, `locales/${lng}/your-data.md`);
    writeFileSync(path, adopt(english, readFileSync(path, 'utf8'), { sourceCommit: imported, frontmatterKeys: config.frontmatterKeys }).text);
  }
  const adopted = commit('Adopt the French and Dutch translations', '2026-09-02T09:00:00Z');

  const updated = english
    .replace('These roles are cumulative.', 'These roles add up.')
    .replace('We keep these logs for 6 months.', 'We keep these logs for 30 days.')
    .concat(`\n<Note>\n\n##### ${SCRIPT_HEADING_MARKDOWN}\n\nWe store your e-mail address until you unsubscribe.\n\n</Note>\n`);
  writeFileSync(join(root, EN), updated);
  const updatedSha = commit('Shorter log retention, newsletter section', '2026-11-01T09:00:00Z');
  return { root, commits: { imported, adopted, updated: updatedSha } };
}
