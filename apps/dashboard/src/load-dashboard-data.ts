/**
 * Gathers everything the dashboard shows, through the `RepositoryHost` port: coverage
 * at a revision (with history, for "days / commits behind"), the English word diffs
 * of stale sections since their pinned versions, and coverage over time.
 */
import { coverage, coverageHistory, HostError, loadSnapshot, type Config, type RepositoryHost } from '@i18n-drift/core';
import { englishChanges } from './english-changes.js';
import { translator } from './interface-strings.js';
import type { DashboardData, DashboardWarning, DashboardWarningCode, PullRequestLink } from './types.js';

export interface LoadDashboardDataOptions {
  /** Revision to describe (branch, tag, sha); default the host's default branch. */
  revision?: string;
  /** Commits measured for coverage over time; default 20; 0 leaves `history` null. */
  historySamples?: number;
  /** Locale -> its open translation pull request (the caller knows how to find them). */
  pullRequests?: Record<string, PullRequestLink>;
  /** URL of a source commit, e.g. `https://github.com/o/r/commit/<sha>`; null or absent: commits are not linked. */
  commitUrl?: (sha: string) => string | null;
  /**
   * An i18next `t` over the tool's resources (locales/<lng>/i18n-drift.json), to word
   * `warnings[].message` in the caller's language; called with `dashboard:warnings.<code>`.
   * Default English. Pages re-word warnings in their own language anyway.
   */
  t?: (key: string, options?: Record<string, unknown>) => string;
  /** "Now" for days behind; default the current time. */
  now?: Date;
}

/**
 * Loads the dashboard's data for `host` at `options.revision`.
 * Never fails for missing extras: an unreadable pinned English version or unavailable
 * history becomes a warning shown on the page.
 * @throws HostError when the revision or its files cannot be read (unknown revision, binary file…).
 */
export async function loadDashboardData(host: RepositoryHost, config: Config, options: LoadDashboardDataOptions = {}): Promise<DashboardData> {
  const now = options.now ?? new Date();
  const revision = options.revision ?? (await host.defaultBranch());
  const snapshot = await loadSnapshot(host, config, revision, { history: true, now });
  const report = coverage(snapshot, config);
  const warnings: DashboardWarning[] = [];
  const warn = (code: DashboardWarningCode, params: Record<string, string>) => warnings.push({ code, params, message: word(options.t, code, params) });

  const { changes, unreadable } = await englishChanges(host, config, report, snapshot.files);
  for (const u of unreadable) warn('pinned-version-unreadable', { path: u.path, commit: u.commit.slice(0, 7), reason: u.reason });

  let history: DashboardData['history'] = null;
  const samples = options.historySamples ?? 20;
  if (samples > 0) {
    try {
      history = await coverageHistory(host, config, { revision: snapshot.revision ?? revision, samples });
    } catch (error) {
      // A shallow clone or a host that cannot list history still gets a dashboard.
      if (!(error instanceof HostError)) throw error;
      warn('history-unavailable', { reason: error.message });
    }
  }

  const commitUrls: Record<string, string> = {};
  if (options.commitUrl) {
    const shas = new Set<string>();
    if (report.revision) shas.add(report.revision);
    for (const doc of report.documents)
      for (const t of doc.translations) {
        if (t.sourceCommit) shas.add(t.sourceCommit);
        for (const s of t.sections) {
          if (s.stale?.since) shas.add(s.stale.since);
          if (s.stale?.pinnedCommit) shas.add(s.stale.pinnedCommit);
        }
      }
    for (const l of report.byLocale) {
      if (l.oldestStale?.since) shas.add(l.oldestStale.since);
      if (l.oldestStale?.pinnedCommit) shas.add(l.oldestStale.pinnedCommit);
    }
    for (const c of history?.samples ?? []) shas.add(c.sha);
    for (const sha of shas) {
      const url = options.commitUrl(sha);
      if (url) commitUrls[sha] = url;
    }
  }

  return { report, generatedAt: now.toISOString(), englishChanges: changes, history, pullRequests: { ...options.pullRequests }, commitUrls, warnings };
}

function word(t: LoadDashboardDataOptions['t'], code: DashboardWarningCode, params: Record<string, string>): string {
  const key = `warnings.${code}`;
  const text = t?.(`dashboard:${key}`, params);
  // A `t` without the dashboard namespace answers with the key itself: fall back to English.
  return text && text !== key && text !== `dashboard:${key}` ? text : translator('en').t(key, params);
}
