import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '@i18n-drift/sections';
import { applySourceChange } from './apply-source-change.js';
import { parseConfig } from './config.js';
import { coverage } from './coverage.js';
import { findMarkers } from './stale-marker.js';
import { readPins, writePins } from './pins.js';
import { resolve } from './resolve.js';
import { unitById, unitsById } from './pin-hash.js';

const config = parseConfig({ locales: ['fr'] });
const english = '## Date\n\n_This policy was last updated in July 2017._\n\n## Contact\n\nWrite to [us][mail].\n\n[mail]: mailto:privacy@example.org\n';
const french = '## Date\n\n_Cette politique a été mise à jour en juillet 2017._\n\n## Contact\n\nÉcrivez-[nous][mail].\n\n[mail]: mailto:privacy@example.org\n';

/** The French pinned as a release before this one would have pinned it: with the hashes of the earlier form. */
function pinnedBefore(): string {
  const doc = parseDocument(english);
  for (const section of doc.sections) expect(section.legacyHash).toBeDefined();
  return writePins(french, { commit: 'c1', sections: Object.fromEntries(doc.sections.map((s) => [s.id, s.legacyHash!])) });
}

describe('pins written before inline markup was compared by its parse', () => {
  it('read as current in coverage', () => {
    const report = coverage({ files: { 'locales/en/a.md': english, 'locales/fr/a.md': pinnedBefore() } }, config);
    expect(report.documents[0]!.translations[0]!.sections.map((s) => `${s.id}:${s.state}`)).toEqual(['date:current', 'contact:current']);
  });

  it('are carried to the new hash by the next sync, marking nothing stale', () => {
    const edited = english.replace('Write to', 'Please write to');
    const out = applySourceChange(english, edited, pinnedBefore(), { sourceCommit: 'c2' }).text;
    // Only the contact section changed in English: the date section is not marked.
    expect(findMarkers(out).map((m) => m.section)).toEqual(['contact']);
    const pins = readPins(out)!;
    const now = parseDocument(edited);
    expect(pins.sections['date']).toBe(now.sections.find((s) => s.id === 'date')!.hash);
    expect(pins.sections['contact']).toBe(parseDocument(english).sections.find((s) => s.id === 'contact')!.hash);
  });

  it('resolve leaves them alone (nothing to re-pin: the same English)', () => {
    const text = pinnedBefore();
    expect(resolve(english, text).resolved).toEqual([]);
  });
});

describe('an English edit that only writes the same markup another way', () => {
  it('marks nothing stale and re-pins silently (emphasis, strong, reference vs inline link)', () => {
    const current = writePins(french, { commit: 'c1', sections: Object.fromEntries(parseDocument(english).sections.map((s) => [s.id, s.hash])) });
    const rewritten = english.replace('_This policy was last updated in July 2017._', '*This policy was last updated in July 2017.*').replace('[us][mail]', '[us](mailto:privacy@example.org)').replace('\n[mail]: mailto:privacy@example.org\n', '');
    const { text, changes } = applySourceChange(english, rewritten, current, { sourceCommit: 'c2' });
    expect(findMarkers(text)).toEqual([]);
    expect(changes.filter((c) => c.state === 'stale')).toEqual([]);
    expect(readPins(text)!.commit).toBe('c2');
  });
});

describe('unitsById', () => {
  it('finds for every id the unit unitById finds, with ids repeated across fields and sections (generated)', () => {
    const heading = fc.constantFrom('Date', 'Contact', 'Date {#contact}', 'X {#frontmatter.title}', 'Y {#intro}', 'Contact {#date-1}', 'Date');
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.array(fc.tuple(fc.integer({ min: 1, max: 3 }), heading), { maxLength: 8 }), (title, intro, parts) => {
        const text = (title ? '---\ntitle: T\ndescription: D\n---\n' : '') + (intro ? 'Intro.\n\n' : '') + parts.map(([level, h]) => `${'#'.repeat(level)} ${h}\n\nText.\n`).join('\n');
        const doc = parseDocument(text);
        const unitOf = unitsById(doc);
        const ids = [...doc.fields, ...doc.sections].map((unit) => unit.id);
        for (const id of [...ids, 'absent', 'frontmatter.description', '__proto__']) expect(unitOf(id)).toBe(unitById(doc, id));
      }),
      { numRuns: 1500 },
    );
  });
});
