import { contentHash } from './content-hash.js';
import { longestIncreasingSubsequence } from './longest-increasing-subsequence.js';
import { normaliseMarkdown } from './normalise-markdown.js';
import type { Section } from './types.js';
import { wordBag, wordSimilarity, type WordBag } from './word-similarity.js';

/** Bodies at least this similar (Dice over words) are one section renamed and edited. */
const SIMILARITY_THRESHOLD = 0.5;
/** In a large gap, each old section is compared with this many new ones on either side of its relative position. */
const WINDOW = 16;
/** Anywhere in the document, each new section is compared with at most this many old ones that share its rarest words, */
const RARE_CANDIDATES = 16;
/** found through at most this many of its words: those in the fewest old sections (common words only when it has no rarer one). */
const RARE_WORDS = 8;
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
 * Matches the sections of two versions of a document in passes, each near-linear
 * (hash maps, and a bounded number of body comparisons per section), so 10,000
 * sections stay cheap:
 * 1. identical content (same `hash`), k-th occurrence with k-th;
 * 2. same `id` (the section was edited);
 * 3. same non-empty `bodyHash` (the heading was renamed, the body kept);
 * 4. what is left, by body similarity ≥ 0.5 (Dice over words), best pair first and
 *    position only as a tie-break — a heading renamed *and* edited in one commit stays
 *    one section wherever it went (real histories do this; see the rename-and-edit and
 *    rename-edit-move fixtures). Not all pairs: each old section is compared with the
 *    new ones near its relative position between the matches around it (±16), and each
 *    new section with at most 16 old ones anywhere that share its rarest words.
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
  matchSimilar(before, after, newOfOld, oldOfNew, pair);

  const { matchedNew, inOrder } = matchesInOrder(oldOfNew);
  const moved = new Array<boolean>(after.length).fill(false);
  matchedNew.forEach((j, k) => {
    moved[j] = !inOrder[k];
  });
  return { oldOfNew, newOfOld, moved };
}

/** The matched pairs in new-document order, and which of them kept their relative order (the rest moved). */
function matchesInOrder(oldOfNew: Int32Array): { matchedNew: number[]; matchedOld: number[]; inOrder: boolean[] } {
  const matchedNew: number[] = [];
  const matchedOld: number[] = [];
  oldOfNew.forEach((i, j) => {
    if (i === -1) return;
    matchedNew.push(j);
    matchedOld.push(i);
  });
  return { matchedNew, matchedOld, inOrder: longestIncreasingSubsequence(matchedOld) };
}

interface Candidate {
  i: number;
  j: number;
  similarity: number;
  /** How many anchors lie between the two sections' places: 0 in the same gap. */
  gapDistance: number;
  /** In the same gap, how far apart their relative positions are; otherwise 0. */
  distance: number;
}

/**
 * Pass 4: pairs the sections still unmatched by body similarity. Two candidate
 * sources keep it near-linear (each section gets a bounded number of comparisons,
 * each linear in the smaller body): neighbours in the same gap between anchors (the
 * matches that kept their order), for bodies made of common words; and old sections
 * sharing a new section's rarest words, wherever they are, for sections that also
 * moved — position must not decide whether a renamed and edited section keeps its
 * identity. All candidates then compete together, most similar first.
 */
function matchSimilar(
  before: readonly Section[],
  after: readonly Section[],
  newOfOld: Int32Array,
  oldOfNew: Int32Array,
  pair: (i: number, j: number) => void,
): void {
  // Anchors: the matches that kept their relative order. Gap g lies between anchor g-1 and anchor g.
  const { matchedNew: anchorNew, matchedOld: anchorOld, inOrder } = matchesInOrder(oldOfNew);
  const olds = groupByGap(before, newOfOld, anchorOld.filter((_, k) => inOrder[k]));
  const news = groupByGap(after, oldOfNew, anchorNew.filter((_, k) => inOrder[k]));
  if (olds.gaps.size === 0 || news.gaps.size === 0) return;

  const oldBags = new Array<WordBag | undefined>(before.length);
  const newBags = new Array<WordBag | undefined>(after.length);
  const oldBag = (i: number) => (oldBags[i] ??= wordBag(bodyText(before[i]!)));
  const newBag = (j: number) => (newBags[j] ??= wordBag(bodyText(after[j]!)));
  // Where old section i "should" land among the new sections of its gap, by relative position.
  const centre = (i: number) => {
    const oldCount = olds.gaps.get(olds.gapOf[i]!)!.length;
    const newCount = news.gaps.get(olds.gapOf[i]!)?.length ?? 0;
    return oldCount === 1 ? 0 : Math.round((olds.rank[i]! * (newCount - 1)) / (oldCount - 1));
  };

  const candidates: Candidate[] = [];
  const compared = new Set<number>();
  const consider = (i: number, j: number) => {
    const key = i * after.length + j;
    if (compared.has(key)) return;
    compared.add(key);
    const similarity = wordSimilarity(oldBag(i), newBag(j));
    if (similarity < SIMILARITY_THRESHOLD) return;
    const gapDistance = Math.abs(olds.gapOf[i]! - news.gapOf[j]!);
    candidates.push({ i, j, similarity, gapDistance, distance: gapDistance === 0 ? Math.abs(news.rank[j]! - centre(i)) : 0 });
  };

  // Neighbours within each gap.
  for (const [gap, oldMembers] of olds.gaps) {
    const newMembers = news.gaps.get(gap);
    if (!newMembers) continue;
    for (const i of oldMembers) {
      const c = centre(i);
      for (let q = Math.max(0, c - WINDOW); q <= Math.min(newMembers.length - 1, c + WINDOW); q++) consider(i, newMembers[q]!);
    }
  }

  // Shared rare words, anywhere: an inverted index of the unmatched old bodies.
  const postings = new Map<string, number[]>();
  for (const oldMembers of olds.gaps.values()) {
    for (const i of oldMembers) {
      for (const word of oldBag(i).counts.keys()) {
        const list = postings.get(word);
        if (list) list.push(i);
        else postings.set(word, [i]);
      }
    }
  }
  for (const newMembers of news.gaps.values()) {
    for (const j of newMembers) {
      const lists: number[][] = [];
      for (const word of newBag(j).counts.keys()) {
        const list = postings.get(word);
        if (list) lists.push(list);
      }
      lists.sort((a, b) => a.length - b.length);
      const seen = new Set<number>();
      for (let w = 0; w < lists.length && w < RARE_WORDS && seen.size < RARE_CANDIDATES; w++) {
        // A word in more old sections than the cap tells little: only a body without any rarer word falls back on it.
        if (seen.size > 0 && lists[w]!.length > RARE_CANDIDATES) break;
        for (const i of lists[w]!) {
          if (seen.has(i)) continue;
          seen.add(i);
          consider(i, j);
          if (seen.size === RARE_CANDIDATES) break;
        }
      }
    }
  }

  candidates.sort((a, b) => b.similarity - a.similarity || a.gapDistance - b.gapDistance || a.distance - b.distance || a.i - b.i || a.j - b.j);
  for (const { i, j } of candidates) {
    if (newOfOld[i] === -1 && oldOfNew[j] === -1) pair(i, j);
  }
}

/**
 * Unmatched heading sections grouped by the gap (number of anchors before them) they
 * sit in, with each one's gap and rank within it (-1 for the others).
 */
function groupByGap(sections: readonly Section[], partner: Int32Array, anchors: readonly number[]) {
  const gaps = new Map<number, number[]>();
  const gapOf = new Int32Array(sections.length).fill(-1);
  const rank = new Int32Array(sections.length).fill(-1);
  let gap = 0;
  sections.forEach((section, i) => {
    while (gap < anchors.length && anchors[gap]! < i) gap++;
    if (partner[i] !== -1 || section.kind !== 'heading') return;
    let members = gaps.get(gap);
    if (!members) gaps.set(gap, (members = []));
    gapOf[i] = gap;
    rank[i] = members.length;
    members.push(i);
  });
  return { gaps, gapOf, rank };
}

/** Normalised body of a section: its normalised form without the heading, which normalises to one line. */
function bodyText(section: Section): string {
  const normalised = normaliseMarkdown(section.raw);
  if (section.kind === 'intro') return normalised;
  const lineEnd = normalised.indexOf('\n');
  return lineEnd === -1 ? '' : normalised.slice(lineEnd + 1);
}
