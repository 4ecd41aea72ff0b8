/**
 * The default format of a `files` pattern, from the file name ending of its last segment,
 * so that `*.json` is never read as Markdown (which would prepend frontmatter to it).
 */
import type { FormatName } from './document-format.js';

/** File name endings per format (`.{md,mdx}` alternatives count when they all agree). */
const MARKDOWN_EXTENSIONS = ['md', 'mdx', 'markdown'];
const EXTENSIONS: Record<string, FormatName> = { ...Object.fromEntries(MARKDOWN_EXTENSIONS.map((e) => [e, 'markdown'])), json: 'i18next' };

/**
 * The format a pattern's files are given by their extension (`*.md`: markdown, `*.json`:
 * i18next; `*.{md,mdx}` when every alternative agrees); null when no format handles it.
 */
export function formatByExtension(pattern: string): FormatName | null {
  let format = known.get(pattern);
  if (format === undefined) {
    format = fromExtension(pattern);
    // Patterns are few and asked about for every path matched: remembered, in a bounded map.
    if (known.size > 1000) known.clear();
    known.set(pattern, format);
  }
  return format;
}

const known = new Map<string, FormatName | null>();

function fromExtension(pattern: string): FormatName | null {
  const last = pattern.slice(pattern.lastIndexOf('/') + 1);
  const braces = /\.\{([^{}]+)\}$/.exec(last);
  const extensions = braces ? braces[1]!.split(',').map((e) => e.trim().toLowerCase()) : [/\.([^.]+)$/.exec(last)?.[1]?.toLowerCase() ?? ''];
  const formats = new Set(extensions.map((e) => EXTENSIONS[e] ?? null));
  return formats.size === 1 ? [...formats][0]! : null;
}
