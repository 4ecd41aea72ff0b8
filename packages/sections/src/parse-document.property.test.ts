// Property tests (fast-check) over generated Markdown with the constructs real
// policies have: ATX/setext headings, fences with `#` inside, lists indented every
// which way, `<Note>` blocks, broken headings, CRLF, BOM, trailing spaces, no final newline.
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { contentHash, countWords, diffDocuments, normaliseMarkdown, parseDocument, type ParsedDocument } from './index.js';
import { normaliseWithState } from './normalise-markdown.js';

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

const commonmark = new MarkdownIt('commonmark');

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

  it('gives a section repeated from another document (forms are remembered by text) what its own parse gives', () => {
    // Sections shared by documents with and without definitions for their reference links,
    // as a translation partly left in English shares them with its source.
    const sectionText = fc
      .tuple(fc.constantFrom('#', '##', '###'), words, fc.array(fc.tuple(line, trailing), { maxLength: 8 }))
      .map(([marks, title, body]) => `${marks} ${title}\n${body.map(([l, t]) => l + t + '\n').join('')}`);
    const definitions = fc.constantFrom('', '## Links\n\n[d]: https://example.org/other\n', '[d]: <https://example.org/d> "T"\n\n');
    const corpus = fc.tuple(
      fc.array(sectionText, { minLength: 1, maxLength: 6 }),
      fc.array(fc.tuple(fc.option(fc.constantFrom('Our _data_', 'Our *data*', 'Données', 'A [ref][d]')), definitions, fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), definitions), { minLength: 2, maxLength: 6 }),
    );
    fc.assert(
      fc.property(corpus, ([pool, documents]) => {
        for (const [title, before, picks, after] of documents) {
          const frontmatter = title === null ? '' : `---\ntitle: ${JSON.stringify(title)}\n---\n`;
          const text = frontmatter + before + picks.map((k) => pool[k % pool.length]).join('') + after;
          const { fields } = parseDocument(text);
          expect(fields.length).toBe(title === null ? 0 : 1);
          for (const field of fields) {
            const value = normaliseWithState(field.value);
            expect([field.hash, field.words, field.legacyHash]).toStrictEqual([contentHash(value.text), countWords(value.text), value.legacy === undefined ? undefined : contentHash(value.legacy)]);
          }
          const refs = references(text);
          // Where each top-level heading's lines end (setext headings take two), by markdown-it.
          const body = text.slice(frontmatter.length);
          const bodyLine = frontmatter === '' ? 0 : 3;
          const headingEnds = new Map(
            commonmark
              .parse(body, {})
              .filter((token) => token.type === 'heading_open' && token.level === 0)
              .map((token) => [token.map![0] + 1 + bodyLine, token.map![1] + 1 + bodyLine]),
          );
          for (const section of parseDocument(text).sections) {
            const normalised = normaliseWithState(section.raw, refs);
            const headLines = section.kind === 'intro' ? 0 : headingEnds.get(section.line)! - section.line;
            let headLength = 0;
            for (let k = 0; k < headLines && headLength < section.raw.length; k++) headLength = section.raw.indexOf('\n', headLength) + 1 || section.raw.length;
            expect(section.hash).toBe(contentHash(normalised.text));
            expect(section.bodyHash).toBe(contentHash(normaliseMarkdown(section.raw.slice(headLength), refs)));
            expect(section.words).toBe(countWords(normalised.text));
            expect(section.legacyHash).toBe(normalised.legacy !== undefined && normalised.legacy !== normalised.text ? contentHash(normalised.legacy) : undefined);
          }
        }
      }),
      { numRuns: 120 },
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
