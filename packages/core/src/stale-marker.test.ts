import { describe, expect, it } from 'vitest';
import { outdent } from 'outdent';
import { parseDocument } from '@i18n-drift/sections';
import { findMarkers, formatMarker, headingLength, insertMarker, parseMarkerLine, placeMarkers, removeMarkers } from './stale-marker.js';

describe('formatMarker / parseMarkerLine', () => {
  it('writes the exact one-line comment, since optional', () => {
    expect(formatMarker({ kind: 'stale', section: 'visitor-data', since: 'abc' })).toBe('<!-- i18n-drift:stale section="visitor-data" since="abc" -->');
    expect(formatMarker({ kind: 'missing', section: 'new-id', since: null })).toBe('<!-- i18n-drift:missing section="new-id" -->');
  });

  it('round-trips, escaping quotes', () => {
    const spec = { kind: 'stale' as const, section: 'a"b&c', since: 'x' };
    expect(parseMarkerLine(formatMarker(spec))).toEqual(spec);
    expect(parseMarkerLine('<!-- something else -->')).toBeNull();
    expect(parseMarkerLine('  <!--i18n-drift:missing section="x"-->\r\n')).toEqual({ kind: 'missing', section: 'x', since: null });
  });
});

describe('findMarkers', () => {
  it('finds markers with lines, ignoring fenced code', () => {
    const text = outdent`
      # A
      <!-- i18n-drift:stale section="a" since="s1" -->

      \`\`\`md
      <!-- i18n-drift:stale section="example" -->
      \`\`\`
      ## B
      <!-- i18n-drift:missing section="b" -->
    `;
    expect(findMarkers(text)).toEqual([
      { kind: 'stale', section: 'a', since: 's1', line: 2 },
      { kind: 'missing', section: 'b', since: null, line: 8 },
    ]);
  });
});

describe('insertMarker / removeMarkers', () => {
  const text = outdent`
    ---
    title: T
    ---

    Intro.

    ## Visitor data

    Body.

    Setext
    ------
    Text
  ` + '\n';
  const doc = parseDocument(text);

  it('puts a heading marker on the line right after the heading', () => {
    const out = insertMarker(text, doc, { kind: 'stale', section: 'visitor-data', since: 's' });
    expect(out).toContain('## Visitor data\n<!-- i18n-drift:stale section="visitor-data" since="s" -->\n\nBody.');
    expect(insertMarker(out, parseDocument(out), { kind: 'stale', section: 'visitor-data', since: 'other' })).toBe(out);
    expect(removeMarkers(out)).toBe(text);
  });

  it('puts a setext heading marker after the underline', () => {
    const out = insertMarker(text, doc, { kind: 'stale', section: 'setext', since: null });
    expect(out).toContain('Setext\n------\n<!-- i18n-drift:stale section="setext" -->\nText');
  });

  it('puts intro and frontmatter markers at the very start of the body, stacking in order', () => {
    let out = insertMarker(text, doc, { kind: 'stale', section: 'frontmatter.title', since: null });
    out = insertMarker(out, parseDocument(out), { kind: 'stale', section: 'intro', since: null });
    expect(out).toContain('---\n<!-- i18n-drift:stale section="frontmatter.title" -->\n<!-- i18n-drift:stale section="intro" -->\n\nIntro.');
    const placed = placeMarkers(parseDocument(out));
    expect(placed.bodyStart.map((m) => m.section)).toEqual(['frontmatter.title', 'intro']);
    expect(removeMarkers(out, (m) => m.section !== 'intro')).toBe(insertMarker(text, doc, { kind: 'stale', section: 'frontmatter.title', since: null }));
  });

  it('measures ATX and setext headings', () => {
    const sections = doc.sections;
    expect(headingLength(sections.find((s) => s.id === 'visitor-data')!)).toBe('## Visitor data\n'.length);
    expect(headingLength(sections.find((s) => s.id === 'setext')!)).toBe('Setext\n------\n'.length);
    expect(headingLength(sections[0]!)).toBe(0);
  });
});

describe('CR-only line endings', () => {
  it('puts the marker on its own CR line under the heading, and finds it again (no duplicate)', () => {
    const text = '# Title\r\rIntro.\r\r## Part\r\rText.\r';
    const doc = parseDocument(text);
    const marked = insertMarker(text, doc, { kind: 'stale', section: 'part', since: 'abc1234' });
    expect(marked).toBe('# Title\r\rIntro.\r\r## Part\r<!-- i18n-drift:stale section="part" since="abc1234" -->\r\rText.\r');
    expect(findMarkers(marked).map((m) => [m.section, m.line])).toEqual([['part', 6]]);
    expect(insertMarker(marked, parseDocument(marked), { kind: 'stale', section: 'part', since: 'def5678' })).toBe(marked);
  });
});
