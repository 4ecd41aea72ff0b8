/**
 * CLDR plural categories, per locale, as i18next (v21+ JSON format) names its keys:
 * `key_one`, `key_other`, and `key_ordinal_one` for ordinals. The categories come from
 * `Intl.PluralRules`, the same source i18next resolves them from at run time, so a
 * catalog that passes `check` is one i18next finds every form in: French needs
 * `_many` (CLDR 42+), Polish `_few` and `_many`, Japanese only `_other`.
 */

/** Every CLDR category, in CLDR order (the order forms are listed in messages). */
export const PLURAL_CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
export type PluralCategory = (typeof PLURAL_CATEGORIES)[number];
export type PluralType = 'cardinal' | 'ordinal';

/** A key's plural suffix: `_one`, `_ordinal_few`; `base` is the key without it. */
export interface PluralSuffix {
  base: string;
  type: PluralType;
  category: PluralCategory;
}

const SUFFIX = /^(.+)_(ordinal_)?(zero|one|two|few|many|other)$/s;
const cache = new Map<string, readonly PluralCategory[]>();

/** The key split into base and plural suffix, or null when it has none. */
export function pluralSuffixOf(key: string): PluralSuffix | null {
  const m = SUFFIX.exec(key);
  if (!m) return null;
  return { base: m[1]!, type: m[2] ? 'ordinal' : 'cardinal', category: m[3] as PluralCategory };
}

/** The suffix i18next looks up for a category: `_one`, `_ordinal_one`. */
export function pluralSuffix(type: PluralType, category: PluralCategory): string {
  return type === 'ordinal' ? `_ordinal_${category}` : `_${category}`;
}

/**
 * The categories `locale` uses, in CLDR order. `_zero` is not among them unless CLDR
 * lists it (Arabic): i18next reads a `_zero` key for a count of 0 in any language, so
 * it is an optional extra, never required.
 */
export function pluralCategories(locale: string, type: PluralType = 'cardinal'): readonly PluralCategory[] {
  const cacheKey = `${type}:${locale}`;
  let categories = cache.get(cacheKey);
  if (!categories) {
    const used = new Set(new Intl.PluralRules(locale, { type }).resolvedOptions().pluralCategories);
    categories = PLURAL_CATEGORIES.filter((category) => used.has(category));
    cache.set(cacheKey, categories);
  }
  return categories;
}
