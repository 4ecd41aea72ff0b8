/**
 * The inline part of the normalised form: emphasis, links and images as markdown-it
 * parses them, written one way. `_x_` and `*x*` are the same emphasis, `__x__` and
 * `**x**` the same strong emphasis, and a reference link `[docs][d]` with `[d]: url`
 * the same link as `[docs](url)`: equal token streams hash alike, whatever the bytes.
 * Only lines that hold such markup are rewritten (`_` or `[`): every other line keeps
 * the bytes the earlier form had, so its hash does not move.
 */
import type { Token } from 'markdown-it';
import { linkReference, parseInlineWith, referenceKey, type LinkReferences } from './markdown-parser.js';

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
  const tokens = parseInlineWith(line.slice(prefix.length), references);
  if (!tokens.some(needsWriting)) return line;
  return prefix + write(tokens);
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
