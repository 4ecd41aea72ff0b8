import { contentHash } from './content-hash.js';
import { countWords } from './count-words.js';
import { normaliseWithState } from './normalise-markdown.js';
import type { FrontmatterField } from './types.js';

/** Frontmatter keys tracked as translatable when `ParseOptions.frontmatterKeys` is not given. */
export const DEFAULT_FRONTMATTER_KEYS: readonly string[] = ['title', 'description'];

/**
 * The translatable frontmatter values, in `keys` order, skipping absent and null
 * ones. Strings are kept; numbers and booleans stringified; dates as ISO 8601;
 * lists and mappings as JSON (so a change inside them still changes the hash).
 */
export function frontmatterFields(data: Record<string, unknown>, keys: readonly string[]): FrontmatterField[] {
  const fields: FrontmatterField[] = [];
  for (const key of keys) {
    if (!Object.hasOwn(data, key)) continue;
    const value = stringify(data[key]);
    if (value === null) continue;
    const form = valueForm(value);
    const field: FrontmatterField = { kind: 'frontmatter', id: `frontmatter.${key}`, key, value, hash: form.hash, words: form.words };
    if (form.legacyHash !== undefined) field.legacyHash = form.legacyHash;
    fields.push(field);
  }
  return fields;
}

interface ValueForm {
  hash: string;
  words: number;
  legacyHash: string | undefined;
}

/**
 * Hashes and word counts of values, by value. A title recurs in every locale left in
 * English and in each text adoption pins; a pure function of the value, emptied past a
 * bound for long-running processes.
 */
const forms = new Map<string, ValueForm>();
const FORMS_MAX = 50_000;

function valueForm(value: string): ValueForm {
  let form = forms.get(value);
  if (form === undefined) {
    const { text: normalised, legacy } = normaliseWithState(value);
    form = { hash: contentHash(normalised), words: countWords(normalised), legacyHash: legacy === undefined ? undefined : contentHash(legacy) };
    if (forms.size >= FORMS_MAX) forms.clear();
    forms.set(value, form);
  }
  return form;
}

function stringify(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
