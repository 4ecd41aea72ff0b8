/**
 * Adoption from history applies to i18next catalogs too: a translated catalog without a
 * state file is pinned at its last commit (the English its translator saw) and the English
 * changes since are marked, in the state file beside it, exactly as sync would mark them.
 */
import { describe, expect, it } from 'vitest';
import { readCatalogState } from '../formats/catalog-state.js';
import { coverage } from '../coverage.js';
import { checkRepository } from '../check.js';
import { adoptInMemory, adoptTranslations, labelNotAdopted } from './adopt-from-history.js';
import { createWalkContext } from './document-walk.js';
import { createMemoryHost } from './memory-host.js';
import { syncRepository } from './sync-workflow.js';
import { EN, FR, localize, seed, testConfig } from './test-fixtures.js';

const CATALOG = (lng: string) => `locales/${lng}/i18n-drift.json`;
const STATE = (lng: string) => `${CATALOG(lng)}.i18n-drift`;
const config = testConfig({ files: ['locales/{locale}/i18n-drift.json'] });
const changedString = (text: string) => text.replace('"intro": "Introduction",', '"intro": "Text before the first heading",');
const addedKey = (text: string) => text.replace('"intro": "Introduction",', '"intro": "Introduction",\n    "outro": "Conclusion",');
const marked = (state: string | undefined) => [...readCatalogState(state ?? null).keys].filter(([, k]) => k.mark !== null).map(([id, k]) => `${k.mark!.kind}:${id}`);

/** The three catalogs committed without state files, then the English changed (one value edited, one key added). */
function behindRepository() {
  const host = createMemoryHost();
  const seeded = host.commit('main', { [CATALOG('en')]: seed(CATALOG('en')), [CATALOG('fr')]: seed(CATALOG('fr')), [CATALOG('nl')]: seed(CATALOG('nl')) }, { message: 'Catalogs' });
  const update = host.commit('main', { [CATALOG('en')]: changedString(addedKey(seed(CATALOG('en')))) }, { message: 'Clearer intro; an outro' });
  return { host, seeded, update };
}

describe('adopting catalogs from history', () => {
  it('pins each catalog at its last commit: the keys English changed since are stale, the new ones missing, the catalog untouched', async () => {
    const { host, seeded, update } = behindRepository();
    const ctx = createWalkContext(host, config, update);
    const { adoptions, failures } = await adoptTranslations(ctx, { files: host.snapshot(update) });
    expect(failures).toEqual([]);
    expect(adoptions.map((a) => [a.path, a.basis, a.pinnedTo, a.commitsBehind, a.stale, a.missing])).toEqual([
      [CATALOG('fr'), 'history', seeded, 1, 1, 1],
      [CATALOG('nl'), 'history', seeded, 1, 1, 1],
    ]);
    for (const a of adoptions) {
      // Only the state file is written; the catalog keeps every byte.
      expect(a.files.map((f) => f.path)).toEqual([STATE(a.locale)]);
      expect(a.text).toBe(seed(a.path));
      const state = readCatalogState(a.files[0]!.content);
      expect(state.commit).toBe(update);
      // The new key is left to i18next's fallback (no --fill): missing, without a mark.
      expect(marked(a.files[0]!.content)).toEqual(['stale:cli.intro']);
      expect(state.keys.get('cli.intro')!.mark).toEqual({ kind: 'stale', since: update });
      expect(a.records.map((r) => [r.id, r.state]).sort()).toEqual([['cli.intro', 'stale'], ['cli.outro', 'missing']]);
    }
  });

  it('gives the state files sync writes for the same catalogs (adopting then syncing = syncing)', async () => {
    const { host, update } = behindRepository();
    const { adoptions } = await adoptTranslations(createWalkContext(host, config, update), { files: host.snapshot(update) });
    const synced = await syncRepository(host, { config, mode: 'plan', t: localize });
    for (const a of adoptions) {
      const written = synced.locales.find((l) => l.locale === a.locale)!.files.find((f) => f.path === STATE(a.locale))!;
      expect(a.files[0]!.content).toBe(written.content);
    }
  });

  it('assume-current and uncommitted catalogs are pinned at the target, every key current; a catalog with a state file is left alone', async () => {
    const { host, update } = behindRepository();
    const files = host.snapshot(update);
    const ctx = createWalkContext(host, config, update);
    const assumed = await adoptTranslations(ctx, { files, assumeCurrent: true });
    expect(assumed.adoptions.map((a) => [a.basis, a.pinnedTo, a.stale, a.missing])).toEqual([
      ['assumed-current', update, 0, 1],
      ['assumed-current', update, 0, 1],
    ]);
    const edited = await adoptTranslations(ctx, { files: { ...files, [STATE('nl')]: assumed.adoptions[1]!.files[0]!.content }, uncommitted: new Set([CATALOG('fr')]) });
    expect(edited.adoptions.map((a) => [a.path, a.basis, a.pinnedTo])).toEqual([[CATALOG('fr'), 'uncommitted', update]]);
  });

  it('reads the history once for the Markdown documents and the catalogs together', async () => {
    const { host } = behindRepository();
    const both = testConfig({ files: ['locales/{locale}/**/*.md', 'locales/{locale}/i18n-drift.json'] });
    const withDocs = host.commit('main', { [EN]: seed(EN), [FR]: seed(FR) }, { message: 'Documents' });
    const calls: string[][] = [];
    const lastCommits = host.lastCommits!.bind(host);
    host.lastCommits = (paths, rev) => {
      calls.push([...paths].sort());
      return lastCommits(paths, rev);
    };
    const { adoptions } = await adoptTranslations(createWalkContext(host, both, withDocs), { files: host.snapshot(withDocs) });
    expect(adoptions.map((a) => a.path)).toEqual([FR, CATALOG('fr'), CATALOG('nl')]);
    expect(calls).toEqual([[FR, CATALOG('fr'), CATALOG('nl')].sort()]);
  });

  it('an unreadable catalog is a failure naming its line, and the others are adopted', async () => {
    const { host, update } = behindRepository();
    const files = { ...host.snapshot(update), [CATALOG('nl')]: '{\n  "cli": ,\n}\n' };
    const { adoptions, failures } = await adoptTranslations(createWalkContext(host, config, update), { files, uncommitted: new Set([CATALOG('nl')]) });
    expect(adoptions.map((a) => a.path)).toEqual([CATALOG('fr')]);
    expect(failures).toEqual([{ locale: 'nl', path: CATALOG('nl'), line: 2, reason: "column 10: unexpected ','" }]);
  });

  it("sync adopts no catalog whose last commit is a shallow clone's boundary: a failure naming it, the others adopted", async () => {
    const { host, seeded } = behindRepository();
    const dutch = host.commit('main', { [CATALOG('nl')]: `${seed(CATALOG('nl')).trimEnd()}\n` + '\n' }, { message: 'Dutch catalog' });
    const lastCommits = host.lastCommits!.bind(host);
    host.lastCommits = async (paths, rev) =>
      new Map([...(await lastCommits(paths, rev))].map(([path, c]) => [path, c.sha === seeded ? { ...c, boundary: true } : c]));
    const result = await syncRepository(host, { config, mode: 'branch', t: localize });
    expect(result.failures).toEqual([{ locale: 'fr', path: CATALOG('fr'), code: 'history', line: null, message: 'history unavailable: shallow clone; run git fetch --unshallow' }]);
    expect(result.locales.find((l) => l.locale === 'nl')!.adopted).toEqual([{ path: CATALOG('nl'), pinnedTo: dutch, pinnedDate: expect.any(String) }]);
    expect(await host.getBranch('i18n-drift/fr', 'main')).toBeNull();
  });

  it('in memory, status and check see the catalogs as init would leave them, labelled not adopted yet', async () => {
    const { host, seeded, update } = behindRepository();
    const files = host.snapshot(update);
    const adopted = await adoptInMemory(createWalkContext(host, config, update), { files });
    expect(files[STATE('fr')]).toBeUndefined(); // the input is not modified
    expect(marked(adopted.files[STATE('fr')])).toEqual(['stale:cli.intro']);
    const report = labelNotAdopted(coverage({ files: adopted.files }, config), adopted.notAdopted);
    for (const translation of report.documents[0]!.translations) {
      expect(translation.notAdopted).toEqual({ pinnedTo: seeded, pinnedDate: expect.any(String) });
      expect(translation.sections.filter((s) => s.state !== 'current').map((s) => [s.id, s.state])).toEqual([['cli.intro', 'stale'], ['cli.outro', 'missing']]);
    }
    // Before adoption the same catalogs read as current (no state, nothing known): what the label corrects.
    expect(coverage({ files }, config).documents[0]!.translations[0]!.sections.some((s) => s.state === 'stale')).toBe(false);
    const check = checkRepository({ files: adopted.files }, config);
    expect(check.findings.filter((f) => f.code === 'stale-key' || f.code === 'missing-key').map((f) => [f.code, f.path, f.params['key']])).toEqual([
      ['missing-key', CATALOG('fr'), 'cli.outro'],
      ['stale-key', CATALOG('fr'), 'cli.intro'],
      ['missing-key', CATALOG('nl'), 'cli.outro'],
      ['stale-key', CATALOG('nl'), 'cli.intro'],
    ]);
  });
});
