// pairingFromEarlier: the pairs coverage takes from adoption's alignment instead of
// aligning the adopted text again must be the pairs alignDocument finds, in every case
// it answers at all; the generated translations below reach every step of alignment
// (ids, anchors, pins, landmarks, structure, gaps left unaligned).
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { parseDocument, type ParsedDocument } from '@i18n-drift/sections';
import { alignDocument, pairingFromEarlier, type Pairing } from './align-sections.js';
import { adopt, adoptedAlignment } from './adopt.js';
import { readPins } from './pins.js';
import { upgradePins } from './pin-hash.js';
import type { Alignment, SourcePins } from './types.js';

const KEYS = ['title', 'description'];
const parse = (text: string) => parseDocument(text, { frontmatterKeys: KEYS });

const HEADINGS = ['Care', 'Lacing', 'Storage', 'Mind your eyelets', '2024', '10', 'Data we keep', 'Cookies'];

interface Part {
  heading: string;
  level: number;
  number: number;
  link: boolean;
  code: boolean;
}

const part = fc.record({
  heading: fc.constantFrom(...HEADINGS),
  level: fc.integer({ min: 1, max: 4 }),
  number: fc.integer({ min: 0, max: 30 }),
  link: fc.boolean(),
  code: fc.boolean(),
});

function english(intro: boolean, title: boolean, parts: readonly Part[]): string {
  const front = title ? '---\ntitle: Policy\ndescription: What we keep\n---\n' : '';
  const body = parts.map((p, k) => {
    const link = p.link ? ` See [the next part](#${slug(parts[(k + 1) % parts.length]!.heading)}).` : '';
    const code = p.code ? `\n\n\`\`\`\nrule-${p.number}\n\`\`\`` : '';
    return `${'#'.repeat(p.level)} ${p.heading}\n\nWe keep it ${p.number} days.${link}${code}\n`;
  });
  return front + (intro ? 'An introduction in English.\n\n' : '') + body.join('\n');
}

function slug(heading: string): string {
  return heading.toLowerCase().replace(/\s+/g, '-');
}

type Edit = 'keep' | 'translate' | 'drop' | 'extra' | 'relevel' | 'renumber';

/** A translation of `parts`: headings translated or kept, sections dropped, added, moved one step, re-levelled or with other numbers. */
function translation(intro: boolean, title: boolean, bom: boolean, parts: readonly Part[], edits: readonly Edit[], swap: number): string {
  const out: string[] = [];
  parts.forEach((p, k) => {
    const edit = edits[k % edits.length]!;
    if (edit === 'drop') return;
    const heading = edit === 'keep' ? p.heading : `Titre ${p.heading.length}`;
    const level = edit === 'relevel' ? (p.level % 4) + 1 : p.level;
    const number = edit === 'renumber' ? p.number + 100 : p.number;
    const link = p.link ? ` Voir [la suite](#${slug(parts[(k + 1) % parts.length]!.heading)}).` : '';
    const code = p.code ? `\n\n\`\`\`\nrule-${p.number}\n\`\`\`` : '';
    out.push(`${'#'.repeat(level)} ${heading}\n\nNous le gardons ${number} jours.${link}${code}\n`);
    if (edit === 'extra') out.push(`## Note du traducteur\n\nRien à ajouter ${k}.\n`);
  });
  if (swap > 0 && swap < out.length) [out[swap - 1], out[swap]] = [out[swap]!, out[swap - 1]!];
  const front = title ? '---\ntitle: Politique\n---\n' : '';
  return (bom ? '\ufeff' : '') + front + (intro ? 'Une introduction.\n\n' : '') + out.join('\n');
}

/** What coverage compares: the pairs and the translated sections left unaligned. */
function pairsOf(alignment: Alignment | Pairing) {
  return {
    pairs: alignment.pairs.map(({ sourceId, translationIndex, translationId }) => ({ sourceId, translationIndex, translationId })),
    unalignedTranslation: alignment.unalignedTranslation,
  };
}

/** Adopt `fr` against `en` as status does before init, then both ways of aligning the text adoption wrote. */
function bothWays(en: string, fr: string) {
  const source = parse(en);
  const adopted = adopt(en, fr, { sourceCommit: 'c1', frontmatterKeys: KEYS });
  const earlier = adoptedAlignment(adopted.text);
  const translated = parse(adopted.text);
  const pins = upgradePins(readPins(adopted.text), source);
  return {
    earlier,
    expected: pairsOf(alignDocument(source, translated, pins)),
    got: earlier ? pairingFromEarlier(source, earlier, translated, pins) : null,
    source,
    translated,
    pins,
    adopted,
  };
}

describe('pairingFromEarlier', () => {
  it('gives the pairs alignDocument finds for the text adoption wrote, on generated translations', () => {
    const seen = { answered: 0, declined: 0, unaligned: 0, structural: 0 };
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.array(part, { minLength: 1, maxLength: 9 }),
        fc.array(fc.constantFrom<Edit>('keep', 'translate', 'translate', 'drop', 'extra', 'relevel', 'renumber'), { minLength: 1, maxLength: 9 }),
        fc.integer({ min: 0, max: 9 }),
        (introEn, introFr, title, bom, parts, edits, swap) => {
          const { earlier, expected, got, adopted } = bothWays(english(introEn, title, parts), translation(introFr, title, bom, parts, edits, swap));
          expect(earlier, 'adopt remembers every translation it pins from none').toBeDefined();
          if (got === null) {
            seen.declined++;
            return;
          }
          seen.answered++;
          if (expected.unalignedTranslation.length > 0) seen.unaligned++;
          if (adopted.alignment.pairs.some((pair) => pair.method === 'structure' || pair.method === 'landmark')) seen.structural++;
          expect(pairsOf(got)).toEqual(expected);
        },
      ),
      { numRuns: 1500 },
    );
    // The fast path is taken in most cases, including ones where adoption left sections
    // unaligned and ones aligned by structure (the cases its proof is about).
    expect(seen.answered).toBeGreaterThan(seen.declined);
    expect(seen.unaligned).toBeGreaterThan(20);
    expect(seen.structural).toBeGreaterThan(20);
  });

  it('gives the pairs alignDocument finds on the seeds', async () => {
    const { readFileSync } = await import('node:fs');
    const seed = (path: string) => readFileSync(new URL(`../../../locales/${path}`, import.meta.url), 'utf8');
    const en = seed('en/your-data.md');
    for (const fr of [seed('fr/your-data.md'), seed('nl/your-data.md')]) {
      const unpinned = fr.replace(/^i18n:\n(?: {2}.*\n)+/m, '');
      const { got, expected } = bothWays(en, unpinned);
      expect(got).not.toBeNull();
      expect(pairsOf(got!)).toEqual(expected);
    }
  });

  it('declines when the pins are not exactly the earlier pairs in translation order', () => {
    const en = '# A\n\nOne 1.\n\n# B\n\nTwo 2.\n\n# C\n\nThree 3.\n';
    const fr = '# Un\n\nUn 1.\n\n# Deux\n\nDeux 2.\n\n# Trois\n\nTrois 3.\n';
    const { earlier, source, translated, pins } = bothWays(en, fr);
    expect(pairingFromEarlier(source, earlier!, translated, pins)).not.toBeNull();
    const reordered = { commit: pins!.commit, sections: { b: pins!.sections['b']!, a: pins!.sections['a']!, c: pins!.sections['c']! } };
    expect(pairingFromEarlier(source, earlier!, translated, reordered)).toBeNull();
    const fewer = { commit: pins!.commit, sections: { a: pins!.sections['a']!, b: pins!.sections['b']! } };
    expect(pairingFromEarlier(source, earlier!, translated, fewer)).toBeNull();
    const more = { commit: pins!.commit, sections: { ...pins!.sections, d: 'x' } };
    expect(pairingFromEarlier(source, earlier!, translated, more)).toBeNull();
    expect(pairingFromEarlier(source, earlier!, translated, null)).toBeNull();
  });

  it('declines for another body, a marker, or an English with a repeated id', () => {
    const en = '# A\n\nOne 1.\n\n# B\n\nTwo 2.\n';
    const fr = '# Un\n\nUn 1.\n\n# Deux\n\nDeux 2.\n';
    const { earlier, source, translated, pins } = bothWays(en, fr);
    const other = (text: string): ParsedDocument => parse(text);
    expect(pairingFromEarlier(source, earlier!, other('# Un\n\nUn 1.\n\n# Deux\n\nDeux 3.\n'), pins)).toBeNull();
    expect(pairingFromEarlier(source, earlier!, other('# Un\n\nUn 1.\n'), pins)).toBeNull();
    const marked = '# Un\n\nUn 1.\n\n# Deux\n<!-- i18n-drift:stale section="b" since="c1" -->\n\nDeux 2.\n';
    const withMarker = bothWays(en, marked);
    expect(withMarker.got).toBeNull();
    // Parsed ids are unique; a document built by hand need not be.
    expect(pairingFromEarlier({ ...source, sections: [...source.sections, source.sections[0]!] }, earlier!, translated, pins)).toBeNull();
  });
});

describe('alignDocument with what it reads off sections remembered', () => {
  it('aligns an English parse shared by several translations as a fresh module aligns fresh copies of both (generated)', async () => {
    // A module loaded anew remembers nothing: the reference aligns as if each call were the first.
    const fresh = async (): Promise<typeof alignDocument> => {
      vi.resetModules();
      return (await import('./align-sections.js')).alignDocument;
    };
    const cases: [ParsedDocument, ParsedDocument, SourcePins | null, Alignment][] = [];
    const edits = fc.array(fc.constantFrom<Edit>('keep', 'translate', 'translate', 'drop', 'extra', 'relevel', 'renumber'), { minLength: 1, maxLength: 9 });
    let structural = 0;
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.array(part, { minLength: 1, maxLength: 9 }), fc.array(fc.tuple(fc.boolean(), edits, fc.integer({ min: 0, max: 9 })), { minLength: 2, maxLength: 4 }), (introEn, title, parts, locales) => {
        const en = english(introEn, title, parts);
        // One parse of the English for every locale, as a status or sync run shares it.
        const source = parse(en);
        for (const [introFr, localeEdits, swap] of locales) {
          const fr = translation(introFr, title, false, parts, localeEdits, swap);
          const translated = parse(fr);
          const adopted = adopt(en, fr, { sourceCommit: 'c1', frontmatterKeys: KEYS });
          const pins = upgradePins(readPins(adopted.text), source);
          for (const [tr, p] of [[translated, null], [parse(adopted.text), pins]] as const) {
            const shared = alignDocument(source, tr, p);
            if (shared.pairs.some((pair) => pair.method === 'structure' || pair.method === 'landmark')) structural++;
            cases.push([source, tr, p, shared]);
          }
        }
      }),
      { numRuns: 150 },
    );
    expect(structural).toBeGreaterThan(30);
    for (const [source, tr, p, shared] of cases) expect(shared).toEqual((await fresh())(structuredClone(source), structuredClone(tr), p));
  });
});
