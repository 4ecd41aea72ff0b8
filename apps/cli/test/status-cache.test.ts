import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli, cliJson, git, join, makeRepo, read, SEED_CONFIG, seeds, write } from './helpers.js';

const CACHE = '.git/i18n-drift/cache';
const FR = 'locales/fr/your-data.md';

function adoptedAndUpdated(): string {
  const dir = makeRepo({ ...seeds(), '.github/i18n-drift.yml': SEED_CONFIG });
  expect(cli(dir, ['init']).code).toBe(0);
  git(dir, 'commit', '-q', '-am', 'adopt');
  write(dir, { 'locales/en/your-data.md': seeds()['locales/en/your-data.md']!.replace('We keep these logs for 6 months.', 'We keep these logs for 3 months.') });
  git(dir, 'commit', '-q', '-am', 'shorter retention');
  return dir;
}

const stateOf = (report: any, id: string) =>
  report.documents.find((d: any) => d.source === 'locales/en/your-data.md').translations.find((t: any) => t.locale === 'fr').sections.find((s: any) => s.id === id).state;

// Each case runs the built CLI several times (about a second each, several on a loaded
// 2-core machine, with the other end-to-end file running beside it): 30 s is too tight.
describe('the status cache can never serve stale data', { timeout: 120_000 }, () => {
  it('serves an unchanged repository from the cache, and recomputes on any change of content, HEAD or config', () => {
    const dir = adoptedAndUpdated();
    const cold = cli(dir, ['status', '--json']).stdout;
    const statusFile = join(dir, CACHE, 'status.json');
    const written = statSync(statusFile).mtimeMs;
    const warm = cli(dir, ['status', '--json']).stdout;
    expect(warm).toBe(cold);
    expect(statSync(statusFile).mtimeMs).toBe(written); // a hit writes nothing
    const intro = stateOf(JSON.parse(cold), 'intro');

    // An uncommitted edit of a translation (the intro pasted back in English, in the same second) is seen at once.
    const original = read(dir, FR);
    const englishIntro = seeds()['locales/en/your-data.md']!.split('<Note>')[0]!.split('---\n')[2]!;
    const frenchIntro = original.split('<Note>')[0]!.split('---\n')[2]!;
    write(dir, { [FR]: original.replace(frenchIntro, englishIntro) });
    const afterEdit = cliJson(dir, ['status']);
    expect(stateOf(afterEdit, 'intro')).not.toBe(intro);

    // Back to the committed text: the very same report as the cold run.
    write(dir, { [FR]: original });
    expect(cli(dir, ['status', '--json']).stdout).toBe(cold);

    // A new commit (history, days and commits behind) changes the key.
    write(dir, { 'README.md': 'hello\n' });
    git(dir, 'add', 'README.md');
    git(dir, 'commit', '-q', '-m', 'readme');
    const moved = cliJson(dir, ['status']);
    expect(moved.revision).toBe(git(dir, 'rev-parse', 'HEAD'));

    // A config change (a frontmatter key dropped) changes the key too.
    write(dir, { '.github/i18n-drift.yml': `${SEED_CONFIG}frontmatterKeys: []\n` });
    const reconfigured = cliJson(dir, ['status']);
    const fr = reconfigured.documents[1].translations.find((t: any) => t.locale === 'fr');
    expect(fr.sections.some((s: any) => s.id.startsWith('frontmatter.'))).toBe(false);
  });

  it('ignores a corrupt or foreign cache instead of trusting it', () => {
    const dir = adoptedAndUpdated();
    const cold = cli(dir, ['status', '--json']).stdout;
    const statusFile = join(dir, CACHE, 'status.json');
    // A cached report under another key is never served.
    const stored = JSON.parse(readFileSync(statusFile, 'utf8'));
    writeFileSync(statusFile, JSON.stringify({ key: 'not-the-key', value: { ...stored.value, documents: [] } }));
    expect(cli(dir, ['status', '--json']).stdout).toBe(cold);
    // Garbage in every cache file: recomputed, same answer.
    for (const name of readdirSync(join(dir, CACHE))) writeFileSync(join(dir, CACHE, name), '{"trunc');
    expect(cli(dir, ['status', '--json']).stdout).toBe(cold);
    // The cached output of one mode or language never answers another.
    const english = cli(dir, ['status']).stdout;
    const french = cli(dir, ['status', '--lang', 'fr']).stdout;
    expect(english).toContain('Translation coverage at');
    expect(french).toContain('Couverture des traductions à');
    expect(cli(dir, ['status']).stdout).toBe(english);
    expect(cli(dir, ['status', '--json']).stdout).toBe(cold);
  });
});


describe('the status output cache', () => {
  it('answers a repository with a broken file too: same output, same skipped-file lines, same exit code', () => {
    const dir = adoptedAndUpdated();
    write(dir, { [FR]: `---\n- a list\n---\n${read(dir, FR).split('---\n').slice(2).join('---\n')}` });
    git(dir, 'commit', '-q', '-am', 'break the French frontmatter');
    const cold = cli(dir, ['status', '--json']);
    expect(cold.code).toBe(1);
    expect(cold.stderr).toContain(`${FR}:2:`);
    const cached = join(dir, CACHE, 'status-output-json.txt');
    expect(statSync(cached).isFile()).toBe(true);
    const warm = cli(dir, ['status', '--json']);
    expect(warm).toEqual(cold);

    // Fixed and committed: the key changes, nothing is skipped any more.
    write(dir, { [FR]: seeds()[FR]! });
    git(dir, 'commit', '-q', '-am', 'fix it');
    const fixed = cli(dir, ['status', '--json']);
    expect(fixed.stderr).toBe('');
    expect(fixed.code).toBe(0);
  });
});
