/**
 * Picks the commits a coverage-over-time chart is drawn from: at most `limit`,
 * spread evenly over the history, always the first and the last, oldest first.
 */
import type { CommitInfo } from '../types.js';

/**
 * Evenly spaced sample of `commits` (oldest first), keeping order, the oldest and the
 * newest commit. Returns every commit when there are no more than `limit`.
 * @throws RangeError when `limit` is not a positive integer.
 */
export function sampleCommits(commits: readonly CommitInfo[], limit: number): CommitInfo[] {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`history samples must be a positive integer, got ${limit}`);
  if (commits.length <= limit) return [...commits];
  if (limit === 1) return [commits[commits.length - 1] as CommitInfo];
  const last = commits.length - 1;
  const picked: CommitInfo[] = [];
  for (let i = 0; i < limit; i += 1) {
    // Rounded even spacing over [0, last]: distinct indexes because last >= limit.
    picked.push(commits[Math.round((i * last) / (limit - 1))] as CommitInfo);
  }
  return picked;
}
