/**
 * A lossless JSON tree: every byte of the text (whitespace, key order, escapes, number
 * spelling, final newline) is kept on the node it sits next to, so `printJson(parseJson(t))`
 * is `t`, and an edit to one member leaves every other byte as it was. Catalog updates
 * edit this tree instead of `JSON.stringify`ing a parsed object, which would re-indent
 * the file, drop a `\u00e9` escape or a BOM, and turn a one-key change into a diff of
 * the whole file.
 */

/** Invalid JSON: the 1-based line and column of the first problem, and what is wrong there. */
export class CatalogSyntaxError extends Error {
  override name = 'CatalogSyntaxError';
  constructor(
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`line ${line}, column ${column}: ${reason}`);
  }
}

export type JsonScalar = string | number | boolean | null;
export type JsonValue = JsonScalar | JsonValue[] | { [key: string]: JsonValue };

export interface JsonMember {
  /** Whitespace between the previous `{` or `,` and the key. */
  before: string;
  /** The key as written, quotes and escapes included. */
  keyRaw: string;
  key: string;
  /** Whitespace, `:` and whitespace between the key and the value. */
  colon: string;
  value: JsonNode;
  /** Whitespace between the value and the next `,` or the closing `}`. */
  after: string;
  /** Offset of the key in the text it was parsed from (-1 for a member added by an edit). */
  offset: number;
}

export interface JsonItem {
  before: string;
  value: JsonNode;
  after: string;
}

export type JsonNode =
  | { type: 'object'; members: JsonMember[]; /** Whitespace inside an empty `{}`. */ inner: string; offset: number }
  | { type: 'array'; items: JsonItem[]; inner: string; offset: number }
  | { type: 'scalar'; raw: string; value: JsonScalar; offset: number };

export interface JsonDocument {
  /** Whitespace (and a byte-order mark) before the value. */
  before: string;
  root: JsonNode;
  /** Whitespace after the value: the final newline, or none. */
  after: string;
}

// Deeper nesting than any catalog has; the limit turns a hostile file into an error, not a stack overflow.
const MAX_DEPTH = 256;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Parses JSON text (RFC 8259; a leading byte-order mark is kept as whitespace).
 * @throws CatalogSyntaxError naming the line and column of the first problem.
 */
export function parseJson(text: string): JsonDocument {
  let at = 0;

  const fail = (offset: number, reason: string): never => {
    const { line, column } = positionOf(text, offset);
    throw new CatalogSyntaxError(line, column, reason);
  };
  const describe = (offset: number): string => (offset >= text.length ? 'the end of the file' : `'${text[offset]}'`);

  const space = (): string => {
    const start = at;
    for (let c = text.charCodeAt(at); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = text.charCodeAt(++at));
    return start === at ? '' : text.slice(start, at);
  };

  const string = (): { raw: string; value: string } => {
    const start = at;
    let i = at + 1;
    let escaped = false;
    for (;;) {
      if (i >= text.length) fail(start, 'unterminated string');
      const code = text.charCodeAt(i);
      if (code === 0x22) break;
      if (code < 0x20) fail(i, code === 0x0a ? 'line break inside a string (write \\n)' : 'control character inside a string');
      if (code === 0x5c) {
        escaped = true;
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail(i, 'invalid \\u escape (expected four hex digits)');
          i += 6;
          continue;
        }
        if (next === undefined || !'"\\/bfnrt'.includes(next)) fail(i, `invalid escape '\\${next ?? ''}'`);
        i += 2;
        continue;
      }
      i++;
    }
    at = i + 1;
    const raw = text.slice(start, at);
    // Most catalog strings hold no escape: their value is what is between the quotes.
    return { raw, value: escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1) };
  };

  const value = (depth: number): JsonNode => {
    if (depth > MAX_DEPTH) fail(at, `nested deeper than ${MAX_DEPTH} levels`);
    const offset = at;
    const c = text[at];
    if (c === '{') {
      at++;
      const members: JsonMember[] = [];
      let before = space();
      if (text[at] === '}') {
        at++;
        return { type: 'object', members, inner: before, offset };
      }
      for (;;) {
        if (text[at] !== '"') fail(at, `expected a key in double quotes, found ${describe(at)}`);
        const keyOffset = at;
        const key = string();
        const colonStart = at;
        space();
        if (text[at] !== ':') fail(at, `expected ':' after the key ${key.raw}, found ${describe(at)}`);
        at++;
        space();
        const colon = text.slice(colonStart, at);
        const member = value(depth + 1);
        const after = space();
        members.push({ before, keyRaw: key.raw, key: key.value, colon, value: member, after, offset: keyOffset });
        if (text[at] === ',') {
          at++;
          before = space();
          if (text[at] === '}') fail(at, "trailing comma before '}'");
          continue;
        }
        if (text[at] === '}') {
          at++;
          return { type: 'object', members, inner: '', offset };
        }
        fail(at, `expected ',' or '}' after the value of ${key.raw}, found ${describe(at)}`);
      }
    }
    if (c === '[') {
      at++;
      const items: JsonItem[] = [];
      let before = space();
      if (text[at] === ']') {
        at++;
        return { type: 'array', items, inner: before, offset };
      }
      for (;;) {
        const item = value(depth + 1);
        const after = space();
        items.push({ before, value: item, after });
        if (text[at] === ',') {
          at++;
          before = space();
          if (text[at] === ']') fail(at, "trailing comma before ']'");
          continue;
        }
        if (text[at] === ']') {
          at++;
          return { type: 'array', items, inner: '', offset };
        }
        fail(at, `expected ',' or ']' in an array, found ${describe(at)}`);
      }
    }
    if (c === '"') {
      const { raw, value: v } = string();
      return { type: 'scalar', raw, value: v, offset };
    }
    for (const [word, literal] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return { type: 'scalar', raw: word, value: literal, offset };
      }
    }
    NUMBER.lastIndex = at;
    if (c !== undefined && /[-0-9]/.test(c) && NUMBER.exec(text)) {
      at = NUMBER.lastIndex;
      const raw = text.slice(offset, at);
      return { type: 'scalar', raw, value: Number(raw), offset };
    }
    return fail(at, at >= text.length ? 'unexpected end of the file' : `unexpected ${describe(at)}`);
  };

  let before = '';
  if (text.charCodeAt(0) === 0xfeff) {
    before = '\uFEFF';
    at = 1;
  }
  before += space();
  if (at >= text.length) fail(at, 'the file is empty (a catalog is at least {})');
  const root = value(0);
  const after = space();
  if (at < text.length) fail(at, `unexpected ${describe(at)} after the end of the JSON value`);
  return { before, root, after };
}

/** The text of a document: byte for byte the parsed text when nothing was edited. */
export function printJson(doc: JsonDocument): string {
  return doc.before + printNode(doc.root) + doc.after;
}

export function printNode(node: JsonNode): string {
  if (node.type === 'scalar') return node.raw;
  if (node.type === 'object') {
    if (node.members.length === 0) return `{${node.inner}}`;
    return `{${node.members.map((m) => m.before + m.keyRaw + m.colon + printNode(m.value) + m.after).join(',')}}`;
  }
  if (node.items.length === 0) return `[${node.inner}]`;
  return `[${node.items.map((i) => i.before + printNode(i.value) + i.after).join(',')}]`;
}

/** The plain value of a node (what `JSON.parse` gives; of duplicate keys, the last wins as there). */
export function valueOf(node: JsonNode): JsonValue {
  if (node.type === 'scalar') return node.value;
  if (node.type === 'array') return node.items.map((i) => valueOf(i.value));
  const out: { [key: string]: JsonValue } = {};
  for (const m of node.members) {
    // A key named __proto__ must become an own property, as JSON.parse makes it.
    Object.defineProperty(out, m.key, { value: valueOf(m.value), enumerable: true, configurable: true, writable: true });
  }
  return out;
}

/** 1-based line and column (in UTF-16 code units, as editors count for BMP text) of an offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Offset -> 1-based line, for many lookups in one text. */
export function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
