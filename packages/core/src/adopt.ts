/**
 * adopt: how a team starts using i18n-drift on an existing repository. Every
 * translated section (and translated frontmatter field) that aligns to an English one is
 * pinned as current, so later English edits can be tracked section by section.
 */
import { parseDocument, type ParsedDocument, type ParseOptions, type SectionId } from '@i18n-drift/sections';
import { alignDocument } from './align-sections.js';
import { orderedPins, pinOf, readPinsShared, writePinsRemembered } from './pins.js';
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
  // The walk and coverage read these pins right after: they are remembered, not read again.
  const text = writePinsRemembered(translation, pins);
  if (existing === null) remember(text, { english: source, frontmatterKeys: options.frontmatterKeys, translation: tr, alignment });
  return { text, alignment };
}

/** How `adopt` aligned a translation that had no pins, by the text it wrote (`adoptedAlignment`). */
export interface AdoptedAlignment {
  /** The English text aligned against. */
  english: string;
  frontmatterKeys: readonly string[] | undefined;
  /** The translation's parse before its pins were written. */
  translation: ParsedDocument;
  alignment: Alignment;
}

/**
 * Adoptions of this process, by the text written: `status` before `init` adopts every
 * translation in memory, then aligns the very text adoption wrote against the same
 * English (`pairingFromEarlier` says when that alignment can be taken from this one).
 * Emptied past a size bound, for long-running processes.
 */
const adoptedTexts = new Map<string, AdoptedAlignment>();
const ADOPTED_MAX_CHARS = 64 * 1024 * 1024;
let adoptedChars = 0;

function remember(text: string, adopted: AdoptedAlignment): void {
  const chars = text.length + adopted.english.length;
  if (adoptedChars + chars > ADOPTED_MAX_CHARS) {
    adoptedTexts.clear();
    adoptedChars = 0;
  }
  adoptedTexts.set(text, adopted);
  adoptedChars += chars;
}

/** What `adopt` remembers of the unpinned translation it turned into `text`, if it did in this process. */
export function adoptedAlignment(text: string): AdoptedAlignment | undefined {
  return adoptedTexts.get(text);
}

/** The pins `adopt` writes (also used on the fly for an unpinned file by applySourceChange). */
export function adoptedPins(src: ParsedDocument, tr: ParsedDocument, alignment: Alignment, existing: SourcePins | null, commit: string | null): SourcePins {
  const hashes = sourceHashes(src);
  const marked = markedIds(tr, alignment);
  return orderedPins(alignment.pairs, (id) => (marked.has(id) ? pinOf(existing, id) : hashes.get(id)), commit);
}
