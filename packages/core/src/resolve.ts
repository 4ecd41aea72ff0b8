/**
 * resolve / repin: moving pins forward without marking anything stale.
 *
 * A translator fixes a stale section and deletes its marker; `resolve` sees a section
 * whose pin differs from the current English hash with no marker left and pins it to
 * the current English. `repin` is the "[i18n skip]" path: the workflow re-pins the
 * sections a skipped commit touched, as if the translation had followed.
 */
import { parseDocument, type ParsedDocument, type SectionId } from '@i18n-drift/sections';
import { markedIds, parseOptionsFor, sourceHashes } from './adopt.js';
import { alignDocument } from './align-sections.js';
import { orderedPins, pinOf, readPins, setPin, writePins } from './pins.js';
import { upgradePins } from './pin-hash.js';
import type { AlignedSection, SourcePins } from './types.js';

export interface ResolveOptions {
  frontmatterKeys?: readonly string[];
}

/**
 * Re-pins every aligned section (and frontmatter field) whose pin differs from the current
 * English hash and that carries no stale/missing marker — including a formerly `missing`
 * section the translator translated and unmarked (it had no pin).
 * Returns the text unchanged (same string) when nothing resolves, and for a file without
 * pins (not adopted: nothing to resolve). Idempotent.
 * @throws FrontmatterError for malformed frontmatter or a malformed `i18n` block.
 */
export function resolve(source: string, translation: string, options: ResolveOptions = {}): { text: string; resolved: SectionId[] } {
  const found = resolvable(source, translation, options);
  if (!found) return { text: translation, resolved: [] };
  const { pins, alignment, hashes, pairs } = found;
  const resolved = pairs.map((p) => p.sourceId);
  if (resolved.length === 0) return { text: translation, resolved };
  const next = new Set(resolved);
  return { text: writePins(translation, withKept(orderedPins(alignment.pairs, (id) => (next.has(id) ? hashes.get(id) : pinOf(pins, id)), pins.commit), pins)), resolved };
}

/**
 * True when every English section and frontmatter field is pinned at its hash: `resolve`
 * only re-pins a pair whose pin differs from the English hash (whatever the alignment,
 * each pair names one of those ids), so it has nothing to do (property in resolve.test.ts).
 */
export function pinnedWhole(english: ParsedDocument, pins: SourcePins): boolean {
  for (const [id, hash] of sourceHashes(english)) if (pinOf(pins, id) !== hash) return false;
  return true;
}

/**
 * The sections of `translation` its translator signed off: updated and their stale or
 * missing marker deleted, not yet re-pinned. `source` is the English the markers waited
 * for, the English at the pinned commit (what `resolve` re-pins against at the next sync,
 * and `status` reads as `signedOff`). In English order; [] for a file without pins.
 * @throws FrontmatterError for malformed frontmatter or a malformed `i18n` block.
 */
export function signedOffSections(source: string, translation: string, options: ResolveOptions = {}): SignedOff[] {
  const found = resolvable(source, translation, options);
  if (!found) return [];
  const where = translatedPlace(found.translation);
  return found.pairs.map((pair) => ({ id: pair.sourceId, ...where(pair) }));
}

/**
 * Where an aligned pair sits in the translation: the heading and line of its section, or
 * the line of its frontmatter key (heading null); line 0 when the key cannot be found.
 */
export function translatedPlace(translation: ParsedDocument): (pair: Pick<AlignedSection, 'translationIndex' | 'translationId'>) => { heading: string | null; line: number } {
  let frontmatterLines: string[] | null = null;
  return ({ translationIndex, translationId }) => {
    const section = translation.sections[translationIndex];
    if (section) return { heading: section.heading, line: section.line };
    const key = translation.fields.find((field) => field.id === translationId)?.key;
    frontmatterLines ??= translation.frontmatter.raw.split(/\r\n?|\n/);
    const line = key === undefined ? -1 : frontmatterLines.findIndex((text) => text.startsWith(`${key}:`));
    return { heading: null, line: line + 1 };
  };
}

/** A section a translator signed off (see `signedOffSections`). */
export interface SignedOff {
  /** English section id (or `frontmatter.<key>`). */
  id: SectionId;
  /** The translation's heading; null for the intro and frontmatter fields. */
  heading: string | null;
  /** 1-based line of the section (its heading) or frontmatter key in the translation; 0 when unknown. */
  line: number;
}

/** What `resolve` re-pins, with the parses it was found on; null for a file without pins. */
function resolvable(source: string, translation: string, options: ResolveOptions = {}) {
  const read = readPins(translation);
  if (!read) return null;
  const parseOptions = parseOptionsFor(options.frontmatterKeys);
  const src = parseDocument(source, parseOptions);
  const pins = upgradePins(read, src)!;
  const tr = parseDocument(translation, parseOptions);
  const alignment = alignDocument(src, tr, pins);
  const hashes = sourceHashes(src);
  const marked = markedIds(tr, alignment);
  const pairs = alignment.pairs.filter((p) => !marked.has(p.sourceId) && pinOf(pins, p.sourceId) !== hashes.get(p.sourceId));
  return { pins, translation: tr, alignment, hashes, pairs };
}

/**
 * Pins `ids` to the current English hash without touching markers or text, and sets the
 * pinned commit to `commit` (left as it is when undefined). Ids that do not align are
 * ignored. A file without pins gets a pin block holding just these ids.
 * @throws FrontmatterError for malformed frontmatter or a malformed `i18n` block.
 */
export function repin(source: string, translation: string, ids: readonly SectionId[], commit?: string | null, options: ResolveOptions = {}): string {
  const parseOptions = parseOptionsFor(options.frontmatterKeys);
  const src = parseDocument(source, parseOptions);
  const pins = upgradePins(readPins(translation), src) ?? { commit: null, sections: {} };
  const tr = parseDocument(translation, parseOptions);
  const alignment = alignDocument(src, tr, readPins(translation));
  const hashes = sourceHashes(src);
  const wanted = new Set(ids);
  const next = orderedPins(alignment.pairs, (id) => (wanted.has(id) ? hashes.get(id) : pinOf(pins, id)), commit === undefined ? pins.commit : commit);
  const out = withKept(next, pins);
  return samePins(out, pins) ? translation : writePins(translation, out);
}


/** Keeps pins of ids the alignment did not see (nothing is dropped by resolving), after the ordered ones. */
function withKept(next: SourcePins, previous: SourcePins): SourcePins {
  for (const [id, hash] of Object.entries(previous.sections)) if (!Object.hasOwn(next.sections, id)) setPin(next.sections, id, hash);
  return next;
}

function samePins(a: SourcePins, b: SourcePins): boolean {
  return a.commit === b.commit && JSON.stringify(a.sections) === JSON.stringify(b.sections);
}
