import { diffWords } from './diff-words.js';
import { matchSections } from './match-sections.js';
import { parseDocument } from './parse-document.js';
import type { ChangeKind, DocumentUnit, FrontmatterField, ParsedDocument, ParseOptions, Section, SectionChange } from './types.js';

/**
 * What happened to each section and translatable frontmatter field between two
 * versions of a document (typically two commits of the English source).
 *
 * Returns one entry per unit of either version: frontmatter fields first (in
 * `frontmatterKeys` order), then sections in the new document's order, each removed
 * section placed where it stood in the old one. Kinds, for a matched pair:
 * - `unchanged`: same bytes; `formatting`: same `hash`, other bytes;
 * - `moved`: same `hash`, but its position relative to the other sections changed;
 * - `renamed`: heading text and therefore `id` changed (`oldId` keeps the old one),
 *   the body the same or similar — identity is kept, so a translation is kept;
 * - `modified`: the text changed (also when the section moved: see `moved: true`);
 * and `added` / `removed` for the rest. `modified` and `renamed` carry a word diff of
 * the normalised English text (`diffWords`). Look the old version up by `oldId`:
 * `id` and `oldId` can also differ for an unchanged section whose duplicate suffix
 * shifted (`details-1` → `details`).
 *
 * Matching is near-linear in the number of sections (hash maps, a longest increasing
 * subsequence, and a bounded number of body comparisons per section); see `matchSections`.
 * @throws FrontmatterError when either version's frontmatter is malformed.
 */
export function diffDocuments(oldText: string, newText: string, options: ParseOptions = {}): SectionChange[] {
  return diffParsedDocuments(parseDocument(oldText, options), parseDocument(newText, options));
}

/** `diffDocuments` for documents already parsed (with the same options). */
export function diffParsedDocuments(before: ParsedDocument, after: ParsedDocument): SectionChange[] {
  return [...diffFields(before.fields, after.fields), ...diffSections(before.sections, after.sections)];
}

function diffFields(before: readonly FrontmatterField[], after: readonly FrontmatterField[]): SectionChange[] {
  const oldByKey = new Map(before.map((field) => [field.key, field]));
  const newKeys = new Set(after.map((field) => field.key));
  const changes: SectionChange[] = [];
  // Both lists follow `frontmatterKeys` order, so a removed field goes before the next field the new version has.
  let k = 0;
  const flushRemoved = (until: string | null) => {
    while (k < before.length && before[k]!.key !== until) {
      const old = before[k++]!;
      if (!newKeys.has(old.key)) changes.push(removed(old));
    }
    if (k < before.length) k++;
  };
  for (const field of after) {
    const old = oldByKey.get(field.key);
    if (old) flushRemoved(old.key);
    changes.push(old ? changed(old, field, false) : added(field));
  }
  flushRemoved(null);
  return changes;
}

function diffSections(before: readonly Section[], after: readonly Section[]): SectionChange[] {
  const { oldOfNew, newOfOld, moved } = matchSections(before, after);
  // A removed section follows the new position of the closest earlier old section that stayed in order.
  const removedAfter = new Map<number, Section[]>();
  let anchor = -1;
  before.forEach((section, i) => {
    const j = newOfOld[i]!;
    if (j !== -1) {
      if (!moved[j]) anchor = j;
      return;
    }
    const list = removedAfter.get(anchor);
    if (list) list.push(section);
    else removedAfter.set(anchor, [section]);
  });

  const changes: SectionChange[] = [];
  for (const section of removedAfter.get(-1) ?? []) changes.push(removed(section));
  after.forEach((section, j) => {
    const i = oldOfNew[j]!;
    changes.push(i === -1 ? added(section) : changed(before[i]!, section, moved[j]!));
    for (const gone of removedAfter.get(j) ?? []) changes.push(removed(gone));
  });
  return changes;
}

function changed(old: DocumentUnit, now: DocumentUnit, moved: boolean): SectionChange {
  const kind = changeKind(old, now, moved);
  const textChanged = kind === 'modified' || kind === 'renamed';
  return { kind, id: now.id, oldId: old.id, old, new: now, words: textChanged ? diffWords(textOf(old), textOf(now)) : null, moved };
}

function changeKind(old: DocumentUnit, now: DocumentUnit, moved: boolean): ChangeKind {
  if (old.hash === now.hash) {
    if (moved) return 'moved';
    return textOf(old) === textOf(now) ? 'unchanged' : 'formatting';
  }
  if (old.kind === 'heading' && now.kind === 'heading' && old.id !== now.id && old.heading !== now.heading) return 'renamed';
  return 'modified';
}

function added(unit: DocumentUnit): SectionChange {
  return { kind: 'added', id: unit.id, oldId: null, old: null, new: unit, words: null, moved: false };
}

function removed(unit: DocumentUnit): SectionChange {
  return { kind: 'removed', id: unit.id, oldId: unit.id, old: unit, new: null, words: null, moved: false };
}

function textOf(unit: DocumentUnit): string {
  return unit.kind === 'frontmatter' ? unit.value : unit.raw;
}
