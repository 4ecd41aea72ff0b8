/**
 * Invariants of applySourceChange, over generated documents and English edits:
 * no translated byte of a kept section changes, every translated sentence of a section
 * that still exists in English survives, a section whose English changed (edited, renamed,
 * or renamed, edited and moved in one commit) keeps its translation marked stale, and
 * apply∘apply = apply.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { adopt } from './adopt.js';
import { applySourceChange } from './apply-source-change.js';
import { formatMarker, removeMarkers } from './stale-marker.js';

interface Part {
  key: number;
  level: number;
  heading: string;
  sentences: string[];
  list: boolean;
}

const words = ['data', 'cookies', 'logs', 'accounts', 'payments', 'models', 'avatars', 'emails', 'backups', 'analytics', 'support', 'security'];

function english(parts: Part[], spaced: boolean): string {
  const body = parts
    .map((p) => {
      const text = p.list ? p.sentences.map((s) => (spaced ? `-   ${s}` : `- ${s}`)).join('\n') : p.sentences.join(' ');
      return `${'#'.repeat(p.level)} ${p.heading}\n\n${text}\n`;
    })
    .join('\n');
  return `---\ntitle: Our policy\n---\n\nWe explain what we store.\n\n${body}`;
}

/** A "translation": sentences rewritten with unique markers, headings translated or kept. */
function translate(parts: Part[], translatedHeadings: boolean): { text: string; sentences: Map<number, string[]> } {
  const sentences = new Map<number, string[]>();
  const body = parts
    .map((p) => {
      const own = p.sentences.map((_, j) => `Phrase ${p.key}.${j} traduite.`);
      sentences.set(p.key, own);
      const text = p.list ? own.map((s) => `- ${s}`).join('\n') : own.join(' ');
      const heading = translatedHeadings ? `Partie ${p.key} ${'x'.repeat(p.key % 3)}` : p.heading;
      return `${'#'.repeat(p.level)} ${heading}\n\n${text}\n`;
    })
    .join('\n');
  return { text: `---\ntitle: Notre politique\nlayout: page\n---\n\nNous expliquons ce que nous gardons.\n\n${body}`, sentences };
}

const partArb = (key: number) =>
  fc.record({
    key: fc.constant(key),
    level: fc.integer({ min: 2, max: 3 }),
    heading: fc.constant(`${words[key % words.length]} section ${key}`),
    sentences: fc.array(fc.integer({ min: 0, max: 999 }), { minLength: 1, maxLength: 3 }).map((ns) => ns.map((n, j) => `Sentence ${key}.${j} keeps ${n} ${words[(n + j) % words.length]}.`)),
    list: fc.boolean(),
  });

type Op =
  | { op: 'modify'; at: number; n: number }
  | { op: 'add'; at: number }
  | { op: 'remove'; at: number }
  | { op: 'move'; at: number; to: number }
  | { op: 'rename'; at: number }
  | { op: 'renameEditMove'; at: number; to: number; n: number }
  | { op: 'reflow' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('modify' as const), at: fc.nat(), n: fc.integer({ min: 1000, max: 9999 }) }),
  fc.record({ op: fc.constant('add' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('remove' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('move' as const), at: fc.nat(), to: fc.nat() }),
  fc.record({ op: fc.constant('rename' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('renameEditMove' as const), at: fc.nat(), to: fc.nat(), n: fc.integer({ min: 1000, max: 9999 }) }),
  fc.constant({ op: 'reflow' as const }),
);

const caseArb = fc
  .integer({ min: 1, max: 7 })
  .chain((n) => fc.tuple(fc.tuple(...Array.from({ length: n }, (_, k) => partArb(k + 1))), fc.array(opArb, { minLength: 1, maxLength: 4 }), fc.boolean()));

/** GitHub's slug of a generated heading (lower-case words and digits separated by spaces). */
const slug = (heading: string) => heading.toLowerCase().replace(/ /g, '-');

/**
 * Applies the English edits. `changed` holds the original sections whose English text
 * changed (edited, renamed, or all at once): their translation must be kept, marked stale.
 */
function edit(parts: Part[], ops: Op[]): { next: Part[]; spaced: boolean; removed: Set<number>; changed: Set<number> } {
  let next = parts.map((p) => ({ ...p, sentences: [...p.sentences] }));
  let spaced = false;
  const removed = new Set<number>();
  const changed = new Set<number>();
  let fresh = 100;
  // A realistic edit (a number, as in "6 months" -> "3 months"): the section stays recognisable.
  const modify = (p: Part, n: number) => {
    p.sentences[0] = p.sentences[0]!.replace(/keeps \d+/, `keeps ${n}`);
    changed.add(p.key);
  };
  const rename = (p: Part) => {
    p.heading = `${p.heading} renamed`;
    changed.add(p.key);
  };
  for (const o of ops) {
    const at = next.length ? ('at' in o ? o.at % next.length : 0) : -1;
    if (o.op === 'modify' && at >= 0) modify(next[at]!, o.n);
    else if (o.op === 'add') {
      const key = fresh++;
      next.splice(Math.max(0, at), 0, { key, level: 2, heading: `added section ${key}`, sentences: [`New sentence ${key}.`], list: false });
    } else if (o.op === 'remove' && at >= 0 && next[at]!.key < 100) {
      removed.add(next[at]!.key);
      next.splice(at, 1);
    } else if (o.op === 'move' && at >= 0) {
      const [p] = next.splice(at, 1);
      next.splice(o.to % (next.length + 1), 0, p!);
    } else if (o.op === 'rename' && at >= 0) rename(next[at]!);
    else if (o.op === 'renameEditMove' && at >= 0) {
      // Heading renamed, body edited and the section moved, all in one commit.
      const [p] = next.splice(at, 1);
      rename(p!);
      modify(p!, o.n);
      next.splice(o.to % (next.length + 1), 0, p!);
    } else if (o.op === 'reflow') spaced = !spaced;
  }
  next = next.filter((p) => !removed.has(p.key));
  for (const key of removed) changed.delete(key);
  return { next, spaced, removed, changed };
}

describe('applySourceChange invariants', () => {
  it('keeps kept translations byte for byte, loses no sentence, and is idempotent', () => {
    fc.assert(
      fc.property(caseArb, ([parts, ops, translatedHeadings]) => {
        const before = english(parts, false);
        const { next, spaced, removed, changed } = edit(parts, ops);
        const after = english(next, spaced);
        const tr = translate(parts, translatedHeadings);
        const adopted = adopt(before, tr.text, { sourceCommit: 'c0' }).text;
        const { text, changes } = applySourceChange(before, after, adopted, { sourceCommit: 'c1' });

        // apply ∘ apply = apply
        expect(applySourceChange(before, after, text, { sourceCommit: 'c1' }).text).toBe(text);

        const plain = removeMarkers(text);
        // Frontmatter keys other than i18n untouched.
        expect(plain).toContain('---\ntitle: Notre politique\nlayout: page\n');
        const trBody = tr.text.slice(tr.text.indexOf('\n---\n') + 5);
        const sections = trBody.split(/(?=^#{2,3} )/m);
        for (const part of parts) {
          const raw = sections.find((s) => s.includes(`Phrase ${part.key}.0 `))!;
          if (removed.has(part.key)) {
            for (const s of tr.sentences.get(part.key)!) expect(plain).not.toContain(s);
          } else {
            // The whole translated section, heading and body, survives unchanged (markers aside).
            expect(plain).toContain(raw.replace(/\n+$/, '\n'));
            for (const s of tr.sentences.get(part.key)!) expect(plain).toContain(s);
          }
          if (changed.has(part.key)) {
            // Kept and marked stale under its new English id, never dropped and re-added
            // (renamed, edited and moved in one commit included).
            const now = next.find((p) => p.key === part.key)!;
            const [kind, id, oldId, state] = [now.heading === part.heading ? 'modified' : 'renamed', slug(now.heading), slug(part.heading), 'stale'];
            expect(changes.filter((c) => c.id === id || c.oldId === oldId).map((c) => [c.kind, c.id, c.oldId, c.state])).toEqual([[kind, id, oldId, state]]);
            const headingLine = raw.slice(0, raw.indexOf('\n') + 1);
            expect(text).toContain(`${headingLine}${formatMarker({ kind: 'stale', section: id, since: 'c1' })}\n`);
          }
        }
        expect(plain).toContain('Nous expliquons ce que nous gardons.');
      }),
      { numRuns: 300 },
    );
  });

  it('is idempotent when applied twice on top of its own output with a later commit', () => {
    fc.assert(
      fc.property(caseArb, caseArb, ([parts, ops1], [, ops2]) => {
        const v0 = english(parts, false);
        const e1 = edit(parts, ops1);
        const v1 = english(e1.next, e1.spaced);
        const e2 = edit(e1.next, ops2);
        const v2 = english(e2.next, e2.spaced);
        const tr = adopt(v0, translate(parts, true).text, { sourceCommit: 'c0' }).text;
        const once = applySourceChange(v0, v1, tr, { sourceCommit: 'c1' }).text;
        const twice = applySourceChange(v1, v2, once, { sourceCommit: 'c2' }).text;
        expect(applySourceChange(v1, v2, twice, { sourceCommit: 'c2' }).text).toBe(twice);
        // A section stale since c1 stays stale since c1.
        for (const line of twice.split('\n').filter((l) => l.includes('i18n-drift:stale'))) expect(line).toMatch(/since="c[12]"/);
      }),
      { numRuns: 200 },
    );
  });
});
