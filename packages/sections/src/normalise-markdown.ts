const LINE_BREAK = /\r\n?|\n/;
const SPACES = /[ \t]+/g;
const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const ATX = /^(#{1,6})(?:[ \t]+(.*?))?$/;
const ATX_CLOSING = /(?:^|[ \t]+)#+$/;
const THEMATIC_BREAK = /^([-*_])(?:[ \t]*\1){2,}$/;
const SETEXT_UNDERLINE = /^(?:=+|-+)$/;
const BULLET = /^[-*+](?:[ \t]+|$)/;
const ORDERED = /^(\d{1,9})[.)](?:[ \t]+|$)/;
const QUOTE = /^>[ \t]?/;
const QUOTED_CODE = /^ {0,3}>[ \t]?/;

type LineKind = 'none' | 'paragraph' | 'item' | 'other';

/**
 * The normalised form section hashes are computed on. Formatting-only edits map
 * to the same string; any change of words, numbers, link targets or code does not.
 *
 * Rules, applied line by line in one linear pass:
 * - line breaks become `\n`; trailing whitespace and blank lines are dropped;
 * - leading indentation is dropped and runs of spaces/tabs become one space
 *   (so `-   x` and ` - x` agree, as do differently indented nested lists);
 * - bullet markers `*`, `+`, `-` become `-`; ordered markers `1)` become `1.`;
 * - lines continuing a paragraph or a list item are joined to it with one space
 *   (hard-wrapped and unwrapped text agree);
 * - ATX headings lose their closing `#`s; setext headings become ATX (`Title\n===` → `# Title`);
 *   thematic breaks become `---`; code fences become ```` ``` ```` + info string;
 * - inside fenced code only line breaks, trailing whitespace and the fence's own
 *   indentation are normalised: code is otherwise kept as written.
 *
 * Invariant: `normaliseMarkdown(heading + body) === normaliseMarkdown(heading) + '\n' + normaliseMarkdown(body)`
 * when `heading` is a complete heading (both non-empty after normalising), which is
 * how `parseDocument` computes `hash` and `bodyHash` without normalising twice.
 */
export function normaliseMarkdown(text: string): string {
  const lines = text.split(LINE_BREAK);
  const out: string[] = [];
  let last: LineKind = 'none';
  let fence: { char: string; length: number; indent: number; quotes: number } | null = null;

  for (const rawLine of lines) {
    if (fence) {
      let code = rawLine.trimEnd();
      for (let q = 0; q < fence.quotes; q++) code = code.replace(QUOTED_CODE, '');
      const closing = code.trimStart();
      if (closing.length >= fence.length && closing[0] === fence.char && closing === fence.char.repeat(closing.length) && code.length - closing.length <= 3) {
        out.push('```');
        fence = null;
      } else {
        out.push(stripIndent(code, fence.indent));
      }
      continue;
    }

    let line = rawLine.trim();
    if (line === '') {
      last = 'none';
      continue;
    }

    // Block quotes: keep the depth as a prefix, normalise what is inside.
    let prefix = '';
    while (QUOTE.test(line)) {
      prefix += '>';
      line = line.replace(QUOTE, '').trimStart();
    }
    if (prefix) prefix += ' ';
    if (line === '') {
      out.push(prefix.trimEnd());
      last = 'none';
      continue;
    }

    const fenceOpen = FENCE_OPEN.exec(line);
    if (fenceOpen && !(fenceOpen[2]![0] === '`' && fenceOpen[3]!.includes('`'))) {
      const marker = fenceOpen[2]!;
      // Indentation was trimmed already; measure it on the raw line for the body.
      const indent = rawLine.length - rawLine.trimStart().length;
      fence = { char: marker[0]!, length: marker.length, indent: prefix ? 0 : indent, quotes: prefix.trimEnd().length };
      out.push(prefix + ('```' + collapse(fenceOpen[3]!)).trimEnd());
      last = 'other';
      continue;
    }

    const atx = ATX.exec(line);
    if (atx) {
      const title = collapse((atx[2] ?? '').replace(ATX_CLOSING, ''));
      out.push(prefix + atx[1]! + (title ? ' ' + title : ''));
      last = 'other';
      continue;
    }

    if (SETEXT_UNDERLINE.test(line) && last === 'paragraph') {
      const level = line[0] === '=' ? '# ' : '## ';
      const index = out.length - 1;
      const previous = out[index]!;
      out[index] = previous.startsWith(prefix) ? prefix + level + previous.slice(prefix.length) : level + previous;
      last = 'other';
      continue;
    }

    if (THEMATIC_BREAK.test(line)) {
      out.push(prefix + '---');
      last = 'other';
      continue;
    }

    const bullet = BULLET.exec(line);
    const ordered = bullet ? null : ORDERED.exec(line);
    // CommonMark: an empty item or an ordered list not starting at 1 cannot interrupt a paragraph.
    const interrupts =
      last !== 'paragraph' ||
      (bullet !== null && bullet[0].length < line.length) ||
      (ordered !== null && ordered[1] === '1' && ordered[0].length < line.length);
    if ((bullet || ordered) && interrupts) {
      const marker = bullet ? '-' : ordered![1] + '.';
      const rest = collapse(line.slice((bullet ?? ordered)![0].length));
      out.push(prefix + marker + (rest ? ' ' + rest : ''));
      last = 'item';
      continue;
    }

    if (line[0] === '|') {
      out.push(prefix + collapse(line));
      last = 'other';
      continue;
    }

    if (last === 'paragraph' || last === 'item') {
      out[out.length - 1] += ' ' + collapse(line);
      continue;
    }
    out.push(prefix + collapse(line));
    last = 'paragraph';
  }
  return out.join('\n');
}

function collapse(text: string): string {
  return text.replace(SPACES, ' ').trim();
}

function stripIndent(line: string, indent: number): string {
  let i = 0;
  while (i < indent && (line[i] === ' ' || line[i] === '\t')) i++;
  return line.slice(i);
}
