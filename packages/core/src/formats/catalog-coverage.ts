/**
 * Coverage of a translated catalog, one entry per English key (plural forms count as one
 * key): `missing` when the catalog lacks it or holds the English `fill` copied, `stale`
 * when English changed since the translation (marked, or its pin names other English),
 * else `current`. A catalog without a state file is read as adopted as it is.
 */
import { countWords } from '@i18n-drift/sections';
import { applyCatalogChange } from './apply-catalog-change.js';
import { readCatalog, readEnglishCatalog, translationUnits, type CatalogOptions, type CatalogUnit } from './catalog-keys.js';
import { readCatalogState } from './catalog-state.js';
import type { UnitCoverage } from './document-format.js';
import { variablesOf } from './check-catalog.js';

export interface CatalogCoverageInput {
  source: string;
  translation: string | null;
  state: string | null;
  locale: string;
  /** The English at the state's commit: the catalog is then read as the next sync leaves it. */
  baseSource?: string | null;
  options?: CatalogOptions;
}

/**
 * Per English key, in English order, its state in the translation.
 * @throws CatalogSyntaxError for an unreadable catalog; CatalogStateError for an unreadable state file.
 */
export function catalogCoverage(input: CatalogCoverageInput): UnitCoverage[] {
  const options = input.options ?? {};
  let { translation, state } = input;
  if (input.baseSource != null && translation !== null) {
    const synced = applyCatalogChange({ oldSource: input.baseSource, newSource: input.source, translation, state, locale: input.locale, sourceCommit: null, options });
    translation = synced.text;
    state = synced.state;
  }
  const english = readEnglishCatalog(input.source, options).units;
  const units = translation === null ? new Map<string, CatalogUnit>() : translationUnits(readCatalog(translation, options), english, options).units;
  const read = readCatalogState(state);
  const tracked = state !== null;
  return [...english.values()].map((unit) => {
    const line = read.keys.get(unit.id);
    const base = { id: unit.id, heading: null, words: unitWords(unit) };
    if (!units.has(unit.id)) return { ...base, state: 'missing', since: null };
    if (line?.mark?.kind === 'missing') return { ...base, state: 'missing', since: line.mark.since };
    if (line?.mark?.kind === 'stale' || (tracked && line && line.pin !== unit.hash)) return { ...base, state: 'stale', since: line.mark?.since ?? null };
    return { ...base, state: 'current', since: null };
  });
}

/** English words of a key: of its `_other` form for a plural key (the others say the same), placeholders left out. */
export function unitWords(unit: CatalogUnit): number {
  const entry = unit.forms.get('_other') ?? unit.forms.get('') ?? [...unit.forms.values()][0];
  if (!entry) return 0;
  const texts = typeof entry.value === 'string' ? [entry.value] : [JSON.stringify(entry.value)];
  return texts.reduce((sum, text) => {
    let bare = text;
    for (const name of variablesOf(text)) bare = bare.split(name).join(' ');
    return sum + countWords(bare.replace(/\{\{.*?\}\}|\$t\([^)]*\)/gs, ' '));
  }, 0);
}
