// i18next catalogs end to end: this repository's own locales/<lng>/i18n-drift.json in a
// temporary Git repository, tracked key by key by the built CLI.
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { cli, cliJson, commitAs, existsSync, git, join, makeRepo, read, REPO_ROOT, write } from './helpers.js';
import { readFileSync } from 'node:fs';

const CATALOG = (lng: string) => `locales/${lng}/i18n-drift.json`;
const STATE = (lng: string) => `${CATALOG(lng)}.i18n-drift`;
const original = (lng: string) => readFileSync(join(REPO_ROOT, CATALOG(lng)), 'utf8');
const CONFIG = 'sourceLocale: en\nfiles:\n  - locales/{locale}/i18n-drift.json\n';

/** The state file's lines that carry a mark (`"key" <hash> stale <sha>`). */
const marked = (text: string) => text.split('\n').filter((line) => / (stale|missing) /.test(line));

async function load(lng: string, resources: Record<string, string>) {
  const instance = i18next.createInstance();
  await instance.init({ lng, fallbackLng: 'en', resources: Object.fromEntries(Object.entries(resources).map(([l, text]) => [l, { translation: JSON.parse(text) }])) });
  return instance;
}

describe('i18next catalogs', () => {
  it('one English string changed: sync marks exactly that key stale in fr and nl, and the catalogs load in i18next unchanged', async () => {
    const dir = makeRepo({ [CATALOG('en')]: original('en'), [CATALOG('fr')]: original('fr'), [CATALOG('nl')]: original('nl'), '.github/i18n-drift.yml': CONFIG }, 'Catalogs');
    write(dir, { [CATALOG('en')]: original('en').replace('"intro": "Introduction",', '"intro": "Text before the first heading",') });
    const change = commitAs(dir, 'alice', 'Clearer label for the intro section');

    const result = cliJson(dir, ['sync']);
    expect(result.failures).toEqual([]);
    for (const lng of ['fr', 'nl']) {
      // The catalog is not rewritten; its state file beside it says which key waits for a translator.
      expect(read(dir, CATALOG(lng))).toBe(original(lng));
      expect(marked(read(dir, STATE(lng)))).toEqual([expect.stringMatching(new RegExp(`^"cli\\.intro" [0-9a-f]{16} stale ${change}$`))]);
      expect(result.locales.find((l: any) => l.locale === lng).sections.map((s: any) => [s.id, s.state])).toEqual([['cli.intro', 'stale']]);
      const t = (await load(lng, { en: read(dir, CATALOG('en')), [lng]: read(dir, CATALOG(lng)) })).getResourceBundle(lng, 'translation');
      expect(t).toEqual(JSON.parse(original(lng)));
    }

    // status counts keys as units; check fails on the stale key and names it.
    const status = cliJson(dir, ['status']);
    const doc = status.documents.find((d: any) => d.source === CATALOG('en'));
    const fr = doc.translations.find((t: any) => t.locale === 'fr');
    expect(fr.sections.filter((s: any) => s.state !== 'current').map((s: any) => [s.id, s.state])).toEqual([['cli.intro', 'stale']]);
    expect(fr.totals.sections.total).toBeGreaterThan(300);
    const check = cli(dir, ['check', '--json']);
    expect(check.code).toBe(1);
    const stale = JSON.parse(check.stdout).findings.filter((f: any) => f.code === 'stale-key');
    expect(stale.map((f: any) => [f.path, f.params.key])).toEqual([
      [CATALOG('fr'), 'cli.intro'],
      [CATALOG('nl'), 'cli.intro'],
    ]);

    // Once the state files are committed, syncing again writes nothing.
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'Track the catalogs');
    expect(cliJson(dir, ['sync']).locales).toEqual([]);
    expect(git(dir, 'status', '--porcelain')).toBe('');
  });

  it('invalid JSON is named with its line and column, by sync and by check', () => {
    const broken = original('nl').replace('{\n', '{\n  "oops": ,\n');
    const dir = makeRepo({ [CATALOG('en')]: original('en'), [CATALOG('fr')]: original('fr'), [CATALOG('nl')]: broken, '.github/i18n-drift.yml': CONFIG }, 'Catalogs');
    const sync = cli(dir, ['sync']);
    expect(sync.code).toBe(1);
    expect(sync.stderr).toContain(CATALOG('nl'));
    expect(sync.stderr).toContain('2');
    expect(read(dir, CATALOG('nl'))).toBe(broken);
    expect(existsSync(join(dir, STATE('fr')))).toBe(true);
    const check = JSON.parse(cli(dir, ['check', '--json']).stdout);
    expect(check.findings.filter((f: any) => f.code === 'invalid-json')).toEqual([expect.objectContaining({ path: CATALOG('nl'), line: 2, params: { column: 11, reason: "unexpected ','" } })]);
  });

  it('a files pattern no format handles is a configuration error: nothing is written', () => {
    const dir = makeRepo({ 'locales/en/strings.yml': 'a: b\n', 'locales/fr/strings.yml': 'a: c\n', '.github/i18n-drift.yml': 'files:\n  - locales/{locale}/strings.yml\n' }, 'YAML');
    const sync = cli(dir, ['sync']);
    expect(sync.code).toBe(2);
    expect(sync.stderr).toContain('files.0');
    expect(read(dir, 'locales/fr/strings.yml')).toBe('a: c\n');
  });
});
