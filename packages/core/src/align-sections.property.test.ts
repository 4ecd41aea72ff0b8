// Property: a translation in the English order (some headings translated, some left in
// English, repeated headings included) is aligned in that order, each section to its own.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '@i18n-drift/sections';
import { alignDocument } from './align-sections.js';

const HEADINGS = ['Mind your eyelets', 'Care', 'Lacing', 'Mind your eyelets', 'Storage'];

describe('alignDocument keeps the order', () => {
  it('pairs every section of an in-order translation with its own English section', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ heading: fc.constantFrom(...HEADINGS), level: fc.integer({ min: 2, max: 3 }), translated: fc.boolean() }), { minLength: 1, maxLength: 10 }),
        (sections) => {
          const en = sections.map((s, k) => `${'#'.repeat(s.level)} ${s.heading}\n\nRule ${k * 11 + 5} applies here.\n`).join('\n');
          const fr = sections.map((s, k) => `${'#'.repeat(s.level)} ${s.translated ? `Titre ${s.heading.length} ${s.level}` : s.heading}\n\nLa règle ${k * 11 + 5} s’applique ici.\n`).join('\n');
          const source = parseDocument(en);
          const alignment = alignDocument(source, parseDocument(fr), null);
          const unit = new Map(source.sections.map((s, k) => [s.id, k]));
          const order = alignment.pairs.map((p) => [p.translationIndex, unit.get(p.sourceId)!]);
          for (let k = 1; k < order.length; k++) {
            expect(order[k]![0]).toBeGreaterThan(order[k - 1]![0]!);
            expect(order[k]![1]).toBeGreaterThan(order[k - 1]![1]!);
          }
          for (const [t, u] of order) expect(u).toBe(t);
        },
      ),
      { numRuns: 300 },
    );
  });
});
