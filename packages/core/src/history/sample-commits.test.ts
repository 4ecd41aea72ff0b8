import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CommitInfo } from '../types.js';
import { sampleCommits } from './sample-commits.js';

const commit = (i: number): CommitInfo => ({ sha: `c${i}`, date: new Date(Date.UTC(2024, 0, 1 + i)).toISOString(), message: `m${i}`, author: 'a' });
const history = (n: number) => Array.from({ length: n }, (_, i) => commit(i));

describe('sampleCommits', () => {
  it('keeps every commit when there are few', () => {
    expect(sampleCommits(history(3), 10).map((c) => c.sha)).toEqual(['c0', 'c1', 'c2']);
  });

  it('spreads the sample evenly and keeps both ends', () => {
    expect(sampleCommits(history(11), 3).map((c) => c.sha)).toEqual(['c0', 'c5', 'c10']);
  });

  it('takes the newest commit for a sample of one', () => {
    expect(sampleCommits(history(5), 1).map((c) => c.sha)).toEqual(['c4']);
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => sampleCommits(history(5), 0)).toThrow(/positive integer, got 0/);
    expect(() => sampleCommits(history(5), 1.5)).toThrow(RangeError);
  });

  it('returns min(n, limit) distinct commits in order, first and last included', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 2, max: 50 }), (n, limit) => {
        const all = history(n);
        const picked = sampleCommits(all, limit);
        expect(picked).toHaveLength(Math.min(n, limit));
        const indexes = picked.map((c) => all.indexOf(c));
        expect(new Set(indexes).size).toBe(indexes.length);
        expect([...indexes].sort((a, b) => a - b)).toEqual(indexes);
        if (n > 0) {
          expect(indexes[0]).toBe(0);
          expect(indexes.at(-1)).toBe(n - 1);
        }
      }),
    );
  });
});
