/**
 * The markdown-it plugin: a core rule after parsing that reads the page's stale and missing
 * markers (and pins) through `@i18n-drift/core` and edits the token stream: a notice block
 * right under an outdated section's heading, the current English in place of a stale
 * translation (`stale: english`), a missing section dropped (`missing: hide`), or one
 * notice at the top of a page below `minCoverage`. VitePress, Eleventy and anything else on
 * markdown-it.
 */
import { isMarkerBlock, noticeHtml, preparePage, type Notice, type PageInfo, type PublishPageData, type PublishPluginOptions } from '@i18n-drift/core';

/** A markdown-it token: the fields the plugin reads and writes (markdown-it 14 and 15 alike). */
export interface TokenLike {
  type: string;
  nesting: number;
  level: number;
  map: [number, number] | null;
  content: string;
  block: boolean;
  attrSet(name: string, value: string): void;
}

/** The core rule's state: the fields the plugin uses. */
export interface StateCoreLike {
  src: string;
  env: unknown;
  tokens: TokenLike[];
  Token: new (type: string, tag: string, nesting: -1 | 0 | 1) => TokenLike;
}

/** The part of a markdown-it instance the plugin uses, so that VitePress's markdown-it 14 and markdown-it 15 both fit. */
export interface MarkdownItLike {
  core: { ruler: { push(name: string, rule: (state: StateCoreLike) => void): void } };
  parse(src: string, env: object): TokenLike[];
}

export interface MarkdownItI18nDriftOptions extends PublishPluginOptions {
  /** The page's path from markdown-it's `env`; default `env.path`, else `env.relativePath` (VitePress sets both). */
  path?: (env: Record<string, unknown>) => string | null | undefined;
}

/** The key of `env` (and of `env.frontmatter`, when the page has one) holding the page's `PublishPageData`. */
export const ENV_KEY = 'i18nDrift';

// A parse of the English text for `stale: english` runs the rules again: it must not plan itself.
const NESTED = Symbol('i18n-drift nested parse');

/** A top-level block of the token stream: tokens [start, end), and its 1-based line in the page. */
interface Block {
  start: number;
  end: number;
  line: number | null;
  token: TokenLike;
}

/**
 * Registers the rule: `md.use(i18nDrift, options)`.
 * Pages with no locale, in the source locale, or without pins or markers render as before.
 * A page whose frontmatter (or its English source's) cannot be read is rendered as it is, and
 * `options.onWarning` (default `console.warn`) is told which file, line and why.
 */
export function i18nDrift(md: MarkdownItLike, options: MarkdownItI18nDriftOptions = {}): void {
  md.core.ruler.push('i18n_drift', (state) => {
    const env = (state.env ?? {}) as Record<string | symbol, unknown>;
    if (env[NESTED]) return;
    const frontmatter = isRecord(env['frontmatter']) ? env['frontmatter'] : {};
    const path = options.path ? options.path(env) : (stringOrNull(env['path']) ?? stringOrNull(env['relativePath']));
    const page: PageInfo = { path: path ?? null, frontmatter };
    // One unreadable page must not stop the site's build: say so and render it as it is.
    const prepared = preparePage(state.src, page, { ...options, onWarning: options.onWarning ?? ((warning) => console.warn(warning.message)) });
    if (!prepared) return;
    expose(env, frontmatter, prepared.data);

    const offset = prepared.lineOffset;
    const blocks = topLevelBlocks(state.tokens, offset);
    // Later sections first, so the indices of earlier blocks stay valid.
    for (const { section, notice } of [...prepared.sections].reverse()) {
      const headingAt = section.heading === null ? -1 : blocks.findIndex((block) => block.token.type === 'heading_open' && block.line === section.line);
      const body = blocks.filter((block, index) => index > headingAt && block.line !== null && block.line >= section.bodyLine && block.line < section.endLine);
      if (section.heading !== null && headingAt === -1) {
        // A heading inside a container (a list, a quote): a notice after it, nothing replaced.
        if (notice) insertAfterNestedHeading(state, section.line - offset, notice);
        continue;
      }
      const heading = headingAt >= 0 ? blocks[headingAt]! : null;
      const noticeTokens = notice ? [htmlToken(state, noticeHtml(notice))] : [];
      const at = heading ? heading.end : (body[0]?.start ?? firstBlockAt(blocks, section.line));
      if (section.action === 'english' && section.englishBody !== null && body.length > 0) {
        const english = md.parse(section.englishBody, { ...env, frontmatter: {}, [NESTED]: true });
        for (const block of topLevelBlocks(english, 0)) if (block.token.type !== 'html_block') block.token.attrSet('lang', prepared.plan.sourceLocale);
        // Their lines are the English document's, not this page's.
        for (const token of english) token.map = null;
        state.tokens.splice(body[0]!.start, body.at(-1)!.end - body[0]!.start, ...noticeTokens, ...english);
      } else if (section.action === 'hide') {
        // Raw HTML blocks stay: a wrapper such as `<Note>` opened before the heading is closed in this section.
        const dropped = [...(heading ? [heading] : []), ...body].filter((block) => block.token.type !== 'html_block' || isMarkerBlock(block.token.content));
        for (const block of dropped.reverse()) state.tokens.splice(block.start, block.end - block.start);
      } else if (noticeTokens.length > 0) {
        state.tokens.splice(at, 0, ...noticeTokens);
      }
    }
    if (prepared.pageNotice) state.tokens.splice(0, 0, htmlToken(state, noticeHtml(prepared.pageNotice)));
  });
}

/** The data themes read: `env.i18nDrift`, and `frontmatter.i18nDrift` (VitePress passes `env.frontmatter` on as the page's frontmatter). */
function expose(env: Record<string | symbol, unknown>, frontmatter: Record<string, unknown>, data: PublishPageData): void {
  env[ENV_KEY] = data;
  if (env['frontmatter'] === frontmatter) frontmatter[ENV_KEY] = data;
}

function topLevelBlocks(tokens: readonly TokenLike[], offset: number): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < tokens.length; ) {
    const token = tokens[i]!;
    let end = i + 1;
    if (token.nesting === 1) {
      for (let depth = 1; end < tokens.length && depth > 0; end++) depth += tokens[end]!.nesting;
    }
    blocks.push({ start: i, end, line: token.map ? token.map[0] + 1 + offset : null, token });
    i = end;
  }
  return blocks;
}

function firstBlockAt(blocks: readonly Block[], line: number): number {
  return blocks.find((block) => block.line !== null && block.line >= line)?.start ?? 0;
}

function insertAfterNestedHeading(state: StateCoreLike, zeroBasedLine: number, notice: Notice): void {
  const open = state.tokens.findIndex((token) => token.type === 'heading_open' && token.map?.[0] === zeroBasedLine - 1);
  if (open === -1) return;
  const close = state.tokens.findIndex((token, index) => index > open && token.type === 'heading_close');
  const token = htmlToken(state, noticeHtml(notice));
  token.level = state.tokens[open]!.level;
  state.tokens.splice(close + 1, 0, token);
}

function htmlToken(state: StateCoreLike, html: string): TokenLike {
  const token = new state.Token('html_block', '', 0);
  token.content = html;
  token.block = true;
  return token;
}


function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
