import { describe, expect, it } from 'vitest';
import { mergeCommitLists } from './commit-order.js';
import type { CommitInfo } from '../types.js';

const commit = (sha: string, date = '2026-11-29T10:00:00Z'): CommitInfo => ({ sha, date, message: sha, author: 'alice', paths: [] });

describe('mergeCommitLists', () => {
  it('keeps each list\'s order between commits of the same second, and dates between the others', () => {
    const [a, b, c, d] = [commit('d1'), commit('c2'), commit('b3'), commit('a4')];
    const early = commit('ff', '2026-11-28T10:00:00Z');
    // Document 1 saw a, c, d; document 2 saw early, b, d. No list orders a and b (or b and c): the sha does.
    expect(mergeCommitLists([[a, c, d], [early, b, d]]).map((x) => x.sha)).toEqual(['ff', 'c2', 'd1', 'b3', 'a4']);
    expect(mergeCommitLists([[a, b, c, d]]).map((x) => x.sha)).toEqual(['d1', 'c2', 'b3', 'a4']);
    expect(mergeCommitLists([[a, b], [a, b], []]).map((x) => x.sha)).toEqual(['d1', 'c2']);
  });

  it('never drops a commit when lists contradict each other', () => {
    const [a, b] = [commit('aa'), commit('bb')];
    expect(mergeCommitLists([[a, b], [b, a]]).map((x) => x.sha)).toEqual(['aa', 'bb']);
  });
});
