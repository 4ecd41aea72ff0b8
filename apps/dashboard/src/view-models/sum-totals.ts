/**
 * Adds up coverage totals, for a locale the report has no `byLocale` entry for
 * (core's report normally has one; the pages must not show nonsense if it does not).
 */
import type { Tally, Totals } from '@i18n-drift/core';

const COUNTS = ['total', 'current', 'stale', 'missing', 'untranslated'] as const;

function sumTally(parts: readonly Tally[]): Tally {
  const t: Tally = { total: 0, current: 0, stale: 0, missing: 0, untranslated: 0, percent: 100 };
  for (const p of parts) for (const k of COUNTS) t[k] += p[k];
  // Same rounding as core's Tally.percent: one decimal, 100 when empty.
  t.percent = t.total === 0 ? 100 : Math.round((t.current / t.total) * 1000) / 10;
  return t;
}

/** Sum of `parts` (empty list: zero counts at 100 %). */
export function sumTotals(parts: readonly Totals[]): Totals {
  return { sections: sumTally(parts.map((p) => p.sections)), words: sumTally(parts.map((p) => p.words)) };
}
