import jsYaml, { type ImplicitType } from 'js-yaml';

// The types js-yaml's `safeLoad` tries on a plain scalar, in its order (null, bool, int,
// float, timestamp, merge): resolving with them types a value exactly as it does.
const IMPLICIT: readonly ImplicitType[] = jsYaml.DEFAULT_SAFE_SCHEMA.compiledImplicit;

const KEY = /^[A-Za-z][A-Za-z0-9_-]*$/;
const MAY_RESOLVE = /^[-+.0-9~nNtTfF<]/;
const BLANK = /^ *$/;
const LEADING_SPACES = /^ +/;
const TRAILING_SPACES = / +$/;
const ITEM = /^( +)- +([^ ].*)$/;
// A plain scalar cannot start with an indicator (some only before a space; all refused here).
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`]/;
// What makes js-yaml do more than read lines: tabs, CR, characters it refuses or warns about, a BOM.
const UNUSUAL = /[\t\r\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u2028\u2029\uFEFF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;

/**
 * What js-yaml's `safeLoad` (gray-matter's YAML engine) gives for the common frontmatter,
 * without its parser: a flat mapping, one `key: value` a line, each value a one-line plain
 * scalar (typed by js-yaml's own implicit types: `2018-03-21` is a Date, `12` a number),
 * a double-quoted string without escapes or a single-quoted string, or nothing followed by
 * an indented list of such scalars; whole-line comments and blank lines between entries.
 * `undefined` for anything else (multi-line scalars, flow collections, anchors, tags, block
 * scalars, escapes, comments after a value, duplicate keys, keys a type would resolve, tabs,
 * CR, no entry at all…), which the caller hands to js-yaml. Why: js-yaml was most of reading the frontmatter
 * of a 5,000-file corpus. flat-yaml.test.ts compares the two on generated and real blocks.
 */
export function loadFlatYaml(yaml: string): Record<string, unknown> | undefined {
  if (UNUSUAL.test(yaml)) return undefined;
  const lines = yaml.split('\n');
  const data: Record<string, unknown> = {};
  let entries = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.charCodeAt(0) === 35 /* # */ || BLANK.test(line)) continue;
    const colon = line.indexOf(':');
    const key = line.slice(0, colon);
    if (colon <= 0 || !KEY.test(key) || resolves(key) || Object.hasOwn(data, key)) return undefined;
    const rest = line.slice(colon + 1);
    entries++;
    if (BLANK.test(rest)) {
      const items: unknown[] = [];
      let indent = '';
      for (; i + 1 < lines.length && lines[i + 1]!.charCodeAt(0) === 32; i++) {
        const item = ITEM.exec(lines[i + 1]!);
        if (!item || (indent !== '' && item[1] !== indent)) return undefined;
        indent = item[1]!;
        const value = scalar(item[2]!);
        if (value === undefined) return undefined;
        items.push(value.value);
      }
      data[key] = indent === '' ? null : items;
      continue;
    }
    if (rest.charCodeAt(0) !== 32) return undefined;
    const value = scalar(rest.replace(LEADING_SPACES, ''));
    if (value === undefined) return undefined;
    data[key] = value.value;
  }
  // No entry at all is no mapping: js-yaml gives `undefined`.
  return entries === 0 ? undefined : data;
}

/** A one-line scalar as js-yaml reads it (`text` starts at its first character, may end with spaces), or undefined. */
function scalar(text: string): { value: unknown } | undefined {
  const first = text.charCodeAt(0);
  if (first === 34 /* " */) {
    const close = text.indexOf('"', 1);
    if (close === -1 || !BLANK.test(text.slice(close + 1))) return undefined;
    const inner = text.slice(1, close);
    return inner.includes('\\') ? undefined : { value: inner };
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
      return BLANK.test(text.slice(quote + 1)) ? { value } : undefined;
    }
  }
  // Only spaces end a plain scalar (tabs are refused above): `x\u00a0` keeps its no-break space.
  const plain = text.replace(TRAILING_SPACES, '');
  if (plain === '' || INDICATOR_START.test(plain) || plain.includes(': ') || plain.endsWith(':') || plain.includes(' #')) return undefined;
  return { value: resolves(plain) ? IMPLICIT.find((type) => type.resolve(plain))!.construct(plain) : plain };
}

function resolves(plain: string): boolean {
  // Every implicit type's text starts with one of these (a digit, sign or dot for numbers
  // and dates, `~`, `n`ull, `t`rue, `f`alse, `<<`): the rest of prose is a string at once.
  return MAY_RESOLVE.test(plain) && IMPLICIT.some((type) => type.resolve(plain));
}
