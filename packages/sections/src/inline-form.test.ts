import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalInline, canonicalInlineByParse, inlinePlainText, simpleCanonicalInline } from './inline-form.js';
import { parseInline, plainText, type LinkReferences } from './markdown-parser.js';
import { normaliseMarkdown } from './normalise-markdown.js';
import { seedDocumentTexts } from './test-seed-documents.js';

const LINE_PREFIX = /^(?:>+ )?(?:#{1,6} |- |\d{1,9}\. )?/;
const references: LinkReferences = { d: { href: 'https://example.com/d', title: '' }, 'a b': { href: '/ab', title: 'T' } };

/** The fast path, when it answers, must be what the inline parse gives, with or without reference definitions. */
function expectSameAsParse(line: string): boolean {
  const prefix = LINE_PREFIX.exec(line)![0];
  const simple = simpleCanonicalInline(line, prefix.length);
  if (simple === undefined) return false;
  expect(simple).toBe(canonicalInlineByParse(line, prefix, {}));
  expect(simple).toBe(canonicalInlineByParse(line, prefix, references));
  return true;
}

// Pieces that make markdown-it's inline rules fire, or nearly fire.
const piece = fc.constantFrom(
  'a', 'word', 'é', '1', ' ', '_', '__', '*', '**', '[', ']', '(', ')', '![', '](', '!', '\\', '\\_', '`', '<', '>', '&amp;', '&', ':', '/', '#', '"',
  "'", '-', '.', ',', '%20', '%', '~', '\t', 'http://x.y/p_q', 'javascript:alert(1)', 'data:image/png;base64,AA', 'DATA:text/html,x', 'é_b', 'a_b', '_a_',
  '[d]', '[a b]', '(/p)', '(<x y>)', '( /p )', '(/p "t")', 'ü', '\u00a0', '\u3000', '😀', ')_', '_(', '<https://x.y>', '<b>',
);
const lines = fc.tuple(fc.constantFrom('', '- ', '1. ', '## ', '> ', '>> - '), fc.array(piece, { maxLength: 24 })).map(([prefix, pieces]) => prefix + pieces.join(''));
// Lines the fast path is meant for: text with links and images whose parts vary.
const linkish = fc
  .array(
    fc.oneof(
      fc.constantFrom('plain text ', 'snake_case ', 'x_1 ', 'é ', '! ', '] ', ') ', '(', ': '),
      fc.tuple(fc.constantFrom('[', '!['), fc.constantFrom('', 'text', 'a_b', 'ünï', '_x', 'x_', 'a b', 'a*b'), fc.constantFrom('/p', 'https://x.y/a_b?c=1&d=2', 'p q', 'ä/ö', '#x', 'mailto:A@B.C', 'javascript:x', '%zz', 'a&amp;b', 'a\\)b', '<x>', ''))
        .map(([open, text, to]) => `${open}${text}](${to})`),
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join('').trim());

describe('simpleCanonicalInline (the fast path of canonicalInline)', () => {
  it('gives what the inline parse gives on generated lines whenever it answers', () => {
    fc.assert(fc.property(lines, (line) => void expectSameAsParse(line)), { numRuns: 3000 });
  });

  it('gives what the inline parse gives on generated lines of star emphasis, entities, links and in-word underscores', () => {
    const starry = fc
      .array(fc.constantFrom('*', '**', '***', ' ', 'a', 'b_c', '&amp;', '&ouml;', '&#91;', '&#x5D;', '&nope;', '&', '[x](/y)', '[*x*](/y)', '![a*](i.png)', '[a', '](', ')', '!', 'é', '.', '_', '\\*'), { maxLength: 20 })
      .map((pieces) => pieces.join(''));
    let answered = 0;
    fc.assert(fc.property(starry, (line) => void (expectSameAsParse(line) && answered++)), { numRuns: 4000 });
    expect(answered).toBeGreaterThan(400);
  });

  it('gives what the inline parse gives on generated lines of links and images, and answers for most of them', () => {
    let answered = 0;
    let total = 0;
    fc.assert(
      fc.property(linkish, (line) => {
        total++;
        if (expectSameAsParse(line)) answered++;
      }),
      { numRuns: 2000 },
    );
    expect(answered / total).toBeGreaterThan(0.1);
  });

  it('gives what the inline parse gives on every normalised line of the fixtures and seed documents', () => {
    let answered = 0;
    for (const text of seedDocumentTexts()) {
      for (const line of normaliseMarkdown(text).split('\n')) if (expectSameAsParse(line)) answered++;
    }
    expect(answered).toBeGreaterThan(100);
  });

  it('answers for plain text, in-word underscores and plain inline links and images', () => {
    expect(simpleCanonicalInline('- see [the list](https://example.com/a_b) and ![a map](map.png)', 2)).toBe('- see [the list](https://example.com/a_b) and ![a map](map.png)');
    expect(simpleCanonicalInline('[Köln](/städte/köln)', 0)).toBe('[Köln](/st%C3%A4dte/k%C3%B6ln)');
    expect(simpleCanonicalInline('[x](/a&amp;b)', 0)).toBe('[x](/a&b)');
    expect(simpleCanonicalInline('use snake_case here', 0)).toBe('use snake_case here');
    // `*` emphasis and entities are written back as they stand.
    expect(simpleCanonicalInline('That felt **real good**, thanks to [*all* our patrons](/patrons) in K&ouml;ln ***', 0)).toBe(
      'That felt **real good**, thanks to [*all* our patrons](/patrons) in K&ouml;ln ***',
    );
    expect(simpleCanonicalInline('[a](/x?a=1&amp;b=2)', 0)).toBe('[a](/x?a=1&b=2)');
  });

  it('leaves everything else to the parse', () => {
    for (const line of ['_em_', 'a `c`', '[r][d]', '[t](/p "title")', '[t](<a b>)', '[x]()', 'a\\_b', 'a \\*b*', '<b>x</b>', '<https://x.y>', '[a [b]](c)', '[j](javascript:x)', 'a_ b']) {
      expect(simpleCanonicalInline(line, 0), line).toBeUndefined();
    }
  });

  it('is what canonicalInline returns', () => {
    fc.assert(
      fc.property(lines, (line) => {
        expect(canonicalInline(line, references)).toBe(canonicalInlineByParse(line, LINE_PREFIX.exec(line)![0], references));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('inlinePlainText', () => {
  it('is plainText(parseInline(text)) on generated texts', () => {
    const texts = fc.array(fc.oneof(piece, fc.constantFrom('\n', 'a\nb', '  \n')), { maxLength: 16 }).map((pieces) => pieces.join(''));
    fc.assert(fc.property(texts, (text) => void expect(inlinePlainText(text)).toBe(plainText(parseInline(text)))), { numRuns: 3000 });
  });
});
