import { describe, expect, it } from 'vitest';
import { cli, fingerprint, git, makeRepo, read, SEED_CONFIG, seeds, write } from './helpers.js';

const EN = 'locales/en/your-data.md';
const FR = 'locales/fr/your-data.md';

/** Seeds adopted, an English change (A), then a later commit (that also edits the French translation if `french`). */
function laterCommits(french = false): { dir: string; a: string } {
  const dir = makeRepo({ ...seeds(), '.github/i18n-drift.yml': SEED_CONFIG });
  expect(cli(dir, ['init']).code).toBe(0);
  git(dir, 'commit', '-q', '-am', 'adopt');
  write(dir, { [EN]: seeds()[EN]!.replace('6 months', '3 months') });
  git(dir, 'commit', '-q', '-am', 'Shorter retention');
  const a = git(dir, 'rev-parse', 'HEAD');
  write(dir, { [EN]: read(dir, EN).replace('No, never.', 'Never.'), ...(french ? { [FR]: `${read(dir, FR)}\nUne phrase ajoutée plus tard.\n` } : {}) });
  git(dir, 'commit', '-q', '-am', 'Later English and French edits');
  return { dir, a };
}

describe('sync --to an older revision (working tree)', () => {
  it('is not blocked by later English commits: only edits unlike HEAD, or translations changed after --to, stop it', () => {
    const { dir, a } = laterCommits();
    expect(git(dir, 'status', '--porcelain')).toBe('');
    const r = cli(dir, ['sync', '--to', a]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`..${a.slice(0, 7)}`);
    const fr = read(dir, FR);
    expect(fr).toMatch(new RegExp(`<!-- i18n-drift:stale section="visitor-data" since="${a}" -->`));
    expect(git(dir, 'status', '--porcelain')).toContain(FR);
  });

  it('refuses (exit 2, nothing written) when a later commit changed a translation it would write: that change would be dropped', () => {
    const { dir, a } = laterCommits(true);
    const before = fingerprint(dir);
    const r = cli(dir, ['sync', '--to', a]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`i18n-drift: ${FR} was changed by a commit after ${a.slice(0, 7)}: a working-tree sync to ${a.slice(0, 7)} would drop that change; sync to HEAD, or use --branch\n`);
    expect(fingerprint(dir)).toEqual(before);
    expect(read(dir, FR)).toContain('Une phrase ajoutée plus tard.');
  });

  it('still refuses (exit 2, nothing written) when a file it would write has real uncommitted edits', () => {
    const { dir, a } = laterCommits();
    write(dir, { [FR]: `${read(dir, FR)}\nBrouillon non commité.\n` });
    const before = fingerprint(dir);
    const r = cli(dir, ['sync', '--to', a]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^i18n-drift: locales\/fr\/your-data\.md has uncommitted changes[^\n]*\n$/);
    expect(fingerprint(dir)).toEqual(before);
  });
});
