/**
 * Minimal edits on a lossless JSON tree (./json-cst): set, insert or remove one member by
 * its path; every other byte of the file stays as it was. A new member copies the
 * whitespace of its neighbours (so a tab-indented or minified catalog stays so), and a
 * new object is indented with the file's own indentation.
 */
import { parseJson, type JsonDocument, type JsonMember, type JsonNode, type JsonValue } from './json-cst.js';
import { PLURAL_CATEGORIES, pluralSuffixOf } from './plural-forms.js';

type ObjectNode = Extract<JsonNode, { type: 'object' }>;

/** How the file writes what an edit adds. `indent` null: everything on one line. */
export interface JsonStyle {
  indent: string | null;
  eol: string;
  colon: string;
}

/** The indentation, line ending and `: ` spacing of a document, from its first members. */
export function detectStyle(doc: JsonDocument): JsonStyle {
  const root = doc.root;
  const first = root.type === 'object' ? root.members[0] : undefined;
  if (!first) return { indent: '  ', eol: doc.after.includes('\r\n') ? '\r\n' : '\n', colon: ': ' };
  const newline = first.before.lastIndexOf('\n');
  if (newline === -1) return { indent: null, eol: '\n', colon: first.colon };
  const eol = first.before[newline - 1] === '\r' ? '\r\n' : '\n';
  return { indent: first.before.slice(newline + 1) || '  ', eol, colon: first.colon };
}

/** Index of the member i18next reads for `key` (of duplicates, the last). */
function memberIndex(node: ObjectNode, key: string): number {
  for (let i = node.members.length - 1; i >= 0; i--) if (node.members[i]!.key === key) return i;
  return -1;
}

/** The objects along `path` (root first), as far as they exist. */
function objectsAlong(doc: JsonDocument, path: readonly string[]): ObjectNode[] {
  const chain: ObjectNode[] = [];
  let node = doc.root;
  for (let depth = 0; ; depth++) {
    if (node.type !== 'object') return chain;
    chain.push(node);
    if (depth === path.length) return chain;
    const i = memberIndex(node, path[depth]!);
    if (i === -1) return chain;
    node = node.members[i]!.value;
  }
}

/** The value at `path`, or null. */
export function nodeAt(doc: JsonDocument, path: readonly string[]): JsonNode | null {
  const parents = objectsAlong(doc, path.slice(0, -1));
  if (parents.length < path.length) return null;
  const parent = parents[path.length - 1]!;
  const i = memberIndex(parent, path[path.length - 1]!);
  return i === -1 ? null : parent.members[i]!.value;
}

/** The keys of the object at `path`, in order (empty when there is none). */
export function keysAt(doc: JsonDocument, path: readonly string[]): string[] {
  const chain = objectsAlong(doc, path);
  return chain.length === path.length + 1 ? chain[path.length]!.members.map((m) => m.key) : [];
}

/** A new node for `value` written at nesting `depth` (the root's members are at depth 1). */
export function buildNode(value: JsonValue, depth: number, style: JsonStyle): JsonNode {
  if (value === null || typeof value !== 'object') return { type: 'scalar', raw: JSON.stringify(value), value, offset: -1 };
  if (Array.isArray(value)) {
    const text = JSON.stringify(value, null, style.indent ?? undefined);
    const pad = (style.indent ?? '').repeat(depth);
    return parseJson(text.replace(/\n/g, style.eol + pad)).root;
  }
  const node: ObjectNode = { type: 'object', members: [], inner: '', offset: -1 };
  for (const [key, v] of Object.entries(value)) insertAt(node, node.members.length, key, buildNode(v, depth + 1, style), depth, style);
  return node;
}

/** Inserts a member at `index` of `node` (an object at nesting `depth`), spaced like its neighbours. */
function insertAt(node: ObjectNode, index: number, key: string, value: JsonNode, depth: number, style: JsonStyle): void {
  const { members } = node;
  const n = members.length;
  let member: JsonMember;
  if (n === 0) {
    const open = style.indent === null ? '' : style.eol + style.indent.repeat(depth + 1);
    const close = style.indent === null ? '' : style.eol + style.indent.repeat(depth);
    member = { before: open, keyRaw: JSON.stringify(key), key, colon: style.colon, value, after: close, offset: -1 };
    node.inner = '';
  } else {
    const neighbour = members[Math.min(index, n - 1)]!;
    // The last member's `after` is the space before `}`; the others' is the space before their comma.
    const inner = n >= 2 ? members[0]!.after : '';
    member = { before: neighbour.before, keyRaw: JSON.stringify(key), key, colon: members[0]!.colon, value, after: inner, offset: -1 };
    if (index >= n) {
      member.after = members[n - 1]!.after;
      members[n - 1]!.after = inner;
    }
  }
  members.splice(index, 0, member);
}

/** Replaces the value at `path` (which must exist); returns false when there is none. */
export function setValue(doc: JsonDocument, path: readonly string[], value: JsonValue, style: JsonStyle): boolean {
  const parents = objectsAlong(doc, path.slice(0, -1));
  if (parents.length < path.length) return false;
  const parent = parents[path.length - 1]!;
  const i = memberIndex(parent, path[path.length - 1]!);
  if (i === -1) return false;
  parent.members[i]!.value = buildNode(value, path.length, style);
  return true;
}

/**
 * Removes the member at `path`, and every object that this leaves empty (an emptied
 * `"errors": {}` is noise i18next would return as an object). Returns false when absent.
 */
export function removeAt(doc: JsonDocument, path: readonly string[]): boolean {
  const parents = objectsAlong(doc, path.slice(0, -1));
  if (parents.length < path.length) return false;
  for (let depth = path.length - 1; depth >= 0; depth--) {
    const node = parents[depth]!;
    const i = memberIndex(node, path[depth]!);
    if (i === -1) return depth < path.length - 1;
    const { members } = node;
    const [removed] = members.splice(i, 1);
    if (members.length > 0 && i === members.length) members[i - 1]!.after = removed!.after;
    if (members.length > 0 || depth === 0) return true;
    node.inner = '';
  }
  return true;
}

/**
 * Inserts `value` at `path`, creating the objects it needs. Among its siblings the new
 * key goes where `order` (the keys of the same object in English) puts it: after the
 * nearest key that precedes it there, else before the nearest that follows, else after
 * the key it extends (`welcome_female` after `welcome`), else last. Replaces the value
 * when the key exists.
 */
export function insertValue(doc: JsonDocument, path: readonly string[], value: JsonValue, style: JsonStyle, order: (parentPath: readonly string[]) => readonly string[]): void {
  if (setValue(doc, path, value, style)) return;
  const parents = objectsAlong(doc, path.slice(0, -1));
  const depth = parents.length - 1;
  const parent = parents[depth]!;
  const parentPath = path.slice(0, depth);
  const key = path[depth]!;
  // Objects missing along the path are created with the value inside them.
  let node = buildNode(value, path.length, style);
  for (let d = path.length - 1; d > depth; d--) {
    const wrapper: ObjectNode = { type: 'object', members: [], inner: '', offset: -1 };
    insertAt(wrapper, 0, path[d]!, node, d, style);
    node = wrapper;
  }
  // An existing non-object value in the way (a string where English now has an object) is replaced.
  const clash = memberIndex(parent, key);
  if (clash !== -1) {
    parent.members[clash]!.value = node;
    return;
  }
  insertAt(parent, positionFor(parent, key, order(parentPath)), key, node, depth, style);
}

function positionFor(parent: ObjectNode, key: string, english: readonly string[]): number {
  const keys = parent.members.map((m) => m.key);
  // A plural form goes among its key's other forms, in CLDR order (`_one`, `_many`, `_other`),
  // whatever order English lists its own forms in.
  const plural = pluralSuffixOf(key);
  if (plural) {
    const rank = (k: string) => {
      const p = pluralSuffixOf(k);
      return p && p.base === plural.base && p.type === plural.type ? PLURAL_CATEGORIES.indexOf(p.category) : -1;
    };
    const own = rank(key);
    let after = -1;
    let before = -1;
    keys.forEach((k, i) => {
      const r = rank(k);
      if (r === -1) return;
      if (r < own) after = i;
      else if (before === -1) before = i;
    });
    if (after !== -1) return after + 1;
    if (before !== -1) return before;
  }
  const at = english.indexOf(key);
  if (at !== -1) {
    for (let j = at - 1; j >= 0; j--) {
      const i = keys.lastIndexOf(english[j]!);
      if (i !== -1) return i + 1;
    }
    for (let j = at + 1; j < english.length; j++) {
      const i = keys.indexOf(english[j]!);
      if (i !== -1) return i;
    }
  }
  let best = -1;
  let bestLength = 0;
  keys.forEach((k, i) => {
    if (k.length > bestLength && key.startsWith(k)) {
      best = i;
      bestLength = k.length;
    }
  });
  return best !== -1 ? best + 1 : keys.length;
}
