// Property tests (fast-check) over generated Markdown with the constructs real
// policies have: ATX/setext headings, fences with `#` inside, lists indented every
// which way, `<Note>` blocks, broken headings, CRLF, BOM, trailing spaces, no final newline.
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { contentHash, countWords, diffDocuments, normaliseMarkdown, parseDocument, type ParsedDocument } from './index.js';

const word = fc.constantFrom('data', 'Visitor', 'privacy', 'données', '6', 'months', '**bold**', '[link](#x)', '`code`', '#', '{#id}', '<b>', 'émigré', 'Intro', '*star*', '[ref][d]', '[d]', 'snake_case', '[site](https://example.org/d)');
const words = fc.array(word, { minLength: 1, maxLength: 6 }).map((ws) => ws.join(' '));
const indent = fc.constantFrom('', ' ', '  ', '   ', '    ', '\t');
const trailing = fc.constantFrom('', '', '', ' ', '  ', '\t');

const line = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 7 }), words, fc.boolean()).map(([n, t, closing]) => `${'#'.repeat(n)} ${t}${closing ? ' ##' : ''}`),
  fc.tuple(indent, words).map(([i, t]) => `${i}##${t}`),
  words.map((t) => `$#### ${t}`),
  fc.constantFrom('===', '---', '-', '***', '```', '```md', '~~~', '````', '<Note>', '</Note>', '>', '> # quoted', '', '', '', ''),
  fc.tuple(indent, fc.constantFrom('-', '*', '+', '1.', '2)'), fc.constantFrom(' ', '   '), words).map(([i, m, s, t]) => `${i}${m}${s}${t}`),
  fc.tuple(indent, words).map(([i, t]) => `${i}${t}`),
  fc.constantFrom('[d]: https://example.org/d', '[d]: <https://example.org/d> "T"', '[e]: https://example.org/e'),
);

const frontmatter = fc.option(fc.record({ title: words, description: fc.option(words), order: fc.integer() }));

const documentArbitrary = fc
  .record({
    bom: fc.boolean(),
    frontmatter,
    lines: fc.array(fc.tuple(line, trailing), { maxLength: 40 }),
    crlf: fc.constantFrom('none', 'all', 'mixed'),
    finalNewline: fc.boolean(),
  })
  .map(({ bom, frontmatter, lines, crlf, finalNewline }) => {
    const all: string[] = [];
    if (frontmatter) {
      all.push('---', `title: ${JSON.stringify(frontmatter.title)}`);
      if (frontmatter.description !== null) all.push(`description: ${JSON.stringify(frontmatter.description)}`);
      all.push(`order: ${frontmatter.order}`, '---');
    }
    all.push(...lines.map(([text, spaces]) => text + spaces));
    let text = '';
    all.forEach((l, k) => {
      const last = k === all.length - 1;
      const eol = crlf === 'all' || (crlf === 'mixed' && k % 3 === 1) ? '\r\n' : '\n';
      text += l + (last && !finalNewline ? '' : eol);
    });
    // A body starting with `---` would open a frontmatter that is never closed (a FrontmatterError, tested elsewhere).
    if (!frontmatter && text.startsWith('---')) text = `Text\n${text}`;
    return (bom ? '\uFEFF' : '') + text;
  });

/** The document's definitions as markdown-it collects them. */
const references = (text: string) => {
  const env: { references?: Record<string, { href: string; title: string }> } = {};
  new MarkdownIt('commonmark').parse(text.slice(parseDocument(text).frontmatter.raw.length), env);
  return env.references ?? {};
};
const rejoin = (doc: ParsedDocument) => doc.frontmatter.raw + doc.sections.map((s) => s.raw).join('');
const shape = (doc: ParsedDocument) => doc.sections.map((s) => [s.id, s.level, s.heading, s.hash, s.bodyHash, s.words]);

describe('parseDocument properties', () => {
  it('is lossless, contiguous and line-accurate', () => {
    fc.assert(
      fc.property(documentArbitrary, (text) => {
        const doc = parseDocument(text);
        expect(rejoin(doc)).toBe(text);
        let offset = doc.frontmatter.raw.length;
        doc.sections.forEach((section, k) => {
          expect(section.start).toBe(offset);
          expect(text.slice(section.start, section.end)).toBe(section.raw);
          expect(section.raw.length).toBeGreaterThan(0);
          offset = section.end;
          // a section starts at a line start, and `line` counts the line breaks before it
          const before = text.slice(0, section.start);
          expect(before === '' || before === '\uFEFF' || /[\r\n]$/.test(before)).toBe(true);
          expect(section.line).toBe((before.match(/\r\n|\r|\n/g)?.length ?? 0) + 1);
          expect(section.kind === 'intro').toBe(k === 0 && section.id === 'intro');
          // Reference links resolve against the whole document's definitions.
          expect(section.hash).toBe(contentHash(normaliseMarkdown(section.raw, references(text))));
          expect(section.words).toBe(countWords(normaliseMarkdown(section.raw, references(text))));
        });
        expect(offset).toBe(text.length);
        expect(new Set(doc.sections.map((s) => s.id)).size).toBe(doc.sections.length);
        for (const warning of doc.warnings) expect(warning.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 400 },
    );
  });

  it('keeps ids and hashes when only line endings or trailing spaces change', () => {
    fc.assert(
      fc.property(documentArbitrary, (text) => {
        const base = shape(parseDocument(text));
        expect(shape(parseDocument(text.replace(/\r\n/g, '\n')))).toEqual(base);
        expect(shape(parseDocument(text.replace(/\r?\n/g, '\r\n')))).toEqual(base);
        const { frontmatter } = parseDocument(text);
        const body = text.slice(frontmatter.raw.length).replace(/(\r?\n)/g, '  $1');
        expect(shape(parseDocument(frontmatter.raw + body))).toEqual(base);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps ids and hashes when emphasis is written with _ instead of * (a parse, not bytes)', () => {
    fc.assert(
      fc.property(documentArbitrary, (text) => {
        // Inside fenced code the bytes are the content.
        fc.pre(!/```|~~~/.test(text));
        const underscored = text.replace(/\*\*bold\*\*/g, '__bold__').replace(/\*star\*/g, '_star_');
        expect(shape(parseDocument(underscored))).toEqual(shape(parseDocument(text)));
      }),
      { numRuns: 300 },
    );
  });

  it('normalises idempotently', () => {
    fc.assert(
      fc.property(documentArbitrary, (text) => {
        const once = normaliseMarkdown(text);
        expect(normaliseMarkdown(once)).toBe(once);
      }),
      { numRuns: 300 },
    );
  });
});

describe('diffDocuments properties', () => {
  it('lists every section of both versions exactly once', () => {
    fc.assert(
      fc.property(documentArbitrary, documentArbitrary, (oldText, newText) => {
        const before = parseDocument(oldText);
        const after = parseDocument(newText);
        const changes = diffDocuments(oldText, newText);
        const olds = changes.flatMap((c) => (c.old && c.old.kind !== 'frontmatter' ? [c.old.start] : []));
        const news = changes.flatMap((c) => (c.new && c.new.kind !== 'frontmatter' ? [c.new.start] : []));
        expect(olds.sort((a, b) => a - b)).toEqual(before.sections.map((s) => s.start));
        expect(news).toEqual(after.sections.map((s) => s.start));
        for (const change of changes) {
          expect(change.words !== null).toBe(change.kind === 'modified' || change.kind === 'renamed');
          if (change.kind === 'added') expect(change.old).toBeNull();
          if (change.kind === 'removed') expect(change.new).toBeNull();
        }
        expect(diffDocuments(newText, newText).every((c) => c.kind === 'unchanged')).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
