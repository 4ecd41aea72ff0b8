import { describe, expect, it } from 'vitest';
import { cli, cliJson, commitAs, copyFileSync, DEMO_UPDATE, existsSync, git, join, makeRepo, read, SEED_CONFIG, seeds, write } from './helpers.js';

const FR = 'locales/fr/your-data.md';
const NL = 'locales/nl/your-data.md';
const EN = 'locales/en/your-data.md';

/** The seeds in a repository, adopted by `init` and committed. */
function adoptedSeeds(): { dir: string; init: any } {
  const dir = makeRepo({ ...seeds(), '.github/i18n-drift.yml': SEED_CONFIG }, 'Import policies');
  const init = cliJson(dir, ['init']);
  git(dir, 'commit', '-q', '-am', 'Adopt translations');
  return { dir, init };
}

// Each case runs the built CLI several times (about a second each, several on a loaded
// 2-core machine, with the other end-to-end file running beside it): 30 s is too tight.
describe('the seeds, adopted then updated', { timeout: 120_000 }, () => {
  it('init pins the aligned sections of the French and Dutch seeds', () => {
    const { dir, init } = adoptedSeeds();
    const fr = init.translations.find((t: any) => t.path === FR);
    expect(fr.written).toBe(true);
    expect(fr.pinned).toBeGreaterThan(2);
    expect(read(dir, FR)).toMatch(/^---\ntitle: How we use your personal data\ni18n:\n  commit: [0-9a-f]{40}\n  sections:\n/);
    // The body is byte for byte what the translator wrote.
    expect(read(dir, FR).split('\n---\n')[1]).toBe(seeds()[FR]!.split('\n---\n')[1]);
    // A second init changes nothing.
    const again = cliJson(dir, ['init']);
    expect(again.translations.every((t: any) => !t.written)).toBe(true);
    expect(git(dir, 'status', '--porcelain')).toBe('');
  });

  it('sync --branch commits one locale branch each, opens the PRs, and leaves main alone', () => {
    const { dir } = adoptedSeeds();
    copyFileSync(DEMO_UPDATE, join(dir, EN));
    const update = commitAs(dir, 'alice', 'Privacy: 30-day logs, newsletter, no model data');
    const result = cliJson(dir, ['sync', '--branch']);

    expect(result.to).toBe(update);
    expect(result.locales.map((l: any) => [l.locale, l.action])).toEqual([['fr', 'opened'], ['nl', 'opened']]);
    expect(git(dir, 'rev-parse', 'HEAD')).toBe(update);
    expect(git(dir, 'status', '--porcelain')).toBe('');
    expect(git(dir, 'symbolic-ref', '--short', 'HEAD')).toBe('main');

    for (const locale of ['fr', 'nl']) {
      const branch = `i18n-drift/${locale}`;
      expect(git(dir, 'rev-list', '--count', `main..${branch}`)).toBe('1');
      expect(git(dir, 'log', '-1', '--format=%B', branch)).toContain('I18n-Drift-Sync: true');
      expect(git(dir, 'rev-parse', `${branch}^`)).toBe(update);
      const text = git(dir, 'show', `${branch}:locales/${locale}/your-data.md`);
      expect(text).toContain(`<!-- i18n-drift:stale section="visitor-data" since="${update}" -->`);
      expect(text).toContain('<!-- i18n-drift:missing section="newsletter-data"');
      expect(text).not.toContain('Model data');
      expect(git(dir, 'diff', '--name-only', `main...${branch}`).split('\n')).toEqual([`locales/${locale}/passbolt-privacy.md`, `locales/${locale}/your-data.md`]);
    }
    expect(git(dir, 'show', 'i18n-drift/fr:locales/fr/your-data.md')).toContain('Nous conservons ces données de suivi pendant 6 mois.');

    const pulls = [1, 2].map((n) => JSON.parse(read(dir, `.git/i18n-drift/pulls/${n}.json`)));
    expect(pulls.map((p) => [p.head, p.base, p.state])).toEqual([['i18n-drift/fr', 'main', 'open'], ['i18n-drift/nl', 'main', 'open']]);
    expect(pulls[0].labels).toEqual(['i18n', 'lang:fr']);
    expect(pulls[0].reviewers).toEqual(['marie']);
    expect(pulls[1].labels).toEqual(['i18n', 'lang:nl', 'privacy']);
    expect(pulls[0].title).toContain('à traduire en français');
    expect(pulls[1].body).toContain('We keep these logs for <del>6 months</del><ins>30 days, after which they are deleted automatically</ins>.');
    expect(read(dir, '.git/i18n-drift/pulls/1.md')).toContain(pulls[0].body);

    // Run again: nothing new to do, nothing rewritten.
    const heads = git(dir, 'for-each-ref', '--format=%(objectname) %(refname)');
    const again = cliJson(dir, ['sync', '--branch']);
    expect(again.locales.every((l: any) => l.action === 'unchanged')).toBe(true);
    expect(git(dir, 'for-each-ref', '--format=%(objectname) %(refname)')).toBe(heads);
  });

  it('a pull request whose branch was merged into main counts as merged: the next English change opens a new one', () => {
    const { dir } = adoptedSeeds();
    copyFileSync(DEMO_UPDATE, join(dir, EN));
    commitAs(dir, 'alice', 'English update 1');
    cliJson(dir, ['sync', '--branch']);
    git(dir, 'merge', '-q', '--no-ff', '-m', 'Merge French', 'i18n-drift/fr');

    write(dir, { [EN]: read(dir, EN).replace('No, never.', 'No, never. Not to anyone.') });
    const update2 = commitAs(dir, 'alice', 'English update 2');
    const result = cliJson(dir, ['sync', '--branch']);
    const fr = result.locales.find((l: any) => l.locale === 'fr');
    expect(fr.action).toBe('opened');
    expect(fr.pullRequest.number).toBe(3);
    expect(JSON.parse(read(dir, '.git/i18n-drift/pulls/1.json')).state).toBe('merged');
    const pr = JSON.parse(read(dir, '.git/i18n-drift/pulls/3.json'));
    expect(pr).toMatchObject({ head: 'i18n-drift/fr', state: 'open', comments: [] });
    expect(pr.body).toContain(update2.slice(0, 7));
    // The Dutch PR was not merged: still #2, updated with one comment.
    const nl = result.locales.find((l: any) => l.locale === 'nl');
    expect([nl.action, nl.pullRequest.number]).toEqual(['updated', 2]);
    expect(JSON.parse(read(dir, '.git/i18n-drift/pulls/2.json')).comments).toHaveLength(1);
    expect(git(dir, 'rev-list', '--count', 'main..i18n-drift/fr')).toBe('1');
  });

  it('a second sync --branch keeps the translator commit on the locale branch', () => {
    const { dir } = adoptedSeeds();
    copyFileSync(DEMO_UPDATE, join(dir, EN));
    commitAs(dir, 'alice', 'English update 1');
    cliJson(dir, ['sync', '--branch']);

    // Marie translates the retention line on the French branch, in her own worktree.
    const wt = `${dir}-marie`;
    git(dir, 'worktree', 'add', '-q', wt, 'i18n-drift/fr');
    write(wt, { [FR]: read(wt, FR).replace('pendant 6 mois', 'pendant 30 jours, puis elles sont supprimées automatiquement') });
    const marie = commitAs(wt, 'marie', 'Traduction : durée de conservation');
    git(dir, 'worktree', 'remove', wt);

    write(dir, { [EN]: read(dir, EN).replace('No, never.', 'No, never. Not to anyone.') });
    const update2 = commitAs(dir, 'alice', 'English update 2');
    const result = cliJson(dir, ['sync', '--branch']);
    const fr = result.locales.find((l: any) => l.locale === 'fr');
    expect(fr.action).toBe('updated');
    expect(git(dir, 'rev-parse', 'i18n-drift/fr^')).toBe(marie);
    expect(git(dir, 'merge-base', '--is-ancestor', marie, 'i18n-drift/fr') === '').toBe(true);
    const text = git(dir, 'show', `i18n-drift/fr:${FR}`);
    expect(text).toContain('pendant 30 jours, puis elles sont supprimées automatiquement');
    expect(text).toContain(`commit: ${update2}`);
    const pr = JSON.parse(read(dir, '.git/i18n-drift/pulls/1.json'));
    expect(pr.comments).toHaveLength(1);
    expect(pr.comments[0]).toContain(update2.slice(0, 7));
    // The Dutch branch held only tool commits: rebuilt on the new main, still one commit.
    expect(git(dir, 'rev-list', '--count', 'main..i18n-drift/nl')).toBe('1');
    expect(git(dir, 'rev-parse', 'i18n-drift/nl^')).toBe(update2);
  });

  it('a sync that only re-pins finished sections says how many it re-pinned (en, fr, nl)', () => {
    const { dir } = adoptedSeeds();
    write(dir, { [EN]: read(dir, EN).replace('We keep these logs for 6 months.', 'We keep these logs for 30 days.') });
    commitAs(dir, 'alice', 'Shorter retention');
    cliJson(dir, ['sync']);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'Apply i18n-drift sync');
    // The translators finish the stale section straight on main and delete its marker.
    const unmark = (text: string) => text.replace(/^<!-- i18n-drift:stale section="visitor-data".*\n/m, '');
    write(dir, {
      [FR]: unmark(read(dir, FR)).replace('pendant 6 mois', 'pendant 30 jours'),
      [NL]: unmark(read(dir, NL)),
    });
    commitAs(dir, 'marie', 'Rétention : 30 jours');

    const fingerprintBefore = git(dir, 'rev-parse', 'HEAD');
    const lines = (lang: string) => cli(dir, ['sync', '--lang', lang]).stdout.split('\n').filter((l) => l.includes(' · '));
    // Each run writes the working tree; reset it so the next language sees the same state.
    const en = lines('en');
    git(dir, 'checkout', '-q', '--', 'locales');
    const fr = lines('fr');
    git(dir, 'checkout', '-q', '--', 'locales');
    const nl = lines('nl');
    expect(git(dir, 'rev-parse', 'HEAD')).toBe(fingerprintBefore);
    expect(en).toEqual(['  0 stale · 0 missing · 0 removed · 1 re-pinned', '  0 stale · 0 missing · 0 removed · 1 re-pinned']);
    expect(fr[0]).toBe('  0 obsolète · 0 manquante · 0 supprimée · 1 réépinglée');
    expect(nl[0]).toBe('  0 verouderd · 0 ontbreken · 0 verwijderd · 1 opnieuw vastgepind');
    git(dir, 'checkout', '-q', '--', 'locales');
    const result = cliJson(dir, ['sync']);
    expect(result.locales.map((l: any) => [l.locale, l.repinned])).toEqual([
      ['fr', [{ path: FR, id: 'visitor-data' }]],
      ['nl', [{ path: NL, id: 'visitor-data' }]],
    ]);
    expect(read(dir, FR)).toContain('pendant 30 jours');
  });

  it('counts agree with their number in French (26 manquantes, 3 non traduites, 0 obsolète)', () => {
    const { dir } = adoptedSeeds();
    const status = cli(dir, ['status', '--lang', 'fr']).stdout;
    expect(status).toContain('1 à jour · 0 obsolète · 0 manquante · 3 non traduites');
    const sync = cli(dir, ['sync', '--lang', 'fr']).stdout;
    expect(sync).toContain('  0 obsolète · 26 manquantes · 0 supprimée\n');
    const english = adoptedSeeds().dir;
    expect(cli(english, ['status', '--lang', 'en']).stdout).toContain('1 current · 0 stale · 0 missing · 3 untranslated');
    expect(cli(english, ['sync', '--lang', 'en']).stdout).toContain('  0 stale · 26 missing · 0 removed\n');
  });

  it('status --json gives the public shape, sections in English order', () => {
    const { dir } = adoptedSeeds();
    copyFileSync(DEMO_UPDATE, join(dir, EN));
    commitAs(dir, 'alice', 'English update');
    const report = cliJson(dir, ['status']);
    const doc = report.documents.find((d: any) => d.source === EN);
    const fr = doc.translations.find((t: any) => t.locale === 'fr');
    expect(fr.path).toBe(FR);
    const ids = fr.sections.filter((s: any) => !s.id.startsWith('frontmatter.')).map((s: any) => s.id);
    expect(ids).toEqual(['intro', 'visitor-data', 'newsletter-data']);
    for (const s of fr.sections) {
      expect(Object.keys(s)).toEqual(expect.arrayContaining(['id', 'heading', 'level', 'state']));
      expect(['current', 'stale', 'missing', 'untranslated']).toContain(s.state);
    }
    expect(fr.sections.find((s: any) => s.id === 'newsletter-data').state).not.toBe('current');
    expect(fr.sections.find((s: any) => s.id === 'intro').state).toBe('stale');
    expect(fr.sections.find((s: any) => s.id === 'intro').heading).toBeNull();
    expect(fr.sections.find((s: any) => s.id === 'visitor-data')).toMatchObject({ heading: 'Visitor data', level: 5 });
    expect(report.orphans.map((o: any) => o.path)).toEqual(['locales/fr/privacy.md']);
  });
});

describe('a docs/<doc>/<locale>.md repository', () => {
  it('adopts, syncs the working tree and reports coverage', () => {
    const en1 = '# Install\n\nRun the installer.\n\n## Requirements\n\nNode 20.\n';
    const fr1 = '# Installer\n\nLancez l’installateur.\n\n## Prérequis\n\nNode 20.\n';
    const dir = makeRepo({
      '.github/i18n-drift.yml': 'files:\n  - docs/**/{locale}.md\nlocales: [fr, de]\n',
      'docs/install/en.md': en1,
      'docs/install/fr.md': fr1,
      'docs/usage/en.md': '# Usage\n\nRun it.\n',
    });
    const init = cliJson(dir, ['init']);
    expect(init.translations.find((t: any) => t.path === 'docs/install/fr.md').pinned).toBe(2);
    git(dir, 'commit', '-q', '-am', 'adopt');
    write(dir, { 'docs/install/en.md': en1.replace('Node 20.', 'Node 22 or later.') });
    const change = commitAs(dir, 'alice', 'Require Node 22');

    const result = cliJson(dir, ['sync']);
    expect(result.locales.map((l: any) => l.locale)).toEqual(['fr', 'de']);
    expect(result.locales.every((l: any) => l.action === 'working-tree')).toBe(true);
    const fr = read(dir, 'docs/install/fr.md');
    expect(fr).toContain(`## Prérequis\n<!-- i18n-drift:stale section="requirements" since="${change}" -->`);
    expect(fr).toContain('Lancez l’installateur.');
    // German had no files: new translations, every section missing, in English.
    expect(read(dir, 'docs/install/de.md')).toContain('<!-- i18n-drift:missing section="install"');
    expect(existsSync(join(dir, 'docs/usage/de.md'))).toBe(true);
    expect(git(dir, 'branch', '--list', 'i18n-drift/*')).toBe('');

    const report = cliJson(dir, ['status']);
    const install = report.documents.find((d: any) => d.source === 'docs/install/en.md');
    expect(install.translations.find((t: any) => t.locale === 'fr').sections.map((s: any) => `${s.id}:${s.state}`)).toEqual(['install:current', 'requirements:stale']);

    // The edited files are uncommitted: a second working-tree sync refuses to overwrite them.
    write(dir, { 'docs/install/en.md': en1.replace('Node 20.', 'Node 24.') });
    commitAs(dir, 'alice', 'Node 24');
    const refused = cli(dir, ['sync']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^i18n-drift: docs\/(install|usage)\/(de|fr)\.md has uncommitted changes[^\n]*\n$/);
  });
});
