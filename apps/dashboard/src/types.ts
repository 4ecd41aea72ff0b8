/**
 * Public types of @i18n-drift/dashboard: what `loadDashboardData` gathers and the
 * renderers read. Plain data only (serialisable), so a caller may cache it.
 */
import type { CoverageHistory, CoverageReport } from '@i18n-drift/core';
import type { SectionId, WordChange } from '@i18n-drift/sections';
import type { OverviewQuery } from './view-models/overview-query.js';

export type { OverviewQuery, SortKey, StateFilter } from './view-models/overview-query.js';

/** An open translation pull request for one locale. */
export interface PullRequestLink {
  number: number;
  url: string;
}

/** Why part of the dashboard could not be filled in; the page says so instead of failing. */
export type DashboardWarningCode = 'pinned-version-unreadable' | 'history-unavailable' | 'document-unreadable';

export interface DashboardWarning {
  code: DashboardWarningCode;
  /** Values the message names (a path, a commit, the host's reason). */
  params: Record<string, string>;
  /** The message in the caller's language (its `t`, English otherwise); pages re-word it in theirs. */
  message: string;
}

/**
 * English word diffs since pinned versions:
 * source path -> pinned source commit -> English section id -> diff from the English at
 * the pinned commit to the English now (null when the section did not exist then).
 */
export type EnglishChanges = Record<string, Record<string, Record<SectionId, WordChange[] | null>>>;

/** Everything the pages show. */
export interface DashboardData {
  report: CoverageReport;
  /** ISO 8601 time the data was gathered. */
  generatedAt: string;
  englishChanges: EnglishChanges;
  /** Coverage over time; null when not asked for (historySamples 0) or unavailable. */
  history: CoverageHistory | null;
  /** Locale -> its open translation PR. */
  pullRequests: Record<string, PullRequestLink>;
  /** Commit sha -> URL to show it, for every commit the pages link. */
  commitUrls: Record<string, string>;
  warnings: DashboardWarning[];
}

/** A page of the dashboard; the overview may carry a search (default: every document, by path). */
export type DashboardRoute = { page: 'overview'; query?: OverviewQuery } | { page: 'document'; source: string } | { page: 'locale'; locale: string };

/** Interface languages: the tool's own locales with dashboard strings. */
export type InterfaceLanguage = string;
