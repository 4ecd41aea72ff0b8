import fc from 'fast-check';
import { outdent } from 'outdent';
import { describe, expect, it } from 'vitest';
import { lineStarts } from './line-starts.js';
import { parseBlocks, type Token } from './markdown-parser.js';

const view = (tokens: Token[]) => tokens.map((t) => [t.type, t.map, t.level, t.type === 'inline' ? t.content : t.markup]);
const collect = (body: string, size: number) => {
  const tokens: Token[] = [];
  parseBlocks(body, lineStarts(body), (chunk) => tokens.push(...chunk), size);
  return view(tokens);
};
const whole = (body: string) => collect(body, Infinity);
const chunked = (body: string, size: number) => collect(body, size);

const block = fc.constantFrom(
  '# Title',
  '## Section',
  '##### Visitor data',
  'A paragraph\nwrapped.',
  '-   item\n\n    # heading in the item',
  '<Note>',
  '</Note>',
  '```\n# in code',
  '```',
  '~~~md\n## in tilde code\n~~~',
  '<!-- comment\n\n## inside the comment',
  '-->',
  '<pre>\n\n# inside pre',
  '</pre>',
  '> quote\n>\n> # quoted heading',
  '    indented code',
  'Setext\n---',
  '$#### Profile data',
);
const body = fc
  .tuple(fc.array(block, { maxLength: 30 }), fc.constantFrom('\n', '\r\n'))
  .map(([blocks, eol]) => blocks.join('\n\n').replace(/\n/g, eol));

describe('parseBlocks', () => {
  it('gives the same tokens in chunks as in one piece', () => {
    fc.assert(
      fc.property(body, fc.integer({ min: 1, max: 200 }), (text, size) => {
        expect(chunked(text, size)).toEqual(whole(text));
      }),
      { numRuns: 500 },
    );
  });

  it('falls back to one piece when a fence or an HTML comment spans a cut', () => {
    const text = outdent`
      # One

      \`\`\`
      # code

      ## still code

      <!--

      ## inside the comment

      -->

      ## Two
    `;
    expect(chunked(text, 1)).toEqual(whole(text));
    expect(whole(text).filter((t) => t[0] === 'heading_open')).toHaveLength(1);
  });

  it('keeps only the tokens sections need', () => {
    const types = new Set(whole('# A\n\ntext\n\n- item\n\n> quote\n\n```\ncode\n```\n\n    indented\n\n<div>\n</div>\n').map((t) => t[0]));
    expect([...types].sort()).toEqual(['code_block', 'fence', 'heading_open', 'html_block', 'inline']);
  });
});
