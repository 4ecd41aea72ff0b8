import { describe, expect, it } from 'vitest';
import { compareStaleness, olderStale } from './staleness.js';

const stale = (daysBehind: number | null, commitsBehind: number | null) => ({ pinnedCommit: null, since: null, daysBehind, commitsBehind });

describe('staleness order', () => {
  it('sorts most days behind first, then most commits, unknown last', () => {
    const list = [stale(null, null), stale(2, 9), stale(40, 1), stale(2, 30), null, stale(null, 5)];
    expect([...list].sort(compareStaleness)).toEqual([stale(40, 1), stale(2, 30), stale(2, 9), stale(null, 5), stale(null, null), null]);
  });

  it('keeps the older of two, the first on a tie', () => {
    const a = stale(3, 1);
    const b = stale(3, 1);
    expect(olderStale(a, b)).toBe(a);
    expect(olderStale(a, stale(4, 0))).toEqual(stale(4, 0));
    expect(olderStale(null, a)).toBe(a);
    expect(olderStale(a, null)).toBe(a);
  });
});
