/**
 * The English commits of several documents as one list, oldest first. Each document's
 * walk lists its commits in history order; dates alone cannot merge them (commits made in
 * the same second — a script, a rebase, a merge of several commits — would fall back to
 * sha order, which is random), so the merge keeps every list's order and uses the date,
 * then the sha, only between commits no list orders.
 */
import type { CommitInfo } from '../types.js';

/**
 * Merge `lists` (each oldest first) into one list without duplicates, oldest first: a
 * commit never comes before one that precedes it in any list. Deterministic.
 */
export function mergeCommitLists(lists: readonly (readonly CommitInfo[])[]): CommitInfo[] {
  const bySha = new Map<string, CommitInfo>();
  const after = new Map<string, Set<string>>();
  const waiting = new Map<string, number>();
  for (const list of lists) {
    list.forEach((commit, k) => {
      if (!bySha.has(commit.sha)) {
        bySha.set(commit.sha, commit);
        after.set(commit.sha, new Set());
        waiting.set(commit.sha, 0);
      }
      const previous = list[k - 1];
      if (previous && previous.sha !== commit.sha && !after.get(previous.sha)!.has(commit.sha)) {
        after.get(previous.sha)!.add(commit.sha);
        waiting.set(commit.sha, waiting.get(commit.sha)! + 1);
      }
    });
  }
  const earlier = (a: CommitInfo, b: CommitInfo) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.sha < b.sha ? -1 : a.sha > b.sha ? 1 : 0);
  const ready = [...bySha.values()].filter((c) => waiting.get(c.sha) === 0);
  const out: CommitInfo[] = [];
  while (ready.length > 0) {
    ready.sort(earlier);
    const next = ready.shift()!;
    out.push(next);
    for (const sha of after.get(next.sha)!) {
      const left = waiting.get(sha)! - 1;
      waiting.set(sha, left);
      if (left === 0) ready.push(bySha.get(sha)!);
    }
  }
  // Lists that contradict each other (not one history): the rest by date, never dropped.
  if (out.length < bySha.size) {
    const placed = new Set(out.map((c) => c.sha));
    out.push(...[...bySha.values()].filter((c) => !placed.has(c.sha)).sort(earlier));
  }
  return out;
}
