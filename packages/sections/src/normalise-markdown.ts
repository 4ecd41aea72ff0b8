import { canonicalInline, mayHoldInlineMarkup, readDefinition } from './inline-form.js';
import type { LinkReferences } from './markdown-parser.js';

const SPACES = /[ \t]+/g;
const FENCE_OPEN = /^(`{3,}|~{3,})(.*)$/;
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
 * - line breaks become `\n`; trailing whitespace is dropped; a blank-line run becomes
 *   one blank line between paragraphs, list items or quote lines, and disappears
 *   around headings, fences and thematic breaks;
 * - leading indentation is dropped and runs of spaces/tabs become one space
 *   (so `-   x` and ` - x` agree, as do differently indented nested lists);
 * - bullet markers `*`, `+`, `-` become `-`; ordered markers `1)` become `1.`;
 * - lines continuing a paragraph or a list item are joined to it with one space
 *   (hard-wrapped and unwrapped text agree);
 * - ATX headings lose their closing `#`s; setext headings become ATX (`Title\n===` → `# Title`);
 *   thematic breaks become `***` (never a setext underline); a fence's info string has its spaces collapsed;
 * - inside fenced code only line breaks, trailing whitespace and the fence's own
 *   indentation are normalised: code is otherwise kept as written;
 * - inline markup is compared as markdown-it parses it (inline-form.ts): `_x_` is
 *   written `*x*`, `__x__` `**x**`, a reference link `[t][d]` as the inline link
 *   `[t](url)` it stands for, and one-line reference definitions, which render as
 *   nothing, are left out (a changed target changes the sections whose links use it).
 *   Definitions are those of `references` (a whole document's, from `parseDocument`),
 *   else those of `text` itself.
 *
 * Idempotent: `normaliseMarkdown(normaliseMarkdown(x)) === normaliseMarkdown(x)`. Linear.
 */
export function normaliseMarkdown(text: string, references?: LinkReferences): string {
  return normaliseWithState(text, references).text;
}

/**
 * `normaliseMarkdown`, also telling whether the text ended right after a heading
 * (or thematic break) outside code. Then, and only then, normalising it followed by
 * more text gives `text + '\n' + normaliseMarkdown(more)` (when that is not empty):
 * nothing after a heading can join it. `parseDocument` relies on this to normalise
 * each section body once, and falls back to a second pass otherwise.
 *
 * `legacy` is the form before inline markup was compared by its parse (the hashes pins
 * written until then hold), set only when it differs from `text`: for every other text
 * the two are the same string, so its hash did not change.
 */
export function normaliseWithState(text: string, references?: LinkReferences): { text: string; endsAfterHeading: boolean; legacy?: string } {
  const lines = text.indexOf('\r') === -1 ? text.split('\n') : text.split(/\r\n?|\n/);
  const out: string[] = [];
  let last: LineKind = 'none';
  let fence: Fence | null = null;
  // What the last line before a blank-line run was. A run between two paragraphs,
  // list items or quote lines is kept as one blank line (it ends a paragraph or
  // makes a list loose); around headings, fences and thematic breaks it is dropped.
  // So the form keeps the document's structure and normalising is idempotent.
  let beforeBlank: LineKind = 'none';
  // Out lines that are fenced code (the inline form leaves them alone), as [first, last] ranges.
  const codeRanges: [number, number][] = [];
  let fenceFrom = -1;
  // Reference definitions: the out line a run of them starts (at a paragraph start) and how
  // many of its characters they are; the later pass drops them.
  let definitions: DefinitionRun[] = [];
  let run: DefinitionRun | null = null;
  const ownReferences: LinkReferences = {};
  const inline = text.includes('[') || text.includes('_');

  for (const rawLine of lines) {
    if (fence) {
      let code = rawLine.trimEnd();
      for (let q = 0; q < fence.quotes; q++) code = code.replace(QUOTED_CODE, '');
      const closing = code.trimStart();
      if (closing.length >= fence.length && closing[0] === fence.char && closing === fence.char.repeat(closing.length) && code.length - closing.length <= fence.indent + 3) {
        out.push(fence.marker);
        fence = null;
        codeRanges.push([fenceFrom, out.length - 1]);
      } else {
        out.push(stripIndent(code, fence.indent));
      }
      continue;
    }

    let line = rawLine.trim();
    if (line === '') {
      if (last !== 'none') beforeBlank = last;
      last = 'none';
      continue;
    }

    const separate = last === 'none' && (beforeBlank === 'paragraph' || beforeBlank === 'item');
    let first = line.charCodeAt(0);
    // Block quotes: keep the depth as a prefix, normalise what is inside.
    let prefix = '';
    if (first === 62 /* > */) {
      while (QUOTE.test(line)) {
        prefix += '>';
        line = line.replace(QUOTE, '').trimStart();
      }
      prefix += ' ';
      if (line === '') {
        if (separate) out.push('');
        out.push(prefix.trimEnd());
        last = 'none';
        beforeBlank = 'none';
        continue;
      }
      first = line.charCodeAt(0);
    }

    // Plain text (the common case) skips every block test; so does a line indented
    // 4+ columns after a paragraph line, which CommonMark reads as its continuation.
    if (isBlockMarkerStart(first) && !(last === 'paragraph' && !prefix && indentation(rawLine) >= 4)) {
      const length = out.length;
      const kind = blockLine(line, first, prefix, rawLine, out, last, separate);
      // A setext underline turned the paragraph above into a heading (and may have removed a blank line).
      if (kind === 'other' && out.length <= length && definitions.length > 0) {
        definitions = definitions.filter((d) => d.index < out.length - 1);
        run = null;
      }
      if (typeof kind === 'object' && kind !== null) {
        fence = kind;
        fenceFrom = out.length - 1;
        last = 'other';
        beforeBlank = 'none';
        continue;
      }
      if (kind !== null) {
        last = kind;
        beforeBlank = 'none';
        continue;
      }
    }

    const collapsed = collapse(line);
    // A definition starts a paragraph, or follows one in a run of them (it cannot interrupt text).
    const definition = inline && first === 91 ? readDefinition(line) : null;
    if (last === 'paragraph' || last === 'item') {
      const extendsRun = definition !== null && last === 'paragraph' && run !== null && run.index === out.length - 1 && run.length === out[run.index]!.length;
      out[out.length - 1] += ' ' + collapsed;
      if (extendsRun) {
        run!.length = out[run!.index]!.length;
        run!.definitions.push(definition);
        ownReferences[definition.key] ??= definition.reference;
      }
      continue;
    }
    if (separate) out.push('');
    out.push(prefix + collapsed);
    run = null;
    if (definition) {
      definitions.push((run = { index: out.length - 1, length: out[out.length - 1]!.length, definitions: [definition] }));
      ownReferences[definition.key] ??= definition.reference;
    }
    last = 'paragraph';
    beforeBlank = 'none';
  }
  // An unclosed fence runs to the end: its trailing blank lines are not code.
  if (fence) {
    while (out.length > 0 && out[out.length - 1] === '') out.pop();
    codeRanges.push([fenceFrom, out.length - 1]);
  }
  const legacy = out.join('\n');
  const endsAfterHeading = fence === null && last === 'other';
  if (!inline) return { text: legacy, endsAfterHeading };
  const canonical = inlineForm(out, codeRanges, definitions, references ?? ownReferences);
  return canonical === legacy ? { text: legacy, endsAfterHeading } : { text: canonical, endsAfterHeading, legacy };
}

/**
 * The lines with reference definitions left out (with the blank line that separated
 * them, so the rest reads as if they had never been there) and every other line outside
 * code in its canonical inline form.
 */
function inlineForm(out: readonly string[], codeRanges: readonly [number, number][], definitions: readonly DefinitionRun[], references: LinkReferences): string {
  const lines: (string | null)[] = [...out];
  for (const { index, length, definitions: run } of definitions) {
    // Only what the document's parse took for definitions (a look-alike inside an HTML block is text).
    if (!run.every(({ key, reference }) => references[key]?.href === reference.href && references[key]?.title === reference.title)) continue;
    const line = out[index]!;
    const prefix = /^>+ /.exec(line)?.[0] ?? '';
    const rest = line.slice(length).trim();
    if (rest !== '') {
      // What followed the definitions starts a block of its own (`2) x` is a list there).
      const restText = normaliseWithState(rest, references).text;
      lines[index] = prefix + restText;
      // A heading, fence or break there keeps no blank line before it, as everywhere else.
      const firstLine = restText.slice(0, (restText + '\n').indexOf('\n'));
      if (ATX.test(firstLine) || THEMATIC_BREAK.test(firstLine) || FENCE_OPEN.test(firstLine)) {
        let before = index - 1;
        while (before >= 0 && lines[before] === null) before--;
        if (before >= 0 && lines[before] === '' && !inCode(codeRanges, before)) lines[before] = null;
      }
      continue;
    }
    lines[index] = null;
    let before = index - 1;
    while (before >= 0 && lines[before] === null) before--;
    let after = index + 1;
    while (after < lines.length && lines[after] === null) after++;
    // The blank line before a definition was there for it; without one before, the blank after it is its too.
    if (before >= 0 && lines[before] === '') lines[before] = null;
    else if (after < lines.length && lines[after] === '' && !inCode(codeRanges, after)) lines[after] = null;
  }
  let range = 0;
  const kept: string[] = [];
  lines.forEach((line, index) => {
    if (line === null) return;
    while (range < codeRanges.length && codeRanges[range]![1] < index) range++;
    const isCode = range < codeRanges.length && codeRanges[range]![0] <= index;
    kept.push(!isCode && mayHoldInlineMarkup(line) ? canonicalInline(line, references) : line);
  });
  return kept.join('\n');
}

/** A run of reference definitions at a paragraph start: its out line and how many characters of it they are. */
interface DefinitionRun {
  index: number;
  length: number;
  definitions: NonNullable<ReturnType<typeof readDefinition>>[];
}

function inCode(codeRanges: readonly [number, number][], index: number): boolean {
  return codeRanges.some(([from, to]) => from <= index && index <= to);
}

interface Fence {
  char: string;
  length: number;
  /** The opening marker as written (``` or ~~~~…), kept so normalising twice gives the same text. */
  marker: string;
  /** Indentation of the opening fence, removed from code lines as CommonMark does. */
  indent: number;
  /** Block-quote depth of the fence: as many `>` are removed from code lines. */
  quotes: number;
}

function isBlockMarkerStart(code: number): boolean {
  // # - * + _ = ` ~ | and digits
  return code === 35 || code === 45 || code === 42 || code === 43 || code === 95 || code === 61 || code === 96 || code === 126 || code === 124 || (code >= 48 && code <= 57);
}

/** Normalises a line that starts like a block marker into `out`; the fence it opens; null when it is plain text after all. */
function blockLine(
  line: string,
  first: number,
  prefix: string,
  rawLine: string,
  out: string[],
  last: LineKind,
  separate: boolean,
): LineKind | Fence | null {
  if (first === 96 || first === 126) {
    const open = FENCE_OPEN.exec(line);
    if (open && !(first === 96 && open[2]!.includes('`'))) {
      const marker = open[1]!;
      const indent = prefix ? 0 : rawLine.length - rawLine.trimStart().length;
      out.push(prefix + (marker + collapse(open[2]!)).trimEnd());
      return { char: marker[0]!, length: marker.length, marker, indent, quotes: prefix.trimEnd().length };
    }
    return null;
  }
  if (first === 35) {
    const atx = ATX.exec(line);
    if (!atx) return null;
    // Collapse first: with single spaces, ATX_CLOSING cannot backtrack over long runs.
    const title = atxTitle(collapse(atx[2] ?? '').replace(ATX_CLOSING, ''));
    out.push(prefix + atx[1]! + (title ? ' ' + title : ''));
    return 'other';
  }
  if ((first === 61 || first === 45) && last === 'paragraph' && SETEXT_UNDERLINE.test(line)) {
    const level = first === 61 ? '# ' : '## ';
    const index = out.length - 1;
    const previous = out[index]!;
    const text = previous.startsWith(prefix) ? previous.slice(prefix.length) : previous;
    out[index] = prefix + level + atxTitle(text);
    // The blank line kept to separate two paragraphs is not needed before a heading.
    if (index > 0 && out[index - 1] === '') out.splice(index - 1, 1);
    return 'other';
  }
  if ((first === 45 || first === 42 || first === 95) && THEMATIC_BREAK.test(line)) {
    out.push(prefix + '***');
    return 'other';
  }
  if (first === 124) {
    if (separate) out.push('');
    out.push(prefix + collapse(line));
    return 'other';
  }
  const bullet = first === 45 || first === 42 || first === 43 ? BULLET.exec(line) : null;
  const ordered = first >= 48 && first <= 57 ? ORDERED.exec(line) : null;
  const marker = bullet ?? ordered;
  if (!marker) return null;
  // CommonMark: an empty item, or an ordered list not starting at 1, cannot interrupt a paragraph.
  const empty = marker[0].length === line.length;
  const canInterrupt = !empty && (ordered === null || ordered[1] === '1');
  if (last === 'paragraph' && !canInterrupt) return null;
  if (separate) out.push('');
  const rest = collapse(line.slice(marker[0].length));
  out.push(prefix + (bullet ? '-' : ordered![1] + '.') + (rest ? ' ' + rest : ''));
  return 'item';
}

/**
 * A heading text as it must be written after `# ` to read back the same: a
 * trailing run of `#` (as in `# # ##`, whose text is `#`) is escaped, or the
 * next normalisation would take it for a closing sequence.
 */
function atxTitle(title: string): string {
  return ATX_CLOSING.test(title) ? title.replace(/#+$/, '\\$&') : title;
}

function indentation(line: string): number {
  let columns = 0;
  for (const char of line) {
    if (char === ' ') columns++;
    else if (char === '\t') columns += 4 - (columns % 4);
    else break;
  }
  return columns;
}

function collapse(text: string): string {
  return text.indexOf('  ') === -1 && text.indexOf('\t') === -1 ? text.trim() : text.replace(SPACES, ' ').trim();
}

function stripIndent(line: string, indent: number): string {
  let i = 0;
  while (i < indent && (line[i] === ' ' || line[i] === '\t')) i++;
  return line.slice(i);
}
