// The sync workflow adopts translations without pins from history (both front ends run it):
// the onboarding pull request of a repository that had translations before the tool.
import { describe, expect, it } from 'vitest';
import { findMarkers } from '../stale-marker.js';
import { readPins } from '../pins.js';
import { createMemoryHost } from './memory-host.js';
import { syncRepository } from './sync-workflow.js';
import { EN, FR, NL, localize, seed, testConfig } from './test-fixtures.js';

const config = testConfig();
const markers = (text: string) => findMarkers(text).map((m) => `${m.kind}:${m.section}`).sort();
const TWELVE = (text: string) => text.replace('We keep these logs for 6 months.', 'We keep these logs for 12 months.');

function unpinnedRepository() {
  const host = createMemoryHost();
  const seeded = host.commit('main', { [EN]: seed(EN), [FR]: seed(FR), [NL]: seed(NL) }, { message: 'Policies and translations' });
  return { host, seeded };
}

describe('syncRepository adopts translations without pins', () => {
  it('opens the onboarding PR per locale: pins at the last commit, the stale section with its English change, every translated line kept', async () => {
    const { host, seeded } = unpinnedRepository();
    const update = host.commit('main', { [EN]: TWELVE(seed(EN)) }, { message: 'Keep logs for 12 months' });
    const result = await syncRepository(host, { config, mode: 'branch', t: localize });

    expect(result.unpinned).toEqual([]);
    expect(result.locales.map((l) => [l.locale, l.action, l.adopted])).toEqual([
      ['fr', 'opened', [{ path: FR, pinnedTo: seeded, pinnedDate: expect.any(String) }]],
      ['nl', 'opened', [{ path: NL, pinnedTo: seeded, pinnedDate: expect.any(String) }]],
    ]);
    const fr = host.snapshot('i18n-drift/fr')[FR]!;
    expect(markers(fr)).toEqual(['stale:visitor-data']);
    expect(findMarkers(fr)[0]!.since).toBe(update);
    expect(readPins(fr)!.commit).toBe(update);
    for (const line of seed(FR).split('\n').filter((l) => l.trim() !== '' && l !== '---')) expect(fr).toContain(line);

    const pr = host.pulls.find((p) => p.head === 'i18n-drift/fr')!;
    expect(pr.title).toBe('i18n-drift : suivi de 1 document français — 1 section en retard');
    expect(pr.body).toContain(`\`${FR}\` épinglé à \`${seeded.slice(0, 7)}\``);
    expect(pr.body).toContain('We keep these logs for <del>6</del><ins>12</ins> months.');
    expect(pr.labels).toEqual(['i18n', 'lang:fr', 'docs']);
    expect(pr.reviewers).toEqual(['marie']);
    expect(host.pulls.find((p) => p.head === 'i18n-drift/nl')!.title).toBe('i18n-drift: 1 document in het Nederlands gevolgd — 1 sectie achter');
  });

  it('a repository whose translations are all current still gets the PR (it carries the pins); a second run changes nothing', async () => {
    const { host, seeded } = unpinnedRepository();
    const result = await syncRepository(host, { config, mode: 'branch', t: localize });
    expect(result.locales.map((l) => l.action)).toEqual(['opened', 'opened']);
    expect(host.pulls[0]!.title).toBe('i18n-drift : suivi de 1 document français');
    expect(readPins(host.snapshot('i18n-drift/fr')[FR]!)!.commit).toBe(seeded);
    const writes = host.writes.length;
    const again = await syncRepository(host, { config, mode: 'branch', t: localize });
    expect(again.locales.every((l) => l.action === 'unchanged')).toBe(true);
    expect(host.writes.length).toBe(writes);
  });

  it("keeps a translator's commit on the branch; the next English change goes on top", async () => {
    const { host } = unpinnedRepository();
    host.commit('main', { [EN]: TWELVE(seed(EN)) }, { message: 'Keep logs for 12 months' });
    await syncRepository(host, { config, mode: 'branch', t: localize });
    const onBranch = host.snapshot('i18n-drift/fr')[FR]!;
    const translated = onBranch.replace('pendant 6 mois', 'pendant 12 mois').replace(/<!-- i18n-drift:stale section="visitor-data"[^\n]*-->\n/, '');
    const mine = host.commit('i18n-drift/fr', { [FR]: translated }, { message: 'fr: 12 mois', author: 'marie' });
    host.commit('main', { [EN]: TWELVE(seed(EN)).replace('We keep model data up to 12 months', 'We keep model data up to 3 months') }, { message: 'Shorter model retention' });
    await syncRepository(host, { config, mode: 'branch', t: localize });
    const branch = await host.getBranch('i18n-drift/fr', 'main');
    expect(branch!.commits.map((c) => c.sha)).toContain(mine);
    const fr = host.snapshot('i18n-drift/fr')[FR]!;
    expect(fr).toContain('pendant 12 mois');
    expect(markers(fr)).toEqual(['stale:model-data']);
  });

  it('a push (from set) that adds translations without pins brings their documents in, English unchanged', async () => {
    const host = createMemoryHost();
    const english = host.commit('main', { [EN]: seed(EN) }, { message: 'English' });
    const pushed = host.commit('main', { [FR]: seed(FR) }, { message: 'French' });
    const result = await syncRepository(host, { config, mode: 'branch', from: english, to: pushed, t: localize });
    expect(result.locales.find((l) => l.locale === 'fr')!.adopted).toEqual([{ path: FR, pinnedTo: pushed, pinnedDate: expect.any(String) }]);
  });

  it('include: a push that touches no translation adopts the included ones in their locale only', async () => {
    const { host, seeded } = unpinnedRepository();
    const readme = host.commit('main', { 'README.md': 'Read me\n' }, { message: 'Readme' });
    const untouched = await syncRepository(host, { config, mode: 'branch', from: seeded, to: readme, t: localize });
    expect(untouched.locales).toEqual([]);

    const result = await syncRepository(host, { config, mode: 'branch', from: seeded, to: readme, t: localize, include: [NL, 'README.md', 'locales/nl/gone.md'] });
    expect(result.locales.map((l) => [l.locale, l.action, l.adopted])).toEqual([['nl', 'opened', [{ path: NL, pinnedTo: seeded, pinnedDate: expect.any(String) }]]]);
    expect(readPins(host.snapshot('i18n-drift/nl')[NL]!)!.commit).toBe(seeded);
    expect(host.pulls.map((p) => p.head)).toEqual(['i18n-drift/nl']);
  });

  it("a translation whose last commit is a shallow clone's boundary is a failure naming it (no guess at its translator's English); the others are adopted", async () => {
    const { host, seeded } = unpinnedRepository();
    const dutch = host.commit('main', { [NL]: `${seed(NL)}\nNog wat tekst.\n` }, { message: 'Dutch edit' });
    host.commit('main', { [EN]: TWELVE(seed(EN)) }, { message: 'Keep logs for 12 months' });
    // The host's history stops at the seed commit, as a clone made with --depth does.
    const lastCommits = host.lastCommits!.bind(host);
    host.lastCommits = async (paths, rev) =>
      new Map([...(await lastCommits(paths, rev))].map(([path, c]) => [path, c.sha === seeded ? { ...c, boundary: true } : c]));

    const result = await syncRepository(host, { config, mode: 'branch', t: localize });
    expect(result.failures).toEqual([{ locale: 'fr', path: FR, code: 'history', line: null, message: 'history unavailable: shallow clone; run git fetch --unshallow' }]);
    expect(result.locales.find((l) => l.locale === 'nl')!.adopted).toEqual([{ path: NL, pinnedTo: dutch, pinnedDate: expect.any(String) }]);
    expect(markers(host.snapshot('i18n-drift/nl')[NL]!)).toEqual(['stale:visitor-data']);
    // Nothing to commit for French: no branch, no pull request.
    expect(await host.getBranch('i18n-drift/fr', 'main')).toBeNull();
    expect(host.pulls.map((p) => p.head)).toEqual(['i18n-drift/nl']);
  });

  it('an orphan translation without pins is reported as an orphan, never adopted or deleted', async () => {
    const host = createMemoryHost();
    host.commit('main', { [EN]: seed(EN), [FR]: seed(FR), 'locales/fr/privacy.md': seed('locales/fr/privacy.md') }, { message: 'seed' });
    const result = await syncRepository(host, { config, mode: 'plan', t: localize });
    expect(result.orphans).toEqual(['locales/fr/privacy.md']);
    expect(result.unpinned).toEqual([]);
    expect(result.locales.find((l) => l.locale === 'fr')!.files.map((f) => f.path)).toEqual([FR]);
  });
});
