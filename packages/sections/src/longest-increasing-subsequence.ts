/**
 * Marks the members of one longest strictly increasing subsequence of `values`
 * (patience sorting, O(n log n)). Used to tell which matched sections kept their
 * relative order (members) from those that moved (the rest).
 */
export function longestIncreasingSubsequence(values: readonly number[]): boolean[] {
  const tails: number[] = []; // index into values of the smallest tail of each length
  const previous = new Int32Array(values.length).fill(-1);
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (values[tails[middle]!]! < value) low = middle + 1;
      else high = middle;
    }
    if (low > 0) previous[i] = tails[low - 1]!;
    tails[low] = i;
  }
  const member = new Array<boolean>(values.length).fill(false);
  for (let i = tails.length > 0 ? tails[tails.length - 1]! : -1; i !== -1; i = previous[i]!) member[i] = true;
  return member;
}
