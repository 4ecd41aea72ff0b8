/**
 * Gathers everything the dashboard shows, through the `RepositoryHost` port: coverage
 * at a revision (with history, for "days / commits behind"), the English word diffs
 * of stale sections since their pinned versions, and coverage over time.
 */
import { adoptInMemory, coverage, coverageHistory, createWalkContext, HostError, labelNotAdopted, loadSnapshot, type Config, type CoverageHistory, type CoverageReport, type RepositoryHost } from '@i18n-drift/core';
import { parseDocument, type ParsedDocument } from '@i18n-drift/sections';
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
  /**
   * Coverage already computed for the revision (the CLI hands over its cached `status`
   * report): nothing is read or judged again. `readSource` then gives the English texts
   * the word diffs start from (default: read at `report.revision` through the host).
   */
  report?: CoverageReport;
  /** The current text of an English document of `report`; null when it does not exist. */
  readSource?: (path: string) => Promise<string | null>;
  /** Coverage over time already computed (the CLI's comes from its caches): used instead of sampling the history here. */
  history?: CoverageHistory | null;
  /** Parses a document; lets callers reuse cached parses. Default `parseDocument` with the config's frontmatter keys. */
  parse?: (text: string) => ParsedDocument;
  /** Documents the caller could not read (with `report`): shown as warnings. */
  unreadable?: { path: string; reason: string }[];
}

/**
 * Loads the dashboard's data for `host` at `options.revision`.
 * Never fails for missing extras: an unreadable pinned English version or unavailable
 * history becomes a warning shown on the page.
 * @throws HostError when the revision or its files cannot be read (unknown revision, binary file…).
 */
export async function loadDashboardData(host: RepositoryHost, config: Config, options: LoadDashboardDataOptions = {}): Promise<DashboardData> {
  const now = options.now ?? new Date();
  const parse = options.parse ?? ((text: string) => parseDocument(text, { frontmatterKeys: config.frontmatterKeys }));
  let report: CoverageReport;
  let readSource: (path: string) => Promise<string | null>;
  let revision: string;
  let unreadableDocuments: { path: string; reason: string }[] = options.unreadable ?? [];
  if (options.report) {
    report = options.report;
    revision = report.revision ?? options.revision ?? (await host.defaultBranch());
    const at = revision;
    readSource = options.readSource ?? ((path) => host.readFile(path, at));
  } else {
    const snapshot = await loadSnapshot(host, config, options.revision ?? (await host.defaultBranch()), { history: true, now });
    // Translations without pins are shown as `init` would adopt them (from history), badged.
    const adopted = await adoptInMemory(createWalkContext(host, config, snapshot.revision!), { files: snapshot.files });
    snapshot.files = adopted.files;
    report = labelNotAdopted(coverage(snapshot, config, { parse }), adopted.notAdopted);
    revision = snapshot.revision ?? options.revision ?? 'HEAD';
    readSource = async (path) => snapshot.files[path] ?? null;
    unreadableDocuments = [...unreadableDocuments, ...(snapshot.unreadable ?? [])];
  }
  const warnings: DashboardWarning[] = [];
  const warn = (code: DashboardWarningCode, params: Record<string, string>) => warnings.push({ code, params, message: word(options.t, code, params) });
  // Every document left out is named (the English one when the English is broken); the rest is shown.
  for (const u of unreadableDocuments) warn('document-unreadable', { path: u.path, line: '', reason: u.reason });
  for (const doc of report.documents) {
    if (doc.invalid) warn('document-unreadable', { path: doc.source, line: `:${doc.invalid.line}`, reason: doc.invalid.reason });
    for (const tr of doc.translations) if (tr.invalid) warn('document-unreadable', { path: tr.path, line: `:${tr.invalid.line}`, reason: tr.invalid.reason });
  }

  const { changes, unreadable } = await englishChanges(host, report, readSource, parse);
  for (const u of unreadable) warn('pinned-version-unreadable', { path: u.path, commit: u.commit.slice(0, 7), reason: u.reason });

  let history: DashboardData['history'] = null;
  const samples = options.historySamples ?? 20;
  if (options.history !== undefined) history = options.history;
  else if (samples > 0) {
    try {
      history = await coverageHistory(host, config, { revision, samples });
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
