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
    const { text: normalised, legacy } = normaliseWithState(value);
    const field: FrontmatterField = { kind: 'frontmatter', id: `frontmatter.${key}`, key, value, hash: contentHash(normalised), words: countWords(normalised) };
    if (legacy !== undefined) field.legacyHash = contentHash(legacy);
    fields.push(field);
  }
  return fields;
}

function stringify(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
