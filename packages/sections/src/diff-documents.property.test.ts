// Property (fast-check): a section whose heading is renamed and part of whose body is
// edited in one commit keeps its identity wherever it moves — one `renamed` change with
// the old id and a word diff, never `removed` + `added` — as long as most of its body
// remains. Other sections are removed and added around it as noise.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffDocuments } from './index.js';

interface Sec {
  heading: string;
  tokens: string[];
  list: boolean;
}

// Words every section may use. Each generated body has at least as many words of its
// own as common ones, so two different sections are at most 0.5 similar (Dice), while
// the edited section keeps at least 4/7 of its own: the right pair is always the best.
const common = fc.constantFrom('we', 'keep', 'your', 'data', 'for', 'months', 'the', 'account', 'never', 'share');

const sectionArb = (k: number) =>
  fc
    .record({
      own: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 4, maxLength: 14 }),
      commons: fc.array(common, { maxLength: 14 }),
      list: fc.boolean(),
    })
    .map(({ own, commons, list }): Sec => ({
      heading: `Topic ${k}`,
      tokens: own.flatMap((u, idx) => (idx < commons.length ? [`own${k}w${u}`, commons[idx]!] : [`own${k}w${u}`])),
      list,
    }));

function render(sections: readonly Sec[]): string {
  const body = (s: Sec) => {
    if (!s.list) return `${s.tokens.join(' ')}.`;
    const items: string[] = [];
    for (let t = 0; t < s.tokens.length; t += 4) items.push(`-   ${s.tokens.slice(t, t + 4).join(' ')}`);
    return items.join('\n');
  };
  return `---\ntitle: Policy\n---\n\nWhat we keep.\n\n${sections.map((s) => `## ${s.heading}\n\n${body(s)}\n`).join('\n')}`;
}

const caseArb = fc
  .integer({ min: 2, max: 12 })
  .chain((n) =>
    fc.record({
      sections: fc.tuple(...Array.from({ length: n }, (_, k) => sectionArb(k))),
      target: fc.nat({ max: n - 1 }),
      to: fc.nat({ max: n - 1 }),
      replace: fc.array(fc.nat(), { maxLength: 10 }),
      insert: fc.nat({ max: 10 }),
      removeOther: fc.option(fc.nat({ max: n - 1 })),
      addAt: fc.option(fc.nat({ max: n })),
    }),
  );

describe('diffDocuments: renamed + edited + moved', () => {
  it('reports the section once as renamed (old id kept, word diff), never as removed + added', () => {
    fc.assert(
      fc.property(caseArb, ({ sections, target, to, replace, insert, removeOther, addAt }) => {
        const before = render(sections);
        const old = sections[target]!;
        const m = old.tokens.length;
        // Edit at most a third of the words in place and insert at most a third more: most of the body remains.
        const tokens = [...old.tokens];
        const positions = [...new Set(replace.map((r) => r % m))].slice(0, Math.floor(m / 3));
        positions.forEach((p, t) => (tokens[p] = `edited${t}`));
        const inserted = Math.min(insert, Math.floor(m / 3)) || (positions.length === 0 ? 1 : 0);
        for (let t = 0; t < inserted; t++) tokens.splice((t * 7) % (tokens.length + 1), 0, `inserted${t}`);
        const renamed: Sec = { heading: `Renamed topic ${target}`, tokens, list: old.list };

        // The new order: the target moved to `to`; maybe one other section removed, one unrelated one added.
        const removed = removeOther !== null && removeOther !== target ? removeOther : -1;
        const others = sections.filter((_, k) => k !== target && k !== removed);
        const next: Sec[] = [...others];
        next.splice(Math.min(to, next.length), 0, renamed);
        if (addAt !== null) next.splice(addAt % (next.length + 1), 0, { heading: 'Added section', tokens: ['brand', 'new', 'paragraph'], list: false });
        const changes = diffDocuments(before, render(next));

        const oldId = `topic-${target}`;
        const newId = `renamed-topic-${target}`;
        const involved = changes.filter((c) => c.id === newId || c.oldId === oldId);
        expect(involved.map((c) => [c.kind, c.oldId, c.id])).toEqual([['renamed', oldId, newId]]);
        const words = involved[0]!.words!;
        expect(words.some((w) => w.removed && w.value.includes('Topic'))).toBe(true);
        expect(words.some((w) => w.added && /edited|inserted/.test(w.value))).toBe(true);

        // `moved`: the target's place among the sections that are in both versions.
        const kept = (list: readonly Sec[]) => list.filter((s) => s.heading !== 'Added section' && s !== sections[removed]);
        const shift = Math.abs(kept(sections).indexOf(old) - kept(next).indexOf(renamed));
        const moved = changes.filter((c) => c.moved);
        if (shift === 0) expect(moved).toEqual([]);
        // A swap with a neighbour: either of the two may be the one that moved.
        else if (shift === 1) expect(moved).toHaveLength(1);
        else expect(moved.map((c) => c.id)).toEqual([newId]);
      }),
      { numRuns: 500 },
    );
  });
});
