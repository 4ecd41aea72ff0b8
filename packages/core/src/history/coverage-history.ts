/**
 * Coverage over time: coverage at up to N commits sampled from the repository's
 * history, per locale. Pure over the `RepositoryHost` port (works on local Git, GitHub
 * or memory alike), for the dashboard's charts.
 */
import { parseDocument, type ParsedDocument } from '@i18n-drift/sections';
import { coverage } from '../coverage.js';
import { documentOf } from '../file-patterns.js';
import { loadSnapshot } from '../sync/load-snapshot.js';
import type { Config, RepositoryHost } from '../types.js';
import { historyPoints, type CoverageHistory } from './history-points.js';
import { sampleCommits } from './sample-commits.js';

export interface CoverageHistoryOptions {
  /** Where the history ends (branch, tag, sha). */
  revision: string;
  /** At most this many commits are measured (default 20). */
  samples?: number;
}

/**
 * Measures coverage at up to `samples` commits spread evenly over the history of
 * `revision` (only commits touching files the config tracks, when the host reports
 * paths), with today's config. Each sample's "days behind" is counted from that
 * commit's date, so the chart shows what the dashboard would have shown then.
 * Parses are shared between samples: an unchanged file is parsed once.
 * @throws HostError from the host (unknown revision, binary file…); RangeError for a bad `samples`.
 */
export async function coverageHistory(host: RepositoryHost, config: Config, options: CoverageHistoryOptions): Promise<CoverageHistory> {
  const revision = await host.resolveRevision(options.revision);
  const commits = await host.commitsBetween(null, revision);
  const relevant = commits.filter((c) => c.paths === undefined || c.paths.some((p) => documentOf(p, config) !== null));
  const samples = sampleCommits(relevant, options.samples ?? 20);
  const parsed = new Map<string, ParsedDocument>();
  const parse = (text: string): ParsedDocument => {
    let doc = parsed.get(text);
    if (!doc) parsed.set(text, (doc = parseDocument(text, { frontmatterKeys: config.frontmatterKeys })));
    return doc;
  };
  const reports = [];
  // One sample at a time: each already reads its files in parallel, and memory stays bounded.
  for (const commit of samples) {
    const snapshot = await loadSnapshot(host, config, commit.sha, { now: new Date(commit.date) });
    reports.push(coverage(snapshot, config, { parse }));
  }
  return { revision, commitsConsidered: relevant.length, samples, byLocale: historyPoints(samples, reports) };
}
