import { describe, expect, it } from 'vitest';
import { parseBlocks as parseWith, parseInline, plainText, type Block } from './markdown-parser.js';

const parseBlocks = (body: string) => {
  const blocks: Block[] = [];
  parseWith(body, (block) => blocks.push(block));
  return blocks;
};

describe('parseBlocks', () => {
  it('collects headings, fences, indented code and HTML blocks with lines and depth', () => {
    const blocks = parseBlocks('# A *b* #\n\ntext\n\n- item\n\n  ## nested\n\n> quote\n\n~~~~js\n# code\n~~~~\n\n    indented\n\n<div>\n</div>\n\nSetext\n===\n');
    expect(blocks).toEqual([
      { type: 'heading', line: 0, endLine: 1, depth: 0, level: 1, content: 'A *b*', markup: '' },
      { type: 'heading', line: 6, endLine: 7, depth: 2, level: 2, content: 'nested', markup: '' },
      { type: 'fence', line: 10, endLine: 13, depth: 0, level: 0, content: '', markup: '~~~~' },
      { type: 'code_block', line: 14, endLine: 15, depth: 0, level: 0, content: '', markup: '' },
      { type: 'html_block', line: 16, endLine: 18, depth: 0, level: 0, content: '', markup: '' },
      { type: 'heading', line: 19, endLine: 21, depth: 0, level: 1, content: 'Setext', markup: '' },
    ]);
  });

  it('reports an unclosed fence at the end of the document', () => {
    expect(parseBlocks('```\ncode')).toEqual([{ type: 'fence', line: 0, endLine: 2, depth: 0, level: 0, content: '', markup: '```' }]);
  });
});

describe('plainText', () => {
  it('strips inline markup and keeps text, code and image alt text', () => {
    expect(plainText(parseInline('**Bold** [link](https://x.y) `code` ![alt *text*](i.png) <b>html</b> &amp; \\*'))).toBe(
      'Bold link code alt text html & *',
    );
  });
});
