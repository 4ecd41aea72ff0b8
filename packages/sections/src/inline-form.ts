/**
 * The inline part of the normalised form: emphasis, links and images as markdown-it
 * parses them, written one way. `_x_` and `*x*` are the same emphasis, `__x__` and
 * `**x**` the same strong emphasis, and a reference link `[docs][d]` with `[d]: url`
 * the same link as `[docs](url)`: equal token streams hash alike, whatever the bytes.
 * Only lines that hold such markup are rewritten (`_` or `[`): every other line keeps
 * the bytes the earlier form had, so its hash does not move.
 */
import type { Token } from 'markdown-it';
import { linkReference, normalisedDestination, parseInline, parseInlineWith, plainText, referenceKey, type LinkReferences } from './markdown-parser.js';

// A normalised line's block prefix: quote depth, then a heading or list marker.
const LINE_PREFIX = /^(?:>+ )?(?:#{1,6} |- |\d{1,9}\. )?/;
// `[label]: destination "title"` on one line (CommonMark link reference definition).
const DEFINITION = /^\[((?:[^\[\]\\]|\\.){1,999})\]:[ \t]*(<[^<>\n]*>|[^\s<][^\s]*)(?:[ \t]+("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\)))?[ \t]*$/;

/** A line that may hold markup this form rewrites. */
export function mayHoldInlineMarkup(line: string): boolean {
  return line.includes('_') || line.includes('[');
}

/**
 * The definition a trimmed line holds (a reference definition is not text: it renders
 * as nothing, and the links that use it carry its target), or null.
 */
export function readDefinition(line: string): { key: string; reference: ReturnType<typeof linkReference> } | null {
  if (line.charCodeAt(0) !== 91 /* [ */) return null;
  const m = DEFINITION.exec(line);
  if (!m) return null;
  const key = referenceKey(m[1]!);
  if (key === '') return null;
  return { key, reference: linkReference(m[2]!, m[3] ?? null) };
}

/** A normalised line with its emphasis and links written in the one canonical way (the line itself when nothing needs it). */
export function canonicalInline(line: string, references: LinkReferences): string {
  const prefix = LINE_PREFIX.exec(line)![0];
  return simpleCanonicalInline(line, prefix.length) ?? canonicalInlineByParse(line, prefix, references);
}

/** `canonicalInline` by markdown-it's inline parse, whatever the line holds. */
export function canonicalInlineByParse(line: string, prefix: string, references: LinkReferences): string {
  const tokens = parseInlineWith(line.slice(prefix.length), references);
  if (!tokens.some(needsWriting)) return line;
  return prefix + write(tokens);
}

/**
 * `canonicalInline` of the common line, without the inline parser: plain text, `*`
 * emphasis, entities, `_` between ASCII letters or digits (never emphasis), and inline links and images
 * `[text](destination)` whose text is plain and whose destination has no space,
 * parenthesis, `<` or backslash (then markdown-it makes exactly one link token of it,
 * whatever the references). `undefined` for anything else (`_` emphasis, code, HTML,
 * escapes, titles, reference links, nesting), which takes the parse.
 * Why: the inline parse was most of normalising a 5,000-file corpus, mostly its JIT
 * warm-up, and nine lines in ten are this simple. inline-form.test.ts compares the two.
 */
export function simpleCanonicalInline(line: string, from: number): string | undefined {
  const end = line.length;
  let out = '';
  let copied = 0;
  let i = from;
  while (i < end) {
    const code = line.charCodeAt(i);
    const image = code === 33 /* ! */ && line.charCodeAt(i + 1) === 91;
    if (code === 91 /* [ */ || image) {
      const labelStart = image ? i + 2 : i + 1;
      let labelEnd = labelStart;
      while (labelEnd < end && line.charCodeAt(labelEnd) !== 93 /* ] */) {
        if (!isPlainAt(line, labelEnd, labelStart, end)) return undefined;
        labelEnd++;
      }
      // The label's own range bounds its `_`s: markdown-it parses a link's text up to `]`.
      if (labelEnd >= end || !plainUnderscores(line, labelStart, labelEnd)) return undefined;
      if (line.charCodeAt(labelEnd + 1) !== 40 /* ( */) return undefined;
      const destinationStart = labelEnd + 2;
      let destinationEnd = destinationStart;
      for (; destinationEnd < end; destinationEnd++) {
        const c = line.charCodeAt(destinationEnd);
        if (c === 41 /* ) */) break;
        if (c <= 32 || c === 127 || c === 40 || c === 92 || c === 60) return undefined;
      }
      if (destinationEnd >= end || destinationEnd === destinationStart) return undefined;
      const href = normalisedDestination(line.slice(destinationStart, destinationEnd));
      if (href === null) return undefined;
      out += line.slice(copied, destinationStart) + destination(href, '') + ')';
      copied = destinationEnd + 1;
      i = copied;
      continue;
    }
    if (!isPlainAt(line, i, from, end)) return undefined;
    i++;
  }
  return copied === 0 ? line : out + line.slice(copied);
}

/**
 * Plain text of an inline text (`plainText(parseInline(text))`: markup stripped), without
 * the parse when every character of it is text to markdown-it anyway (most headings):
 * no `*` (emphasis markup is stripped here) or `&` (entities are decoded) either.
 */
export function inlinePlainText(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 38 /* & */ || code === 42 /* * */ || !isPlainAt(text, i, 0, text.length)) return plainText(parseInline(text));
  }
  return text;
}

/**
 * True when the character at `i` reads back as written in the canonical inline form,
 * whatever surrounds it, within a text running from `from` to `end`: not the start of an
 * escape, code span, autolink or HTML, link or image, which change what the characters
 * after them are; `_` only between ASCII letters or digits (both sides flanking: it can
 * neither open nor close). `*` emphasis and entities are written back as they stand
 * (`*`/`**` markup, an entity's source), and neither ends a link's text or destination.
 */
function isPlainAt(text: string, i: number, from: number, end: number): boolean {
  switch (text.charCodeAt(i)) {
    case 10: // \n
    case 13: // \r
    case 60: // <
    case 91: // [
    case 92: // \
    case 96: // `
      return false;
    case 33: // !
      return text.charCodeAt(i + 1) !== 91;
    case 95: // _
      return i > from && i + 1 < end && isAsciiAlphanumeric(text.charCodeAt(i - 1)) && isAsciiAlphanumeric(text.charCodeAt(i + 1));
    default:
      return true;
  }
}

function plainUnderscores(text: string, from: number, end: number): boolean {
  for (let i = text.indexOf('_', from); i !== -1 && i < end; i = text.indexOf('_', i + 1)) if (!isPlainAt(text, i, from, end)) return false;
  return true;
}

function isAsciiAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 122);
}

function needsWriting(token: Token): boolean {
  if (token.type === 'link_open' || token.type === 'image') return true;
  return (token.type === 'em_open' || token.type === 'strong_open') && token.markup[0] === '_';
}

function write(tokens: readonly Token[]): string {
  let out = '';
  const links: Token[] = [];
  for (const token of tokens) {
    switch (token.type) {
      case 'em_open':
      case 'em_close':
        out += '*';
        break;
      case 'strong_open':
      case 'strong_close':
        out += '**';
        break;
      case 'link_open':
        links.push(token);
        out += token.markup === 'autolink' ? '<' : '[';
        break;
      case 'link_close': {
        const open = links.pop();
        out += open?.markup === 'autolink' ? '>' : `](${destination(String(open?.attrGet('href') ?? ''), String(open?.attrGet('title') ?? ''))})`;
        break;
      }
      case 'image':
        out += `![${write(token.children ?? [])}](${destination(String(token.attrGet('src') ?? ''), String(token.attrGet('title') ?? ''))})`;
        break;
      case 'code_inline': {
        // Padded when the code itself starts or ends with a backtick or space, so it reads back the same.
        const pad = /^[` ]|[` ]$/.test(token.content) ? ' ' : '';
        out += token.markup + pad + token.content + pad + token.markup;
        break;
      }
      case 'text_special':
        // Escapes and entities as written: `\*` is a star, not emphasis.
        out += token.markup;
        break;
      case 'softbreak':
      case 'hardbreak':
        out += ' ';
        break;
      default:
        out += token.content;
    }
  }
  return out;
}

function destination(href: string, title: string): string {
  const url = /[\s()<>]/.test(href) || href === '' ? `<${href.replace(/[<>]/g, (c) => (c === '<' ? '%3C' : '%3E'))}>` : href;
  return title ? `${url} "${title.replace(/["\\]/g, '\\$&')}"` : url;
}
