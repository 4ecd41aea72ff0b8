/**
 * adopt: how a team starts using i18n-drift on an existing repository. Every
 * translated section (and translated frontmatter field) that aligns to an English one is
 * pinned as current, so later English edits can be tracked section by section.
 */
import { parseDocument, type ParsedDocument, type ParseOptions, type SectionId } from '@i18n-drift/sections';
import { alignDocument } from './align-sections.js';
import { orderedPins, pinOf, readPinsShared, writePins } from './pins.js';
import { placeMarkers } from './stale-marker.js';
import { upgradePins } from './pin-hash.js';
import type { Alignment, SourcePins } from './types.js';

export interface AdoptOptions {
  /** Source commit the translation is adopted at; omitted keeps the file's pinned commit (or none). */
  sourceCommit?: string | null;
  /** Translatable frontmatter keys (the config's `frontmatterKeys`). */
  frontmatterKeys?: readonly string[];
}

/** Parse options for a list of frontmatter keys, or the package defaults. */
export function parseOptionsFor(frontmatterKeys: readonly string[] | undefined): ParseOptions {
  return frontmatterKeys ? { frontmatterKeys } : {};
}

/** Hash of every English section and frontmatter field, by id. */
export function sourceHashes(doc: ParsedDocument): Map<SectionId, string> {
  const hashes = new Map<SectionId, string>();
  for (const field of doc.fields) hashes.set(field.id, field.hash);
  for (const section of doc.sections) hashes.set(section.id, section.hash);
  return hashes;
}

/**
 * Source ids that carry a stale/missing marker in the translation: a marker under the
 * section aligned to that id, or at the body start for the intro and frontmatter fields.
 */
export function markedIds(translation: ParsedDocument, alignment: Alignment): Set<SectionId> {
  const placed = placeMarkers(translation);
  const marked = new Set<SectionId>(placed.bodyStart.map((m) => m.section));
  for (const pair of alignment.pairs) {
    if (pair.translationIndex < 0) continue;
    if ((placed.bySection.get(pair.translationIndex) ?? []).some((m) => m.section === pair.sourceId)) marked.add(pair.sourceId);
  }
  return marked;
}

/**
 * Pins every aligned section and every frontmatter field present in both files as current.
 * Sections that carry a stale/missing marker keep their existing pin (or stay unpinned):
 * pinning them would contradict the marker. Unaligned sections are reported in
 * `alignment`, not pinned. Idempotent; only the `i18n` frontmatter block changes.
 * @throws FrontmatterError for malformed frontmatter in either file.
 */
export function adopt(source: string, translation: string, options: AdoptOptions = {}): { text: string; alignment: Alignment } {
  const parseOptions = parseOptionsFor(options.frontmatterKeys);
  const src = parseDocument(source, parseOptions);
  const tr = parseDocument(translation, parseOptions);
  const existing = upgradePins(readPinsShared(translation), src);
  const alignment = alignDocument(src, tr, existing);
  const pins = adoptedPins(src, tr, alignment, existing, options.sourceCommit === undefined ? (existing?.commit ?? null) : options.sourceCommit);
  return { text: writePins(translation, pins), alignment };
}

/** The pins `adopt` writes (also used on the fly for an unpinned file by applySourceChange). */
export function adoptedPins(src: ParsedDocument, tr: ParsedDocument, alignment: Alignment, existing: SourcePins | null, commit: string | null): SourcePins {
  const hashes = sourceHashes(src);
  const marked = markedIds(tr, alignment);
  return orderedPins(alignment.pairs, (id) => (marked.has(id) ? pinOf(existing, id) : hashes.get(id)), commit);
}
