import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';

// One CommonMark parser for the whole package (the preset keeps `html` on, so
// `<Note>` blocks behave as CommonMark says). Inline parsing is switched off for
// whole documents: only block structure decides where sections are cut, and
// inline parsing is most of markdown-it's time. Heading text alone goes through
// the inline parser (see `parseInline`).
const md = MarkdownIt('commonmark');
md.core.ruler.disable(['inline', 'text_join']);

/** Block tokens of a Markdown body; each block token's `map` is its [first, end) line range. */
export function parseBlocks(body: string): Token[] {
  return md.parse(body, {});
}

/** Inline tokens of one heading's text. */
export function parseInline(text: string): Token[] {
  const tokens: Token[] = [];
  md.inline.parse(text, md, {}, tokens);
  return tokens;
}

/** Plain text of inline tokens: markup and HTML tags removed, images replaced by their alt text. */
export function plainText(tokens: readonly Token[]): string {
  let text = '';
  for (const token of tokens) {
    switch (token.type) {
      case 'text':
      case 'text_special':
      case 'code_inline':
        text += token.content;
        break;
      case 'image':
        text += token.children ? plainText(token.children) : token.content;
        break;
      case 'softbreak':
      case 'hardbreak':
        text += ' ';
        break;
      default:
        if (token.children) text += plainText(token.children);
    }
  }
  return text;
}

export type { Token };
