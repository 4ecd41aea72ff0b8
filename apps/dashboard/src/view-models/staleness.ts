/**
 * Ordering of staleness: "oldest" means most days behind, then most source commits
 * behind. Unknown ages sort after known ones.
 */
import type { StaleInfo } from '@i18n-drift/core';

/** Negative when `a` is older than `b` (sorts oldest first); 0 when equally old or both unknown. */
export function compareStaleness(a: StaleInfo | null | undefined, b: StaleInfo | null | undefined): number {
  const days = (s: StaleInfo | null | undefined) => s?.daysBehind ?? null;
  const commits = (s: StaleInfo | null | undefined) => s?.commitsBehind ?? null;
  const byKnownDesc = (x: number | null, y: number | null) => (x === y ? 0 : x === null ? 1 : y === null ? -1 : y - x);
  return byKnownDesc(days(a), days(b)) || byKnownDesc(commits(a), commits(b));
}

/** The older of two staleness records (the first on a tie). */
export function olderStale(a: StaleInfo | null, b: StaleInfo | null | undefined): StaleInfo | null {
  if (!b) return a;
  if (!a) return b;
  return compareStaleness(b, a) < 0 ? b : a;
}
