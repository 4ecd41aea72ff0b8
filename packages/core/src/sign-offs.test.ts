import { describe, expect, it } from 'vitest';
import { outdent } from 'outdent';
import { adopt } from './adopt.js';
import { applySourceChange } from './apply-source-change.js';
import { checkRepository } from './check.js';
import { parseConfig } from './config.js';
import { coverage } from './coverage.js';
import { readSignOffs } from './sign-offs.js';
import { removeMarkers } from './stale-marker.js';
import { loadSnapshot } from './sync/load-snapshot.js';
import { createMemoryHost } from './sync/memory-host.js';

const EN = 'locales/en/guide.md';
const FR = 'locales/fr/guide.md';
const config = parseConfig({ files: ['locales/{locale}/**/*.md'], locales: ['fr'] });

const english = outdent`
  ---
  title: Lacing
  ---

  # Lacing guide

  How to lace boots.

  ## Washing laces

  Wash them at 30 degrees.

  ## Drying laces

  Let them dry flat.

`;
const french = outdent`
  ---
  title: Laçage
  ---

  # Guide du laçage

  Comment lacer des chaussures.

  ## Laver ses lacets

  Lavez-les à 30 degrés.

  ## Sécher ses lacets

  Laissez-les sécher à plat.

`;

/** English v1 adopted in French, then v2 committed with French synced to it (markers in). */
function synced() {
  const host = createMemoryHost();
  const first = host.commit('main', { [EN]: english }, { message: 'Guide' });
  host.commit('main', { [FR]: adopt(english, french, { sourceCommit: first }).text }, { message: 'Adopt' });
  const v2 = english.replace('30 degrees', '40 degrees').replace('title: Lacing', 'title: Lacing boots').replace('dry flat', 'dry flat, in the shade');
  const second = host.commit('main', { [EN]: v2 }, { message: 'Warmer' });
  const marked = applySourceChange(english, v2, host.snapshot('main')[FR]!, { sourceCommit: second }).text;
  host.commit('main', { [FR]: marked }, { message: 'Sync French' });
  return { host, v2, marked };
}

describe('readSignOffs', () => {
  it('names each section whose marker a translator removed, with its line: the ones status calls signedOff', async () => {
    const { host, marked } = synced();
    // The translator updates the washing section and the title, deletes their markers, leaves drying marked.
    const done = removeMarkers(marked, (m) => m.section === 'drying-laces').replace('30 degrés', '40 degrés').replace('title: Laçage', 'title: Laçage des bottes');
    host.commit('main', { [FR]: done }, { message: 'Traduction' });
    const snapshot = await loadSnapshot(host, config, 'main', { history: true });

    const signOffs = await readSignOffs(host, snapshot.files, config);
    const line = (heading: string) => done.split('\n').indexOf(heading) + 1;
    expect(signOffs.map(({ path, source, id, heading, line }) => ({ path, source, id, heading, line }))).toEqual([
      { path: FR, source: EN, id: 'frontmatter.title', heading: null, line: 2 },
      { path: FR, source: EN, id: 'washing-laces', heading: 'Laver ses lacets', line: line('## Laver ses lacets') },
    ]);
    // The same sections status reads as signed off; check passes them (drying is still marked).
    const report = coverage(snapshot, config);
    const signedOff = report.documents[0]!.translations[0]!.sections.filter((s) => s.signedOff).map((s) => s.id);
    expect(signedOff.sort()).toEqual(signOffs.map((s) => s.id).sort());
    expect(checkRepository(snapshot, config).findings.map((f) => f.code)).toEqual(['stale-section']);
  });

  it('an English change sync has not applied yet is no sign-off, nor is a file pinned to an unknown commit or without pins', async () => {
    const { host, v2, marked } = synced();
    host.commit('main', { [FR]: marked.replace(/<!--[^\n]*-->\n/g, '') }, { message: 'Markers gone' });
    host.commit('main', { [EN]: v2.replace('How to lace boots.', 'How to lace boots well.') }, { message: 'Intro' });
    const files = (await loadSnapshot(host, config, 'main')).files;
    expect((await readSignOffs(host, files, config)).map((s) => s.id)).toEqual(['frontmatter.title', 'washing-laces', 'drying-laces']);
    const unknown = files[FR]!.replace(/commit: \S+/, 'commit: 0000000000000000000000000000000000000000');
    expect(await readSignOffs(host, { ...files, [FR]: unknown }, config)).toEqual([]);
    expect(await readSignOffs(host, { ...files, [FR]: french }, config)).toEqual([]);
  });

  it('asks the host once per pinned commit: many files pinned to one a shallow clone lacks cost one question', async () => {
    const { host, marked } = synced();
    const unknown = marked.replace(/<!--[^\n]*-->\n/g, '').replace(/commit: \S+/, 'commit: 0000000000000000000000000000000000000000');
    const files: Record<string, string> = {};
    for (let i = 0; i < 20; i++) Object.assign(files, { [`locales/en/g${i}.md`]: host.snapshot('main')[EN]!, [`locales/fr/g${i}.md`]: unknown });
    const asked = { resolve: 0, read: 0 };
    const counting = {
      resolveRevision: (rev: string) => (asked.resolve++, host.resolveRevision(rev)),
      readFile: (path: string, rev: string) => (asked.read++, host.readFile(path, rev)),
    };
    expect(await readSignOffs(counting, files, config)).toEqual([]);
    expect(asked).toEqual({ resolve: 1, read: 0 });
  });
});
