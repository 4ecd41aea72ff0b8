/**
 * Turns coverage reports taken at sampled commits into per-locale series, the data a
 * coverage-over-time chart draws. Pure: reports in, points out.
 */
import type { CommitInfo, CoverageReport } from '../types.js';

/** Coverage of one locale at one commit. */
export interface CoverageHistoryPoint {
  sha: string;
  /** ISO 8601 commit date. */
  date: string;
  /** Share of sections current, 0..100 (the report's `percent`). */
  sections: number;
  /** Share of words current, 0..100. */
  words: number;
}

/** Coverage over time, per locale, from a sample of the repository's history. */
export interface CoverageHistory {
  /** The revision the history ends at (full sha). */
  revision: string;
  /** Commits considered before sampling (matching the config's files). */
  commitsConsidered: number;
  /** Sampled commits, oldest first. */
  samples: CommitInfo[];
  /** Locale -> its points, oldest first; a locale absent from an older commit has no point there. */
  byLocale: Record<string, CoverageHistoryPoint[]>;
}

/**
 * Builds the per-locale series from one report per sampled commit (same order).
 * @throws RangeError when `samples` and `reports` differ in length.
 */
export function historyPoints(samples: readonly CommitInfo[], reports: readonly CoverageReport[]): Record<string, CoverageHistoryPoint[]> {
  if (samples.length !== reports.length) throw new RangeError(`${samples.length} samples but ${reports.length} reports`);
  const byLocale: Record<string, CoverageHistoryPoint[]> = {};
  samples.forEach((commit, i) => {
    for (const locale of (reports[i] as CoverageReport).byLocale) {
      (byLocale[locale.locale] ??= []).push({
        sha: commit.sha,
        date: commit.date,
        sections: locale.totals.sections.percent,
        words: locale.totals.words.percent,
      });
    }
  });
  return byLocale;
}
