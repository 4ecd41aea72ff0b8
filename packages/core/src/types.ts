/**
 * Public types of @i18n-drift/core: the contract between core's modules and its
 * callers (apps/cli, apps/bot, apps/dashboard). Extend it; do not rename what is here.
 */
import type { SectionId, WordChange, ChangeKind } from '@i18n-drift/sections';
import type { FormatName } from './formats/document-format.js';

// ---------------------------------------------------------------- configuration

/** `.github/i18n-drift.yml`, validated and with defaults applied. */
export interface Config {
  /** Default `en`. */
  sourceLocale: string;
  /** Target locales; null means "every locale folder/file found" (see `discoverLocales`). */
  locales: string[] | null;
  /** Path patterns with a `{locale}` placeholder, e.g. `locales/{locale}/**\/*.md` or `docs/**\/{locale}.md`. */
  files: string[];
  /**
   * The format of each pattern an entry names explicitly (`{ pattern, format }`); the
   * others have the format of their extension (`formatOfPattern`).
   */
  formats?: Record<string, FormatName>;
  /**
   * The key separator of each i18next pattern whose entry names one (`{ pattern, keySeparator }`):
   * a string joining nested keys, or `false` for flat keys; the others use `.`.
   */
  keySeparators?: Record<string, string | false>;
  /** Frontmatter keys to translate. Default `['title', 'description']`. */
  frontmatterKeys: string[];
  /** Per-locale GitHub logins asked to review that locale's PR. */
  translators: Record<string, string[]>;
  /** Per-locale extra labels for that locale's PR. */
  labels: Record<string, string[]>;
  /** Default `i18n-drift/`: the locale branch is `<branchPrefix><locale>`. */
  branchPrefix: string;
  /** Default `['[i18n skip]']`: a source commit whose message holds one marks nothing stale. */
  skipKeywords: string[];
  /** Per locale, how published pages show stale and missing sections (the remark and markdown-it plugins); absent when not configured. */
  publish?: Record<string, PublishRules>;
}

/** What a published page does with a stale section: show a notice, show the current English instead, or nothing. */
export type StaleRule = 'notice' | 'english' | 'keep';
/** What a published page does with a missing section (English inserted by sync): show it with a notice, or drop it. */
export type MissingRule = 'notice' | 'hide';

/** One locale's `publish` rules, defaults applied. */
export interface PublishRules {
  stale: StaleRule;
  missing: MissingRule;
  /** Share (0–1) of current sections below which a page gets one notice at its top instead of one per section. */
  minCoverage: number;
}

// ---------------------------------------------------------------- pins

/**
 * What a translated file records in its frontmatter under `i18n`: the source commit
 * it was last synced to and, per English section id, the hash of the English section
 * its text translates.
 */
export interface SourcePins {
  /** Source commit the translation was last synced to; null if unknown (adopted without a commit). */
  commit: string | null;
  /** English section id -> hash of the English section the translation's text translates. */
  sections: Record<SectionId, string>;
}

/** Marker kinds written as an HTML comment right under a translated heading. */
export type MarkerKind = 'stale' | 'missing';

/** A parsed `<!-- i18n-drift:stale … -->` / `<!-- i18n-drift:missing … -->` comment. */
export interface Marker {
  kind: MarkerKind;
  /** The English section id it refers to. */
  section: SectionId;
  /** The source commit the section waits for (the English version to translate). */
  since: string | null;
  /** 1-based line in the translated file. */
  line: number;
}

// ---------------------------------------------------------------- alignment

export type AlignmentMethod = 'pin' | 'id' | 'anchor' | 'structure' | 'landmark';

export interface AlignedSection {
  /** English section id. */
  sourceId: SectionId;
  /** Index into the translation's `sections` (or -1 for a frontmatter field). */
  translationIndex: number;
  /** The translation section's own id (its slug, which may be translated). */
  translationId: SectionId;
  method: AlignmentMethod;
  /** 0..1 */
  confidence: number;
}

export interface Alignment {
  pairs: AlignedSection[];
  /** Translation sections that could not be matched to any English section (reported, never guessed). */
  unalignedTranslation: { translationIndex: number; translationId: SectionId; heading: string | null; line: number }[];
  /** English sections with no counterpart in the translation. */
  unalignedSource: SectionId[];
}

// ---------------------------------------------------------------- coverage

export type SectionState = 'current' | 'stale' | 'missing' | 'untranslated';

export interface StaleInfo {
  /**
   * The translator's version: the source commit whose English of this section the
   * translation translates (the newest with the pinned hash), when the English versions
   * were given; else the file's pinned commit. Never the sync commit of a section sync left stale.
   */
  pinnedCommit: string | null;
  /** The first source commit that changed the section after the translator's version, if known. */
  since: string | null;
  /**
   * English commits that changed this section since the translator's version (`skipKeywords`
   * commits excluded; the document's commits after the pin when the versions were not
   * given), at least 1; null without history.
   */
  commitsBehind: number | null;
  /** Days between `since` (or the pinned commit) and now, if history was given. */
  daysBehind: number | null;
}

export interface SectionCoverage {
  /** English section id. */
  id: SectionId;
  /** English heading text; null for intro and frontmatter fields. */
  heading: string | null;
  level: number;
  state: SectionState;
  /** English words in the section. */
  words: number;
  /**
   * Share (0–1, three decimals) of the translated text still in the source language,
   * whatever the state (a `current` section may be partly English; a `stale` one
   * mostly); 0 for a `missing` section. Always set by `coverage`.
   */
  englishShare?: number;
  /** `words × englishShare`, rounded: the English words still to translate in this section. Always set by `coverage`. */
  englishWords?: number;
  /**
   * True when a translator removed the section's stale/missing marker: their sign-off.
   * The section reads as translated (`current` unless English changed it again) and is
   * re-pinned to that English at the next sync; `check` passes it too.
   */
  signedOff?: true;
  stale?: StaleInfo;
}

export interface Tally {
  total: number;
  current: number;
  stale: number;
  missing: number;
  untranslated: number;
  /** current / total * 100, rounded to one decimal; 100 when total is 0. */
  percent: number;
}

export interface Totals {
  sections: Tally;
  words: Tally;
  /** English words still left in the translated sections (sum of `englishWords`), whatever their state. Always set by `coverage`. */
  englishWords?: number;
  /**
   * `englishWords` over the English words of the sections present (not `missing`), 0–1,
   * three decimals: how much of what is there is still in English. Always set by `coverage`.
   */
  englishShare?: number;
}

export interface TranslationCoverage {
  locale: string;
  path: string;
  exists: boolean;
  sourceCommit: string | null;
  /** In English document order: frontmatter fields first, then sections. */
  sections: SectionCoverage[];
  unaligned: Alignment['unalignedTranslation'];
  totals: Totals;
  /** Set when the file's frontmatter (or its `i18n` pins) cannot be read: every section then counts as missing. */
  invalid?: InvalidDocument;
  /**
   * Set when the file carries no pins yet: its states were computed in memory by adopting
   * it from history, as `init` would (pinned at its last commit, then the English changes
   * since applied).
   */
  notAdopted?: NotAdopted;
  /**
   * Set when the history this translation is judged against cannot be read (a shallow
   * clone, a pin naming a commit this repository never had): the English its translator
   * saw is unknown, so its states are judged from its pins alone (a pinned file) or are
   * a guess (a file not adopted yet). Never shown as untranslated or missing for that.
   */
  historyUnavailable?: HistoryUnavailable;
}

/** Why a translation's history could not be read (see `TranslationCoverage.historyUnavailable`). */
export interface HistoryUnavailable {
  /** The commit the history stops before: the translation's pinned commit, or the clone's boundary commit a translation without pins would be pinned to. */
  commit: string;
  /** `shallow-clone`: the clone's history stops short (`git fetch --unshallow` fetches it); `unknown-commit`: the pin names a commit this repository does not have. */
  reason: 'shallow-clone' | 'unknown-commit';
}

/** Where a translation without pins would be pinned by `init` (see `TranslationCoverage.notAdopted`). */
export interface NotAdopted {
  /** Its last commit (or the revision described, for a file never committed). */
  pinnedTo: string;
  /** ISO date of `pinnedTo`, when the history gave it. */
  pinnedDate: string | null;
}

/** Why a document could not be read (a FrontmatterError's line and reason). */
export interface InvalidDocument {
  line: number;
  reason: string;
}

export interface DocumentCoverage {
  /** Path of the English file. */
  source: string;
  title: string | null;
  translations: TranslationCoverage[];
  /** Set when the English file's frontmatter cannot be read (then `translations` is empty). */
  invalid?: InvalidDocument;
}

export interface LocaleCoverage {
  locale: string;
  /** Leaves out the translations whose states are a guess (`excluded`). */
  totals: Totals;
  /** Oldest staleness across the locale's documents. */
  oldestStale: StaleInfo | null;
  /**
   * Translations left out of `totals` (and the report's): not adopted, and the English their
   * translator saw lies beyond a shallow clone, so any state would be a guess. Absent when none.
   */
  excluded?: number;
}

export interface OrphanDocument {
  locale: string;
  path: string;
  /** Where its English source would be. */
  expectedSource: string;
}

/** `coverage()` result; `i18n-drift status --json` prints exactly this (the `documents` shape is public). */
export interface CoverageReport {
  sourceLocale: string;
  locales: string[];
  /** Source revision the report describes, if known. */
  revision: string | null;
  documents: DocumentCoverage[];
  byLocale: LocaleCoverage[];
  orphans: OrphanDocument[];
  totals: Totals;
}

/** A commit of the source history, as coverage and the workflow need it. */
export interface CommitInfo {
  sha: string;
  /** ISO 8601 */
  date: string;
  message: string;
  author: string;
  /** Paths changed by this commit (may be omitted when not needed). */
  paths?: string[];
  /**
   * True when this commit is where a shallow clone's history stops: Git shows it adding
   * every file it holds, so it is no file's real last change (hosts with the whole history never set it).
   */
  boundary?: boolean;
}

/** Input of `coverage()`: file contents and (optionally) history. */
export interface RepositorySnapshot {
  /** path -> text, for every file matching the config's patterns. */
  files: Record<string, string>;
  /** Source commits, newest first, per English source path (for "how many commits / days behind"). */
  history?: Record<string, CommitInfo[]>;
  /**
   * Per English source path, its text at older commits (sha -> text, null when it did not
   * exist): the versions `sourceVersionsNeeded` lists. With them (and `history`), coverage
   * reads a translation as sync would leave it and counts commits per section.
   */
  sourceVersions?: Record<string, Record<string, string | null>>;
  revision?: string | null;
  /** For "days behind"; default the current time. */
  now?: Date;
  /** Documents the host refused to read (binary, too large, not a file), left out of `files`. */
  unreadable?: { path: string; reason: string }[];
}

// ---------------------------------------------------------------- repository host port

/** Who made a commit on a locale branch: the app/tool itself, or someone else (a translator). */
export interface BranchCommit {
  sha: string;
  author: string;
  /** True when i18n-drift made this commit (bot login, or the CLI's committer identity/trailer). */
  byTool: boolean;
}

export interface BranchState {
  name: string;
  head: string;
  /** Commits on the branch that are not on the base (default) branch, oldest first. */
  commits: BranchCommit[];
}

export interface FileChange {
  path: string;
  /** New text; null deletes the file. */
  content: string | null;
  /** True when the file did not exist before (a document's first translation). Informational. */
  created?: boolean;
}

export interface PullRequest {
  number: number;
  /** URL or local path where the PR can be seen. */
  url: string;
  head: string;
  base: string;
  title: string;
  body: string;
  state: 'open' | 'closed' | 'merged';
  /** The labels it carries, when the host knows them (GitHub does; local pull requests have none). */
  labels?: string[];
}

export interface PullRequestDraft {
  head: string;
  base: string;
  title: string;
  body: string;
  labels: string[];
  reviewers: string[];
}

/**
 * The port the sync workflow talks to. apps/cli implements it over a local Git
 * repository, apps/bot over the GitHub API (release-please's `Scm`, renovate's `Platform`).
 * Adapters throw `HostError` (from ./errors) for host failures.
 */
export interface RepositoryHost {
  /** The branch sync compares against and bases new locale branches on (e.g. `main`). */
  defaultBranch(): Promise<string>;
  /** Full commit sha of a revision (branch, tag, sha); throws HostError('not-found') if unknown. */
  resolveRevision(rev: string): Promise<string>;
  /** Text of a file at a revision; null when the file does not exist there. Throws HostError('binary') for a binary file. */
  readFile(path: string, rev: string): Promise<string | null>;
  /** Every file path in the tree at a revision. */
  listFiles(rev: string): Promise<string[]>;
  /**
   * Path -> Git blob id of every file in the tree at a revision (what `git ls-tree -r`
   * lists), so the workflow can tell whether a file already holds a text (`gitBlobId`)
   * without reading it. Optional: without it the workflow reads the files instead.
   */
  listBlobIds?(rev: string): Promise<Map<string, string>>;
  /** Paths changed between two revisions (from null: every path at `to`). */
  changedPaths(from: string | null, to: string): Promise<string[]>;
  /** Commits reachable from `to` and not from `from`, oldest first, optionally only those touching `paths`. */
  commitsBetween(from: string | null, to: string, paths?: string[]): Promise<CommitInfo[]>;
  /**
   * Per path, the last commit on `rev`'s first-parent history that changed it (what a
   * translation's translator last saw); paths never changed there are absent. Read in one
   * pass over the history however many paths are asked (one `git log`, one batched
   * query), never one request per path. Optional: without it core reads the same from
   * `commitsBetween(null, rev, paths)`.
   */
  lastCommits?(paths: string[], rev: string): Promise<Map<string, CommitInfo>>;
  /** A branch's head and its commits not on `base`; null if the branch does not exist. */
  getBranch(name: string, base: string): Promise<BranchState | null>;
  /**
   * Commit `files` as one commit on `branch` whose parent is `parent`, then move the branch to it.
   * `force` is only ever true when every commit being replaced was made by the tool.
   * Returns the new commit sha.
   */
  commitFiles(input: { branch: string; parent: string; files: FileChange[]; message: string; force: boolean }): Promise<string>;
  /** The open pull request from `head`, or null. */
  findPullRequest(head: string): Promise<PullRequest | null>;
  openPullRequest(draft: PullRequestDraft): Promise<PullRequest>;
  updatePullRequest(number: number, patch: { title?: string; body?: string }): Promise<PullRequest>;
  /**
   * Adds labels and asks for reviews on an open pull request (what `openPullRequest` does after
   * opening it). Optional: hosts whose pull requests carry no labels leave it out.
   */
  decoratePullRequest?(number: number, decoration: { labels: string[]; reviewers: string[] }): Promise<void>;
  comment(number: number, body: string): Promise<void>;
}

// ---------------------------------------------------------------- workflow results

/** One section listed in a locale's pull request. */
export interface PullRequestSection {
  document: string;
  translationPath: string;
  id: SectionId;
  heading: string | null;
  state: 'stale' | 'missing' | 'removed';
  change: ChangeKind;
  /** English word diff since the pinned version (stale), or null. */
  words: WordChange[] | null;
  resolved: boolean;
  /** Source commits (shas) that changed this section, oldest first (added by the sync workflow). */
  commits?: string[];
}

export interface LocaleSyncResult {
  locale: string;
  branch: string;
  files: FileChange[];
  sections: PullRequestSection[];
  /** Source commits involved. */
  sourceCommits: CommitInfo[];
  title: string;
  body: string;
  commit: string | null;
  pullRequest: PullRequest | null;
  /** 'opened' | 'updated' | 'unchanged' | 'dry-run' */
  action: 'opened' | 'updated' | 'unchanged' | 'dry-run' | 'working-tree';
  /**
   * Sections this run re-pinned to the English because a translator removed their
   * stale/missing marker (finished), in path then English order. Always set by
   * `syncRepository` and `resolveTranslationBranch`; optional for older producers.
   */
  repinned?: RepinnedSection[];
  /** Translations without pins adopted from history by this run (their pins are in `files`). */
  adopted?: AdoptedTranslation[];
}

/** A translation without pins that a sync adopted from history: pinned at its last commit. */
export interface AdoptedTranslation {
  path: string;
  /** The translation's last commit (or the target, for a file never committed). */
  pinnedTo: string;
  /** ISO date of `pinnedTo`, when the history gave it. */
  pinnedDate: string | null;
}

/** A section re-pinned because its translation was finished (its marker removed). */
export interface RepinnedSection {
  /** The translation file. */
  path: string;
  /** The English section id (`frontmatter.<key>` for a frontmatter field). */
  id: string;
}

/**
 * A translation the sync could not read and skipped for its locale (nothing written for
 * it, the other documents and locales synced as usual): malformed frontmatter or `i18n`
 * pins, or a file the host refuses as a document (binary, too large).
 */
export interface SyncFailure {
  locale: string;
  /** The file skipped: the translation, or the English document when it is the one at fault. */
  path: string;
  /** `invalid-catalog`: an i18next catalog that is not valid JSON, or its state file that cannot be read (`line` set). */
  code: 'frontmatter' | 'binary' | 'too-large' | 'not-a-file' | 'outside-repository' | 'history' | 'invalid-catalog';
  /** 1-based line of the problem in that file, when known (frontmatter errors). */
  line: number | null;
  /** What is wrong, in English (the parser's or the host's words). */
  message: string;
}

export interface SyncResult {
  from: string | null;
  to: string;
  skipped: boolean;
  locales: LocaleSyncResult[];
  /** Translation paths left alone because they carry no pins yet. Since adoption from history, only those a caller's `from` left out. */
  unpinned?: string[];
  /** Translations without pins and without an English document: orphans, left alone. */
  orphans?: string[];
  /** Translations skipped because they cannot be read, per locale, in locale then path order (always set by `syncRepository`). */
  failures?: SyncFailure[];
}
