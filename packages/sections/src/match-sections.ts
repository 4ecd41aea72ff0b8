import { contentHash } from './content-hash.js';
import { longestIncreasingSubsequence } from './longest-increasing-subsequence.js';
import { normaliseMarkdown } from './normalise-markdown.js';
import type { Section } from './types.js';
import { wordBag, wordSimilarity } from './word-similarity.js';

/** Bodies at least this similar (Dice over words) are one section renamed and edited. */
const SIMILARITY_THRESHOLD = 0.5;
/** In a large gap, each old section is compared with this many new ones on either side of its relative position. */
const WINDOW = 16;
const EMPTY_BODY = contentHash('');

/** Which old section became which new one. */
export interface SectionMatching {
  /** For each new section, the index of its old section, or -1 when added. */
  oldOfNew: Int32Array;
  /** For each old section, the index of its new section, or -1 when removed. */
  newOfOld: Int32Array;
  /** For each new section: matched and out of order relative to the other matched ones. */
  moved: boolean[];
}

/**
 * Matches the sections of two versions of a document, in passes that each use a
 * hash map, so the whole is O(n log n) (10,000 sections stay cheap):
 * 1. identical content (same `hash`), k-th occurrence with k-th;
 * 2. same `id` (the section was edited);
 * 3. same non-empty `bodyHash` (the heading was renamed, the body kept);
 * 4. what is left, between two sections that kept their order (a "gap"), by body
 *    similarity ≥ 0.5, position as tie-break — a heading renamed *and* edited in one
 *    commit stays one section (real histories do this; see the rename-and-edit fixture).
 *    Large gaps compare each section only with a window of ±16 around its relative position.
 * Then the longest order-preserving subset of the matches stays in place; every
 * other match is `moved`.
 */
export function matchSections(before: readonly Section[], after: readonly Section[]): SectionMatching {
  const newOfOld = new Int32Array(before.length).fill(-1);
  const oldOfNew = new Int32Array(after.length).fill(-1);
  const pair = (i: number, j: number) => {
    newOfOld[i] = j;
    oldOfNew[j] = i;
  };
  // Pairs unmatched sections with equal keys, k-th old with k-th new. One map from
  // key to its first waiting old section, plus a "next with the same key" link per
  // section: no per-key arrays, so 10,000 unique keys cost 10,000 map entries.
  const matchBy = (key: (section: Section) => string | null) => {
    const first = new Map<string, number>();
    const next = new Int32Array(before.length).fill(-1);
    for (let i = before.length - 1; i >= 0; i--) {
      if (newOfOld[i] !== -1) continue;
      const k = key(before[i]!);
      if (k === null) continue;
      const following = first.get(k);
      if (following !== undefined) next[i] = following;
      first.set(k, i);
    }
    after.forEach((section, j) => {
      if (oldOfNew[j] !== -1) return;
      const k = key(section);
      const i = k === null ? undefined : first.get(k);
      if (i === undefined || i === -1) return;
      first.set(k!, next[i]!);
      pair(i, j);
    });
  };

  // The intro (kind 'intro', id 'intro') only ever matches the intro, by id.
  matchBy((s) => (s.kind === 'heading' ? s.hash : null));
  matchBy((s) => s.id);
  matchBy((s) => (s.kind === 'heading' && s.bodyHash !== EMPTY_BODY ? s.bodyHash : null));
  matchSimilarInGaps(before, after, newOfOld, oldOfNew, pair);

  const matchedNew: number[] = [];
  const matchedOld: number[] = [];
  oldOfNew.forEach((i, j) => {
    if (i === -1) return;
    matchedNew.push(j);
    matchedOld.push(i);
  });
  const inOrder = longestIncreasingSubsequence(matchedOld);
  const moved = new Array<boolean>(after.length).fill(false);
  matchedNew.forEach((j, k) => {
    moved[j] = !inOrder[k];
  });
  return { oldOfNew, newOfOld, moved };
}

function matchSimilarInGaps(
  before: readonly Section[],
  after: readonly Section[],
  newOfOld: Int32Array,
  oldOfNew: Int32Array,
  pair: (i: number, j: number) => void,
): void {
  // Anchors: the matches that kept their relative order. Gap g lies between anchor g-1 and anchor g.
  const anchorNew: number[] = [];
  const anchorOld: number[] = [];
  oldOfNew.forEach((i, j) => {
    if (i === -1) return;
    anchorNew.push(j);
    anchorOld.push(i);
  });
  const inOrder = longestIncreasingSubsequence(anchorOld);
  const anchorsOld = anchorOld.filter((_, k) => inOrder[k]);
  const anchorsNew = anchorNew.filter((_, k) => inOrder[k]);

  const gapsOld = groupByGap(before, newOfOld, anchorsOld);
  const gapsNew = groupByGap(after, oldOfNew, anchorsNew);
  const bags = new Map<Section, Map<string, number>>();
  const bagOf = (section: Section) => {
    let bag = bags.get(section);
    if (!bag) {
      bag = wordBag(bodyText(section));
      bags.set(section, bag);
    }
    return bag;
  };

  for (const [gap, olds] of gapsOld) {
    const news = gapsNew.get(gap);
    if (!news) continue;
    const candidates: Array<{ i: number; j: number; similarity: number; distance: number }> = [];
    olds.forEach((i, r) => {
      const centre = olds.length === 1 ? 0 : Math.round((r * (news.length - 1)) / (olds.length - 1));
      for (let q = Math.max(0, centre - WINDOW); q <= Math.min(news.length - 1, centre + WINDOW); q++) {
        const j = news[q]!;
        const similarity = wordSimilarity(bagOf(before[i]!), bagOf(after[j]!));
        if (similarity >= SIMILARITY_THRESHOLD) candidates.push({ i, j, similarity, distance: Math.abs(q - centre) });
      }
    });
    candidates.sort((a, b) => b.similarity - a.similarity || a.distance - b.distance || a.i - b.i);
    for (const { i, j } of candidates) {
      if (newOfOld[i] === -1 && oldOfNew[j] === -1) pair(i, j);
    }
  }
}

/** Unmatched heading sections grouped by the gap (number of anchors before them) they sit in. */
function groupByGap(sections: readonly Section[], partner: Int32Array, anchors: readonly number[]): Map<number, number[]> {
  const gaps = new Map<number, number[]>();
  let gap = 0;
  sections.forEach((section, i) => {
    while (gap < anchors.length && anchors[gap]! < i) gap++;
    if (partner[i] !== -1 || section.kind !== 'heading') return;
    const members = gaps.get(gap);
    if (members) members.push(i);
    else gaps.set(gap, [i]);
  });
  return gaps;
}

/** Normalised body of a section: its normalised form without the heading, which normalises to one line. */
function bodyText(section: Section): string {
  const normalised = normaliseMarkdown(section.raw);
  if (section.kind === 'intro') return normalised;
  const lineEnd = normalised.indexOf('\n');
  return lineEnd === -1 ? '' : normalised.slice(lineEnd + 1);
}
