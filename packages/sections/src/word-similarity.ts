const WORD = /[\p{L}\p{N}]+/gu;

/** Multiset of the lower-cased words of a text, for `wordSimilarity`. */
export function wordBag(text: string): Map<string, number> {
  const bag = new Map<string, number>();
  for (const word of text.toLowerCase().match(WORD) ?? []) bag.set(word, (bag.get(word) ?? 0) + 1);
  return bag;
}

/**
 * Dice coefficient of two word multisets: 1 for the same words (two empty texts
 * included), 0 for nothing in common. Linear in the smaller bag.
 */
export function wordSimilarity(a: Map<string, number>, b: Map<string, number>): number {
  let sizeA = 0;
  let sizeB = 0;
  for (const n of a.values()) sizeA += n;
  for (const n of b.values()) sizeB += n;
  if (sizeA + sizeB === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const [word, n] of small) shared += Math.min(n, large.get(word) ?? 0);
  return (2 * shared) / (sizeA + sizeB);
}
