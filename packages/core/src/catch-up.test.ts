import { describe, expect, it } from 'vitest';
import { outdent } from 'outdent';
import { adopt } from './adopt.js';
import { checkRepository } from './check.js';
import { parseConfig } from './config.js';
import { coverage } from './coverage.js';
import { findMarkers, removeMarkers } from './stale-marker.js';
import { loadSnapshot } from './sync/load-snapshot.js';
import { createMemoryHost, type MemoryHost } from './sync/memory-host.js';
import { syncRepository } from './sync/sync-workflow.js';
import { localize } from './sync/test-fixtures.js';
import type { CoverageReport, RepositorySnapshot, SectionCoverage } from './types.js';

const EN = 'locales/en/guide.md';
const FR = 'locales/fr/guide.md';
const config = parseConfig({ files: ['locales/{locale}/**/*.md'], locales: ['fr'] });
const keys = { frontmatterKeys: config.frontmatterKeys };

const english = outdent`
  # Lacing guide

  How to lace the boots that we sell in our shops.

  ## Choosing laces

  Pick laces 120 cm long for six eyelets, 150 cm for eight.

  ## Washing laces

  Wash them at 30 degrees, inside a pillowcase.

  ## Drying laces

  Let them dry flat, away from the radiator.

  ## Storing laces

  Keep spare laces rolled up in the box.

`;

const french = outdent`
  # Guide du laçage

  Comment lacer les chaussures que nous vendons dans nos boutiques.

  ## Choisir ses lacets

  Prenez des lacets de 120 cm pour six œillets, 150 cm pour huit.

  ## Laver ses lacets

  Lavez-les à 30 degrés, dans une taie d’oreiller.

  ## Sécher ses lacets

  Laissez-les sécher à plat, loin du radiateur.

  ## Ranger ses lacets

  Gardez les lacets de rechange roulés dans la boîte.

`;

/** One commit: "Choosing laces" renamed, "Drying laces" (unchanged) moved up, a new section where it was. */
const englishV2 = outdent`
  # Lacing guide

  How to lace the boots that we sell in our shops.

  ## Picking laces

  Pick laces 120 cm long for six eyelets, 150 cm for eight.

  ## Drying laces

  Let them dry flat, away from the radiator.

  ## Washing laces

  Wash them at 30 degrees, inside a pillowcase.

  ## Ironing laces

  Never iron laces: the tips melt at 120 degrees.

  ## Storing laces

  Keep spare laces rolled up in the box.

`;

function repository(): { host: MemoryHost; first: string } {
  const host = createMemoryHost();
  const first = host.commit('main', { [EN]: english }, { message: 'Lacing guide' });
  host.commit('main', { [FR]: adopt(english, french, { sourceCommit: first, ...keys }).text }, { message: 'Adopt French' });
  return { host, first };
}

const sectionsOf = (report: CoverageReport): SectionCoverage[] => report.documents[0]!.translations[0]!.sections;
const view = (report: CoverageReport) =>
  sectionsOf(report).map(({ id, state, stale }) => ({ id, state, since: stale?.since ?? null, pinnedCommit: stale?.pinnedCommit ?? null, commitsBehind: stale?.commitsBehind ?? null }));

/** The working-tree sync (plan mode) applied to the snapshot of `main`. */
async function afterSync(host: MemoryHost, snapshot: RepositorySnapshot): Promise<RepositorySnapshot> {
  const result = await syncRepository(host, { config, mode: 'plan', t: localize });
  const files = { ...snapshot.files };
  for (const locale of result.locales) for (const file of locale.files) if (file.content !== null) files[file.path] = file.content;
  return { ...snapshot, files };
}

describe('coverage of a branch sync has not run on yet', () => {
  it('equals coverage after sync: renamed, moved up, and a new section where it was', async () => {
    const { host } = repository();
    const change = host.commit('main', { [EN]: englishV2 }, { message: 'Rename, move drying up, add ironing' });
    const before = await loadSnapshot(host, config, 'main', { history: true });
    const after = await afterSync(host, before);
    expect(findMarkers(after.files[FR]!).map((m) => `${m.kind}:${m.section}`)).toEqual(['stale:picking-laces', 'missing:ironing-laces']);

    const unsynced = coverage(before, config);
    const synced = coverage(after, config);
    expect(view(unsynced)).toEqual(view(synced));
    expect(Object.fromEntries(sectionsOf(unsynced).map((s) => [s.id, s.state]))).toEqual({
      'lacing-guide': 'current',
      'picking-laces': 'stale',
      'drying-laces': 'current',
      'washing-laces': 'current',
      'ironing-laces': 'missing',
      'storing-laces': 'current',
    });
    expect(sectionsOf(unsynced).find((s) => s.id === 'picking-laces')!.stale).toMatchObject({ since: change, commitsBehind: 1 });
  });
});

describe('stale sections: counted per section, from the translator’s version', () => {
  it('counts only the commits that changed the section, and pins to the translator’s version, not the sync commit', async () => {
    const { host, first } = repository();
    const washing = host.commit('main', { [EN]: english.replace('30 degrees', '40 degrees') }, { message: 'Warmer wash' });
    // Sync marks the washing section stale and pins the file to `washing`.
    const synced = await afterSync(host, await loadSnapshot(host, config, 'main', { history: true }));
    host.commit('main', { [FR]: synced.files[FR]! }, { message: 'Merge French sync' });
    // Two more English commits: one to another section, one to the washing section again.
    host.commit('main', { [EN]: english.replace('30 degrees', '40 degrees').replace('in the box', 'in the drawer') }, { message: 'Drawer' });
    const again = host.commit('main', { [EN]: english.replace('30 degrees', '40 degrees, never 60').replace('in the box', 'in the drawer') }, { message: 'Never 60' });

    const report = coverage(await loadSnapshot(host, config, 'main', { history: true }), config);
    const wash = sectionsOf(report).find((s) => s.id === 'washing-laces')!;
    expect(wash.state).toBe('stale');
    // The translation translates the English of `first`; `washing` and `again` changed the section, "Drawer" did not.
    expect(wash.stale).toMatchObject({ pinnedCommit: first, since: washing, commitsBehind: 2 });
    const storing = sectionsOf(report).find((s) => s.id === 'storing-laces')!;
    expect(storing.state).toBe('stale');
    expect(storing.stale!.commitsBehind).toBe(1);
    expect(storing.stale!.since).not.toBe(again);
  });

  it('is stale, not untranslated, when a stale section is still in English; the English share is its own figure', async () => {
    const host = createMemoryHost();
    const first = host.commit('main', { [EN]: english }, { message: 'Lacing guide' });
    // The washing section was never translated: its English is left in the French.
    const partly = french.replace('Lavez-les à 30 degrés, dans une taie d’oreiller.', 'Wash them at 30 degrees, inside a pillowcase.');
    host.commit('main', { [FR]: adopt(english, partly, { sourceCommit: first, ...keys }).text }, { message: 'Adopt French' });
    host.commit('main', { [EN]: english.replace('30 degrees', '40 degrees') }, { message: 'Warmer wash' });
    const snapshot = await loadSnapshot(host, config, 'main', { history: true });
    const synced = await afterSync(host, snapshot);
    for (const report of [coverage(snapshot, config), coverage(synced, config)]) {
      const wash = sectionsOf(report).find((s) => s.id === 'washing-laces')!;
      expect(wash.state).toBe('stale');
      expect(wash.englishShare).toBe(1);
      expect(wash.englishWords).toBe(wash.words);
      expect(report.totals.sections.stale).toBe(1);
      expect(report.totals.sections.untranslated).toBe(0);
      expect(report.totals.englishWords).toBe(wash.words);
    }
  });
});

describe('a translator removing a stale marker signs the section off', () => {
  it('status says current (signed off) before sync re-pins, as check passes', async () => {
    const { host } = repository();
    host.commit('main', { [EN]: english.replace('30 degrees', '40 degrees') }, { message: 'Warmer wash' });
    const synced = await afterSync(host, await loadSnapshot(host, config, 'main', { history: true }));
    host.commit('main', { [FR]: synced.files[FR]! }, { message: 'Merge French sync' });
    const marked = coverage(await loadSnapshot(host, config, 'main', { history: true }), config);
    expect(sectionsOf(marked).find((s) => s.id === 'washing-laces')!.state).toBe('stale');

    // The translator updates the text and deletes the marker, nothing else.
    const done = removeMarkers(synced.files[FR]!.replace('30 degrés', '40 degrés'));
    host.commit('main', { [FR]: done }, { message: 'Traduction du lavage' });
    const snapshot = await loadSnapshot(host, config, 'main', { history: true });
    expect(checkRepository(snapshot, config).ok).toBe(true);
    const report = coverage(snapshot, config);
    const wash = sectionsOf(report).find((s) => s.id === 'washing-laces')!;
    expect(wash.state).toBe('current');
    expect(wash.signedOff).toBe(true);
    expect(wash.stale).toBeUndefined();
    expect(report.totals.sections.stale).toBe(0);
    // The same after sync re-pins it.
    const repinned = coverage(await afterSync(host, snapshot), config);
    expect(sectionsOf(repinned).find((s) => s.id === 'washing-laces')!.state).toBe('current');
  });
});

describe('a translation pinned to a commit that did not touch its English', () => {
  it('is caught up from there (init pins HEAD, whatever that commit changed)', async () => {
    const host = createMemoryHost();
    host.commit('main', { [EN]: english }, { message: 'Lacing guide' });
    const readme = host.commit('main', { 'README.md': 'Boots.\n' }, { message: 'Readme' });
    host.commit('main', { [FR]: adopt(english, french, { sourceCommit: readme, ...keys }).text }, { message: 'Adopt French at HEAD' });
    const change = host.commit('main', { [EN]: englishV2 }, { message: 'Rename, move, add' });

    const before = await loadSnapshot(host, config, 'main', { history: true });
    expect(before.history![EN]!.map((c) => c.sha)).not.toContain(readme);
    const after = await afterSync(host, before);
    expect(view(coverage(before, config))).toEqual(view(coverage(after, config)));
    const picking = sectionsOf(coverage(before, config)).find((s) => s.id === 'picking-laces')!;
    expect(picking).toMatchObject({ state: 'stale', stale: { since: change, commitsBehind: 1 } });
    expect(sectionsOf(coverage(before, config)).find((s) => s.id === 'ironing-laces')!.state).toBe('missing');
    expect(sectionsOf(coverage(before, config)).find((s) => s.id === 'drying-laces')!.state).toBe('current');
  });
});
