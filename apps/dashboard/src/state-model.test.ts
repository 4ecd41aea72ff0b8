// The dashboard tells the state `status` and `sync` tell: a branch sync has not run on
// yet reads as it will after sync, and a stale section still in English stays stale.
import { adopt, coverage, createLocalizer, createMemoryHost, loadSnapshot, parseConfig, syncRepository, type CoverageReport } from '@i18n-drift/core';
import { describe, expect, it } from 'vitest';
import { loadDashboardData } from './load-dashboard-data.js';

const EN = 'docs/laces/en.md';
const FR = 'docs/laces/fr.md';
const config = parseConfig({ files: ['docs/**/{locale}.md'], locales: ['fr'] });
const t = createLocalizer({});

const english = '# Laces\n\nHow to lace the boots that we sell.\n\n## Choosing laces\n\nPick laces 120 cm long for six eyelets.\n\n## Washing laces\n\nWash them at 30 degrees, inside a pillowcase.\n\n## Drying laces\n\nLet them dry flat, away from the radiator.\n';
const french = '# Lacets\n\nComment lacer les chaussures que nous vendons.\n\n## Choisir ses lacets\n\nPrenez des lacets de 120 cm pour six œillets.\n\n## Laver ses lacets\n\nWash them at 30 degrees, inside a pillowcase.\n\n## Sécher ses lacets\n\nLaissez-les sécher à plat, loin du radiateur.\n';
// One commit: a heading renamed, "Drying" moved up, a new section where it was, the (untranslated) washing section changed.
const englishV2 = '# Laces\n\nHow to lace the boots that we sell.\n\n## Picking laces\n\nPick laces 120 cm long for six eyelets.\n\n## Drying laces\n\nLet them dry flat, away from the radiator.\n\n## Washing laces\n\nWash them at 40 degrees, inside a pillowcase.\n\n## Ironing laces\n\nNever iron laces: the tips melt at 120 degrees.\n';

const states = (report: CoverageReport) => report.documents[0]!.translations[0]!.sections.map((s) => `${s.id}:${s.state}`);

describe('the dashboard’s states', () => {
  it('are those of coverage after sync, before sync has run', async () => {
    const host = createMemoryHost({ startDate: new Date('2026-11-01T00:00:00Z') });
    const first = host.commit('main', { [EN]: english }, { message: 'Laces' });
    host.commit('main', { [FR]: adopt(english, french, { sourceCommit: first, frontmatterKeys: config.frontmatterKeys }).text }, { message: 'Adopt' });
    host.commit('main', { [EN]: englishV2 }, { message: 'Rename, move, add, warmer' });

    const data = await loadDashboardData(host, config, { historySamples: 0, now: new Date('2026-11-10T00:00:00Z') });
    const planned = await syncRepository(host, { config, mode: 'plan', t });
    const snapshot = await loadSnapshot(host, config, 'main', { history: true, now: new Date('2026-11-10T00:00:00Z') });
    const synced = coverage({ ...snapshot, files: { ...snapshot.files, [FR]: planned.locales[0]!.files[0]!.content! } }, config);

    expect(states(data.report)).toEqual(states(synced));
    expect(states(data.report)).toEqual(['laces:current', 'picking-laces:stale', 'drying-laces:current', 'washing-laces:stale', 'ironing-laces:missing']);
    const washing = data.report.documents[0]!.translations[0]!.sections.find((s) => s.id === 'washing-laces')!;
    expect(washing.englishShare).toBe(1);
    expect(washing.stale).toMatchObject({ pinnedCommit: first, commitsBehind: 1 });
  });
});
