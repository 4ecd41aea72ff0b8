import jsYaml, { type ImplicitType } from 'js-yaml';

// The types js-yaml's `safeLoad` tries on a plain scalar, in its order (null, bool, int,
// float, timestamp, merge): resolving with them types a value exactly as it does.
const IMPLICIT: readonly ImplicitType[] = jsYaml.DEFAULT_SAFE_SCHEMA.compiledImplicit;

const MAY_RESOLVE = /^[-+.0-9~nNtTfF<]/;
const LEADING_SPACES = /^ +/;
const TRAILING_SPACES = / +$/;
// A plain scalar cannot start with an indicator (some only before a space; all refused here).
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`]/;
// What makes js-yaml do more than read lines: tabs, CR, characters it refuses or warns about, a BOM.
const UNUSUAL = /[\t\r\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u2028\u2029\uFEFF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;

/**
 * What js-yaml's `safeLoad` (gray-matter's YAML engine) gives for the common frontmatter,
 * without its parser: block mappings, one `key: value` a line (the pins `i18n:` block
 * included), each value a one-line plain scalar (typed by js-yaml's own implicit types:
 * `2018-03-21` is a Date, `12` a number), a double-quoted string whose only escapes are
 * `\"` and `\\`, a single-quoted string, `{}` or `[]`, or nothing followed by a more
 * indented mapping or list of scalars; whole-line comments and blank lines between top-level
 * entries. `undefined` for anything else (multi-line scalars, flow collections, anchors,
 * tags, block scalars, other escapes, comments after a value, duplicate keys, keys a type
 * would resolve, tabs, CR, no entry at all…), which the caller hands to js-yaml. Why:
 * js-yaml was a seventh of a cold `status` on a 5,000-file corpus, mostly for the pins
 * adoption writes. flat-yaml.test.ts compares the two on generated and real blocks.
 */
export function loadFlatYaml(yaml: string): Record<string, unknown> | undefined {
  if (UNUSUAL.test(yaml)) return undefined;
  const lines = yaml.split('\n');
  const at = { line: 0 };
  const data = readMapping(lines, at, 0);
  return at.line === lines.length ? data : undefined;
}

/** The block mapping whose keys are indented `indent` spaces, from line `at.line` on (left on the first line after it). */
function readMapping(lines: readonly string[], at: { line: number }, indent: number): Record<string, unknown> | undefined {
  const data: Record<string, unknown> = {};
  let entries = 0;
  while (at.line < lines.length) {
    const line = lines[at.line]!;
    if (isBlank(line) || line.charCodeAt(0) === 35 /* # */) {
      // Between top-level entries only: a nested block ends there (the parent takes over).
      if (indent > 0) break;
      at.line++;
      continue;
    }
    const own = indentation(line);
    if (own < indent) break;
    if (own > indent) return undefined;
    const entry = readKey(line, indent);
    if (entry === undefined || Object.hasOwn(data, entry.key)) return undefined;
    at.line++;
    entries++;
    if (isBlank(entry.rest)) {
      const next = at.line < lines.length ? lines[at.line]! : '';
      const deeper = isBlank(next) ? 0 : indentation(next);
      const nested = deeper <= indent ? null : next.startsWith('- ', deeper) ? readSequence(lines, at, deeper) : readMapping(lines, at, deeper);
      if (nested === undefined) return undefined;
      data[entry.key] = nested;
      continue;
    }
    if (entry.rest.charCodeAt(0) !== 32) return undefined;
    const value = scalar(entry.rest.charCodeAt(1) === 32 ? entry.rest.replace(LEADING_SPACES, '') : entry.rest.slice(1));
    if (value === undefined) return undefined;
    data[entry.key] = value.value;
  }
  return entries === 0 ? undefined : data;
}

/** The list of one-line scalars whose `- ` markers are indented `indent` spaces. */
function readSequence(lines: readonly string[], at: { line: number }, indent: number): unknown[] | undefined {
  const items: unknown[] = [];
  while (at.line < lines.length) {
    const line = lines[at.line]!;
    if (isBlank(line) || line.charCodeAt(0) === 35) break;
    const own = indentation(line);
    if (own < indent) break;
    if (own > indent || !line.startsWith('- ', indent)) return undefined;
    const value = scalar(line.slice(indent + 2).replace(LEADING_SPACES, ''));
    if (value === undefined) return undefined;
    items.push(value.value);
    at.line++;
  }
  return items;
}

/** A mapping key starting at `from` (plain, or double-quoted) and what follows its `:`. */
function readKey(line: string, from: number): { key: string; rest: string } | undefined {
  let key: string;
  let rest: string;
  if (line.charCodeAt(from) === 34 /* " */) {
    const quoted = doubleQuoted(line, from);
    if (quoted === undefined || line.charCodeAt(quoted.end) !== 58 /* : */) return undefined;
    key = quoted.value;
    rest = line.slice(quoted.end + 1);
  } else {
    // A plain key runs to the first `:` followed by a space or the end of the line.
    let colon = line.indexOf(':', from);
    while (colon !== -1 && colon + 1 < line.length && line.charCodeAt(colon + 1) !== 32) colon = line.indexOf(':', colon + 1);
    if (colon === -1) return undefined;
    key = line.slice(from, colon);
    // A key reads as written only when it is plain and no type resolves it.
    if (typeof plainScalar(key) !== 'string') return undefined;
    rest = line.slice(colon + 1);
  }
  // js-yaml defines `__proto__` as an own property; plain assignment would not.
  return key === '__proto__' ? undefined : { key, rest };
}

/** A one-line scalar as js-yaml reads it (`text` starts at its first character, may end with spaces), or undefined. */
function scalar(text: string): { value: unknown } | undefined {
  const first = text.charCodeAt(0);
  if (first === 34 /* " */) {
    const quoted = doubleQuoted(text, 0);
    return quoted !== undefined && isBlank(text.slice(quoted.end)) ? { value: quoted.value } : undefined;
  }
  if (first === 39 /* ' */) {
    let value = '';
    for (let from = 1; ; ) {
      const quote = text.indexOf("'", from);
      if (quote === -1) return undefined;
      value += text.slice(from, quote);
      if (text.charCodeAt(quote + 1) === 39) {
        value += "'";
        from = quote + 2;
        continue;
      }
      return isBlank(text.slice(quote + 1)) ? { value } : undefined;
    }
  }
  // Only spaces end a plain scalar (tabs are refused above): `x\u00a0` keeps its no-break space.
  const plain = text.charCodeAt(text.length - 1) === 32 ? text.replace(TRAILING_SPACES, '') : text;
  if (plain === '{}') return { value: {} };
  if (plain === '[]') return { value: [] };
  const known = plainScalar(plain);
  if (known === NOT_PLAIN) return undefined;
  // A typed value is constructed each time: a Date is an object its reader may change.
  return { value: typeof known === 'string' ? known : known.construct(plain) };
}

/** Whether a text is a plain scalar, and then the string itself or the implicit type that resolves it (remembered). */
function plainScalar(plain: string): string | ImplicitType | typeof NOT_PLAIN {
  let known = plainScalars.get(plain);
  if (known === undefined) {
    known = !isPlain(plain) ? NOT_PLAIN : (resolvable(plain) ? IMPLICIT.find((type) => type.resolve(plain)) : undefined) ?? plain;
    if (plainScalars.size >= PLAIN_SCALARS_MAX) plainScalars.clear();
    plainScalars.set(plain, known);
  }
  return known;
}

/**
 * What a plain scalar is, by its text: not plain, the string itself, or the implicit type
 * that resolves it. Values recur (a pin's hash is in every translation of a document) and
 * resolving tries a handful of regular expressions: most of this reader's time on the
 * pins of a 5,000-file corpus. A pure function of the text; emptied past a bound.
 */
const plainScalars = new Map<string, string | ImplicitType | typeof NOT_PLAIN>();
const PLAIN_SCALARS_MAX = 50_000;
const NOT_PLAIN = Symbol('not plain');

/** A one-line plain scalar js-yaml reads as written: no indicator first, no `: ` or ` #` inside, no `:` or space last. */
function isPlain(text: string): boolean {
  return text !== '' && !INDICATOR_START.test(text) && !text.includes(': ') && !text.endsWith(':') && !text.endsWith(' ') && !text.includes(' #');
}

/** The double-quoted scalar opening at `from`, its only escapes `\"` and `\\`, and the offset after its closing quote. */
function doubleQuoted(text: string, from: number): { value: string; end: number } | undefined {
  let value = '';
  let start = from + 1;
  for (let i = start; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 34) return { value: value + text.slice(start, i), end: i + 1 };
    if (code === 92 /* \ */) {
      const next = text.charCodeAt(i + 1);
      if (next !== 34 && next !== 92) return undefined;
      value += text.slice(start, i) + text[i + 1];
      start = ++i + 1;
    }
  }
  return undefined;
}

/** Empty or spaces only. */
function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) !== 32) return false;
  return true;
}

function indentation(line: string): number {
  let spaces = 0;
  while (line.charCodeAt(spaces) === 32) spaces++;
  return spaces;
}

function resolvable(plain: string): boolean {
  // Every implicit type's text starts with one of these (a digit, sign or dot for numbers
  // and dates, `~`, `n`ull, `t`rue, `f`alse, `<<`): the rest of prose is a string at once.
  return MAY_RESOLVE.test(plain);
}
