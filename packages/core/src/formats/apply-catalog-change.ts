/**
 * Carries an English catalog change into one translated catalog and its state file.
 * The catalog keeps its key order, indentation, escapes and final newline; only keys the
 * change concerns are edited:
 * - a changed English value leaves the translation in place (i18next keeps serving it)
 *   and marks the key stale in the state file, keeping the hash of the English it translates;
 * - a new English key is left missing (i18next's fallback language serves the English)
 *   unless `fill` copies the English in, marked missing;
 * - a removed English key is removed, with its plural forms and context variants;
 * - a key renamed (or moved to another object) with its English unchanged keeps its
 *   translation under the new key, current.
 *
 * As with Markdown, the result is computed from state, not replayed from a diff: each
 * English unit of `newSource` is compared with the pin of its translation, which makes
 * the operation idempotent and lets a catalog that missed syncs catch up in one go.
 * `oldSource` must be the English at the state file's commit (for a catalog without one,
 * the English its translation was made from): a key whose stale mark was deleted is read
 * as signed off against that English.
 */
import { diffWords, type ChangeKind, type WordChange } from '@i18n-drift/sections';
import { formPath, readCatalog, readEnglishCatalog, translationUnits, type CatalogOptions, type CatalogUnit } from './catalog-keys.js';
import { readCatalogState, writeCatalogState, type CatalogState, type KeyState } from './catalog-state.js';
import { printJson, type JsonValue } from './json-cst.js';
import { detectStyle, insertValue, keysAt, removeAt, setValue, type JsonStyle } from './json-edit.js';
import { pluralCategories, pluralSuffix, pluralSuffixOf, type PluralType } from './plural-forms.js';

export interface ApplyCatalogInput {
  /** The English catalog at the state file's commit. */
  oldSource: string;
  /** The English catalog now. */
  newSource: string;
  /** The translated catalog; null when the locale has none yet. */
  translation: string | null;
  /** Its state file; null when there is none yet (the catalog is adopted against `oldSource`). */
  state: string | null;
  /** The translation's locale: its plural categories decide the forms `fill` writes. */
  locale: string;
  /** Written as the state's commit and as the `since` of new marks. */
  sourceCommit: string | null;
  /** Copy new English keys into the catalog (marked missing) instead of leaving them to i18next's fallback. */
  fill?: boolean;
  /** The catalog's file name, for the state file's header. */
  catalogName?: string;
  options?: CatalogOptions;
}

/** What the translated catalog now says about one English key. `moved` and `repinned` mean current. */
export type CatalogKeyState = 'stale' | 'missing' | 'removed' | 'moved' | 'repinned';

export interface CatalogChange {
  kind: ChangeKind;
  /** The English key (unit id); the old one for `removed`. */
  id: string;
  /** The key in the old English; differs from `id` for `renamed`, null for `added`. */
  oldId: string | null;
  state: CatalogKeyState;
  /** Word diff of the English, for a changed value. */
  words: WordChange[] | null;
}

export interface ApplyCatalogResult {
  /** The catalog's new text; null when there is still no catalog (no translation and no `fill`). */
  text: string | null;
  /** The state file's new text; null with `text`. */
  state: string | null;
  /** In English order, removed keys last. */
  changes: CatalogChange[];
}

/**
 * Applies the English change `oldSource -> newSource` to one translated catalog.
 * Invariants (property-tested): values of keys whose English did not change are never
 * edited, the result always parses, and applying twice gives the result of applying once.
 * @throws CatalogSyntaxError for invalid JSON in any catalog; CatalogStateError for an unreadable state file.
 */
export function applyCatalogChange(input: ApplyCatalogInput): ApplyCatalogResult {
  const options = input.options ?? {};
  const before = readEnglishCatalog(input.oldSource, options).units;
  const { catalog: englishCatalog, units: after } = readEnglishCatalog(input.newSource, options);
  if (input.translation === null && !input.fill) return { text: null, state: null, changes: [] };

  const previous = readCatalogState(input.state);
  const catalog = readCatalog(input.translation ?? `{}${englishCatalog.doc.after}`, options);
  const doc = catalog.doc;
  const style: JsonStyle = doc.root.type === 'object' && doc.root.members.length > 0 ? detectStyle(doc) : detectStyle(englishCatalog.doc);
  const order = (parentPath: readonly string[]) => keysAt(englishCatalog.doc, parentPath);
  const known = new Map([...before, ...after]);
  const { units: translated } = translationUnits(catalog, known, options);
  const since = input.sourceCommit;

  // Renamed keys: an English key gone and a new one with the same English. Paired in
  // document order; only when the translation has the old key and not yet the new one.
  const renamedFrom = new Map<string, string>();
  {
    const gone = new Map<string, string[]>();
    for (const [id, unit] of before) {
      if (after.has(id) || !translated.has(id)) continue;
      const ids = gone.get(unit.hash) ?? [];
      ids.push(id);
      gone.set(unit.hash, ids);
    }
    for (const [id, unit] of after) {
      if (before.has(id) || translated.has(id)) continue;
      const from = gone.get(unit.hash)?.shift();
      if (from !== undefined) renamedFrom.set(id, from);
    }
  }
  const renamedIds = new Set(renamedFrom.values());

  const changes: CatalogChange[] = [];
  const removedChanges: CatalogChange[] = [];
  const state: CatalogState = { commit: since, keys: new Map() };

  // Removals first, so that insertions are placed among the keys that stay.
  for (const id of before.keys()) {
    if (after.has(id) || renamedIds.has(id)) continue;
    const own = translated.get(id);
    if (!own) continue;
    for (const entry of own.forms.values()) removeAt(doc, entry.path);
    removedChanges.push({ kind: 'removed', id, oldId: id, state: 'removed', words: null });
  }

  for (const [id, unit] of after) {
    const fromId = renamedFrom.get(id) ?? id;
    const old = before.get(fromId);
    const own = translated.get(fromId);
    const line: KeyState | undefined = previous.keys.get(fromId);
    const kind: ChangeKind = renamedFrom.has(id) ? 'renamed' : !old ? 'added' : old.hash === unit.hash ? 'unchanged' : 'modified';
    const words = old && old.hash !== unit.hash ? diffWords(old.text, unit.text) : null;

    if (!own) {
      if (input.fill) {
        for (const [suffix, value] of fillForms(unit, input.locale)) insertValue(doc, formPath(unit.basePath, suffix), value, style, order);
        const keptSince = line?.mark?.kind === 'missing' ? line.mark.since : since;
        state.keys.set(id, { pin: null, mark: { kind: 'missing', since: keptSince } });
      }
      if (kind !== 'unchanged' || input.fill) changes.push({ kind, id, oldId: old ? fromId : null, state: 'missing', words });
      continue;
    }

    if (fromId !== id) {
      for (const [suffix, entry] of own.forms) {
        removeAt(doc, entry.path);
        insertValue(doc, formPath(unit.basePath, suffix), entry.value, style, order);
      }
    }

    let next: KeyState;
    if (line?.mark?.kind === 'missing') {
      // Still the English `fill` copied: refreshed to the new English, still missing.
      if (old && old.hash !== unit.hash && sameForms(own, fillForms(old, input.locale))) refill(doc, own, unit, input.locale, style, order);
      next = line;
    } else if (line?.mark?.kind === 'stale') {
      next = line.pin === unit.hash ? { pin: line.pin, mark: null } : line;
    } else {
      let pin = line === undefined ? (old?.hash ?? unit.hash) : line.pin;
      // A pin naming neither English: the translator deleted the stale mark, signing the
      // key off against the English of the state's commit.
      if (pin === null || (pin !== unit.hash && pin !== old?.hash)) pin = old?.hash ?? unit.hash;
      next = pin === unit.hash ? { pin, mark: null } : { pin, mark: { kind: 'stale', since } };
    }
    state.keys.set(id, next);

    const outcome: CatalogKeyState = next.mark?.kind === 'missing' ? 'missing' : next.mark ? 'stale' : kind === 'renamed' ? 'moved' : 'repinned';
    const newlyStale = next.mark?.kind === 'stale' && line?.mark?.kind !== 'stale';
    if (kind !== 'unchanged' || newlyStale) changes.push({ kind, id, oldId: old ? fromId : null, state: outcome, words });
  }
  changes.push(...removedChanges);

  return { text: printJson(doc), state: writeCatalogState(state, input.catalogName ?? 'the catalog'), changes };
}

/**
 * The forms `fill` writes for a unit in `locale`: the key as English has it, or for a
 * plural key every form the locale needs, each the English of that form or else `_other`.
 */
export function fillForms(unit: CatalogUnit, locale: string): Map<string, JsonValue> {
  const forms = new Map<string, JsonValue>();
  if (!unit.plural) {
    for (const [suffix, entry] of unit.forms) forms.set(suffix, entry.value);
    return forms;
  }
  const english = new Map([...unit.forms].map(([suffix, entry]) => [suffix, entry.value] as const));
  if (english.has('')) forms.set('', english.get('')!);
  const types = new Set<PluralType>();
  for (const suffix of english.keys()) {
    const plural = pluralSuffixOf(`x${suffix}`);
    if (plural) types.add(plural.type);
  }
  for (const type of types) {
    const other = english.get(pluralSuffix(type, 'other'));
    if (english.has(pluralSuffix(type, 'zero'))) forms.set(pluralSuffix(type, 'zero'), english.get(pluralSuffix(type, 'zero'))!);
    for (const category of pluralCategories(locale, type)) {
      const value = english.get(pluralSuffix(type, category)) ?? other;
      if (value !== undefined) forms.set(pluralSuffix(type, category), value);
    }
  }
  return forms;
}

function sameForms(unit: CatalogUnit, forms: ReadonlyMap<string, JsonValue>): boolean {
  if (unit.forms.size !== forms.size) return false;
  for (const [suffix, entry] of unit.forms) {
    if (!forms.has(suffix) || JSON.stringify(forms.get(suffix)) !== JSON.stringify(entry.value)) return false;
  }
  return true;
}

/** Replaces a filled unit's English with the new English: values set in place, forms added or dropped. */
function refill(doc: Parameters<typeof setValue>[0], own: CatalogUnit, unit: CatalogUnit, locale: string, style: JsonStyle, order: (path: readonly string[]) => readonly string[]): void {
  const forms = fillForms(unit, locale);
  for (const [suffix, entry] of own.forms) if (!forms.has(suffix)) removeAt(doc, entry.path);
  for (const [suffix, value] of forms) {
    const path = own.forms.get(suffix)?.path ?? formPath(unit.basePath, suffix);
    if (!setValue(doc, path, value, style)) insertValue(doc, path, value, style, order);
  }
}
