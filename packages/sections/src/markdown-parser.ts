import MarkdownIt, { type StateBlock, type Token } from 'markdown-it';

// One CommonMark parser for the whole package (the preset keeps `html` on, so
// `<Note>` blocks behave as CommonMark says). Inline parsing is switched off for
// whole documents: only block structure decides where sections are cut, and
// inline parsing is most of markdown-it's time. Heading text alone goes through
// the inline parser (see `parseInline`).
const md = MarkdownIt('commonmark');
md.core.ruler.disable(['inline', 'text_join']);

const KEPT = new Set(['heading_open', 'fence', 'code_block', 'html_block']);

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

/** Documents are parsed in pieces of about this many characters (see `parseBlocks`). */
export const CHUNK_SIZE = 64 * 1024;

/**
 * Parses a Markdown body's block structure and hands its tokens, in document
 * order and one chunk at a time, to `onChunk`. Only the tokens sections need are
 * kept: `heading_open` followed by its `inline` token (whose `content` is the
 * heading's source text), `fence`, `code_block` and `html_block`. Each token's
 * `map` is its [first, end) line range in the whole body, `level` its nesting.
 *
 * Large bodies are parsed in chunks of ~`chunkSize` characters, cut only before an
 * unindented ATX heading line that follows a blank line. There, CommonMark has
 * closed every open block (lists, quotes, paragraphs, indented code, HTML blocks
 * of kinds 6 and 7) except a fence or an HTML block of kinds 1–5 (`<pre>`, `<!--`, …)
 * still open; when such a block runs to a chunk's end, the rest of the body is
 * parsed in one piece instead. The tokens are the same either way (a property test
 * compares them). Why: tokens of one chunk die young instead of all surviving to
 * the end, so garbage collection stays cheap and 10,000 sections cost ~10× 1,000.
 *
 * @param starts the body's `lineStarts`
 */
export function parseBlocks(body: string, starts: readonly number[], onChunk: (tokens: Token[]) => void, chunkSize = CHUNK_SIZE): void {
  let from = 0;
  let line = 0;
  while (from < body.length || from === 0) {
    let to = body.length - from <= chunkSize ? body.length : nextBoundary(body, from + chunkSize);
    let tokens = md.parse(to === body.length && from === 0 ? body : body.slice(from, to), {});
    let lineEnd = to === body.length ? 0 : lineIndex(starts, to);
    if (to < body.length && tokens.some((t) => t.map![1] >= lineEnd - line && (t.type === 'fence' || t.type === 'html_block'))) {
      // A fence or HTML block may continue past the cut: parse the rest whole.
      to = body.length;
      lineEnd = 0;
      tokens = md.parse(body.slice(from), {});
    }
    if (line > 0) for (const token of tokens) token.map = [token.map![0] + line, token.map![1] + line];
    onChunk(tokens);
    from = to;
    line = lineEnd;
    if (to === body.length) break;
  }
}

/** The first offset at or after `from` that starts an unindented ATX heading line after a blank line; `body.length` if none. */
function nextBoundary(body: string, from: number): number {
  for (let at = body.indexOf('\n#', from - 1); at !== -1; at = body.indexOf('\n#', at + 1)) {
    let hashes = 1;
    while (body.charCodeAt(at + 1 + hashes) === 35) hashes++;
    const after = body.charCodeAt(at + 1 + hashes);
    const isHeading = hashes <= 6 && (after === 32 || after === 9 || after === 10 || after === 13 || Number.isNaN(after));
    if (isHeading && previousLineIsBlank(body, at)) return at + 1;
  }
  return body.length;
}

/** Whether the line ending with the line break at `lineBreak` is blank (spaces, tabs, a CR at most). */
function previousLineIsBlank(body: string, lineBreak: number): boolean {
  for (let i = lineBreak - 1; i >= 0; i--) {
    const c = body.charCodeAt(i);
    if (c === 10) return true;
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/** Index of the line starting at `offset` (which must be a line start). */
function lineIndex(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
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
