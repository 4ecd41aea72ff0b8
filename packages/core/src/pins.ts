/**
 * Source pins: the `i18n` block a translated file keeps in its own YAML frontmatter,
 * recording the source commit it was last synced to and, per English section id, the
 * hash of the English section its text translates (README "How it works", Pins).
 *
 * Reading and writing work on the text, not on a re-serialised document: the block is
 * spliced in place so that every other key, its order, quoting and comments stay byte
 * for byte as the translator wrote them.
 */
import { parseDocument as parseYaml, Document, isMap, isScalar, LineCounter, type Node, type Pair } from 'yaml';
import { FrontmatterError, frontmatterLineBreak } from '@i18n-drift/sections';
import type { SourcePins } from './types.js';

/** The frontmatter key holding the pins. */
export const PINS_KEY = 'i18n';

/** Where the frontmatter block sits in a text (UTF-16 offsets), as gray-matter delimits it. */
export interface FrontmatterBlock {
  /** Offset just after a leading BOM (0 without one). */
  start: number;
  /** Offset of the YAML text (after the opening `---` line). */
  yamlStart: number;
  /** Offset just after the YAML text (the start of the closing `---` line). */
  yamlEnd: number;
  /** Offset just after the closing `---` line (its line ending included): where the body starts. */
  end: number;
  /** 1-based line of the first YAML line in the whole text. */
  yamlLine: number;
  /** The block's line break: `\r` in a CR-only file (old Mac), else `\n` (CRLF lines end with one too). */
  lineBreak: '\n' | '\r';
}

/** A line ending: LF, CRLF, or a lone CR (old Mac files, which stay so). */
export type LineEnding = '\r\n' | '\n' | '\r';

/** The line ending a text uses (its first one); `\n` when it has none. */
export function lineEnding(text: string): LineEnding {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return '\n';
    if (c === 13) return text.charCodeAt(i + 1) === 10 ? '\r\n' : '\r';
  }
  return '\n';
}

/**
 * Locates the frontmatter block of `text`, or null when the text has none. Detection is
 * the one `@i18n-drift/sections` uses (gray-matter's): after an optional BOM the text
 * starts with `---` not followed by another `-`, and the block ends at the first later
 * line starting with `---` (lines ending in `\r` when the opening one does: CR-only
 * files); so `end` equals `parseDocument(text).frontmatter.raw.length`.
 * @throws FrontmatterError when the block is never closed.
 */
export function findFrontmatter(text: string): FrontmatterBlock | null {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (!text.startsWith('---', start) || text[start + 3] === '-') return null;
  const nl = frontmatterLineBreak(text, start + 3);
  const openLineEnd = text.indexOf(nl, start + 3);
  const closeAt = openLineEnd === -1 ? -1 : text.indexOf(`${nl}---`, openLineEnd - 1);
  if (closeAt === -1) throw new FrontmatterError(1, 'the frontmatter opened by `---` on line 1 is never closed by a `---` line');
  const closeLineEnd = text.indexOf(nl, closeAt + 1);
  return {
    start,
    yamlStart: openLineEnd + 1,
    yamlEnd: Math.max(openLineEnd + 1, closeAt + 1),
    end: closeLineEnd === -1 ? text.length : closeLineEnd + 1,
    yamlLine: 2,
    lineBreak: nl,
  };
}

/**
 * The frontmatter's YAML text, with the lone `\r`s of a CR-only block turned into `\n`
 * one for one (the `yaml` parser splits lines on `\n` only): offsets into it are offsets
 * into the file's block, and its lines are the file's lines.
 */
export function frontmatterYaml(text: string, block: FrontmatterBlock): string {
  const yaml = text.slice(block.yamlStart, block.yamlEnd);
  return block.lineBreak === '\r' ? yaml.replace(/\r(?!\n)/g, '\n') : yaml;
}

/** Parses the frontmatter YAML, throwing FrontmatterError (with the whole-file line) on a syntax error. */
export function parseFrontmatterYaml(text: string, block: FrontmatterBlock) {
  return parseYamlAt(frontmatterYaml(text, block), block.yamlLine);
}

/** Parses YAML whose first line is line `firstLine` of the file. */
function parseYamlAt(yaml: string, firstLine: number) {
  const lineCounter = new LineCounter();
  const doc = parseYaml(yaml, { lineCounter, keepSourceTokens: false, uniqueKeys: false });
  const wholeLine = (offset: number) => firstLine - 1 + lineCounter.linePos(offset).line;
  const error = firstError(yaml, doc, lineCounter);
  if (error) throw frontmatterError(firstLine - 1 + error.line, `invalid YAML frontmatter: ${error.message}`);
  return { yaml, doc, wholeLine };
}

/** The parser's first error, its line within `yaml` (1-based) and the first line of its message. */
function firstError(yaml: string, doc: Document.Parsed, lineCounter: LineCounter): { line: number; message: string } | null {
  const error = doc.errors[0];
  if (!error) return null;
  // An unclosed flow collection is reported at the end of the text: clamp to the last YAML line.
  const lastLine = Math.max(1, yaml.split('\n').length - (yaml.endsWith('\n') ? 1 : 0));
  return { line: Math.min(lineCounter.linePos(error.pos[0]).line, lastLine), message: error.message.split('\n')[0]! };
}

function frontmatterError(line: number, reason: string): FrontmatterError {
  return new FrontmatterError(line, reason);
}

/**
 * What the `yaml` parser says of a YAML text, without keeping its document: its first
 * error (`firstError`) and whether it has a top-level `i18n` key. Remembered per text:
 * adopting an unpinned translation checks its frontmatter to write the pins, and every
 * later read of the pinned text checks the same YAML again around the canonical block
 * (`fastPath`); those parses were a tenth of a cold `status` on a 5,000-file corpus
 * (apps/cli/bench). The answer depends on the text only. Emptied past a size bound.
 */
interface YamlOutline {
  error: { line: number; message: string } | null;
  hasPins: boolean;
}

const outlines = new Map<string, YamlOutline>();
const OUTLINES_MAX_CHARS = 16 * 1024 * 1024;
let outlinesChars = 0;

function yamlOutline(yaml: string): YamlOutline {
  let outline = outlines.get(yaml);
  if (outline) return outline;
  const keys = simpleMappingKeys(yaml);
  if (keys) outline = { error: null, hasPins: keys.includes(PINS_KEY) };
  else {
    const lineCounter = new LineCounter();
    const doc = parseYaml(yaml, { lineCounter, keepSourceTokens: false, uniqueKeys: false });
    const error = firstError(yaml, doc, lineCounter);
    outline = { error, hasPins: error === null && topLevelPair(doc, PINS_KEY) !== null };
  }
  if (outlinesChars + yaml.length > OUTLINES_MAX_CHARS) {
    outlines.clear();
    outlinesChars = 0;
  }
  outlines.set(yaml, outline);
  outlinesChars += yaml.length;
  return outline;
}

// `key: value` lines of the most common shape, which YAML cannot read as anything but a
// mapping of plain or simply quoted strings, or flow lists of plain words: a key of
// letters, digits, `_` and `-`; a value that is empty, simple double- or single-quoted
// (no escapes, no quote inside), plain — starting with a letter or digit, of letters,
// digits, spaces and a few marks (`:` only before a letter, digit or `/`, as in a time or
// a URL; no `#` or other indicator), not ending in a space or `:` — or a flow list
// `[a, b c]` of plain words. Under a key with an empty value, `- value` items (such a
// value) indented alike make a list. (Frontmatters of a documentation corpus are mostly
// such, dates and tag lists included: each other one costs a `yaml` parse.)
const PLAIN_MARKS = `.,;()/'’_+=?!&*-`;
const SIMPLE_PLAIN = `[\\p{L}\\p{N}](?:(?:[\\p{L}\\p{M}\\p{N} ${PLAIN_MARKS}]|:(?=[\\p{L}\\p{N}/]))*[\\p{L}\\p{M}\\p{N}${PLAIN_MARKS}])?`;
const FLOW_WORD = `[\\p{L}\\p{N}](?:[\\p{L}\\p{M}\\p{N} ._-]*[\\p{L}\\p{M}\\p{N}._-])?`;
const SIMPLE_VALUE = `"[^"\\\\\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029\\ufeff]*"|'[^'\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029\\ufeff]*'|${SIMPLE_PLAIN}|\\[(?:${FLOW_WORD}(?:, ?${FLOW_WORD})*)?\\]`;
const SIMPLE_LINE = new RegExp(`^([A-Za-z][A-Za-z0-9_-]{0,99}):(?:| (?:${SIMPLE_VALUE}))$`, 'u');
const SIMPLE_ITEM = new RegExp(`^( {0,4})- (?:${SIMPLE_VALUE})$`, 'u');

/**
 * The top-level keys of a YAML text made only of `SIMPLE_LINE`s, their `SIMPLE_ITEM`
 * lists and empty lines, for which the `yaml` parser can report no error; null for any
 * other text (it is parsed). Most frontmatters are such (`title: …`, `date: 2019-12-10`,
 * `tags:` and `  - a`): checking them needs no parser.
 */
function simpleMappingKeys(yaml: string): string[] | null {
  const keys: string[] = [];
  // The indentation of the list under the last key: null before its first item, false when it takes none.
  let list: string | null | false = false;
  for (const line of yaml.split('\n')) {
    if (line === '') continue;
    const key = SIMPLE_LINE.exec(line);
    if (key) {
      keys.push(key[1]!);
      list = line.length === key[1]!.length + 1 ? null : false;
      continue;
    }
    const item = SIMPLE_ITEM.exec(line);
    if (!item || list === false || (list !== null && list !== item[1])) return null;
    list = item[1]!;
  }
  return keys;
}

/**
 * Throws the FrontmatterError `parseYamlAt` would throw for `yaml` (whose first line is
 * line `firstLine` of the file; `shift` maps a line to the file's when lines were cut
 * out of it), else says whether it has a top-level `i18n` key.
 */
function checkYamlAt(yaml: string, firstLine: number, shift: (line: number) => number = (line) => line): { hasPins: boolean } {
  const outline = yamlOutline(yaml);
  if (outline.error) throw frontmatterError(shift(firstLine - 1 + outline.error.line), `invalid YAML frontmatter: ${outline.error.message}`);
  return outline;
}

/** The top-level `key:` pair of the frontmatter mapping, or null. */
export function topLevelPair(doc: Document.Parsed, key: string): Pair<Node, Node | null> | null {
  if (!isMap(doc.contents)) return null;
  for (const pair of doc.contents.items) {
    if (isScalar(pair.key) && String(pair.key.value) === key) return pair as Pair<Node, Node | null>;
  }
  return null;
}

/** A scalar's text as written (so `0123` or `1e5` hashes are not turned into numbers). */
function scalarText(node: Node): string | null {
  if (!isScalar(node) || node.value === null) return null;
  const source = (node as { source?: unknown }).source;
  return typeof source === 'string' && node.type === 'PLAIN' ? source : String(node.value);
}

/**
 * Reads the pins of a translated file.
 * @returns null when the file has no frontmatter or no `i18n` key.
 * @throws FrontmatterError naming the line of a malformed frontmatter or `i18n` block
 *   (not a mapping, a non-string commit, `sections` not a mapping of id to hash).
 */
export function readPins(text: string): SourcePins | null {
  const pins = readPinsShared(text);
  if (pins === null) return null;
  // Callers build new pins from the ones read: each gets its own copy.
  const sections: Record<string, string> = {};
  for (const [id, hash] of Object.entries(pins.sections)) setPin(sections, id, hash);
  return { commit: pins.commit, sections };
}

/**
 * `readPins` without the copy, for callers that only read the pins: the object is the
 * one this process remembers for `text`, frozen (a write to it throws). Copying every
 * pin block on every read was a tenth of the adoption a cold `status` computes.
 */
export function readPinsShared(text: string): Readonly<SourcePins> | null {
  let pins = pinsRead.get(text);
  if (pins === undefined) {
    pins = readPinsUncached(text);
    rememberPins(text, pins);
  }
  return pins;
}

function rememberPins(text: string, pins: SourcePins | null): void {
  if (pins !== null) {
    Object.freeze(pins.sections);
    Object.freeze(pins);
  }
  if (pinsReadChars + text.length > PINS_READ_MAX_CHARS) {
    pinsRead.clear();
    pinsReadChars = 0;
  }
  pinsRead.set(text, pins);
  pinsReadChars += text.length;
}

/**
 * `readPins` as it would read `text` with nothing remembered: what `readPinsShared`
 * hands out must equal it, whichever way it was learnt (writePinsRemembered's tests).
 * @throws FrontmatterError as readPins does.
 */
export function readPinsAfresh(text: string): SourcePins | null {
  return readPinsUncached(text);
}

/**
 * Pins read in this process, by text: one status or sync reads the pins of the same
 * translation several times over (adopt, resolve, walk, coverage), and each read
 * parses the frontmatter's YAML (a tenth of a cold status on a 5,000-file corpus,
 * apps/cli/bench). Emptied past a size bound, for long-running processes.
 */
const pinsRead = new Map<string, SourcePins | null>();
const PINS_READ_MAX_CHARS = 64 * 1024 * 1024;
let pinsReadChars = 0;

function readPinsUncached(text: string): SourcePins | null {
  const block = findFrontmatter(text);
  if (!block) return null;
  const fast = fastPath(text, block);
  if (fast) return fast.pins;
  // Most frontmatters hold no pins (a repository before `init`): checked, not kept.
  if (!checkYamlAt(frontmatterYaml(text, block), block.yamlLine).hasPins) return null;
  const { doc, wholeLine } = parseFrontmatterYaml(text, block);
  const pair = topLevelPair(doc, PINS_KEY);
  if (!pair) return null;
  const keyLine = wholeLine((pair.key as Node).range?.[0] ?? 0);
  const value = pair.value;
  if (!isMap(value)) throw frontmatterError(keyLine, `"${PINS_KEY}" must be a mapping with "commit" and "sections"`);
  const pins: SourcePins = { commit: null, sections: {} };
  for (const item of value.items) {
    const key = isScalar(item.key) ? String(item.key.value) : null;
    const at = wholeLine((item.key as Node | null)?.range?.[0] ?? value.range?.[0] ?? 0);
    const node = item.value as Node | null;
    if (key === 'commit') {
      if (node === null || (isScalar(node) && node.value === null)) continue;
      const commit = scalarText(node);
      if (commit === null) throw frontmatterError(at, `"${PINS_KEY}.commit" must be a commit sha`);
      pins.commit = commit;
    } else if (key === 'sections') {
      if (node === null || (isScalar(node) && node.value === null)) continue;
      if (!isMap(node)) throw frontmatterError(at, `"${PINS_KEY}.sections" must be a mapping of section id to hash`);
      for (const entry of node.items) {
        const id = isScalar(entry.key) ? scalarText(entry.key) : null;
        const hash = entry.value ? scalarText(entry.value as Node) : null;
        if (id === null || hash === null || id === '' || hash === '') {
          const line = wholeLine((entry.key as Node | null)?.range?.[0] ?? node.range?.[0] ?? 0);
          throw frontmatterError(line, `"${PINS_KEY}.sections" entries must be "<section id>: <hash>"`);
        }
        if (Object.hasOwn(pins.sections, id)) throw frontmatterError(wholeLine((entry.key as Node).range?.[0] ?? 0), `section "${id}" is pinned twice`);
        setPin(pins.sections, id, hash);
      }
    } else {
      throw frontmatterError(at, `unknown key "${key}" in "${PINS_KEY}" (expected "commit" and "sections")`);
    }
  }
  return pins;
}

/** The `i18n:` block as YAML text, ending with a line break, in the given line ending. */
export function formatPins(pins: SourcePins, eol: LineEnding = '\n'): string {
  const lines = [`${PINS_KEY}:`];
  if (pins.commit !== null) lines.push(`  commit: ${yamlScalar(pins.commit)}`);
  const entries = Object.entries(pins.sections);
  lines.push(entries.length === 0 ? '  sections: {}' : '  sections:');
  for (const [id, hash] of entries) lines.push(`    ${yamlScalar(id)}: ${yamlScalar(hash)}`);
  return lines.join(eol) + eol;
}

// Plain scalars YAML reads back as the same string: ids, shas and hashes nearly always are.
const PLAIN = /^[\p{L}\p{N}_][\p{L}\p{N}_.\/-]*$/u;
const NOT_A_STRING = /^(?:[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|true|false|null|yes|no|on|off|y|n)$/i;
/** A string as a YAML scalar: plain when YAML reads it back unchanged, else double-quoted (JSON escapes are YAML escapes). */
function yamlScalar(value: string): string {
  return PLAIN.test(value) && !NOT_A_STRING.test(value) ? value : JSON.stringify(value);
}

const QUOTED = '"(?:[^"\\\\]|\\\\.)*"';
const SCALAR = `(${QUOTED}|[^\\s"'#&*!|>%@\`{}\\[\\],][^\\s#]*)`;
const COMMIT_LINE = new RegExp(`^  commit: ${SCALAR}$`);
const ENTRY_LINE = new RegExp(`^    ${SCALAR}: ${SCALAR}$`);
const SECTIONS_LINE = /^  sections:( \{\})?$/;

/** Where a column-0 `i18n:` block sits in the YAML text: [start, end) offsets of its lines, or null. */
function findPinsLines(yaml: string): { from: number; to: number } | null {
  const m = /^i18n:[ \t]*\r?$/m.exec(yaml);
  if (!m) return null;
  // The block runs over indented lines, and over blank lines followed by more of them.
  let to = Math.min(m.index + m[0].length + 1, yaml.length);
  for (let at = to; at < yaml.length; ) {
    const nl = yaml.indexOf('\n', at);
    const end = nl === -1 ? yaml.length : nl + 1;
    const line = yaml.slice(at, end);
    if (line[0] === ' ' || line[0] === '\t') {
      if (line.trim() !== '') to = end;
    } else if (line.trim() !== '') break;
    at = end;
  }
  return { from: m.index, to };
}

/**
 * Reads a block written in the canonical form (`formatPins`) without a YAML parser — a
 * 10,000-section pin block costs the `yaml` package half a second. Null when the block
 * has any other shape; the caller then parses it properly.
 */
function readCanonical(block: string): SourcePins | null {
  const lines = block.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const pins: SourcePins = { commit: null, sections: {} };
  let k = 1;
  const line = (i: number) => (lines[i] ?? '').replace(/\r$/, '');
  const commit = COMMIT_LINE.exec(line(k));
  if (commit) {
    pins.commit = unquote(commit[1]!);
    k++;
  }
  const sections = SECTIONS_LINE.exec(line(k));
  if (!sections) return null;
  k++;
  if (sections[1] !== undefined) return k === lines.length ? pins : null;
  for (; k < lines.length; k++) {
    const entry = ENTRY_LINE.exec(line(k));
    if (!entry) return null;
    const id = unquote(entry[1]!);
    if (Object.hasOwn(pins.sections, id)) return null;
    setPin(pins.sections, id, unquote(entry[2]!));
  }
  return pins;
}

function unquote(scalar: string): string {
  return scalar.startsWith('"') ? (JSON.parse(scalar) as string) : scalar;
}

/**
 * Writes `pins` into the translated file's frontmatter, replacing an existing `i18n`
 * block in place or appending one at the end of the frontmatter (creating a frontmatter
 * block when the file has none). Every other byte of the file is kept: other keys, their
 * order, quoting and comments, the BOM and the line endings (LF, CRLF or CR-only: what
 * is added is written in the frontmatter's own, or the file's when it has none).
 * Idempotent: writing the same pins twice gives the same text as once.
 * @throws FrontmatterError when the existing frontmatter is not valid YAML.
 */
export function writePins(text: string, pins: SourcePins): string {
  return writePinsAt(text, pins).text;
}

/**
 * `writePins`, remembering for `readPinsShared` the pins the written text holds when
 * they are known to read back as `pins` (a text that had none: what adoption writes),
 * so that the walk and coverage right after it do not read the new block again (a
 * tenth of the adoption a cold `status` computes on a 5,000-file corpus).
 * @throws FrontmatterError as writePins does.
 */
export function writePinsRemembered(text: string, pins: SourcePins): string {
  const { text: out, readsBack } = writePinsAt(text, pins);
  if (readsBack && !pinsRead.has(out)) {
    const copy: SourcePins = { commit: pins.commit, sections: {} };
    for (const [id, hash] of Object.entries(pins.sections)) setPin(copy.sections, id, hash);
    rememberPins(out, copy);
  }
  return out;
}

// A top-level `i18n` key in any spelling `readPins` looks for first.
const PINS_KEY_LINE = /^i18n[ \t]*:/m;

/**
 * `readsBack`: `readPins` of the text written gives `pins`, without a doubt. So when the
 * canonical block is the frontmatter's only YAML (the file had none), or is appended
 * to a YAML that has passed the check (so has no error: the same check runs on it again
 * around the block, see fastPath) and holds no line `readPins` could take for a pins
 * key before it (findPinsLines): the canonical form reads back as written (formatPins,
 * readCanonical; pins.test.ts checks it on generated frontmatters and pins).
 */
function writePinsAt(text: string, pins: SourcePins): { text: string; readsBack: boolean } {
  const fm = findFrontmatter(text);
  // The first line ending is the frontmatter's own when there is one: a CR-only body
  // under the LF block an earlier version wrote keeps both as they are.
  const eol = lineEnding(text);
  const block = formatPins(pins, eol);
  if (!fm) {
    const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    return { text: `${text.slice(0, start)}---${eol}${block}---${eol}${text.slice(start)}`, readsBack: true };
  }
  const fast = fastPath(text, fm);
  if (fast) return { text: text.slice(0, fm.yamlStart + fast.from) + block + text.slice(fm.yamlStart + fast.to), readsBack: false };
  const yamlText = frontmatterYaml(text, fm);
  if (!checkYamlAt(yamlText, fm.yamlLine).hasPins) {
    // No pins yet (what adoption meets): appended after the last YAML line, adding the line break a final line may lack.
    const needsBreak = yamlText.length > 0 && !yamlText.endsWith('\n');
    return { text: text.slice(0, fm.yamlEnd) + (needsBreak ? eol : '') + block + text.slice(fm.yamlEnd), readsBack: !needsBreak && !PINS_KEY_LINE.test(yamlText) };
  }
  const { yaml, doc } = parseFrontmatterYaml(text, fm);
  const pair = topLevelPair(doc, PINS_KEY)!;
  if (!isMap(doc.contents) || doc.contents.flow) {
    // A flow-style mapping (`{title: x, i18n: …}`) cannot take a block: re-serialise just that case.
    doc.set(PINS_KEY, doc.createNode(pinsValue(pins)));
    const out = doc.toString({ lineWidth: 0 });
    return { text: text.slice(0, fm.yamlStart) + (eol === '\n' ? out : out.replace(/\n/g, eol)) + text.slice(fm.yamlEnd), readsBack: false };
  }
  const keyStart = (pair.key as Node).range?.[0] ?? 0;
  const from = yaml.lastIndexOf('\n', keyStart - 1) + 1;
  const valueEnd = (pair.value as Node | null)?.range?.[2] ?? (pair.key as Node).range?.[2] ?? keyStart;
  // Extend to the end of the line the block ends on, keeping trailing comments/blank lines of later keys out.
  let to = valueEnd;
  if (to > 0 && yaml[to - 1] !== '\n') {
    const nl = yaml.indexOf('\n', to);
    to = nl === -1 ? yaml.length : nl + 1;
  }
  const prefix = yaml.slice(from, keyStart);
  if (prefix.trim() !== '') {
    // The key does not start its own line (unusual layout): fall back to re-serialising.
    doc.set(PINS_KEY, doc.createNode(pinsValue(pins)));
    const out = doc.toString({ lineWidth: 0 });
    return { text: text.slice(0, fm.yamlStart) + (eol === '\n' ? out : out.replace(/\n/g, eol)) + text.slice(fm.yamlEnd), readsBack: false };
  }
  const ending = to === yaml.length && !yaml.endsWith('\n') ? block.slice(0, -eol.length) : block;
  return { text: text.slice(0, fm.yamlStart + from) + ending + text.slice(fm.yamlStart + to), readsBack: false };
}

function pinsValue(pins: SourcePins): Record<string, unknown> {
  return pins.commit === null ? { sections: pins.sections } : { commit: pins.commit, sections: pins.sections };
}

/**
 * Pins in the order alignment relies on: frontmatter fields first, then body sections in
 * translation order (`pairs` as `alignDocument` returns them). `hashOf` gives the hash to
 * pin for a source id, or undefined to leave it out.
 */
export function orderedPins(
  pairs: readonly { sourceId: string; translationIndex: number }[],
  hashOf: (sourceId: string) => string | undefined,
  commit: string | null,
): SourcePins {
  const sections: Record<string, string> = {};
  const ordered = [...pairs.filter((p) => p.translationIndex < 0), ...pairs.filter((p) => p.translationIndex >= 0).sort((a, b) => a.translationIndex - b.translationIndex)];
  for (const pair of ordered) {
    const hash = hashOf(pair.sourceId);
    if (hash !== undefined) setPin(sections, pair.sourceId, hash);
  }
  return { commit, sections };
}

/**
 * The canonical pin block and its place, when the frontmatter holds one (the YAML around
 * it is still parsed, so errors there are reported as usual): `yaml` stays off the
 * 10,000-line block. Null sends the caller down the general path.
 */
function fastPath(text: string, fm: FrontmatterBlock): { pins: SourcePins; from: number; to: number } | null {
  const yaml = frontmatterYaml(text, fm);
  const at = findPinsLines(yaml);
  if (!at || !yaml.endsWith('\n') && at.to === yaml.length) return null;
  const pins = readCanonical(yaml.slice(at.from, at.to));
  if (!pins) return null;
  const rest = yaml.slice(0, at.from) + yaml.slice(at.to);
  if (/^i18n[ \t]*:/m.test(rest)) return null; // a second i18n key: let the YAML parser report it
  // The rest of the frontmatter is still checked; lines after the cut block are shifted back for errors.
  const blockStart = fm.yamlLine + countLines(yaml.slice(0, at.from));
  const blockLines = countLines(yaml.slice(at.from, at.to));
  checkYamlAt(rest, fm.yamlLine, (line) => (line >= blockStart ? line + blockLines : line));
  return { pins, ...at };
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Sets one pin as an own property, whatever the id (`__proto__` is a valid heading slug). */
export function setPin(sections: Record<string, string>, id: string, hash: string): void {
  // Assignment makes the same own property for any other id, and costs far less (pins are set by the thousand).
  if (id === '__proto__') Object.defineProperty(sections, id, { value: hash, enumerable: true, writable: true, configurable: true });
  else sections[id] = hash;
}

/** The pinned hash of a section id, if any (own properties only: `constructor` is a valid slug too). */
export function pinOf(pins: SourcePins | null | undefined, id: string): string | undefined {
  return pins && Object.hasOwn(pins.sections, id) ? pins.sections[id] : undefined;
}
