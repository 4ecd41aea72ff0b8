import { parseDocument } from '@i18n-drift/sections';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adopt, sourceHashes } from './adopt.js';
import { applySourceChange } from './apply-source-change.js';
import { readPins, writePins } from './pins.js';
import { pinnedWhole, resolve } from './resolve.js';
import { removeMarkers } from './stale-marker.js';

// Headings that repeat (numbered ids), translated or left in English, bodies with in-page
// links and numbers: the evidence alignment weighs, so that pins can change its answer.
const NAMES = ['Laces', 'Eyelets', 'Soles', 'Laces', 'Leather', 'Storage', 'Repairs', 'Sizes'];
const FRENCH = ['Lacets', 'Œillets', 'Semelles', 'Lacets', 'Cuir', 'Rangement', 'Réparations', 'Pointures'];

interface Unit {
  name: number;
  level: 2 | 3;
  rule: number;
  link: boolean;
}

const unit = fc.record({ name: fc.nat(NAMES.length - 1), level: fc.constantFrom(2 as const, 3 as const), rule: fc.nat(9), link: fc.boolean() });
const doc = fc.record({
  title: fc.option(fc.constantFrom('Policy', 'Shoes'), { nil: null }),
  intro: fc.boolean(),
  units: fc.array(unit, { minLength: 0, maxLength: 6 }),
});
type Doc = { title: string | null; intro: boolean; units: Unit[] };

const slug = (heading: string) => heading.toLowerCase().replace(/[^a-zœé]+/g, '-');
function render(d: Doc, lang: 'en' | 'fr', english: ReadonlySet<number> = new Set()): string {
  const front = d.title === null ? '' : `---\ntitle: ${lang === 'en' ? d.title : `${d.title} (fr)`}\n---\n\n`;
  const intro = d.intro ? (lang === 'en' ? 'About this page.\n\n' : 'À propos de cette page.\n\n') : '';
  const body = d.units
    .map((u, k) => {
      const en = lang === 'en' || english.has(k);
      const heading = en ? NAMES[u.name]! : FRENCH[u.name]!;
      const link = u.link ? ` See [${heading}](#${slug(heading)}).` : '';
      const text = en ? `Rule ${u.rule} applies.${link}` : `La règle ${u.rule} s’applique.${link}`;
      return `${'#'.repeat(u.level)} ${heading}\n\n${text}\n`;
    })
    .join('\n');
  return front + intro + body;
}

/** A translation of `d` that dropped, added, moved and kept in English some of its sections. */
const translated = (d: Doc) =>
  fc.record({ drop: fc.array(fc.nat(7)), extra: fc.array(unit, { maxLength: 2 }), english: fc.array(fc.nat(7)), rotate: fc.nat(3) }).map((t) => {
    const units = d.units.filter((_, k) => !t.drop.includes(k)).concat(t.extra);
    const r = units.length === 0 ? 0 : t.rotate % units.length;
    return render({ ...d, units: [...units.slice(r), ...units.slice(0, r)] }, 'fr', new Set(t.english));
  });

describe('resolve on a translation pinned whole', () => {
  it('finds nothing to re-pin when every English id is pinned at its hash, whatever the order of the pins, extra pins or markers', () => {
    fc.assert(
      fc.property(
        doc.chain((d) => fc.tuple(fc.constant(d), doc, translated(d), fc.array(fc.nat(), { maxLength: 8 }), fc.array(fc.boolean(), { maxLength: 8 }))),
        ([before, after, translation, order, keepMarker]) => {
          // Markers as sync writes them (stale, missing), some removed by a translator.
          const synced = applySourceChange(render(before, 'en'), render(after, 'en'), adopt(render(before, 'en'), translation, { sourceCommit: 'c0' }).text, { sourceCommit: 'c1' }).text;
          let k = 0;
          const marked = removeMarkers(synced, () => keepMarker[k++ % Math.max(1, keepMarker.length)] ?? true);
          const english = render(after, 'en');
          const src = parseDocument(english);
          // Every id at its hash, in any order (the order is evidence for alignment), plus pins of ids English no longer has.
          const ids = [...sourceHashes(src)];
          const shuffled = ids.map((entry, i) => [entry, order[i] ?? i] as const).sort((a, b) => a[1] - b[1]).map(([entry]) => entry);
          const sections: Record<string, string> = { gone: '0123456789abcdef' };
          for (const [id, hash] of shuffled) sections[id] = hash;
          const text = writePins(marked, { commit: 'c1', sections });
          const pins = readPins(text)!;
          expect(pinnedWhole(src, pins)).toBe(true);
          expect(resolve(english, text)).toEqual({ text, resolved: [] });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('right after adoption: whenever adoption pinned every English id, resolving at the same English finds nothing', () => {
    let whole = 0;
    let partial = 0;
    fc.assert(
      fc.property(
        doc.chain((d) => fc.tuple(fc.constant(d), translated(d))),
        ([d, translation]) => {
          const english = render(d, 'en');
          const { text } = adopt(english, translation, { sourceCommit: 'c0' });
          if (pinnedWhole(parseDocument(english), readPins(text)!)) {
            whole++;
            expect(resolve(english, text)).toEqual({ text, resolved: [] });
          } else partial++;
        },
      ),
      { numRuns: 300 },
    );
    // Both sides of the shortcut were generated: it is taken, and it is not always taken.
    expect(whole).toBeGreaterThan(30);
    expect(partial).toBeGreaterThan(30);
  });

  it('is false as soon as one English id is unpinned or pinned at another hash', () => {
    const english = '---\ntitle: Policy\n---\n\nIntro.\n\n## Keep\n\nWe keep logs.\n';
    const src = parseDocument(english);
    const hashes = Object.fromEntries(sourceHashes(src));
    expect(pinnedWhole(src, { commit: 'c0', sections: hashes })).toBe(true);
    const { keep, ...withoutKeep } = hashes;
    expect(keep).toBeDefined();
    expect(pinnedWhole(src, { commit: 'c0', sections: withoutKeep })).toBe(false);
    expect(pinnedWhole(src, { commit: 'c0', sections: { ...hashes, 'frontmatter.title': '0123456789abcdef' } })).toBe(false);
  });
});
