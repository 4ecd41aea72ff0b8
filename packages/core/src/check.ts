/**
 * The findings `i18n-drift check` (a CI gate) and the GitHub App's check run share:
 * unresolved stale/missing markers, translated sections that align to no English
 * section, in-page links to anchors the file does not have, unreadable frontmatter,
 * and the parser's warnings (a broken heading such as the seeds' `$#### Profile data`
 * silently merges two sections and breaks every link to it).
 *
 * A finding carries a stable `code`, an English `message` and the `params` the message
 * is made of, so front ends can say it in their users' language (the `check`
 * namespace of locales/<lng>/i18n-drift.json has one string per code).
 */
import { createSlugger, FrontmatterError, parseDocument, type ParsedDocument, type WarningCode } from '@i18n-drift/sections';
import { alignDocument } from './align-sections.js';
import { createFenceTracker } from './fenced-code.js';
import { documentOf, pathFor, sourceDocuments, targetLocales } from './file-patterns.js';
import { readPins } from './pins.js';
import { upgradePins } from './pin-hash.js';
import { translatedPlace } from './resolve.js';
import { findMarkers, unterminatedMarkers } from './stale-marker.js';
import type { Config, CoverageReport, RepositorySnapshot, SourcePins } from './types.js';
import { formatsOf } from './formats/markdown-format.js';
import type { CatalogFindingCode } from './formats/check-catalog.js';

/** Every finding code; stable, used as i18n keys in the `check` namespace. */
export const FINDING_CODES = [
  'stale-section',
  'missing-section',
  'unknown-marker',
  'unaligned-section',
  'broken-anchor',
  'invalid-frontmatter',
  'broken-heading',
  'duplicate-id',
  'empty-heading',
  'unclosed-fence',
  'orphan-document',
  'too-many-stale',
  'unterminated-marker',
  'unsynced-section',
] as const;

export type FindingCode = (typeof FINDING_CODES)[number];

export interface Finding {
  /** A Markdown code, or an i18next catalog's (`CATALOG_FINDING_CODES`). */
  code: FindingCode | CatalogFindingCode;
  /** `error` fails the check; `warning` is shown only. */
  severity: 'error' | 'warning';
  /** Repository path of the file; '' for a repository-wide finding (`too-many-stale`). */
  path: string;
  /** 1-based line; 0 when the finding is about no line in particular. */
  line: number;
  /** English text; front ends may rebuild it from `code` and `params` in another language. */
  message: string;
  /** The values the message is made of (the names match `{{…}}` in the `check` strings). */
  params: Record<string, string | number | null>;
}

export interface CheckTranslationInput {
  sourcePath: string;
  /** The English file's text. */
  source: string;
  translationPath: string;
  /** The translated file's text. */
  translation: string;
  config: Config;
  /** Parses a text; lets callers reuse cached parses. Must honour `config.frontmatterKeys`. */
  parse?: (text: string) => ParsedDocument;
}

export interface CheckRepositoryOptions {
  /** Allow up to this many stale sections: stale markers become warnings, and more than this many an error. */
  maxStale?: number;
  parse?: (text: string) => ParsedDocument;
  /**
   * The repository's coverage, as `status` computes it from the same files (`coverage`):
   * its stale sections that no marker says yet (English changed since the pin, not synced)
   * are findings too (`unsynced-section`), so `check` and `status` never disagree.
   */
  coverage?: Pick<CoverageReport, 'documents'>;
}

export interface CheckResult {
  /** Sorted by path, then line. */
  findings: Finding[];
  /** True when no finding is an error. */
  ok: boolean;
}

const WARNING_SEVERITY: Record<WarningCode, Finding['severity']> = {
  // A broken heading merges two sections and breaks the links to the lost one: fail.
  'broken-heading': 'error',
  'duplicate-id': 'warning',
  'empty-heading': 'warning',
  'unclosed-fence': 'warning',
};

/**
 * The findings for one translated file against its English source: markers left
 * unresolved, sections that align to nothing, broken in-page anchors, unreadable
 * frontmatter or pins, and parse warnings. Never throws for bad input: problems are
 * findings.
 */
export function checkTranslation(input: CheckTranslationInput): Finding[] {
  const { translationPath: path, translation: text, config } = input;
  const parse = input.parse ?? defaultParse(config);
  const read = readDocument(path, text, parse);
  if (!read.document) return read.findings;
  const findings = [...read.findings];
  const translation = read.document;

  let pins: SourcePins | null = null;
  try {
    pins = readPins(text);
  } catch (error) {
    if (!(error instanceof FrontmatterError)) throw error;
    findings.push(invalidFrontmatter(path, error));
  }

  let source: ParsedDocument | null = null;
  try {
    source = parse(input.source);
  } catch (error) {
    // The English file's own problem is reported on the English file (checkRepository).
    if (!(error instanceof FrontmatterError)) throw error;
  }
  const englishIds = source ? new Set([...source.fields, ...source.sections].map((unit) => unit.id)) : null;

  for (const marker of findMarkers(text)) {
    if (englishIds && !englishIds.has(marker.section)) {
      findings.push(finding('unknown-marker', 'warning', path, marker.line, { kind: marker.kind, section: marker.section }));
    } else {
      findings.push(finding(marker.kind === 'stale' ? 'stale-section' : 'missing-section', 'error', path, marker.line, { section: marker.section, since: marker.since }));
    }
  }

  for (const line of unterminatedMarkers(text)) findings.push(finding('unterminated-marker', 'error', path, line, {}));

  if (source) {
    for (const section of alignDocument(source, translation, pins).unalignedTranslation) {
      findings.push(finding('unaligned-section', 'error', path, section.line, { heading: section.heading ?? section.translationId, id: section.translationId }));
    }
  }
  return sortFindings(findings);
}

/**
 * Every finding of a repository snapshot: each English document's own problems, each
 * existing translation checked against its source, and orphan translations (no English
 * source). With `maxStale`, stale markers are warnings and only more than `maxStale`
 * of them fail the check.
 */
export function checkRepository(snapshot: Pick<RepositorySnapshot, 'files'>, config: Config, options: CheckRepositoryOptions = {}): CheckResult {
  const locales = targetLocales(Object.keys(snapshot.files), config);
  // Each format checks its own documents (Markdown sections, catalog keys).
  const formats = formatsOf(config);
  const findings = formats.flatMap((format) => format.repository.check(snapshot, config, locales, options));
  if (options.coverage) findings.push(...unsyncedSections(options.coverage, snapshot.files, config, options.parse ?? defaultParse(config)));

  if (options.maxStale !== undefined) {
    const staleCodes = new Set<string>(formats.flatMap((format) => format.repository.staleFindingCodes));
    const stale = findings.filter((item) => staleCodes.has(item.code));
    for (const item of stale) item.severity = 'warning';
    if (stale.length > options.maxStale) findings.push(finding('too-many-stale', 'error', '', 0, { count: stale.length, max: options.maxStale }));
  }
  const sorted = sortFindings(findings);
  return { findings: sorted, ok: !sorted.some((item) => item.severity === 'error') };
}

/**
 * The Markdown part of `checkRepository`: each English Markdown document's own problems,
 * each existing translation against it, and Markdown translations without an English document.
 */
export function checkMarkdownDocuments(snapshot: Pick<RepositorySnapshot, 'files'>, config: Config, locales: readonly string[], options: Pick<CheckRepositoryOptions, 'parse'> = {}): Finding[] {
  const parse = options.parse ?? defaultParse(config);
  const paths = Object.keys(snapshot.files);
  const findings: Finding[] = [];
  const sources = sourceDocuments(paths, config);
  const sourceKeys = new Set(sources.map((document) => document.key));

  for (const { path, key } of sources) {
    const text = snapshot.files[path]!;
    const read = readDocument(path, text, parse);
    findings.push(...read.findings);
    // The English document is parsed once for all its locales.
    const parseOnce = (input: string) => (input === text && read.document ? read.document : parse(input));
    for (const locale of locales) {
      const translationPath = pathFor(key, locale, config);
      const translation = snapshot.files[translationPath];
      if (translation === undefined) continue;
      findings.push(...checkTranslation({ sourcePath: path, source: text, translationPath, translation, config, parse: parseOnce }));
    }
  }
  const localeSet = new Set(locales);
  for (const path of paths) {
    const found = documentOf(path, config);
    if (!found || !localeSet.has(found.locale) || sourceKeys.has(found.key)) continue;
    findings.push(finding('orphan-document', 'warning', path, 0, { expectedSource: pathFor(found.key, config.sourceLocale, config) }));
    findings.push(...readDocument(path, snapshot.files[path]!, parse).findings);
  }

  return findings;
}

/**
 * The sections `coverage` calls stale or missing in a Markdown translation whose text has
 * no marker for them: the English changed since the pin, or added a section, and no sync
 * has marked it yet (a marked one is `stale-section` or `missing-section`; a signed-off
 * one is not stale). Same code for a missing one and same severity as a marker.
 * Each is reported at the translated section's heading (a frontmatter field at its key),
 * where the translator updates it and where sync puts its marker; a section the file on
 * disk has no counterpart for is reported for the file as a whole (line 0): the English
 * section's line would point into another file, a neighbour's heading at the wrong text.
 */
function unsyncedSections(report: Pick<CoverageReport, 'documents'>, files: Readonly<Record<string, string>>, config: Config, parse: (text: string) => ParsedDocument): Finding[] {
  const findings: Finding[] = [];
  for (const document of report.documents) {
    for (const tr of document.translations) {
      const text = files[tr.path];
      const behind = tr.sections.filter((s) => s.state === 'stale' || s.state === 'missing');
      // Catalogs keep their marks in a state file, which their own check reads.
      const found = text === undefined ? null : documentOf(tr.path, config);
      if (behind.length === 0 || text === undefined || !found) continue;
      const marked = new Set(findMarkers(text).map((marker) => marker.section));
      const unmarked = behind.filter((s) => !marked.has(s.id));
      if (unmarked.length === 0) continue;
      const lines = translatedLines(files[pathFor(found.key, config.sourceLocale, config)], text, parse);
      for (const s of unmarked) {
        if (s.state === 'missing') {
          // Added in English and not in the file yet: the finding its marker will give after
          // sync (same code and subject, so a baseline accepts it before and after), for the
          // whole file since the section has no line in it yet.
          findings.push(finding('missing-section', 'error', tr.path, 0, { section: s.id, since: null }));
          continue;
        }
        findings.push(finding('unsynced-section', 'error', tr.path, lines.get(s.id) ?? 0, { section: s.heading ?? s.id, id: s.id, pinned: s.stale?.pinnedCommit?.slice(0, 7) ?? tr.sourceCommit?.slice(0, 7) ?? null }));
      }
    }
  }
  return findings;
}

/** English section id -> line of its counterpart in the translation, as aligned by its pins; empty when either file cannot be read. */
function translatedLines(source: string | undefined, text: string, parse: (text: string) => ParsedDocument): Map<string, number> {
  if (source === undefined) return new Map();
  try {
    const english = parse(source);
    const translation = parse(text);
    const where = translatedPlace(translation);
    const pairs = alignDocument(english, translation, upgradePins(readPins(text), english)).pairs;
    return new Map(pairs.map((pair) => [pair.sourceId, where(pair).line]));
  } catch (error) {
    // Unreadable frontmatter or pins are findings of their own (invalid-frontmatter).
    if (!(error instanceof FrontmatterError)) throw error;
    return new Map();
  }
}

// ---------------------------------------------------------------- one file on its own

/** The findings of an English document on its own (unreadable frontmatter, broken headings, broken in-page anchors), as `checkRepository` reports them. */
export function checkSourceDocument(path: string, text: string, config: Config, parse: (text: string) => ParsedDocument = defaultParse(config)): Finding[] {
  return readDocument(path, text, parse).findings;
}

/** Parse a file, turning unreadable frontmatter and parse warnings into findings, and check its in-page anchors. */
function readDocument(path: string, text: string, parse: (text: string) => ParsedDocument): { document: ParsedDocument | null; findings: Finding[] } {
  let document: ParsedDocument;
  try {
    document = parse(text);
  } catch (error) {
    if (!(error instanceof FrontmatterError)) throw error;
    return { document: null, findings: [invalidFrontmatter(path, error)] };
  }
  const lines = text.split('\n');
  const findings: Finding[] = document.warnings.map((warning) =>
    finding(warning.code, WARNING_SEVERITY[warning.code] ?? 'warning', path, warning.line, { text: (lines[warning.line - 1] ?? '').trim() }),
  );
  for (const link of brokenAnchors(text, document)) findings.push(finding('broken-anchor', 'error', path, link.line, { anchor: link.anchor }));
  return { document, findings };
}

function invalidFrontmatter(path: string, error: FrontmatterError): Finding {
  return finding('invalid-frontmatter', 'error', path, error.line, { reason: error.reason });
}

// ---------------------------------------------------------------- anchors

const INLINE_CODE = /(`+)[\s\S]*?\1/g;
const ANCHOR_LINK = /\]\(\s*<?#([^)\s>]*)>?(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)|^ {0,3}\[[^\]]+\]:\s*<?#([^\s>]*)>?|\bhref\s*=\s*["']#([^"']*)["']/gim;
const HTML_ID = /\b(?:id|name)\s*=\s*["']([^"']+)["']/gi;
// A heading inside a list item or block quote (top-level ones are the sections).
const NESTED_HEADING = /^[ \t]*(?:(?:>|[-*+]|\d{1,9}[.)])[ \t]*)+#{1,6}[ \t]+(.+?)[ \t#]*$/;

/** In-page links (`[…](#x)`, `[ref]: #x`, `href="#x"`) whose target is no heading id, explicit id or HTML id of the file. */
export function brokenAnchors(text: string, document: ParsedDocument): { anchor: string; line: number }[] {
  const targets = new Set<string>();
  for (const section of document.sections) {
    if (section.kind !== 'heading') continue;
    targets.add(section.id.toLowerCase());
    if (section.explicitId) targets.add(section.explicitId.toLowerCase());
  }
  const links: { anchor: string; line: number }[] = [];
  const headingLike: string[] = [];
  const fence = createFenceTracker();
  text.split('\n').forEach((raw, index) => {
    if (fence(raw) !== null) return;
    const line = raw.replace(INLINE_CODE, (code) => ' '.repeat(code.length));
    for (const match of line.matchAll(HTML_ID)) targets.add(match[1]!.toLowerCase());
    for (const match of line.matchAll(ANCHOR_LINK)) links.push({ anchor: match[1] ?? match[2] ?? match[3] ?? '', line: index + 1 });
    const heading = NESTED_HEADING.exec(line);
    if (heading) headingLike.push(heading[1]!.replace(/\s*\{#[^}]*\}$/, ''));
  });
  // Headings nested in lists or quotes do not cut sections but GitHub still anchors them.
  for (const heading of headingLike) targets.add(createSlugger().slug(plain(heading)).id.toLowerCase());

  return links.filter(({ anchor }) => {
    const target = decode(anchor).toLowerCase().replace(/^user-content-/, '');
    // `#` and `#top` scroll to the top of the page in every browser (HTML spec).
    return target !== '' && target !== 'top' && !targets.has(target);
  });
}

function plain(heading: string): string {
  return heading.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/<[^>]+>/g, '').replace(/[*_`~]/g, '');
}

function decode(anchor: string): string {
  try {
    return decodeURIComponent(anchor);
  } catch {
    return anchor;
  }
}

// ---------------------------------------------------------------- messages

// The English strings of the `check` namespace in locales/en/i18n-drift.json, kept
// identical to them (check.test.ts renders both and compares).
const MESSAGES: Record<FindingCode, (p: Finding['params']) => string> = {
  'stale-section': (p) => `Section "${p['section']}" is marked stale: the English changed and the translation waits for an update.`,
  'missing-section': (p) => `Section "${p['section']}" is missing: it was added in English and is not translated yet.`,
  'unknown-marker': (p) => `A ${p['kind']} marker names section "${p['section']}", which the English document does not have.`,
  'unaligned-section': (p) => `Section "${p['heading']}" matches no English section.`,
  'broken-anchor': (p) => `The link to "#${p['anchor']}" points at no heading or id in this file.`,
  'invalid-frontmatter': (p) => `The frontmatter cannot be read: ${p['reason']}.`,
  'broken-heading': (p) => `"${p['text']}" looks like a heading but is not one, so its section is merged into the one before.`,
  'duplicate-id': (p) => `"${p['text']}" has the same anchor as an earlier heading.`,
  'empty-heading': (p) => `"${p['text']}" is a heading with no text.`,
  'unclosed-fence': (p) => `The code block opened by "${p['text']}" is never closed, so it swallows the rest of the file.`,
  'orphan-document': (p) => `This translation has no English source (expected ${p['expectedSource']}).`,
  'too-many-stale': (p) => `${p['count']} sections are stale, more than the ${p['max']} allowed.`,
  'unterminated-marker': () => 'This i18n-drift marker has lost its closing "-->", so readers see nothing after it: put the "-->" back at the end of the line.',
  'unsynced-section': (p) => `Section "${p['section']}" is stale: the English changed since the translation's pin (${p['pinned']}); the next sync marks it.`,
};

function finding(code: FindingCode, severity: Finding['severity'], path: string, line: number, params: Finding['params']): Finding {
  return { code, severity, path, line, message: MESSAGES[code](params), params };
}

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)));
}

function defaultParse(config: Config): (text: string) => ParsedDocument {
  return (text) => parseDocument(text, { frontmatterKeys: config.frontmatterKeys });
}

