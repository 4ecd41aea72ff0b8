// Property: coverage of a branch sync has not run on yet equals coverage after sync,
// whatever one or two English commits did to the sections (renamed, moved, added,
// removed, edited), translated headings and all.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adopt } from './adopt.js';
import { parseConfig } from './config.js';
import { coverage } from './coverage.js';
import { loadSnapshot } from './sync/load-snapshot.js';
import { createMemoryHost } from './sync/memory-host.js';
import { syncRepository } from './sync/sync-workflow.js';
import { localize } from './sync/test-fixtures.js';
import type { CoverageReport } from './types.js';

const EN = 'docs/guide/en.md';
const FR = 'docs/guide/fr.md';
const config = parseConfig({ files: ['docs/**/{locale}.md'], locales: ['fr'] });
const NAMES = ['Laces', 'Eyelets', 'Soles', 'Heels', 'Leather', 'Storage', 'Repairs', 'Sizes', 'Returns', 'Care'];
const FRENCH = ['Lacets', 'Œillets', 'Semelles', 'Talons', 'Cuir', 'Rangement', 'Réparations', 'Pointures', 'Retours', 'Entretien'];

interface Unit {
  name: number;
  heading: string;
  body: string;
}

const english = (units: Unit[]) => units.map((u) => `## ${u.heading}\n\nAbout ${u.heading.toLowerCase()}: rule ${u.name * 7 + 3} applies.\n${u.body}`).join('\n');
const french = (units: Unit[]) => units.map((u) => `## ${FRENCH[u.name]}\n\nÀ propos : la règle ${u.name * 7 + 3} s’applique.\n${u.body ? 'Texte traduit.\n' : ''}`).join('\n');

type Op = { kind: 'rename' | 'move' | 'add' | 'remove' | 'edit'; at: number; to: number };
const op = fc.record({ kind: fc.constantFrom('rename', 'move', 'add', 'remove', 'edit') as fc.Arbitrary<Op['kind']>, at: fc.nat(20), to: fc.nat(20) });

function apply(units: Unit[], ops: Op[], fresh: { next: number }): Unit[] {
  const out = units.map((u) => ({ ...u }));
  for (const o of ops) {
    if (out.length === 0) break;
    const i = o.at % out.length;
    switch (o.kind) {
      case 'rename':
        out[i]!.heading = `${out[i]!.heading} rules`;
        break;
      case 'move': {
        const [u] = out.splice(i, 1);
        out.splice(o.to % (out.length + 1), 0, u!);
        break;
      }
      case 'add':
        if (fresh.next < NAMES.length) out.splice(i, 0, { name: fresh.next, heading: NAMES[fresh.next]!, body: '' }), fresh.next++;
        break;
      case 'remove':
        if (out.length > 1) out.splice(i, 1);
        break;
      case 'edit':
        out[i]!.body += `Edited ${o.to}.\n`;
        break;
    }
  }
  return out;
}

const view = (report: CoverageReport) =>
  report.documents[0]!.translations[0]!.sections.map(({ id, state, stale }) => `${id}:${state}:${stale?.since?.slice(0, 7) ?? ''}:${stale?.commitsBehind ?? ''}`);

describe('coverage before sync equals coverage after sync', () => {
  it('for any one or two English commits on a translated document', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 6 }), fc.array(op, { minLength: 1, maxLength: 4 }), fc.array(op, { maxLength: 3 }), async (size, first, second) => {
        const units: Unit[] = NAMES.slice(0, size).map((heading, name) => ({ name, heading, body: '' }));
        const fresh = { next: size };
        const host = createMemoryHost();
        const base = host.commit('main', { [EN]: english(units) }, { message: 'English' });
        host.commit('main', { [FR]: adopt(english(units), french(units), { sourceCommit: base, frontmatterKeys: config.frontmatterKeys }).text }, { message: 'French' });
        const v2 = apply(units, first, fresh);
        host.commit('main', { [EN]: english(v2) }, { message: 'one' });
        if (second.length > 0) host.commit('main', { [EN]: english(apply(v2, second, fresh)) }, { message: 'two' });

        const before = await loadSnapshot(host, config, 'main', { history: true, now: new Date('2027-01-01T00:00:00Z') });
        const planned = await syncRepository(host, { config, mode: 'plan', t: localize });
        const file = planned.locales[0]?.files.find((f) => f.path === FR);
        const after = file ? { ...before, files: { ...before.files, [FR]: file.content! } } : before;
        expect(view(coverage(before, config))).toEqual(view(coverage(after, config)));
      }),
      { numRuns: 100 },
    );
  });
});
