/**
 * Alignment: which translated section translates which English section. Translated
 * headings are translated, so their slugs differ from the English ids; the evidence is,
 * strongest first:
 *
 * 1. a stale/missing marker naming the English id (written by i18n-drift itself);
 * 2. intro to intro, an explicit `{#id}`, an identical slug (seeds keep English headings);
 * 3. in-page links: the n-th `[…](#target)` of the translation pointing at a translated
 *    slug where the English one points at an English id;
 * 4. the pins: their ids are written in the translation's section order, so when every
 *    other section is pinned they zip with the unmatched translated sections;
 * 5. structure, in the gaps between the matches above: heading levels and order, with
 *    numbers, code and link targets as landmarks, and a confidence per pair.
 *
 * Steps 1–4 are linear; step 5 runs a small DP inside each gap only (anchored on the
 * certain matches first), so 10,000-section documents stay near-linear. Pairs the
 * evidence does not support are reported as unaligned, never guessed.
 */
import type { ParsedDocument, Section, SectionId } from '@i18n-drift/sections';
import { placeMarkers, type MarkerLine } from './stale-marker.js';
import type { AlignedSection, Alignment, AlignmentMethod, SourcePins } from './types.js';

/**
 * One English section as alignment sees it. `aliases` are other ids that name the same
 * section (a renamed section's old id, used by apply-source-change so that pins and
 * markers written before the rename still find it); an alias takes precedence over
 * another unit's id.
 */
export interface SourceUnit {
  id: SectionId;
  aliases: readonly SectionId[];
  section: Section;
}

const FRONTMATTER_PREFIX = 'frontmatter.';
/** Above this many cells a gap is not searched by DP (only zipped when both sides have the same length). */
const GAP_DP_LIMIT = 250_000;
/** Structural pairs below this confidence are reported as unaligned instead. */
const MIN_CONFIDENCE = 0.5;

// A marker whose `-->` was deleted is a marker still (stale-marker.ts).
const MARKER_ONLY = /^(?:[ \t]*<!--[ \t]*i18n-drift:[^\n]*\r?\n?|[ \t]*\r?\n)*$/;

/** An intro that holds nothing but blank lines and markers: not a section to align (markers of frontmatter fields may create one). */
export function isEmptyIntro(section: Section): boolean {
  return section.kind === 'intro' && MARKER_ONLY.test(section.raw);
}

/** Source units of a parsed English document (empty intros left out). */
export function sourceUnits(doc: ParsedDocument): SourceUnit[] {
  return doc.sections.filter((s) => !isEmptyIntro(s)).map((section) => ({ id: section.id, aliases: [], section }));
}

/**
 * Aligns a translated document to its English source.
 * Frontmatter fields present in both are paired first (translationIndex -1); body pairs
 * follow in translation order. Unmatched English sections and fields are listed in
 * `unalignedSource`; unmatched translated sections (empty intros aside) in `unalignedTranslation`.
 * Markers inside a translated section never break alignment (they are evidence for it).
 * The same three arguments give the same object back: callers must not change it.
 */
export function alignDocument(source: ParsedDocument, translation: ParsedDocument, pins: SourcePins | null): Alignment {
  let byTranslation = alignments.get(source);
  if (!byTranslation) alignments.set(source, (byTranslation = new WeakMap()));
  let byPins = byTranslation.get(translation);
  if (!byPins) byTranslation.set(translation, (byPins = new Map()));
  const key = pins === null ? '' : JSON.stringify([pins.commit, Object.entries(pins.sections)]);
  let alignment = byPins.get(key);
  if (!alignment) byPins.set(key, (alignment = alignUncached(source, translation, pins)));
  return alignment;
}

/**
 * Alignments of this process, per parsed English, parsed translation and pins (their
 * order included: it is evidence). A translation read by status before `init` is aligned
 * by the walk that adopts it and again by coverage, with the same three: a tenth of a
 * cold `status` on a 5,000-file corpus (apps/cli/bench). Parses are shared per text and
 * read-only, and so is an alignment; held weakly, so they go when the parses do.
 */
const alignments = new WeakMap<ParsedDocument, WeakMap<ParsedDocument, Map<string, Alignment>>>();

function alignUncached(source: ParsedDocument, translation: ParsedDocument, pins: SourcePins | null): Alignment {
  const body = alignUnits(sourceUnits(source), translation, pins);
  const translated = new Set(translation.fields.map((f) => f.id));
  const fieldPairs: AlignedSection[] = [];
  const missingFields: SectionId[] = [];
  for (const field of source.fields) {
    if (translated.has(field.id)) {
      fieldPairs.push({ sourceId: field.id, translationIndex: -1, translationId: field.id, method: 'id', confidence: 1 });
    } else missingFields.push(field.id);
  }
  return {
    pairs: [...fieldPairs, ...body.pairs],
    unalignedTranslation: body.unalignedTranslation,
    unalignedSource: [...missingFields, ...body.unalignedSource],
  };
}

/** Which translated section each English section pairs with, without how (`method`, `confidence`). */
export interface Pairing {
  pairs: readonly Pick<AlignedSection, 'sourceId' | 'translationIndex' | 'translationId'>[];
  unalignedTranslation: Alignment['unalignedTranslation'];
}

/**
 * The pairs `alignDocument(source, translation, pins)` finds, taken from `earlier`, an
 * alignment of the same English with a translation of the same body and no pins, when
 * `pins` name exactly its body pairs, in translation order: what adoption pins and the
 * status that follows aligns again (a tenth of the coverage of a cold `status` on a
 * 5,000-file corpus). Null when any of that does not hold (then align). Methods and
 * confidences may differ from alignDocument's, hence only the pairs.
 *
 * Why the pairs are the same: without markers, steps 1–3 use neither pins nor lines, so
 * both runs match the same set M. The pins are M's units and the units S the earlier run
 * matched in step 5, in translation order. If S took every translated section left after
 * M, step 4 zips the same pairs (both sides in translation order). If not, step 4 does
 * nothing and step 5 meets the same gaps; a gap takes the pin branch only when every
 * English section in it is pinned, i.e. was matched there earlier, and as many as its
 * translated sections, so all of them were paired in order, as the pin order pairs them;
 * any other gap runs the same `alignGap`. Unique English ids make "the unit of a pinned
 * id" the unit that id named.
 */
export function pairingFromEarlier(
  source: ParsedDocument,
  earlier: { translation: ParsedDocument; alignment: Alignment },
  translation: ParsedDocument,
  pins: SourcePins | null,
): Pairing | null {
  if (pins === null) return null;
  const before = earlier.translation;
  if (before.sections.length !== translation.sections.length || before.fields.length !== translation.fields.length) return null;
  for (let i = 0; i < before.fields.length; i++) if (before.fields[i]!.id !== translation.fields[i]!.id) return null;
  for (let i = 0; i < before.sections.length; i++) {
    const a = before.sections[i]!;
    const b = translation.sections[i]!;
    if (a.raw !== b.raw || a.id !== b.id || a.kind !== b.kind || a.heading !== b.heading || a.level !== b.level || a.explicitId !== b.explicitId) return null;
    if (b.raw.includes('i18n-drift:')) return null;
  }
  const ids = new Set<SectionId>();
  for (const section of source.sections) {
    if (ids.has(section.id)) return null;
    ids.add(section.id);
  }
  // The pins' body ids, in their order, are the earlier body pairs in translation order.
  const body = earlier.alignment.pairs.filter((pair) => pair.translationIndex >= 0);
  let k = 0;
  for (const id of Object.keys(pins.sections)) {
    if (id.startsWith(FRONTMATTER_PREFIX)) continue;
    const pair = body[k++];
    if (pair === undefined || pair.sourceId !== id || (k > 1 && body[k - 2]!.translationIndex > pair.translationIndex)) return null;
  }
  if (k !== body.length) return null;
  const unalignedTranslation = earlier.alignment.unalignedTranslation.map(({ translationIndex }) => {
    const section = translation.sections[translationIndex]!;
    return { translationIndex, translationId: section.id, heading: section.heading, line: section.line };
  });
  return { pairs: earlier.alignment.pairs, unalignedTranslation };
}

interface Match {
  unit: number;
  method: AlignmentMethod;
  confidence: number;
}

/**
 * Aligns the body sections of `translation` to `units` (see the module comment for the
 * evidence used). `pairs[].sourceId` is the unit's `id`.
 */
export function alignUnits(units: readonly SourceUnit[], translation: ParsedDocument, pins: SourcePins | null): Alignment {
  const sections = translation.sections;
  const keyToUnit = new Map<SectionId, number>();
  const explicitToUnit = new Map<string, number>();
  // Aliases (the ids the translation was written against) win over new ids: when sections
  // with duplicate headings are reordered, their numbered ids swap (`question` becomes
  // `question-1`), and a new id may be another section's old one.
  units.forEach((unit, index) => {
    for (const key of unit.aliases) if (!keyToUnit.has(key)) keyToUnit.set(key, index);
  });
  units.forEach((unit, index) => {
    if (!keyToUnit.has(unit.id)) keyToUnit.set(unit.id, index);
    if (unit.section.explicitId && !explicitToUnit.has(unit.section.explicitId)) explicitToUnit.set(unit.section.explicitId, index);
  });
  const candidates: number[] = [];
  sections.forEach((section, index) => {
    if (!isEmptyIntro(section)) candidates.push(index);
  });

  const matchOf = new Map<number, Match>(); // translation index -> match
  const unitTaken = new Int32Array(units.length).fill(-1);
  const take = (t: number, unit: number | undefined, method: AlignmentMethod, confidence: number): boolean => {
    if (unit === undefined || matchOf.has(t) || unitTaken[unit] !== -1) return false;
    matchOf.set(t, { unit, method, confidence });
    unitTaken[unit] = t;
    return true;
  };

  // 1. Markers name the English id outright.
  const placed = placeMarkers(translation);
  const markersIn = (index: number): MarkerLine[] => {
    const own = placed.bySection.get(index) ?? [];
    return index === 0 && sections[0]?.kind === 'intro' ? [...placed.bodyStart, ...own] : own;
  };
  const missingMarked = new Set<number>();
  for (const t of candidates) {
    for (const marker of markersIn(t)) {
      if (marker.section.startsWith(FRONTMATTER_PREFIX)) continue;
      const unit = keyToUnit.get(marker.section);
      if (unit === undefined) continue;
      if (marker.kind === 'missing') missingMarked.add(t);
      if (take(t, unit, 'pin', 1)) break;
    }
  }
  // 2. Intro, explicit ids, identical slugs.
  const introUnit = units.findIndex((u) => u.section.kind === 'intro');
  const ambiguous = ambiguousHeadings(units, sections, candidates);
  for (const t of candidates) {
    const section = sections[t]!;
    if (section.kind === 'intro') {
      if (introUnit !== -1) take(t, introUnit, 'id', 1);
      continue;
    }
    if (section.explicitId && take(t, explicitToUnit.get(section.explicitId) ?? keyToUnit.get(section.explicitId), 'id', 1)) continue;
    if (section.heading !== null && ambiguous.has(headingKey(section.heading))) continue;
    take(t, keyToUnit.get(section.id), 'id', 0.95);
  }
  // 3. In-page links, zipped when both documents have as many.
  const sourceLinks = units.flatMap((u) => linksOf(u.section));
  const translationLinks = candidates.flatMap((t) => linksOf(sections[t]!));
  if (sourceLinks.length > 0 && sourceLinks.length === translationLinks.length) {
    const byId = new Map<string, number>();
    for (const t of candidates) {
      const s = sections[t]!;
      byId.set(s.id, t);
      if (s.explicitId) byId.set(s.explicitId, t);
    }
    sourceLinks.forEach((target, k) => {
      const t = byId.get(translationLinks[k]!);
      if (t !== undefined && translationLinks[k] !== target) take(t, keyToUnit.get(target), 'anchor', 0.9);
    });
  }
  // 4. Pins: ids in translation order; zip them when they account for every unmatched section.
  const pinRank = new Map<number, number>(); // unit -> position in the pin block
  if (pins) {
    const pinned: number[] = [];
    const seen = new Set<number>();
    for (const id of Object.keys(pins.sections)) {
      if (id.startsWith(FRONTMATTER_PREFIX)) continue;
      const unit = keyToUnit.get(id);
      if (unit !== undefined && !pinRank.has(unit)) pinRank.set(unit, pinRank.size);
      if (unit !== undefined && unitTaken[unit] === -1 && !seen.has(unit)) {
        seen.add(unit);
        pinned.push(unit);
      }
    }
    const free = candidates.filter((t) => !matchOf.has(t) && !missingMarked.has(t));
    if (pinned.length > 0 && pinned.length === free.length) free.forEach((t, k) => take(t, pinned[k], 'pin', 1));
  }
  // 5. Structure inside the gaps between an order-preserving chain of the matches so far.
  const chain = increasingChain(candidates.filter((t) => matchOf.has(t)).map((t) => [t, matchOf.get(t)!.unit] as const));
  let prevU = -1;
  let next = 0; // pointer into candidates: one sweep over all gaps keeps this linear
  for (const [t, u] of [...chain, [sections.length, units.length] as const]) {
    const gapT: number[] = [];
    for (; next < candidates.length && candidates[next]! <= t; next++) {
      const c = candidates[next]!;
      if (c < t && !matchOf.has(c)) gapT.push(c);
    }
    if (gapT.length > 0) {
      const gapU: number[] = [];
      for (let k = prevU + 1; k < u; k++) if (unitTaken[k] === -1) gapU.push(k);
      if (gapU.length > 0 && gapU.length === gapT.length && gapU.every((k) => pinRank.has(k))) {
        // Every English section of the gap is pinned: the pin order is the translation's order.
        const byPin = [...gapU].sort((x, y) => pinRank.get(x)! - pinRank.get(y)!);
        gapT.forEach((tt, k) => take(tt, byPin[k], 'pin', 0.9));
      } else if (gapU.length > 0) {
        for (const [tt, uu, confidence] of alignGap(units, sections, gapU, gapT)) take(tt, uu, confidence >= 0.9 ? 'landmark' : 'structure', confidence);
      }
    }
    prevU = u;
  }

  const pairs: AlignedSection[] = [];
  const unalignedTranslation: Alignment['unalignedTranslation'] = [];
  for (const t of candidates) {
    const section = sections[t]!;
    const match = matchOf.get(t);
    if (match) {
      pairs.push({ sourceId: units[match.unit]!.id, translationIndex: t, translationId: section.id, method: match.method, confidence: match.confidence });
    } else {
      unalignedTranslation.push({ translationIndex: t, translationId: section.id, heading: section.heading, line: section.line });
    }
  }
  const unalignedSource = units.filter((_, k) => unitTaken[k] === -1).map((u) => u.id);
  return { pairs, unalignedTranslation, unalignedSource };
}

function headingKey(heading: string): string {
  return heading.trim().toLowerCase();
}

/**
 * Heading texts whose identical slugs say nothing about order: repeated in one document
 * ("Mind your eyelets" under two parents) and not as many times in the other. Slugs
 * number repeats in document order (`x`, `x-1`), so when the translator translated the
 * first one and left the second in English, the second's slug is the English first's;
 * taking it would pair them out of order. These are left to the structural pass, which
 * only ever pairs in order.
 */
function ambiguousHeadings(units: readonly SourceUnit[], sections: readonly Section[], candidates: readonly number[]): Set<string> {
  const count = (headings: (string | null)[]) => {
    const out = new Map<string, number>();
    for (const heading of headings) if (heading !== null) out.set(headingKey(heading), (out.get(headingKey(heading)) ?? 0) + 1);
    return out;
  };
  const english = count(units.map((unit) => unit.section.heading));
  const translated = count(candidates.map((t) => sections[t]!.heading));
  const out = new Set<string>();
  for (const [key, n] of english) if ((n > 1 || (translated.get(key) ?? 0) > 1) && translated.has(key) && translated.get(key) !== n) out.add(key);
  for (const [key, n] of translated) if (n > 1 && english.has(key) && english.get(key) !== n) out.add(key);
  return out;
}

/**
 * What alignment reads off one section, remembered per parsed section: an English
 * document is aligned once per locale (and per step of a walk) with the same parse, so
 * its sections' links, landmarks and stems were found again each time. Each is a
 * function of the section's `raw` and `kind`, which a parse never changes; held weakly.
 */
function remembered<T>(of: (section: Section) => T): (section: Section) => T {
  const known = new WeakMap<Section, T>();
  return (section) => {
    let value = known.get(section);
    if (value === undefined) known.set(section, (value = of(section)));
    return value;
  };
}

const linksOf = remembered((section) => inPageLinks(section.raw));
const landmarksOfSection = remembered(landmarks);
const stemsOfSection = remembered(wordStems);

/** Targets of `[…](#target)` links, in order. */
function inPageLinks(raw: string): string[] {
  const out: string[] = [];
  for (const m of raw.matchAll(/\]\(#([^)\s]+)\)/g)) out.push(decodeURIComponentSafe(m[1]!));
  return out;
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The longest chain of pairs increasing in both coordinates (input sorted by the first), O(n log n). */
function increasingChain(pairs: readonly (readonly [number, number])[]): (readonly [number, number])[] {
  const tails: number[] = []; // index into pairs of the smallest tail of each length
  const prev = new Int32Array(pairs.length).fill(-1);
  pairs.forEach(([, u], i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]!]![1] < u) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  });
  const out: (readonly [number, number])[] = [];
  for (let i = tails.length ? tails[tails.length - 1]! : -1; i !== -1; i = prev[i]!) out.push(pairs[i]!);
  return out.reverse();
}

/** Numbers, code and link targets of a section body: what survives translation unchanged. */
function landmarks(section: Section): Set<string> {
  const body = section.raw.split('\n').slice(section.kind === 'heading' ? 1 : 0).join('\n');
  const out = new Set<string>();
  for (const m of body.matchAll(/```[^\n]*\n([\s\S]*?)```|`([^`\n]+)`|\]\(([^)\s]+)\)|(\d+(?:[.,:]\d+)*)/g)) {
    const value = m[1] ?? m[2] ?? m[3] ?? m[4];
    if (value !== undefined) out.add(m[4] !== undefined ? `#${value}` : value.trim());
  }
  return out;
}

/** First five letters of each word of six letters or more (accents and hyphens dropped): a crude cognate key across languages. */
function wordStems(section: Section): Set<string> {
  const out = new Set<string>();
  const text = section.raw.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/-/g, '').toLowerCase();
  for (const m of text.matchAll(/\p{L}{6,}/gu)) out.add(m[0].slice(0, 5));
  return out;
}

function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return common / (a.size + b.size - common);
}

/**
 * Pairs unmatched English units with unmatched translated sections inside one gap, in
 * order: zipped when both sides are as long, else by a weighted LCS over heading level
 * and landmark similarity. Returns [translationIndex, unit, confidence] triples.
 */
function alignGap(units: readonly SourceUnit[], sections: readonly Section[], gapU: number[], gapT: number[]): [number, number, number][] {
  const score = (u: number, t: number, zipped: boolean): number => {
    const unit = units[u]!.section;
    const section = sections[t]!;
    if ((unit.kind === 'intro') !== (section.kind === 'intro')) return 0;
    const sim = similarity(landmarksOfSection(unit), landmarksOfSection(section));
    const level = unit.level === section.level ? 0.3 : 0;
    if (zipped) return Math.min(1, 0.5 + level + 0.3 * sim);
    // Shared word stems (collect/collectées, email/e-mail) only break ties between
    // sections the structure cannot tell apart, such as a translator's extra section.
    const cognates = similarity(stemsOfSection(unit), stemsOfSection(section));
    return Math.min(1, 0.4 + level + 0.3 * sim + 0.05 * cognates);
  };
  const out: [number, number, number][] = [];
  if (gapU.length === gapT.length) {
    const zipped = gapT.map((t, k) => [t, gapU[k]!, score(gapU[k]!, t, true)] as [number, number, number]);
    if (zipped.every(([, , c]) => c >= MIN_CONFIDENCE + 0.2)) return zipped;
  }
  const n = gapU.length;
  const m = gapT.length;
  if (n * m > GAP_DP_LIMIT) return splitByLandmarks(units, sections, gapU, gapT);
  // Weighted LCS: best[i][j] over the first i units and j sections.
  const best = new Float64Array((n + 1) * (m + 1));
  const w = m + 1;
  const cell = new Float64Array(n * m);
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const s = score(gapU[i - 1]!, gapT[j - 1]!, false);
      cell[(i - 1) * m + (j - 1)] = s;
      const diag = s >= MIN_CONFIDENCE ? best[(i - 1) * w + (j - 1)]! + s : -1;
      best[i * w + j] = Math.max(best[(i - 1) * w + j]!, best[i * w + (j - 1)]!, diag);
    }
  }
  for (let i = n, j = m; i > 0 && j > 0; ) {
    const s = cell[(i - 1) * m + (j - 1)]!;
    if (s >= MIN_CONFIDENCE && best[i * w + j] === best[(i - 1) * w + (j - 1)]! + s) {
      out.push([gapT[j - 1]!, gapU[i - 1]!, s]);
      i--;
      j--;
    } else if (best[i * w + j] === best[(i - 1) * w + j]) i--;
    else j--;
  }
  return out.reverse();
}

/**
 * A gap too large for the DP: landmarks found in exactly one section on each side
 * (a number, a code span, a link) become anchors; the sub-gaps between an
 * order-preserving chain of them are aligned in turn. Without such landmarks nothing in
 * the gap is aligned (reported, not guessed).
 */
function splitByLandmarks(
  units: readonly SourceUnit[],
  sections: readonly Section[],
  gapU: number[],
  gapT: number[],
): [number, number, number][] {
  const owners = (keys: number[], sectionOf: (k: number) => Section) => {
    const once = new Map<string, number>();
    const many = new Set<string>();
    keys.forEach((k, i) => {
      for (const mark of landmarksOfSection(sectionOf(k))) {
        if (once.has(mark)) many.add(mark);
        else once.set(mark, i);
      }
    });
    for (const mark of many) once.delete(mark);
    return once;
  };
  const uniqueU = owners(gapU, (u) => units[u]!.section);
  const uniqueT = owners(gapT, (t) => sections[t]!);
  const anchors = new Map<number, number>(); // position in gapT -> position in gapU
  for (const [mark, j] of uniqueT) {
    const i = uniqueU.get(mark);
    if (i !== undefined && !anchors.has(j)) anchors.set(j, i);
  }
  const chain = increasingChain([...anchors.entries()].sort((a, b) => a[0] - b[0]));
  if (chain.length === 0) return [];
  const out: [number, number, number][] = [];
  let prevJ = -1;
  let prevI = -1;
  for (const [j, i] of [...chain, [gapT.length, gapU.length] as const]) {
    const subT = gapT.slice(prevJ + 1, j);
    const subU = gapU.slice(prevI + 1, i);
    if (subT.length > 0 && subU.length > 0) out.push(...alignGap(units, sections, subU, subT));
    if (j < gapT.length) out.push([gapT[j]!, gapU[i]!, 0.9]);
    prevJ = j;
    prevI = i;
  }
  return out;
}
