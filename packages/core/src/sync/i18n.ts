/**
 * i18next over resources the caller hands in. Core never reads files: apps read
 * `locales/<lng>/i18n-drift.json` from the tool's install location and pass the JSON here.
 */
import i18next from 'i18next';

/** One language's strings: `{ cli: {...}, pr: {...}, check: {...}, ... }` as in `i18n-drift.json`. */
export type LanguageResources = Record<string, Record<string, unknown>>;

/** Every language's strings, keyed by language code (`en`, `fr`, `nl`). */
export type Resources = Record<string, LanguageResources>;

/** A bound translation function: key `ns:key` or `key` (namespace `common`), interpolation values. */
export type Translate = (key: string, values?: Record<string, unknown>) => string;

/** A translation function per language: what the sync workflow takes to write a French PR in French. */
export type Localize = (lng: string) => Translate;

/**
 * A translator for one language, English fallback, synchronous (resources are in memory).
 * Missing keys fall back to English, then to the key itself; never throws.
 */
export function createTranslator(resources: Resources, lng: string): Translate {
  return createLocalizer(resources)(lng);
}

/**
 * One i18next instance for every language, with a `Translate` per language (cached).
 * Languages are matched loosely: `fr-BE` uses `fr`, unknown ones use English.
 */
export function createLocalizer(resources: Resources): Localize {
  const namespaces = [...new Set(Object.values(resources).flatMap((r) => Object.keys(r)))];
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: 'en',
    fallbackLng: 'en',
    ns: namespaces.length > 0 ? namespaces : ['common'],
    defaultNS: 'common',
    fallbackNS: 'common',
    nsSeparator: ':',
    keySeparator: '.',
    // Markdown goes into PR bodies and terminals, not HTML: no escaping.
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  const cache = new Map<string, Translate>();
  return (lng) => {
    const language = pickLanguage(Object.keys(resources), lng);
    let t = cache.get(language);
    if (!t) {
      const fixed = instance.getFixedT(language);
      t = (key, values) => String(fixed(key, values ?? {}));
      cache.set(language, t);
    }
    return t;
  };
}

/** `fr_BE.UTF-8` / `fr-BE` / `FR` -> `fr` when only `fr` exists; English when nothing matches. */
export function pickLanguage(available: readonly string[], requested: string | null | undefined): string {
  if (!requested) return 'en';
  const tag = requested.split('.')[0]!.replace('_', '-').toLowerCase();
  const exact = available.find((a) => a.toLowerCase() === tag);
  if (exact) return exact;
  const base = tag.split('-')[0];
  return available.find((a) => a.toLowerCase() === base) ?? 'en';
}
