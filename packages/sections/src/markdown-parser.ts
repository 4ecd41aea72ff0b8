import MarkdownIt, { type StateBlock, type Token } from 'markdown-it';

// One CommonMark parser for the whole package (the preset keeps `html` on, so
// `<Note>` blocks behave as CommonMark says). Inline parsing is switched off for
// whole documents: only block structure decides where sections are cut, and
// inline parsing is most of markdown-it's time. Heading text alone goes through
// the inline parser (see `parseInline`).
const md = MarkdownIt('commonmark');
md.core.ruler.disable(['inline', 'text_join']);

/** A block that matters for sections, as markdown-it saw it. */
export interface Block {
  type: 'heading' | 'fence' | 'code_block' | 'html_block';
  /** First line (0-based, in the parsed body) and the line after the block. */
  line: number;
  endLine: number;
  /** Nesting depth: 0 for a block at the top level, more inside lists and quotes. */
  depth: number;
  /** Heading level 1–6; 0 for other blocks. */
  level: number;
  /** A heading's source text (not inline-parsed, closing `#`s removed); '' for other blocks. */
  content: string;
  /** A fence's opening marker (```` ``` ````, `~~~~`…); '' for other blocks. */
  markup: string;
}

const TRACKED: Record<string, Block['type']> = { heading_open: 'heading', fence: 'fence', code_block: 'code_block', html_block: 'html_block' };

interface BlockEnv {
  onBlock: (block: Block) => void;
  /** The last tracked token (and a heading's inline token): markdown-it fills them in after `push`, so they are read at the next push. */
  pending: { token: Token; type: Block['type']; depth: number; inline: Token | null } | null;
}

/**
 * markdown-it's block state, turned into a collector: every block rule runs
 * unchanged, but `push` hands out reusable scratch tokens instead of allocating
 * one per block, and the few blocks sections need are copied into small `Block`
 * records once the rule has filled their token in (at the next push, or at the end).
 * Why: on a list-heavy policy that is ~90% fewer objects, and the GC copying the
 * survivors is what made 10,000 sections cost more than 10× 1,000 (bench/run.js). The list rule reads `state.tokens` back only to hide tight
 * paragraphs, which are not tracked, so nothing tracked changes; fixtures and
 * property tests pin the results.
 */
class CollectingBlockState extends md.block.State {
  private scratch: Token | null = null;
  private scratchTracked: Token | null = null;
  private scratchInline: Token | null = null;

  override push(type: string, tag: string, nesting: Parameters<StateBlock['push']>[2]): Token {
    const env = this.env as unknown as BlockEnv;
    if (nesting < 0) this.level--;
    const depth = this.level;
    if (nesting > 0) this.level++;

    if (type === 'inline' && env.pending?.type === 'heading' && env.pending.inline === null) {
      this.scratchInline ??= new this.Token('inline', '', 0);
      env.pending.inline = this.scratchInline;
      return this.scratchInline;
    }
    flushPending(env);
    const tracked = TRACKED[type];
    if (tracked) {
      this.scratchTracked ??= new this.Token(type, tag, nesting);
      const token = this.scratchTracked;
      token.tag = tag;
      token.markup = '';
      env.pending = { token, type: tracked, depth, inline: null };
      return token;
    }
    this.scratch ??= new this.Token('scratch', '', 0);
    return this.scratch;
  }
}
md.block.State = CollectingBlockState as unknown as typeof StateBlock;

function flushPending(env: BlockEnv): void {
  const pending = env.pending;
  if (!pending) return;
  env.pending = null;
  const { token, type, depth, inline } = pending;
  const [line, endLine] = token.map!;
  env.onBlock({
    type,
    line: line!,
    endLine: endLine!,
    depth,
    level: type === 'heading' ? Number(token.tag.slice(1)) : 0,
    content: type === 'heading' ? (inline?.content ?? '') : '',
    markup: type === 'fence' ? token.markup : '',
  });
}

/**
 * Parses a Markdown body and calls `onBlock` with each block sections need —
 * headings, fences, indented code and HTML blocks, at any depth — in document
 * order, while the parse runs (so the caller's work on a block happens while its
 * text is still in the CPU cache).
 */
export function parseBlocks(body: string, onBlock: (block: Block) => void): LinkReferences {
  const env: BlockEnv & { references?: LinkReferences } = { onBlock, pending: null };
  md.parse(body, env as unknown as Parameters<typeof md.parse>[1]);
  flushPending(env);
  // markdown-it's reference rule fills `env.references` with every definition of the body.
  return env.references ?? {};
}

/** A link reference definition as markdown-it keeps it (`env.references`, keyed by `normalizeReference(label)`). */
export interface LinkReference {
  href: string;
  title: string;
}

/** The reference definitions a body defines, keyed as markdown-it keys them: what reference links in it resolve to. */
export type LinkReferences = Record<string, LinkReference>;

/** Inline tokens of a text, reference links resolved against `references`. */
export function parseInlineWith(text: string, references: LinkReferences): Token[] {
  const tokens: Token[] = [];
  md.inline.parse(text, md, { references }, tokens);
  return tokens;
}

/** A definition's destination and title as markdown-it resolves them (the same as an inline link's). */
export function linkReference(destination: string, title: string | null): LinkReference {
  const bare = destination.startsWith('<') && destination.endsWith('>') ? destination.slice(1, -1) : destination;
  return { href: md.normalizeLink(md.utils.unescapeAll(bare)), title: title === null ? '' : md.utils.unescapeAll(title.slice(1, -1)) };
}

/**
 * An inline link's destination (written without `<>`, escapes or spaces) as markdown-it
 * makes its `href`: entities decoded, then normalised; null when markdown-it refuses the
 * link (`javascript:` and the like).
 */
export function normalisedDestination(written: string): string | null {
  let href = destinations.get(written);
  if (href === undefined) {
    const normalised = md.normalizeLink(md.utils.unescapeAll(written));
    href = md.validateLink(normalised) ? normalised : null;
    if (destinations.size >= DESTINATIONS_MAX) destinations.clear();
    destinations.set(written, href);
  }
  return href;
}

// Destinations already normalised: the same links recur in every locale of a document,
// and markdown-it's URL parse, punycode and encode were a sixth of normalising a corpus.
// A pure function of its argument; emptied past a bound, for long-running processes.
const destinations = new Map<string, string | null>();
const DESTINATIONS_MAX = 50_000;

/** markdown-it's key of a reference label (case-folded, whitespace collapsed). */
export function referenceKey(label: string): string {
  return md.utils.normalizeReference(label);
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
