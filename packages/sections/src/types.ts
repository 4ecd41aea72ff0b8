/**
 * Public types of @i18n-drift/sections. This file is the contract other packages
 * code against: extend it, do not rename what is here.
 */

/** A section's stable identity: GitHub's anchor slug of its heading, an explicit `{#id}`, `intro`, or `frontmatter.<key>`. */
export type SectionId = string;

/** A part of the Markdown body: a heading and the text up to the next heading of any level, or the intro before the first heading. */
export interface Section {
  kind: 'intro' | 'heading';
  id: SectionId;
  /** 1–6 for headings, 0 for the intro. */
  level: number;
  /** Plain heading text (inline markup and a trailing `{#id}` removed); null for the intro. */
  heading: string | null;
  /** The `{#custom-id}` written after the heading, if any. */
  explicitId: string | null;
  /** UTF-16 offsets into the whole input text (frontmatter included): `text.slice(start, end) === raw`. */
  start: number;
  end: number;
  /** 1-based line of the section's first line in the whole input. */
  line: number;
  raw: string;
  /** Hash of the normalised heading + body: formatting-only edits keep it, any change of words, numbers, links or code changes it. */
  hash: string;
  /**
   * The hash this section had before inline markup was compared by its parse (`_x_` and
   * `*x*`, reference and inline links): set only when it differs from `hash`. Pins written
   * before hold it; core reads a pin equal to it as a pin of `hash` (see the README's
   * "Hash versions").
   */
  legacyHash?: string;
  /** Hash of the normalised body alone (without the heading line): lets a diff recognise a renamed heading. */
  bodyHash: string;
  /** Number of words in the normalised text (for coverage by words). */
  words: number;
}

/** A translatable frontmatter value, tracked like a section but kept apart from `sections`. */
export interface FrontmatterField {
  kind: 'frontmatter';
  /** `frontmatter.<key>` */
  id: SectionId;
  key: string;
  /** The value as a string (non-string scalars are stringified). */
  value: string;
  hash: string;
  /** As `Section.legacyHash`: the hash before inline markup was compared by its parse, when it differs. */
  legacyHash?: string;
  words: number;
}

export interface Frontmatter {
  /** The frontmatter block exactly as written, delimiters and trailing newline included; '' when absent. A leading BOM belongs here too. */
  raw: string;
  data: Record<string, unknown>;
}

export type WarningCode = 'broken-heading' | 'duplicate-id' | 'empty-heading' | 'unclosed-fence';

export interface Warning {
  code: WarningCode;
  /** 1-based line in the whole input. */
  line: number;
  message: string;
}

export interface ParsedDocument {
  frontmatter: Frontmatter;
  /** Translatable frontmatter values, in `frontmatterKeys` order, only those present. */
  fields: FrontmatterField[];
  /** `frontmatter.raw + sections.map((s) => s.raw).join('') === input`, always. */
  sections: Section[];
  warnings: Warning[];
}

export interface ParseOptions {
  /** Frontmatter keys to track as translatable. Default `['title', 'description']`. */
  frontmatterKeys?: readonly string[];
}

export type ChangeKind = 'unchanged' | 'formatting' | 'modified' | 'added' | 'removed' | 'moved' | 'renamed';

/** One piece of a word-level diff, as the `diff` package returns it. */
export interface WordChange {
  value: string;
  added?: boolean;
  removed?: boolean;
}

export type DocumentUnit = Section | FrontmatterField;

/** What happened to one section (or frontmatter field) between two versions of a document. */
export interface SectionChange {
  kind: ChangeKind;
  /** The id in the new version; the old id for `removed`. */
  id: SectionId;
  /** The id in the old version; null for `added`. Differs from `id` for `renamed`. */
  oldId: SectionId | null;
  old: DocumentUnit | null;
  new: DocumentUnit | null;
  /** Word-level diff of the English text, for `modified` and `renamed` (and `moved` if its text changed); null otherwise. */
  words: WordChange[] | null;
  /** True when the section's position relative to the others changed (always true for `moved`). */
  moved: boolean;
}
