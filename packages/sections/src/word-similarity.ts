const WORD = /[\p{L}\p{N}]+/gu;

/** Multiset of the lower-cased words of a text, for `wordSimilarity`. */
export interface WordBag {
  /** Distinct word → number of occurrences. */
  counts: Map<string, number>;
  /** Number of words, repeats included (the sum of `counts`). */
  size: number;
}

/** The word multiset of `text` (runs of letters and digits, lower-cased). Linear. */
export function wordBag(text: string): WordBag {
  const counts = new Map<string, number>();
  let size = 0;
  for (const word of text.toLowerCase().match(WORD) ?? []) {
    counts.set(word, (counts.get(word) ?? 0) + 1);
    size++;
  }
  return { counts, size };
}

/**
 * Dice coefficient of two word multisets: 1 for the same words (two empty texts
 * included), 0 for nothing in common. Linear in the smaller bag's distinct words,
 * so comparing one huge section with many small ones costs what the small ones do.
 */
export function wordSimilarity(a: WordBag, b: WordBag): number {
  if (a.size + b.size === 0) return 1;
  const [small, large] = a.counts.size <= b.counts.size ? [a.counts, b.counts] : [b.counts, a.counts];
  let shared = 0;
  for (const [word, n] of small) shared += Math.min(n, large.get(word) ?? 0);
  return (2 * shared) / (a.size + b.size);
}
