/**
 * What `check` finds in a translated i18next catalog: invalid JSON (with line and
 * column), an unreadable state file, keys left stale or missing, interpolation variables
 * and `$t()` nesting references that differ from the English (a `{{count}}` the
 * translation lost renders nothing; one it invented renders literally), plural forms the
 * locale needs and lacks (i18next then falls back to English for those counts), and keys
 * that belong to no English key.
 */
import { readCatalog, readEnglishCatalog, stringsOf, translationUnits, type Catalog, type CatalogOptions, type CatalogUnit } from './catalog-keys.js';
import { CatalogStateError, readCatalogState, type CatalogState } from './catalog-state.js';
import { CatalogSyntaxError, type JsonValue } from './json-cst.js';
import { PLURAL_CATEGORIES, pluralCategories, pluralSuffix, pluralSuffixOf, type PluralType } from './plural-forms.js';

/** Finding codes of catalogs; stable, like the Markdown ones. */
export const CATALOG_FINDING_CODES = [
  'invalid-json',
  'invalid-state',
  'stale-key',
  'missing-key',
  'unknown-key',
  'duplicate-key',
  'interpolation-mismatch',
  'nesting-mismatch',
  'missing-plural-form',
  'extra-plural-form',
] as const;

export type CatalogFindingCode = (typeof CATALOG_FINDING_CODES)[number];

/** The shape of core's `Finding`, with a catalog code. */
export interface CatalogFinding {
  code: CatalogFindingCode;
  severity: 'error' | 'warning';
  path: string;
  /** 1-based line; 0 when about no line in particular. */
  line: number;
  message: string;
  params: Record<string, string | number | null>;
}

export interface CheckCatalogInput {
  /** The English catalog's text. */
  source: string;
  translationPath: string;
  translation: string;
  statePath: string;
  /** The state file's text; null when there is none (the catalog is not tracked yet: nothing is stale). */
  state: string | null;
  locale: string;
  options?: CatalogOptions;
}

/**
 * The findings for one translated catalog. Never throws for bad input: problems are
 * findings (an English catalog that cannot be read gives none here; `checkSourceCatalog`
 * reports it on the English file).
 */
export function checkCatalog(input: CheckCatalogInput): CatalogFinding[] {
  const { translationPath: path, locale } = input;
  const options = input.options ?? {};
  let catalog: Catalog;
  try {
    catalog = readCatalog(input.translation, options);
  } catch (error) {
    if (error instanceof CatalogSyntaxError) return [invalidJson(path, error)];
    throw error;
  }
  const findings: CatalogFinding[] = [];
  let state: CatalogState | null = null;
  try {
    state = input.state === null ? null : readCatalogState(input.state);
  } catch (error) {
    if (!(error instanceof CatalogStateError)) throw error;
    findings.push(finding('invalid-state', 'error', input.statePath, error.line, { reason: error.reason }));
  }
  let english: ReadonlyMap<string, CatalogUnit>;
  try {
    english = readEnglishCatalog(input.source, options).units;
  } catch (error) {
    if (error instanceof CatalogSyntaxError) return findings;
    throw error;
  }
  const lineOf = (offset: number) => catalog.lineOf(offset);
  for (const entry of catalog.duplicates) findings.push(finding('duplicate-key', 'warning', path, lineOf(entry.offset), { key: entry.key }));

  const { units, unknown } = translationUnits(catalog, english, options);
  for (const entry of unknown) findings.push(finding('unknown-key', 'warning', path, lineOf(entry.offset), { key: entry.key }));

  for (const [id, source] of english) {
    const own = units.get(id);
    const line = state?.keys.get(id);
    if (!own || line?.mark?.kind === 'missing') {
      findings.push(finding('missing-key', 'error', path, own ? lineOf(own.offset) : 0, { key: id }));
      continue;
    }
    // Without a state file nothing is pinned yet; a key without a line reads as adopted.
    if (state && line && (line.mark?.kind === 'stale' || line.pin !== source.hash)) {
      findings.push(finding('stale-key', 'error', path, lineOf(own.offset), { key: id, since: line.mark?.since ?? null }));
    }
    findings.push(...placeholderFindings(path, source, own, lineOf));
    if (source.plural) findings.push(...pluralFindings(path, locale, source, own, lineOf));
  }
  return findings.sort((a, b) => (a.path === b.path ? a.line - b.line : a.path < b.path ? -1 : 1));
}

/** Findings of an English catalog on its own: invalid JSON, duplicate keys. */
export function checkSourceCatalog(path: string, text: string, options: CatalogOptions = {}): CatalogFinding[] {
  try {
    const catalog = readCatalog(text, options);
    return catalog.duplicates.map((entry) => finding('duplicate-key', 'warning', path, catalog.lineOf(entry.offset), { key: entry.key }));
  } catch (error) {
    if (error instanceof CatalogSyntaxError) return [invalidJson(path, error)];
    throw error;
  }
}

function invalidJson(path: string, error: CatalogSyntaxError): CatalogFinding {
  return finding('invalid-json', 'error', path, error.line, { column: error.column, reason: error.reason });
}

const INTERPOLATION = /\{\{(.*?)\}\}/gs;
const NESTING = /\$t\(\s*([^,)]+?)\s*(?:[,)])/g;

/** The interpolation variables of a text: `{{name}}`, `{{- html}}`, `{{value, number}}` all name one. */
export function variablesOf(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(INTERPOLATION)) {
    const name = m[1]!.replace(/^\s*-/, '').split(',')[0]!.trim();
    if (name) names.add(name);
  }
  return names;
}

/** The keys a text nests with `$t(key)` or `$t(key, {options})`. */
export function nestingRefsOf(text: string): Set<string> {
  return new Set([...text.matchAll(NESTING)].map((m) => m[1]!.replace(/^['"]|['"]$/g, '')));
}

/**
 * Every translated form against its English form: the same plural category (`_one` with
 * `_one`, whatever the context), else the English `_other` (French `_many`), else the key
 * itself. A variable or reference the English does not have is an error, and so is one
 * it lacks, except `{{count}}` in a plural form ("Un fichier" for `_one` needs no number).
 */
function placeholderFindings(path: string, source: CatalogUnit, own: CatalogUnit, lineOf: (offset: number) => number): CatalogFinding[] {
  const findings: CatalogFinding[] = [];
  const texts = (value: JsonValue | undefined) => (value === undefined ? [] : stringsOf(value));
  const gather = (values: string[], read: (text: string) => Set<string>) => new Set(values.flatMap((t) => [...read(t)]));
  for (const [suffix, entry] of own.forms) {
    const plural = pluralSuffixOf(`x${suffix}`);
    const english = plural
      ? (source.forms.get(pluralSuffix(plural.type, plural.category)) ?? source.forms.get(pluralSuffix(plural.type, 'other')) ?? source.forms.get(''))
      : (source.forms.get('') ?? source.forms.get('_other'));
    if (!english) continue;
    const ownTexts = texts(entry.value);
    const englishTexts = texts(english.value);
    const englishVars = gather(englishTexts, variablesOf);
    const vars = gather(ownTexts, variablesOf);
    const extra = [...vars].filter((v) => !englishVars.has(v)).sort();
    const lacking = [...englishVars].filter((v) => !vars.has(v) && !(plural && v === 'count')).sort();
    if (extra.length || lacking.length) {
      findings.push(finding('interpolation-mismatch', 'error', path, lineOf(entry.offset), { key: entry.key, unknown: list(extra), missing: list(lacking) }));
    }
    const englishRefs = gather(englishTexts, nestingRefsOf);
    const refs = gather(ownTexts, nestingRefsOf);
    const extraRefs = [...refs].filter((r) => !englishRefs.has(r));
    const lackingRefs = [...englishRefs].filter((r) => !refs.has(r));
    if (extraRefs.length || lackingRefs.length) {
      findings.push(finding('nesting-mismatch', 'error', path, lineOf(entry.offset), { key: entry.key, unknown: list(extraRefs), missing: list(lackingRefs) }));
    }
  }
  return findings;
}

/**
 * For each plural type English uses and each context the translation has (`''`,
 * `_female`), every category the locale needs must exist; forms of categories the
 * locale does not use are dead keys (a warning). `_zero` is always allowed.
 */
function pluralFindings(path: string, locale: string, source: CatalogUnit, own: CatalogUnit, lineOf: (offset: number) => number): CatalogFinding[] {
  const findings: CatalogFinding[] = [];
  const types = new Set<PluralType>();
  for (const suffix of source.forms.keys()) {
    const plural = pluralSuffixOf(`x${suffix}`);
    if (plural) types.add(plural.type);
  }
  // Forms by context: `_female_one` is the `one` form of context `_female`.
  const contexts = new Map<string, Map<string, number>>();
  for (const [suffix, entry] of own.forms) {
    const plural = pluralSuffixOf(`x${suffix}`);
    if (!plural) continue;
    const context = plural.base.slice(1);
    const forms = contexts.get(context) ?? new Map<string, number>();
    forms.set(pluralSuffix(plural.type, plural.category), entry.offset);
    contexts.set(context, forms);
  }
  for (const [context, forms] of contexts) {
    const key = own.id + context;
    const first = Math.min(...forms.values());
    for (const type of types) {
      const needed = pluralCategories(locale, type);
      const lacking = needed.filter((category) => !forms.has(pluralSuffix(type, category)));
      if (lacking.length) {
        findings.push(finding('missing-plural-form', 'error', path, lineOf(first), { key, locale, forms: list(lacking.map((c) => key + pluralSuffix(type, c))) }));
      }
    }
    for (const type of ['cardinal', 'ordinal'] as const) {
      const used = new Set(pluralCategories(locale, type));
      for (const category of PLURAL_CATEGORIES) {
        const offset = forms.get(pluralSuffix(type, category));
        if (offset !== undefined && category !== 'zero' && !used.has(category)) {
          findings.push(finding('extra-plural-form', 'warning', path, lineOf(offset), { key: key + pluralSuffix(type, category), locale }));
        }
      }
    }
  }
  return findings;
}

const list = (items: string[]) => (items.length === 0 ? '—' : items.join(', '));

/**
 * The English messages: the `check` strings of locales/en/i18n-drift.json, so that front
 * ends can say the same in other languages from `code` and `params`.
 */
export const CATALOG_MESSAGES: Record<CatalogFindingCode, string> = {
  'invalid-json': 'Invalid JSON at column {{column}}: {{reason}}.',
  'invalid-state': 'The state file cannot be read: {{reason}}.',
  'stale-key': 'Key "{{key}}" is stale: the English changed and the translation waits for an update.',
  'missing-key': 'Key "{{key}}" is not translated: i18next shows the English.',
  'unknown-key': 'Key "{{key}}" matches no English key.',
  'duplicate-key': 'Key "{{key}}" is defined twice; the later one wins.',
  'interpolation-mismatch': 'Key "{{key}}" has other variables than the English: not in English: {{unknown}}; missing: {{missing}}.',
  'nesting-mismatch': 'Key "{{key}}" nests other keys than the English: not in English: {{unknown}}; missing: {{missing}}.',
  'missing-plural-form': 'Key "{{key}}" lacks plural forms the language {{locale}} needs: {{forms}}.',
  'extra-plural-form': 'Key "{{key}}" is a plural form the language {{locale}} does not use: i18next never shows it.',
};

function finding(code: CatalogFindingCode, severity: CatalogFinding['severity'], path: string, line: number, params: Record<string, string | number | null>): CatalogFinding {
  return { code, severity, path, line, message: CATALOG_MESSAGES[code].replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name])), params };
}
