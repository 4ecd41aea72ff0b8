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

describe('i18next catalogs', { timeout: 120_000 }, () => {
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

  it('init adopts the catalogs from history: the key English changed since they were committed is stale, the new key missing; status and check said so before, labelled not adopted', () => {
    const dir = makeRepo({ [CATALOG('en')]: original('en'), [CATALOG('fr')]: original('fr'), [CATALOG('nl')]: original('nl'), '.github/i18n-drift.yml': CONFIG }, 'Catalogs');
    const translated = git(dir, 'rev-parse', 'HEAD');
    const added = original('en').replace('"intro": "Introduction",', '"intro": "Introduction",\n    "outro": "Conclusion",');
    write(dir, { [CATALOG('en')]: added.replace('"intro": "Introduction",', '"intro": "Text before the first heading",') });
    const change = commitAs(dir, 'alice', 'Clearer intro label; an outro');
    const behind = (report: any) =>
      report.documents
        .find((d: any) => d.source === CATALOG('en'))
        .translations.map((t: any) => [t.locale, t.sections.filter((s: any) => s.state !== 'current').map((s: any) => `${s.state}:${s.id}`)]);

    // Before init: the truth from history, labelled not adopted yet; nothing written.
    const before = cliJson(dir, ['status']);
    expect(behind(before)).toEqual([
      ['fr', ['stale:cli.intro', 'missing:cli.outro']],
      ['nl', ['stale:cli.intro', 'missing:cli.outro']],
    ]);
    const frBefore = before.documents.find((d: any) => d.source === CATALOG('en')).translations[0];
    expect(frBefore.notAdopted).toEqual({ pinnedTo: translated, pinnedDate: expect.any(String) });
    expect(cli(dir, ['status', '--all']).stdout).toMatch(new RegExp(`not adopted yet: .*${translated.slice(0, 7)}`));
    const check = cli(dir, ['check', '--json']);
    expect(check.code).toBe(1);
    expect(JSON.parse(check.stdout).findings.filter((f: any) => f.code === 'stale-key').map((f: any) => [f.path, f.params.key])).toEqual([
      [CATALOG('fr'), 'cli.intro'],
      [CATALOG('nl'), 'cli.intro'],
    ]);
    expect(git(dir, 'status', '--porcelain')).toBe('');

    // init writes the state files, as the next sync would have; the catalogs keep every byte.
    const init = cliJson(dir, ['init']);
    for (const lng of ['fr', 'nl']) {
      expect(init.translations.find((t: any) => t.path === CATALOG(lng))).toMatchObject({ pinnedTo: translated, basis: 'history', commitsBehind: 1, stale: 1, missing: 1, written: true });
      expect(read(dir, CATALOG(lng))).toBe(original(lng));
      expect(marked(read(dir, STATE(lng)))).toEqual([expect.stringMatching(new RegExp(`^"cli\\.intro" [0-9a-f]{16} stale ${change}$`))]);
    }
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'Adopt the catalogs');
    const after = cliJson(dir, ['status']);
    expect(behind(after)).toEqual(behind(before));
    expect(after.documents.flatMap((d: any) => d.translations).some((t: any) => 'notAdopted' in t)).toBe(false);
    // Adopted is what sync would have done: it finds nothing left to write.
    expect(cliJson(dir, ['sync']).locales).toEqual([]);
    // Run again, init keeps the pins it finds and writes nothing.
    expect(cliJson(dir, ['init']).translations.filter((t: any) => t.written)).toEqual([]);
  });

  it('init --assume-current pins the catalogs at HEAD, every key current', () => {
    const dir = makeRepo({ [CATALOG('en')]: original('en'), [CATALOG('fr')]: original('fr'), '.github/i18n-drift.yml': CONFIG }, 'Catalogs');
    write(dir, { [CATALOG('en')]: original('en').replace('"intro": "Introduction",', '"intro": "Text before the first heading",') });
    const head = commitAs(dir, 'alice', 'Clearer intro label');
    const init = cliJson(dir, ['init', '--assume-current']);
    expect(init.translations.find((t: any) => t.path === CATALOG('fr'))).toMatchObject({ pinnedTo: head, basis: 'assumed-current', stale: 0, missing: 0, written: true });
    expect(marked(read(dir, STATE('fr')))).toEqual([]);
    expect(read(dir, STATE('fr'))).toContain(`commit ${head}`);
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

  it("the files entry's keySeparator names the keys (':' here), and a bad one is a configuration error naming it", () => {
    const config = (separator: string) => `files:\n  - pattern: locales/{locale}/i18n-drift.json\n    keySeparator: ${separator}\n`;
    const dir = makeRepo({ [CATALOG('en')]: original('en'), [CATALOG('fr')]: original('fr'), '.github/i18n-drift.yml': config('":"') }, 'Catalogs');
    write(dir, { [CATALOG('en')]: original('en').replace('"intro": "Introduction",', '"intro": "Text before the first heading",') });
    commitAs(dir, 'alice', 'Clearer intro label');
    const result = cliJson(dir, ['sync']);
    expect(result.locales.find((l: any) => l.locale === 'fr').sections.map((s: any) => [s.id, s.state])).toEqual([['cli:intro', 'stale']]);
    expect(marked(read(dir, STATE('fr')))).toEqual([expect.stringMatching(/^"cli:intro" [0-9a-f]{16} stale [0-9a-f]{40}$/)]);
    expect(read(dir, CATALOG('fr'))).toBe(original('fr'));

    write(dir, { '.github/i18n-drift.yml': config('""') });
    const bad = cli(dir, ['status']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('files.0.keySeparator: expected the separator of nested keys such as "." or ":", or false for flat keys, got ""');
  });
});
