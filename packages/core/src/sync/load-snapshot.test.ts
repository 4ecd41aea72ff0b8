import { describe, expect, it } from 'vitest';
import { coverage } from '../coverage.js';
import { loadSnapshot } from './load-snapshot.js';
import { createMemoryHost } from './memory-host.js';
import { adoptedRepository, englishUpdate, EN, FR, NL, seed, testConfig } from './test-fixtures.js';

describe('loadSnapshot', () => {
  it('reads the matching files at a revision, with history newest first', async () => {
    const { host, english } = adoptedRepository();
    host.commit('main', { 'README.md': 'not a document', 'locales/fr/notes.txt': 'no' }, { message: 'other files' });
    const update = host.commit('main', { [EN]: englishUpdate(seed(EN)) }, { message: 'update' });
    const snapshot = await loadSnapshot(host, testConfig(), 'main', { history: true });
    expect(Object.keys(snapshot.files).sort()).toEqual([EN, FR, NL]);
    expect(snapshot.revision).toBe(update);
    expect(snapshot.history![EN]!.map((c) => c.sha)).toEqual([update, english]);

    const report = coverage(snapshot, testConfig());
    const fr = report.documents[0]!.translations.find((t) => t.locale === 'fr')!;
    const visitor = fr.sections.find((s) => s.id === 'intro')!;
    expect(visitor.state).toBe('stale');
    expect(visitor.stale!.commitsBehind).toBe(1);
  });

  it('leaves out a binary file matching the patterns, lists it, and reads the rest', async () => {
    const host = createMemoryHost();
    host.commit('main', { 'locales/en/a.md': 'ok', 'locales/en/b.md': 'bin\0ary' });
    const snapshot = await loadSnapshot(host, testConfig(), 'main');
    expect(snapshot.files).toEqual({ 'locales/en/a.md': 'ok' });
    expect(snapshot.unreadable).toEqual([{ path: 'locales/en/b.md', reason: expect.stringMatching(/binary/) }]);
  });

  it('refuses an unknown revision', async () => {
    const host = createMemoryHost();
    await expect(loadSnapshot(host, testConfig(), 'nope')).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('createMemoryHost', () => {
  it('refuses a non-fast-forward commit without force', async () => {
    const host = createMemoryHost();
    const a = host.commit('main', { 'x.md': '1' });
    await host.commitFiles({ branch: 'b', parent: a, files: [{ path: 'x.md', content: '2' }], message: 'm', force: false });
    host.commit('b', { 'x.md': '3' }, { author: 'marie' });
    await expect(host.commitFiles({ branch: 'b', parent: a, files: [{ path: 'x.md', content: '4' }], message: 'm', force: false })).rejects.toMatchObject({ code: 'conflict' });
    const state = await host.getBranch('b', 'main');
    expect(state!.commits.map((c) => c.byTool)).toEqual([true, false]);
  });
});
