/**
 * The sync workflow over i18next catalogs beside Markdown documents, on the memory host:
 * this repository's own catalogs (locales/<lng>/i18n-drift.json) tracked key by key in
 * the same locale pull requests as the Markdown sections.
 */
import { describe, expect, it } from 'vitest';
import { readCatalogState } from '../formats/catalog-state.js';
import { syncRepository } from './sync-workflow.js';
import { resolveTranslationBranch } from './resolve-translation-branch.js';
import { adoptedRepository, englishUpdate, EN, FR, localize, NL, seed, testConfig } from './test-fixtures.js';

const CATALOG = (lng: string) => `locales/${lng}/i18n-drift.json`;
const STATE = (lng: string) => `locales/${lng}/i18n-drift.json.i18n-drift`;
const config = testConfig({ files: ['locales/{locale}/**/*.md', 'locales/{locale}/i18n-drift.json'] });

/** The adopted Markdown seeds, then the three catalogs committed as they are (no state files yet). */
function repository() {
  const { host } = adoptedRepository();
  const catalogs = host.commit('main', { [CATALOG('en')]: seed(CATALOG('en')), [CATALOG('fr')]: seed(CATALOG('fr')), [CATALOG('nl')]: seed(CATALOG('nl')) }, { message: 'Catalogs', author: 'alice' });
  return { host, catalogs };
}

const changedString = (text: string) => text.replace('"intro": "Introduction",', '"intro": "Introduction (before the first heading)",');

describe('syncing catalogs with the Markdown documents', () => {
  it('one push changing a Markdown section and a catalog key: one pull request per locale with both, the key stale in the state file', async () => {
    const { host, catalogs } = repository();
    const push = host.commit('main', { [EN]: englishUpdate(seed(EN)), [CATALOG('en')]: changedString(seed(CATALOG('en'))) }, { message: 'Shorter log retention; clearer intro label', author: 'alice' });
    const result = await syncRepository(host, { config, mode: 'branch', t: localize });

    expect(result.failures).toEqual([]);
    expect(result.locales.map((l) => l.locale)).toEqual(['fr', 'nl']);
    for (const [lng, doc] of [['fr', FR], ['nl', NL]] as const) {
      const locale = result.locales.find((l) => l.locale === lng)!;
      // The catalog itself is untouched: only its state file is written.
      expect(locale.files.map((f) => f.path).sort()).toEqual([doc, STATE(lng)].sort());
      const state = readCatalogState(locale.files.find((f) => f.path === STATE(lng))!.content);
      expect(state.commit).toBe(push);
      expect([...state.keys].filter(([, k]) => k.mark !== null)).toEqual([['cli.intro', { pin: expect.any(String), mark: { kind: 'stale', since: push } }]]);
      const key = locale.sections.find((s) => s.document === CATALOG('en'))!;
      expect(key).toMatchObject({ id: 'cli.intro', heading: 'cli.intro', state: 'stale', change: 'modified', resolved: false, commits: [push] });
      expect(key.words?.filter((w) => w.added).map((w) => w.value.trim())).toEqual(['(before the first heading)']);
      expect(locale.sections.some((s) => s.document === EN && s.state === 'stale')).toBe(true);
      const pr = host.pulls.find((p) => p.head === `i18n-drift/${lng}`)!;
      expect(pr.body).toContain('cli.intro');
      // The catalog had no state file: adopted from history in this same commit, and said so.
      expect(locale.adopted).toEqual([{ path: CATALOG(lng), pinnedTo: catalogs, pinnedDate: expect.any(String) }]);
      expect(pr.body).toContain(CATALOG(lng));
      expect(host.snapshot(`i18n-drift/${lng}`)[CATALOG(lng)]).toBe(seed(CATALOG(lng)));
    }
    // Nothing new: the same pull requests, untouched.
    const again = await syncRepository(host, { config, mode: 'branch', t: localize });
    expect(again.locales.map((l) => l.action)).toEqual(['unchanged', 'unchanged']);
  });

  it('a new English key is missing and not copied; with fill it is copied in English, marked missing, with the forms French needs', async () => {
    const { host } = repository();
    const en = seed(CATALOG('en')).replace('"intro": "Introduction",', '"intro": "Introduction",\n    "outro_one": "{{count}} closing section",\n    "outro_other": "{{count}} closing sections",');
    host.commit('main', { [CATALOG('en')]: en }, { message: 'Closing sections', author: 'alice' });
    const plain = await syncRepository(host, { config, mode: 'plan', t: localize });
    const fr = plain.locales.find((l) => l.locale === 'fr')!;
    expect(fr.files.map((f) => f.path)).toEqual([STATE('fr')]);
    expect(fr.sections.filter((s) => s.document === CATALOG('en')).map((s) => [s.id, s.state])).toEqual([['cli.outro', 'missing']]);

    const filled = await syncRepository(host, { config, mode: 'plan', t: localize, fill: true });
    const text = filled.locales.find((l) => l.locale === 'fr')!.files.find((f) => f.path === CATALOG('fr'))!.content!;
    expect(JSON.parse(text).cli).toMatchObject({ outro_one: '{{count}} closing section', outro_many: '{{count}} closing sections', outro_other: '{{count}} closing sections' });
    expect(text.replace(/\n {4}"outro_(one|many|other)": "[^"]*",/g, '')).toBe(seed(CATALOG('fr')));
  });

  it('a skip-keyword commit marks nothing stale; an invalid catalog is skipped with its line and column, the other locale synced', async () => {
    const { host } = repository();
    host.commit('main', { [CATALOG('en')]: changedString(seed(CATALOG('en'))) }, { message: 'Typo [i18n skip]', author: 'alice' });
    host.commit('main', { [CATALOG('nl')]: seed(CATALOG('nl')).replace('{\n', '{\n  "oops": ,\n') }, { message: 'Broken Dutch', author: 'joost' });
    const result = await syncRepository(host, { config, mode: 'plan', t: localize });
    expect(result.failures).toEqual([{ locale: 'nl', path: CATALOG('nl'), code: 'invalid-catalog', line: 2, message: 'column 11: unexpected \',\'' }]);
    const fr = result.locales.find((l) => l.locale === 'fr')!;
    const state = readCatalogState(fr.files.find((f) => f.path === STATE('fr'))!.content);
    expect([...state.keys.values()].filter((k) => k.mark !== null)).toEqual([]);
    expect(fr.sections.filter((s) => s.document === CATALOG('en'))).toEqual([]);
  });

  it('a deleted English catalog deletes its translations and state files', async () => {
    const { host } = repository();
    const first = await syncRepository(host, { config, mode: 'plan', t: localize });
    const files = Object.fromEntries(first.locales.flatMap((l) => l.files).filter((f) => f.path.endsWith('.i18n-drift')).map((f) => [f.path, f.content]));
    host.commit('main', files, { message: 'Track catalogs', author: 'alice' });
    host.commit('main', { [CATALOG('en')]: null }, { message: 'No more strings', author: 'alice' });
    const result = await syncRepository(host, { config, mode: 'plan', t: localize });
    expect(result.locales.find((l) => l.locale === 'fr')!.files).toEqual([
      { path: CATALOG('fr'), content: null },
      { path: STATE('fr'), content: null },
    ]);
  });

  it('a translator who updates a stale key and deletes its mark on the branch signs it off: re-pinned, ticked in the pull request', async () => {
    const { host } = repository();
    host.commit('main', { [CATALOG('en')]: changedString(seed(CATALOG('en'))) }, { message: 'Clearer intro label', author: 'alice' });
    await syncRepository(host, { config, mode: 'branch', t: localize });
    const branch = 'i18n-drift/fr';
    const state = (await host.readFile(STATE('fr'), branch))!;
    const translated = seed(CATALOG('fr')).replace(/"intro": "[^"]*",/, '"intro": "Introduction (avant le premier titre)",');
    host.commit(branch, { [CATALOG('fr')]: translated, [STATE('fr')]: state.replace(/ stale [0-9a-f]+$/m, '') }, { message: 'Traduire cli.intro', author: 'marie' });

    const resolved = (await resolveTranslationBranch(host, { config, locale: 'fr', t: localize }))!;
    const line = resolved.files.find((f) => f.path === STATE('fr'))!.content!.split('\n').find((l) => l.startsWith('"cli.intro" '))!;
    expect(line).toMatch(/^"cli\.intro" [0-9a-f]{16}$/);
    expect(line).not.toBe(state.split('\n').find((l) => l.startsWith('"cli.intro" '))!.replace(/ stale [0-9a-f]+$/, ''));
    expect(resolved.sections.find((s) => s.id === 'cli.intro')).toMatchObject({ state: 'stale', resolved: true });
    expect(host.pulls.find((p) => p.head === branch)!.body).toContain('cli.intro');
    // Nothing left to re-pin: a second run commits nothing.
    expect((await resolveTranslationBranch(host, { config, locale: 'fr', t: localize }))!.commit).toBeNull();
  });
});
