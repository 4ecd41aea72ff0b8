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
import type { SectionState, SourcePins } from '../types.js';

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
}
