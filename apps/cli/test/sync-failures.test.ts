import { describe, expect, it } from 'vitest';
import { cli, cliJson, commitAs, copyFileSync, DEMO_UPDATE, git, join, makeRepo, read, SEED_CONFIG, seeds, write } from './helpers.js';

const FR = 'locales/fr/your-data.md';
const NL = 'locales/nl/your-data.md';
const EN = 'locales/en/your-data.md';

/** The seeds adopted, a Dutch edit that breaks the frontmatter, then an English update. Returns the repo and the broken line. */
function brokenDutch(): { dir: string; broken: string; line: number } {
  const dir = makeRepo({ ...seeds(), '.github/i18n-drift.yml': SEED_CONFIG }, 'Import policies');
  cliJson(dir, ['init']);
  git(dir, 'commit', '-q', '-am', 'Adopt translations');
  const broken = read(dir, NL).replace('title: How we use your personal data', 'title: "Hoe we uw gegevens gebruiken');
  expect(broken).not.toBe(read(dir, NL));
  write(dir, { [NL]: broken });
  commitAs(dir, 'joost', 'Titel vertaald');
  copyFileSync(DEMO_UPDATE, join(dir, EN));
  commitAs(dir, 'alice', 'Privacy: 30-day logs, newsletter, no model data');
  const line = broken.split('\n').findIndex((l) => l.startsWith('title: "Hoe')) + 1;
  return { dir, broken, line };
}

// Each case runs the built CLI several times (about a second each, several on a loaded
// 2-core machine, with the other end-to-end file running beside it): 30 s is too tight.
describe('sync with a translation that cannot be read', { timeout: 120_000 }, () => {
  it('--branch: French gets its branch and PR, the Dutch file is skipped and named, exit code 1', () => {
    const { dir, broken, line } = brokenDutch();
    const r = cli(dir, ['sync', '--branch']);

    expect(r.code, r.stderr).toBe(1);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^i18n-drift: nl: ${NL}, line ${line}, skipped, it cannot be read: .*YAML`));
    expect(r.stdout).toContain('i18n-drift/fr');

    // French: one commit, both documents, a PR.
    expect(git(dir, 'rev-list', '--count', 'main..i18n-drift/fr')).toBe('1');
    expect(git(dir, 'diff', '--name-only', 'main...i18n-drift/fr').split('\n')).toEqual(['locales/fr/passbolt-privacy.md', FR]);
    expect(git(dir, 'show', `i18n-drift/fr:${FR}`)).toContain('<!-- i18n-drift:stale section="visitor-data"');
    const pulls = [1, 2].map((n) => JSON.parse(read(dir, `.git/i18n-drift/pulls/${n}.json`)));
    expect(pulls.map((p) => p.head)).toEqual(['i18n-drift/fr', 'i18n-drift/nl']);
    // Dutch: the other document still synced; the broken file untouched everywhere.
    expect(git(dir, 'diff', '--name-only', 'main...i18n-drift/nl')).toBe('locales/nl/passbolt-privacy.md');
    expect(git(dir, 'show', `i18n-drift/nl:${NL}`)).toBe(broken.trimEnd());
    expect(read(dir, NL)).toBe(broken);
    expect(git(dir, 'status', '--porcelain')).toBe('');

    // --json carries the failure; a second run changes nothing and still says so.
    const heads = git(dir, 'for-each-ref', '--format=%(objectname) %(refname)');
    const again = cli(dir, ['sync', '--branch', '--json']);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout).failures).toEqual([{ locale: 'nl', path: NL, code: 'frontmatter', line, message: expect.stringContaining('YAML') }]);
    expect(git(dir, 'for-each-ref', '--format=%(objectname) %(refname)')).toBe(heads);
  });

  it('working tree: the French file is updated, the Dutch one left as it is; the line speaks French with --lang fr', () => {
    const { dir, broken, line } = brokenDutch();
    const before = read(dir, FR);
    const r = cli(dir, ['sync', '--lang', 'fr']);

    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^i18n-drift: nl : ${NL}, ligne ${line}, ignoré, illisible : .*\\n$`));
    expect(read(dir, FR)).not.toBe(before);
    expect(read(dir, FR)).toContain('<!-- i18n-drift:stale section="visitor-data"');
    expect(read(dir, NL)).toBe(broken);
    expect(git(dir, 'status', '--porcelain').split('\n').sort()).toEqual([
      ' M locales/fr/your-data.md',
      '?? locales/fr/passbolt-privacy.md',
      '?? locales/nl/passbolt-privacy.md',
    ]);
  });
});
