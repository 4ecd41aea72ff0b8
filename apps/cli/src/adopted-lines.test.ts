import { describe, expect, it } from 'vitest';
import { adopt, insertMarker } from '@i18n-drift/core';
import { parseDocument } from '@i18n-drift/sections';
import { originalLine } from './adopted-lines.js';

describe('originalLine', () => {
  const english = '# Guide\n\nHow to lace.\n\n## Washing\n\nWash at 40 degrees.\n';
  const original = '# Guide\n\nVoir [ici](#nulle-part).\n\n## Lavage\n\nLaver à 30 degrés.\n';

  it('takes a line of the text adopted in memory (pins and a marker inserted) back to the file', () => {
    const pinned = adopt(english, original, { sourceCommit: 'c1' }).text;
    const parsed = parseDocument(pinned);
    const adopted = insertMarker(pinned, parsed, { kind: 'stale', section: 'washing', since: 'c2' }, parsed.sections.find((s) => s.heading === 'Lavage'));
    const lines = adopted.split('\n');
    const at = (text: string) => lines.indexOf(text) + 1;
    expect(at('Voir [ici](#nulle-part).')).toBeGreaterThan(3);
    expect(originalLine(original, adopted, at('Voir [ici](#nulle-part).'))).toBe(3);
    expect(originalLine(original, adopted, at('## Lavage'))).toBe(5);
    // The marker, which is not in the file, points at its heading.
    expect(originalLine(original, adopted, lines.findIndex((l) => l.startsWith('<!-- i18n-drift:stale')) + 1)).toBe(5);
    expect(originalLine(original, adopted, at('Laver à 30 degrés.'))).toBe(7);
    // The pins block, inserted before the first line, points at line 1.
    expect(originalLine(original, adopted, 2)).toBe(1);
  });

  it('keeps lines of a text adopted unchanged, and "no line" (0)', () => {
    expect(originalLine(original, original, 3)).toBe(3);
    expect(originalLine(original, `---\ni18n: {}\n---\n${original}`, 0)).toBe(0);
  });

  it('reads CR-only and CRLF files by their own lines', () => {
    const cr = original.replace(/\n/g, '\r');
    const adopted = adopt(english, cr, { sourceCommit: 'c1' }).text;
    expect(originalLine(cr, adopted, adopted.split('\r').indexOf('## Lavage') + 1)).toBe(5);
  });
});
