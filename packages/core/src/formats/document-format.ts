/**
 * The seam between the sync workflow, coverage and check on one side and a kind of
 * translated file on the other (release-please's one `Updater` per file type): a format
 * cuts a source document into units with ids and hashes, reads a translation's pins and
 * marks, carries a source change into a translation, and says what coverage and check
 * report. Markdown keeps its state inside the document (frontmatter pins, HTML-comment
 * markers); i18next catalogs keep it in a state file beside the catalog, so a
 * translation is handed over as the pair `{ text, state }`.
 */
import type { ChangeKind, WordChange } from '@i18n-drift/sections';
import type { Config, DocumentCoverage, FileChange, OrphanDocument, RepositoryHost, RepositorySnapshot, SectionState, SourcePins } from '../types.js';
import type { CoverageOptions } from '../coverage.js';
import type { CheckRepositoryOptions, Finding } from '../check.js';
import type { WalkContext } from '../sync/document-walk.js';
import type { LocalePlan } from '../sync/sync-workflow.js';
import type { AdoptTranslationsInput, PreparedAdoption } from '../sync/adopt-from-history.js';

/** The formats a `files` entry can name. */
export const FORMAT_NAMES = ['markdown', 'i18next'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

/** One unit of a source document: a Markdown section or frontmatter field, a catalog key. */
export interface FormatUnit {
  /** Stable id across locales: a section's slug, a catalog's flattened key. */
  id: string;
  /** Hash of the unit's normalised source text, as pinned by translations. */
  hash: string;
  /** The text translators read (for word diffs). */
  text: string;
  /** A heading to show; null when the unit has none (an intro, a catalog key). */
  heading: string | null;
  /** Source words in the unit. */
  words: number;
  /** 1-based line where the unit starts. */
  line: number;
}

/** A translation as a format stores it: the document and, for formats that keep state beside it, the state file. */
export interface TranslationFiles {
  /** The translated document; null when the locale has none yet. */
  text: string | null;
  /** The state file's text (null: none yet, or a format that keeps state in `text`). */
  state: string | null;
}

export interface FormatApplyInput {
  /** The source document at the translation's pinned commit. */
  oldSource: string;
  newSource: string;
  translation: TranslationFiles;
  locale: string;
  /** Recorded as the synced commit and as the `since` of new marks. */
  sourceCommit: string | null;
  /** Copy new source units into the translation (marked missing) where the format would otherwise leave them out. */
  fill?: boolean;
  /** The translation's repository path (state file headers name it). */
  translationPath?: string;
}

/** What happened to one source unit in the translation. `moved` and `repinned` mean current. */
export interface FormatChange {
  kind: ChangeKind;
  id: string;
  oldId: string | null;
  state: 'stale' | 'missing' | 'removed' | 'moved' | 'repinned';
  heading: string | null;
  /** Source word diff of a changed unit, else null. */
  words: WordChange[] | null;
}

export interface FormatApplyResult {
  /** The files to write: `text` null means there is still no translation (nothing to write). */
  translation: TranslationFiles;
  changes: FormatChange[];
}

/** One source unit's state in a translation, for coverage. */
export interface UnitCoverage {
  id: string;
  heading: string | null;
  state: SectionState;
  words: number;
  /** For a stale or missing unit: the source commit since which, when known. */
  since: string | null;
}

export interface FormatCoverageInput {
  source: string;
  translation: TranslationFiles;
  locale: string;
  /**
   * The source at the translation's pinned commit, when the caller has it: coverage then
   * reads the translation as the next sync would leave it. Without it the pins are read as they are.
   */
  baseSource?: string | null;
}

/** A check finding (the shape of core's `Finding`), with the format's own codes. */
export interface FormatFinding {
  code: string;
  severity: 'error' | 'warning';
  path: string;
  line: number;
  message: string;
  params: Record<string, string | number | null>;
}

export interface FormatCheckInput {
  sourcePath: string;
  source: string;
  translationPath: string;
  translation: TranslationFiles;
  locale: string;
}

/**
 * One kind of translated file. Every function is pure (strings in, values out); the ones
 * reading a document throw the format's document error (with a 1-based `line` and a
 * `reason`) for input they cannot read, except `check`, which reports it as a finding.
 */
export interface DocumentFormat {
  readonly name: FormatName;
  /** File name endings (`.md`, `.json`) a `files` pattern is given this format by. */
  readonly extensions: readonly string[];
  /** The path of the state file kept beside a translation; null when the state lives in the document. */
  statePath(translationPath: string): string | null;
  /** The units of a source document, in document order. */
  units(source: string): FormatUnit[];
  /** The pins a translation carries; null when it has none yet (not adopted). */
  readPins(translation: TranslationFiles): SourcePins | null;
  /** The stale and missing marks a translation carries (Markdown markers, a state file's marked keys), in file order. */
  marks(translation: TranslationFiles): { kind: 'stale' | 'missing'; id: string }[];
  /** Carries the source change `oldSource -> newSource` into one translation; idempotent. */
  applySourceChange(input: FormatApplyInput): FormatApplyResult;
  coverage(input: FormatCoverageInput): UnitCoverage[];
  check(input: FormatCheckInput): FormatFinding[];
  /** Findings about a source document on its own (unreadable, ambiguous keys). */
  checkSource(path: string, source: string): FormatFinding[];
  /** The same over a whole repository: what coverage, check, adoption and sync ask the format for. */
  readonly repository: FormatRepository;
}

/**
 * What a format does over a whole repository, for every `files` pattern of that format
 * (each with its own options): the part of coverage, check, adoption and the sync
 * workflow that is about its documents. The workflow itself (`syncRepository`,
 * `resolveTranslationBranch`, `coverage`, `checkRepository`, `adoptTranslations`) asks
 * each format of the config in turn and merges what they give, so it never knows which
 * kinds of file it handles. Pure over the `RepositoryHost` port and the snapshot.
 */
export interface FormatRepository {
  /** Coverage of each source document of the format (sorted by path), and the translations without one. */
  coverage(snapshot: RepositorySnapshot, config: Config, locales: readonly string[], options: CoverageOptions): { documents: DocumentCoverage[]; orphans: OrphanDocument[] };
  /** The codes of its `check` findings that mean a unit waits for a translator (`--max-stale` counts them). */
  readonly staleFindingCodes: readonly string[];
  /** `check` findings of each source document of the format and of its translations, orphans included. */
  check(snapshot: Pick<RepositorySnapshot, 'files'>, config: Config, locales: readonly string[], options: Pick<CheckRepositoryOptions, 'parse'>): Finding[];
  /**
   * The translations of `input.files` not adopted yet (no pins, no state file), ready to be
   * adopted from history: `count` of them, the `committed` paths whose last commit they
   * need, adopted by `run` (each pinned at its last commit and walked to `ctx.to`).
   */
  prepareAdoption(ctx: WalkContext, input: AdoptTranslationsInput): PreparedAdoption;
  /** The source documents one sync run looks at (every one, or those `changed` since `from`), for every locale. */
  syncScope(ctx: WalkContext, input: SyncScopeInput): Promise<string[]>;
  /** One locale's files to write and the sections its pull request lists, for the documents of the format. */
  planLocale(ctx: WalkContext, input: FormatPlanInput): Promise<LocalePlan>;
  /** On a translation branch: what its pull request lists and the sign-offs to re-pin, for the documents of the format. */
  resolveBranch(host: RepositoryHost, input: ResolveBranchInput): Promise<{ files: FileChange[]; plan: LocalePlan }>;
}

export interface SyncScopeInput {
  /** Every path at the target revision. */
  paths: readonly string[];
  /** Paths changed between `from` and the target; null without `from` (every document). */
  changed: readonly string[] | null;
  /** Branch mode: translations pushed without pins are adopted in this run, whatever changed. */
  branchMode: boolean;
}

export interface FormatPlanInput {
  locale: string;
  paths: readonly string[];
  /** This format's `syncScope`. */
  scope: readonly string[];
  /** Paths the locale branch changes against the target (the documents its pull request already carries). */
  branchPaths: readonly string[];
  /** The revision the translations are read at (the locale branch's head when a translator committed on it). */
  readRev: string;
  /** Walk from here instead of each translation's pin (plan mode's `--from`). */
  from: string | null;
  /** No `from` was given: translations whose English source is gone are walked too. */
  everyDocument: boolean;
  /** The new commit goes on top of a translator's commits. */
  onTop: boolean;
  /** Copy new source units in where the format otherwise leaves them out (`sync --fill`). */
  fill: boolean;
  /** Translation paths synced in their own locale besides the scope (`SyncOptions.include`). */
  include: readonly string[];
  onDocument?: () => void;
}

export interface ResolveBranchInput {
  config: Config;
  locale: string;
  /** The default branch's head. */
  base: string;
  /** The locale branch's head. */
  head: string;
  /** Paths the locale branch changes against `base`. */
  changed: readonly string[];
}
