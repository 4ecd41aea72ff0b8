/**
 * An i18next catalog as units: nested keys flattened with the key separator, the plural
 * forms of one key (`files_one`, `files_other`, `files_ordinal_one`) grouped into one
 * unit, since a target language needs forms English does not have (French `_many`), so
 * no English form maps one to one to a translated form; and the context variants a
 * translation adds on its own (`welcome_female` where English has only `welcome`, for
 * gendered languages) owned by the English key they vary.
 */
import { contentHash } from '@i18n-drift/sections';
import { CatalogSyntaxError, lineIndex, parseJson, positionOf, valueOf, type JsonDocument, type JsonNode, type JsonValue } from './json-cst.js';
import { pluralSuffixOf } from './plural-forms.js';

export interface CatalogOptions {
  /**
   * Joins nested keys into one id; i18next's `keySeparator`. Default `.`. `false`: flat
   * keys, a nested object being one value (as i18next, which then never looks inside it).
   */
  keySeparator?: string | false;
}

export const DEFAULT_KEY_SEPARATOR = '.';

/** One leaf of a catalog: a string (or number, boolean, null, or an array i18next returns whole). */
export interface CatalogEntry {
  /** The flattened key, e.g. `cli.error.noFile`. */
  key: string;
  /** The JSON keys leading to it, e.g. `['cli', 'error', 'noFile']`. */
  path: string[];
  value: JsonValue;
  /** Offset of its key in the catalog text. */
  offset: number;
}

export interface Catalog {
  text: string;
  doc: JsonDocument;
  /** Every leaf, in document order; of two leaves with one flattened key, the last (as `JSON.parse` and i18next read it). */
  entries: Map<string, CatalogEntry>;
  /** Leaves shadowed by a later one with the same flattened key. */
  duplicates: CatalogEntry[];
  /** Offset -> 1-based line. */
  lineOf: (offset: number) => number;
}

/** A catalog that is JSON but not a catalog (an array or a string at the top). */
export function notACatalog(text: string, doc: JsonDocument): CatalogSyntaxError {
  const { line, column } = positionOf(text, doc.root.offset);
  return new CatalogSyntaxError(line, column, `a catalog is a JSON object of keys, found ${doc.root.type === 'array' ? 'an array' : 'a single value'}`);
}

/**
 * Parses a catalog and flattens its keys.
 * @throws CatalogSyntaxError for invalid JSON or a top-level value that is not an object.
 */
export function readCatalog(text: string, options: CatalogOptions = {}): Catalog {
  const doc = parseJson(text);
  if (doc.root.type !== 'object') throw notACatalog(text, doc);
  const separator = options.keySeparator ?? DEFAULT_KEY_SEPARATOR;
  const entries = new Map<string, CatalogEntry>();
  const duplicates: CatalogEntry[] = [];
  const walk = (node: JsonNode, path: string[]) => {
    if (node.type !== 'object') return;
    for (const member of node.members) {
      const memberPath = [...path, member.key];
      if (member.value.type === 'object' && separator !== false) {
        walk(member.value, memberPath);
        continue;
      }
      const entry: CatalogEntry = { key: separator === false ? member.key : memberPath.join(separator), path: memberPath, value: valueOf(member.value), offset: member.offset };
      const shadowed = entries.get(entry.key);
      if (shadowed) {
        duplicates.push(shadowed);
        // Re-inserted so that the map's order is that of the leaf i18next reads.
        entries.delete(entry.key);
      }
      entries.set(entry.key, entry);
    }
  };
  walk(doc.root, []);
  return { text, doc, entries, duplicates, lineOf: lineIndex(text) };
}

/**
 * A unit: one key, or the plural forms of one key. `forms` maps the suffix after the
 * unit id to the entry: `''` for the key itself, `_one`, `_ordinal_few`, and in a
 * translation context variants such as `_female` or `_female_one`.
 */
export interface CatalogUnit {
  id: string;
  /** The JSON path of the key the forms are suffixes of (its last element is the base name). */
  basePath: string[];
  forms: Map<string, CatalogEntry>;
  /** True when the forms are plural forms (`_other` or `_ordinal_other` among them, in English). */
  plural: boolean;
  /** Hash of the English: of the value, or of every form with its suffix. */
  hash: string;
  /** The text translators read: the value, or one `_suffix: value` line per form. */
  text: string;
  /** Offset of its first entry. */
  offset: number;
}

/** The JSON path of `unit`'s form `suffix` (suffixes apply to the last key). */
export function formPath(basePath: readonly string[], suffix: string): string[] {
  return [...basePath.slice(0, -1), basePath[basePath.length - 1]! + suffix];
}

/** An English catalog read once and shared: its parse and its units. Callers only read them. */
export interface EnglishCatalog {
  catalog: Catalog;
  units: ReadonlyMap<string, CatalogUnit>;
}

const englishCatalogs = new Map<string, EnglishCatalog>();

/**
 * `readCatalog` and `sourceUnits` of an English catalog, remembered for the few texts in
 * use: a sync walks every locale against the same English versions, and a 10,000-key
 * catalog costs ~0.1 s to read each time (bench/apply-catalog-change.js).
 * @throws CatalogSyntaxError as `readCatalog`.
 */
export function readEnglishCatalog(text: string, options: CatalogOptions = {}): EnglishCatalog {
  const key = `${options.keySeparator === false ? '\u0000' : (options.keySeparator ?? DEFAULT_KEY_SEPARATOR)}\u0001${text}`;
  let found = englishCatalogs.get(key);
  if (found) {
    // Most recently used last, so that the oldest is the one dropped.
    englishCatalogs.delete(key);
    englishCatalogs.set(key, found);
    return found;
  }
  const catalog = readCatalog(text, options);
  found = { catalog, units: sourceUnits(catalog) };
  if (englishCatalogs.size >= 8) englishCatalogs.delete(englishCatalogs.keys().next().value!);
  englishCatalogs.set(key, found);
  return found;
}

/** The units of an English catalog, in document order, by id. */
export function sourceUnits(catalog: Catalog): Map<string, CatalogUnit> {
  const { entries } = catalog;
  const groups = new Map<string, Map<string, CatalogEntry>>();
  const baseOf = (entry: CatalogEntry): { id: string; suffix: string } => {
    const plural = pluralSuffixOf(entry.key);
    if (plural && (entries.has(`${plural.base}_other`) || entries.has(`${plural.base}_ordinal_other`))) {
      return { id: plural.base, suffix: entry.key.slice(plural.base.length) };
    }
    return { id: entry.key, suffix: '' };
  };
  for (const entry of entries.values()) {
    const { id, suffix } = baseOf(entry);
    let forms = groups.get(id);
    if (!forms) groups.set(id, (forms = new Map()));
    forms.set(suffix, entry);
  }
  const units = new Map<string, CatalogUnit>();
  for (const [id, forms] of groups) {
    const plural = forms.size > 1 || !forms.has('');
    let first: CatalogEntry | null = null;
    let suffix = '';
    for (const [s, entry] of forms) {
      if (first === null || entry.offset < first.offset) [first, suffix] = [entry, s];
    }
    const last = first!.path[first!.path.length - 1]!;
    const basePath = suffix === '' ? first!.path : [...first!.path.slice(0, -1), last.slice(0, last.length - suffix.length)];
    units.set(id, { id, basePath, forms, plural, hash: unitHash(forms, plural), text: unitText(forms, plural), offset: first!.offset });
  }
  return units;
}

/**
 * The units of a translated catalog, grouped by the English unit each entry belongs to:
 * the key itself, a plural form of it (any form: the target language's own), or a
 * context variant of it; `unknown` holds entries that belong to no English unit.
 */
export function translationUnits(catalog: Catalog, english: ReadonlyMap<string, CatalogUnit>, options: CatalogOptions = {}): { units: Map<string, CatalogUnit>; unknown: CatalogEntry[] } {
  const separator = options.keySeparator ?? DEFAULT_KEY_SEPARATOR;
  const units = new Map<string, CatalogUnit>();
  const unknown: CatalogEntry[] = [];
  for (const entry of catalog.entries.values()) {
    const owner = ownerOf(entry.key, english, separator);
    if (!owner) {
      unknown.push(entry);
      continue;
    }
    let unit = units.get(owner.id);
    if (!unit) {
      const last = entry.path[entry.path.length - 1]!;
      const basePath = [...entry.path.slice(0, -1), last.slice(0, last.length - owner.suffix.length)];
      unit = { id: owner.id, basePath, forms: new Map(), plural: english.get(owner.id)!.plural, hash: '', text: '', offset: entry.offset };
      units.set(owner.id, unit);
    }
    unit.forms.set(owner.suffix, entry);
  }
  for (const unit of units.values()) {
    unit.hash = unitHash(unit.forms, unit.plural);
    unit.text = unitText(unit.forms, unit.plural);
  }
  return { units, unknown };
}

/**
 * The English unit a translated key belongs to: the key itself, else its plural base,
 * else (plural suffix and one `_context` removed) the key it is a context variant of.
 */
export function ownerOf(key: string, english: ReadonlyMap<string, unknown>, separator: string | false = DEFAULT_KEY_SEPARATOR): { id: string; suffix: string } | null {
  if (english.has(key)) return { id: key, suffix: '' };
  const plural = pluralSuffixOf(key);
  if (plural && english.has(plural.base)) return { id: plural.base, suffix: key.slice(plural.base.length) };
  const stem = plural ? plural.base : key;
  const cut = stem.lastIndexOf('_');
  // A context is a suffix of the last key, never a `_` in a parent's name (`a_b.c`).
  if (cut > 0 && (separator === false || !key.slice(cut).includes(separator)) && english.has(stem.slice(0, cut))) return { id: stem.slice(0, cut), suffix: key.slice(cut) };
  return null;
}

/** Forms in a stable order: the key itself first, then by suffix. */
export function sortedForms(forms: ReadonlyMap<string, CatalogEntry>): [string, CatalogEntry][] {
  return [...forms].sort(([a], [b]) => (a === b ? 0 : a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1));
}

function unitHash(forms: ReadonlyMap<string, CatalogEntry>, plural: boolean): string {
  if (!plural && forms.size === 1 && forms.has('')) return contentHash(JSON.stringify(forms.get('')!.value));
  return contentHash(JSON.stringify(sortedForms(forms).map(([suffix, entry]) => [suffix, entry.value])));
}

function unitText(forms: ReadonlyMap<string, CatalogEntry>, plural: boolean): string {
  const show = (value: JsonValue) => (typeof value === 'string' ? value : JSON.stringify(value));
  if (!plural && forms.size === 1 && forms.has('')) return show(forms.get('')!.value);
  return sortedForms(forms)
    .map(([suffix, entry]) => `${suffix || '(key)'}: ${show(entry.value)}`)
    .join('\n');
}

/** Every string inside a value (an array's items included). */
export function stringsOf(value: JsonValue): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}
