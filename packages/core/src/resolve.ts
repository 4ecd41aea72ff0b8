/**
 * resolve / repin: moving pins forward without marking anything stale.
 *
 * A translator fixes a stale section and deletes its marker; `resolve` sees a section
 * whose pin differs from the current English hash with no marker left and pins it to
 * the current English. `repin` is the "[i18n skip]" path: the workflow re-pins the
 * sections a skipped commit touched, as if the translation had followed.
 */
import { parseDocument, type SectionId } from '@i18n-drift/sections';
import { markedIds, parseOptionsFor, sourceHashes } from './adopt.js';
import { alignDocument } from './align-sections.js';
import { orderedPins, pinOf, readPins, setPin, writePins } from './pins.js';
import { upgradePins } from './pin-hash.js';
import type { SourcePins } from './types.js';

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
  const read = readPins(translation);
  if (!read) return { text: translation, resolved: [] };
  const parseOptions = parseOptionsFor(options.frontmatterKeys);
  const src = parseDocument(source, parseOptions);
  const pins = upgradePins(read, src)!;
  const tr = parseDocument(translation, parseOptions);
  const alignment = alignDocument(src, tr, pins);
  const hashes = sourceHashes(src);
  const marked = markedIds(tr, alignment);
  const resolved = alignment.pairs
    .map((p) => p.sourceId)
    .filter((id) => !marked.has(id) && pinOf(pins, id) !== hashes.get(id));
  if (resolved.length === 0) return { text: translation, resolved };
  const next = new Set(resolved);
  return { text: writePins(translation, withKept(orderedPins(alignment.pairs, (id) => (next.has(id) ? hashes.get(id) : pinOf(pins, id)), pins.commit), pins)), resolved };
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
