import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { adopt, coverageHistory } from '@i18n-drift/core';
import { parseDocument } from '@i18n-drift/sections';
import { cacheDir } from './cache/parse-cache.js';
import { coverageOverTime } from './coverage-over-time.js';
import { loadCoverage } from './load-state.js';
import { openRepository } from './repository.js';

const seed = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');
const CONFIG = 'files:\n  - "locales/{locale}/**/*.md"\n';
const EN = 'locales/en/your-data.md';

/** The seeds with a history: English, fr and nl adopted, code-only commits, English edits, a fr fix. */
function repository(): string {
  const dir = mkdtempSync(join(tmpdir(), 'i18n-drift-history-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  let day = 1;
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', dir, '-c', 'user.name=Ana', '-c', 'user.email=ana@example.org', '-c', 'commit.gpgsign=false', ...args], {
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_DATE: `2026-10-${String(day).padStart(2, '0')}T10:00:00Z`, GIT_COMMITTER_DATE: `2026-10-${String(day).padStart(2, '0')}T10:00:00Z` },
    }).trim();
  const write = (files: Record<string, string>, message: string) => {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    git('add', '-A');
    git('commit', '-q', '-m', message);
    day += 1;
    return git('rev-parse', 'HEAD');
  };
  git('init', '-q', '-b', 'main');
  const english = seed(EN);
  const first = write({ '.github/i18n-drift.yml': CONFIG, [EN]: english }, 'English');
  const keys = { sourceCommit: first, frontmatterKeys: ['title', 'description'] };
  const fr = adopt(english, seed('locales/fr/your-data.md'), keys).text;
  write({ 'locales/fr/your-data.md': fr }, 'French');
  write({ 'locales/nl/your-data.md': adopt(english, seed('locales/nl/your-data.md'), keys).text }, 'Dutch');
  write({ 'src/app.js': 'x' }, 'code only');
  write({ [EN]: english.replace('These roles are cumulative.', 'These roles add up.') }, 'intro edit');
  write({ 'locales/fr/your-data.md': fr.replace(/\n\n/, '\n\nBonjour.\n\n') }, 'French fix');
  write({ [EN]: english.replace('These roles are cumulative.', 'These roles add up.').concat('\n## Newsletter\n\nWe keep your address.\n') }, 'newsletter');
  return dir;
}

async function measured(dir: string, samples = 20) {
  const repo = await openRepository(dir, (k) => k);
  onTestFinished(() => repo.host.close());
  const { report, tree } = await loadCoverage(repo);
  const parse = (text: string) => parseDocument(text, { frontmatterKeys: repo.config.frontmatterKeys });
  return { repo, report, history: (await coverageOverTime(repo, report, tree, { parse, samples }))! };
}

describe('coverageOverTime', () => {
  it('samples the commits core samples and measures each the same way, ending with the report', async () => {
    const dir = repository();
    const { repo, report, history } = await measured(dir);
    // The config as the CLI reads it: the locales found at HEAD (so fr is 0 % before its file existed).
    const expected = await coverageHistory(repo.host, repo.config, { revision: 'HEAD', samples: 20 });
    expect(history.samples).toEqual(expected.samples);
    expect(history.commitsConsidered).toBe(expected.commitsConsidered);
    expect(history.samples.map((c) => c.message.trim())).toEqual(['English', 'French', 'Dutch', 'intro edit', 'French fix', 'newsletter']);
    const head = history.samples.at(-1)!.sha;
    for (const locale of ['fr', 'nl']) {
      const before = (points: typeof history.byLocale.fr) => points!.filter((p) => p.sha !== head);
      expect(before(history.byLocale[locale])).toEqual(before(expected.byLocale[locale]));
      const last = history.byLocale[locale]!.at(-1)!;
      const now = report.byLocale.find((l) => l.locale === locale)!.totals;
      expect([last.sha, last.sections, last.words]).toEqual([head, now.sections.percent, now.words.percent]);
    }
    // The English edits made sections stale: coverage went down after adoption.
    expect(history.byLocale.fr![0]!.sections).toBe(0);
    expect(history.byLocale.fr!.at(-1)!.sections).toBeLessThan(history.byLocale.fr![1]!.sections);
  });

  it('reads a commit measured before from the cache, by its tree id', async () => {
    const dir = repository();
    const first = (await measured(dir)).history;
    const file = readdirSync(cacheDir(join(dir, '.git'))).find((name) => name.startsWith('history-'))!;
    const path = join(cacheDir(join(dir, '.git')), file);
    const cached = JSON.parse(readFileSync(path, 'utf8')) as { trees: Record<string, Record<string, { sections: number; words: number }>> };
    const french = execFileSync('git', ['-C', dir, 'rev-parse', `${first.byLocale.fr![1]!.sha}^{tree}`], { encoding: 'utf8' }).trim();
    expect(Object.keys(cached.trees)).toContain(french);
    // Only a tree-id lookup can bring this value back: no commit has these figures.
    cached.trees[french] = { fr: { sections: 12.5, words: 25 } };
    writeFileSync(path, JSON.stringify(cached));
    const second = (await measured(dir)).history;
    expect(second.byLocale.fr![1]).toMatchObject({ sha: first.byLocale.fr![1]!.sha, sections: 12.5, words: 25 });
    expect(second.byLocale.fr!.filter((_, i) => i !== 1)).toEqual(first.byLocale.fr!.filter((_, i) => i !== 1));
    // The cached value has no nl point: that commit is gone from nl's series, nothing else changed.
    expect(second.byLocale.nl).toEqual(first.byLocale.nl!.filter((p) => p.sha !== first.byLocale.fr![1]!.sha));
  });

  it('keeps the newest commit when sampling fewer', async () => {
    const { history } = await measured(repository(), 2);
    expect(history.samples.map((c) => c.message.trim())).toEqual(['English', 'newsletter']);
  });
});
