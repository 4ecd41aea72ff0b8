import MarkdownIt, { type StateBlock, type Token } from 'markdown-it';

// One CommonMark parser for the whole package (the preset keeps `html` on, so
// `<Note>` blocks behave as CommonMark says). Inline parsing is switched off for
// whole documents: only block structure decides where sections are cut, and
// inline parsing is most of markdown-it's time. Heading text alone goes through
// the inline parser (see `parseInline`).
const md = MarkdownIt('commonmark');
md.core.ruler.disable(['inline', 'text_join']);

const KEPT = new Set(['heading_open', 'fence', 'code_block']);

/**
 * markdown-it's block state, keeping only the tokens sections need: headings (with
 * their inline content), fences and indented code. Every other block rule still
 * runs unchanged — it just writes into one scratch token instead of a new object.
 * On a list-heavy policy that is ~90% fewer allocations, and GC was what made large
 * documents grow faster than linearly (bench/run.js measures it). The rules only
 * write to the tokens they push; the list rule reads `state.tokens` back to hide
 * tight paragraphs, which are never kept here, so its result does not change.
 */
class SectionBlockState extends md.block.State {
  private keepInline = false;
  private scratch: Token | null = null;

  override push(type: string, tag: string, nesting: Parameters<StateBlock['push']>[2]): Token {
    if (KEPT.has(type) || (type === 'inline' && this.keepInline)) {
      this.keepInline = type === 'heading_open';
      return super.push(type, tag, nesting);
    }
    this.keepInline = false;
    if (nesting < 0) this.level--;
    if (nesting > 0) this.level++;
    this.scratch ??= new this.Token('scratch', '', 0);
    return this.scratch;
  }
}
md.block.State = SectionBlockState as unknown as typeof StateBlock;

/**
 * Block tokens of a Markdown body that matter for sections: `heading_open` followed
 * by its `inline` token (whose `content` is the heading's source text), `fence` and
 * `code_block`. Each token's `map` is its [first, end) line range, `level` its nesting.
 */
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
