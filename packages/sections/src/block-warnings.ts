import type { Block } from './markdown-parser.js';
import type { Warning } from './types.js';

const CLOSING_FENCE = /^[ \t>]*(`{3,}|~{3,})[ \t]*$/;
// `$#### Profile data`: one or two stray characters (not a list, quote or escape
// marker) before the hashes of what was meant to be a heading.
const STRAY_PREFIX = /^ {0,3}[^\s#\p{L}\p{N}>\\|*+\-`]{1,2}$/u;
const INDENT_ONLY = /^ {0,3}$/;
const AFTER_HASHES = /^(#{1,6})([^#]?)/;

/** Line access over a body: `offsetOf(line)` is the offset of a 0-based line, `body.length` past the end. */
export interface BodyLines {
  body: string;
  starts: readonly number[];
  /** 1-based line of the body's first line in the whole input. */
  firstLine: number;
}

function offsetOf(lines: BodyLines, line: number): number {
  return line < lines.starts.length ? lines.starts[line]! : lines.body.length;
}

/** Text of a 0-based body line without its line break. */
export function lineText(lines: BodyLines, line: number): string {
  return lines.body.slice(offsetOf(lines, line), offsetOf(lines, line + 1)).replace(/\r?\n$|\r$/, '');
}

/**
 * True when a fence block ends with a real closing fence. markdown-it does not
 * record it: an unclosed fence silently runs to the end of its container, swallowing
 * every heading after it, which is exactly why it deserves a warning.
 */
export function isClosedFence(lines: BodyLines, fence: Block): boolean {
  const { line: first, endLine: end } = fence;
  if (end - first < 2) return false;
  const match = CLOSING_FENCE.exec(lineText(lines, end - 1));
  const opening = fence.markup;
  return match !== null && match[1]![0] === opening[0] && match[1]!.length >= opening.length;
}

/**
 * Lines that look like a heading but are not one: stray characters before the
 * hashes (`$#### Profile data`) or no space after them (`####Heading`). Code lines
 * (fenced or indented blocks, given as sorted [first, end) line ranges) are skipped.
 * One pass over the `#` characters of the body, so linear in its size.
 */
export function brokenHeadingWarnings(lines: BodyLines, codeRanges: ReadonlyArray<readonly [number, number]>): Warning[] {
  const { body, starts, firstLine } = lines;
  const warnings: Warning[] = [];
  let line = 0;
  let range = 0;
  for (let hash = body.indexOf('#'); hash !== -1; ) {
    while (line + 1 < starts.length && starts[line + 1]! <= hash) line++;
    while (range < codeRanges.length && codeRanges[range]![1] <= line) range++;
    const nextLine = offsetOf(lines, line + 1);
    const inCode = range < codeRanges.length && codeRanges[range]![0] <= line;
    if (!inCode) {
      const prefix = body.slice(starts[line]!, hash);
      const after = AFTER_HASHES.exec(body.slice(hash, Math.min(nextLine, hash + 8)))!;
      const next = after[2]!;
      const stray = STRAY_PREFIX.test(prefix) && (next === ' ' || next === '\t') && after[1]!.length >= 2;
      const unspaced = INDENT_ONLY.test(prefix) && /\p{L}/u.test(next);
      if (stray || unspaced) {
        const text = lineText(lines, line).trim();
        warnings.push({
          code: 'broken-heading',
          line: firstLine + line,
          message: stray
            ? `"${text}" looks like a heading with stray characters before the #; it is not a heading`
            : `"${text}" looks like a heading without a space after the #; it is not a heading`,
        });
      }
    }
    // Only the first `#` of a line can start a heading.
    hash = body.indexOf('#', nextLine);
    if (nextLine >= body.length) break;
  }
  return warnings;
}
