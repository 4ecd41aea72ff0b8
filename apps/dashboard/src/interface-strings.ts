/**
 * The dashboard's own interface strings: the `dashboard` (and `common`) namespaces of
 * the tool's `locales/<lng>/i18n-drift.json`, read relative to this package — never from
 * the repository being shown, whose files are untrusted input.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createInstance, type TFunction } from 'i18next';

// The CLI's packed tarball carries the strings inside this package (locales/ beside
// dist/); in the clone, src/ and dist/ are both two levels below the root's locales/.
const LOCALES_DIR = [new URL('../locales/', import.meta.url), new URL('../../../locales/', import.meta.url)].find((url) => existsSync(url)) ?? new URL('../../../locales/', import.meta.url);
const SOURCE_LANGUAGE = 'en';

/** Translates interface keys of the `dashboard` namespace in one language. */
export interface Translator {
  lang: string;
  /** `t('overview.title')`, `t('count.stale', { count: 3 })`. */
  t: (key: string, vars?: Record<string, string | number>) => string;
}

type Resources = Record<string, Record<string, Record<string, unknown>>>;
let resources: Resources | null = null;

function loadResources(): Resources {
  if (resources) return resources;
  const loaded: Resources = {};
  for (const entry of readdirSync(LOCALES_DIR, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    let text: string;
    try {
      text = readFileSync(new URL(`${entry.name}/i18n-drift.json`, LOCALES_DIR), 'utf8');
    } catch {
      continue; // a documents-only locale folder: no interface strings there
    }
    const json = JSON.parse(text) as Record<string, Record<string, unknown>>;
    if (json.dashboard && Object.keys(json.dashboard).length > 0) loaded[entry.name] = json;
  }
  if (!loaded[SOURCE_LANGUAGE]) throw new Error(`dashboard strings missing: ${new URL(`${SOURCE_LANGUAGE}/i18n-drift.json`, LOCALES_DIR).pathname}`);
  resources = loaded;
  return loaded;
}

/** Interface languages available, English first then alphabetical. */
export function interfaceLanguages(): string[] {
  const langs = Object.keys(loadResources()).filter((l) => l !== SOURCE_LANGUAGE).sort();
  return [SOURCE_LANGUAGE, ...langs];
}

/**
 * The best interface language for a `?lang=` value and/or an Accept-Language header:
 * an exact match, then the primary subtag (`fr-BE` -> `fr`), else English.
 */
export function pickLanguage(requested: string | null | undefined, acceptLanguage?: string | null): string {
  const available = interfaceLanguages();
  const match = (tag: string): string | undefined => {
    const lower = tag.trim().toLowerCase();
    return available.find((l) => l.toLowerCase() === lower) ?? available.find((l) => l.toLowerCase() === lower.split('-')[0]);
  };
  if (requested) {
    const found = match(requested);
    if (found) return found;
  }
  if (acceptLanguage) {
    const ranked = acceptLanguage
      .split(',')
      .map((part) => {
        const [tag = '', ...params] = part.split(';');
        const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
        return { tag: tag.trim(), q: q ? Number(q.slice(2)) : 1 };
      })
      .filter((r) => r.tag && r.tag !== '*' && r.q > 0)
      .sort((a, b) => b.q - a.q);
    for (const r of ranked) {
      const found = match(r.tag);
      if (found) return found;
    }
  }
  return SOURCE_LANGUAGE;
}

const translators = new Map<string, Translator>();

/**
 * A translator for `lang` (an unknown language falls back to English), cached: a page
 * of 20,000 cells asks for the same few strings again and again.
 */
export function translator(lang: string): Translator {
  const resolved = pickLanguage(lang);
  const cached = translators.get(resolved);
  if (cached) return cached;
  const instance = createInstance();
  void instance.init({
    lng: resolved,
    fallbackLng: SOURCE_LANGUAGE,
    resources: loadResources() as never,
    ns: ['dashboard', 'common'],
    defaultNS: 'dashboard',
    initAsync: false,
    // The html builder escapes every value once; i18next must not escape it again.
    interpolation: { escapeValue: false },
  });
  const fixed: TFunction = instance.getFixedT(resolved, 'dashboard');
  const memo = new Map<string, string>();
  const t: Translator['t'] = (key, vars) => {
    // Strings are pure functions of key and values: a big page asks for the same ones
    // thousands of times (`{{percent}} of words`, `3 stale`), so remember them (bounded).
    let memoKey = key;
    if (vars) for (const name in vars) memoKey += `\u0000${name}=${vars[name]}`;
    let text = memo.get(memoKey);
    if (text === undefined) {
      if (memo.size >= 50_000) memo.clear();
      memo.set(memoKey, (text = fixed(key, vars) as string));
    }
    return text;
  };
  const made = { lang: resolved, t };
  translators.set(resolved, made);
  return made;
}
