import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli, git, join, makeRepo, SEED_CONFIG, seeds, write } from './helpers.js';

const STORE = '.git/i18n-drift/cache/sync-branch-output-json.json';
const EN = 'locales/en/your-data.md';

function adoptedRepository(): string {
  const dir = makeRepo({ ...seeds(), '.github/i18n-drift.yml': SEED_CONFIG });
  expect(cli(dir, ['init']).code).toBe(0);
  git(dir, 'commit', '-q', '-am', 'adopt');
  write(dir, { [EN]: seeds()[EN]!.replace('We keep these logs for 6 months.', 'We keep these logs for 3 months.') });
  git(dir, 'commit', '-q', '-am', 'shorter retention');
  return dir;
}

/** Mark the stored result, so that a replay is told from a fresh run. */
function tamper(dir: string): void {
  const file = join(dir, STORE);
  const stored = JSON.parse(readFileSync(file, 'utf8'));
  const result = JSON.parse(stored.stdout);
  result.locales[0].branch = 'replayed-from-the-store';
  stored.stdout = JSON.stringify(result) + '\n';
  writeFileSync(file, JSON.stringify(stored));
}

// Each case runs the built CLI several times (about a second each, several on a loaded
// 2-core machine, with the other end-to-end file running beside it): 30 s is too tight.
describe('sync --branch with nothing to do', { timeout: 120_000 }, () => {
  it('is answered from the store while nothing it reads moved, and recomputed as soon as anything did', () => {
    const dir = adoptedRepository();
    const first = JSON.parse(cli(dir, ['sync', '--branch', '--json']).stdout);
    expect(first.locales.map((l: any) => l.action)).toEqual(['opened', 'opened']);
    const second = cli(dir, ['sync', '--branch', '--json']);
    expect(JSON.parse(second.stdout).locales.map((l: any) => l.action)).toEqual(['unchanged', 'unchanged']);

    tamper(dir);
    const third = cli(dir, ['sync', '--branch', '--json']);
    expect(third.code).toBe(second.code);
    expect(third.stderr).toBe(second.stderr);
    expect(JSON.parse(third.stdout).locales[0].branch).toBe('replayed-from-the-store');
    // Other options, or the human output, are not that stored run.
    expect(JSON.parse(cli(dir, ['sync', '--branch', '--json', '--from', 'HEAD~1']).stdout).locales[0].branch).toBe('i18n-drift/fr');
    expect(cli(dir, ['sync', '--branch']).stdout).not.toContain('replayed-from-the-store');

    // A translator commit on a locale branch moves a head: a real run again.
    git(dir, 'checkout', '-q', 'i18n-drift/fr');
    write(dir, { 'locales/fr/your-data.md': readFileSync(join(dir, 'locales/fr/your-data.md'), 'utf8') + '\nMerci.\n' });
    git(dir, 'commit', '-q', '-am', 'translator');
    git(dir, 'checkout', '-q', 'main');
    const afterTranslator = JSON.parse(cli(dir, ['sync', '--branch', '--json']).stdout);
    expect(afterTranslator.locales.map((l: any) => l.branch)).toEqual(['i18n-drift/fr', 'i18n-drift/nl']);

    // So does an English commit, and --from/--to or the working-tree mode never use the store.
    cli(dir, ['sync', '--branch', '--json']);
    tamper(dir);
    write(dir, { [EN]: seeds()[EN]!.replace('We keep these logs for 6 months.', 'We keep these logs for 2 months.') });
    git(dir, 'commit', '-q', '-am', 'even shorter');
    const moved = JSON.parse(cli(dir, ['sync', '--branch', '--json']).stdout);
    expect(moved.locales.map((l: any) => [l.branch, l.action])).toEqual([
      ['i18n-drift/fr', 'updated'],
      ['i18n-drift/nl', 'updated'],
    ]);
  }, 180_000);
});
