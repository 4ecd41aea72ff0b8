/**
 * Coverage: the translation state of every English section in every locale, rolled up
 * per translation, per locale and overall, by sections and by words. Pure: file
 * contents (and optionally history) in, a report out — the CLI's `status --json`
 * prints it as is, the dashboard draws it.
 *
 * A section's state, strongest evidence first:
 * - `missing`: no translated section aligns to it (or the file is absent), or a
 *   `missing` marker names it;
 * - `untranslated`: it aligns, but its text is still mostly in the source language
 *   (the French and Dutch seeds have whole lists still in English) — this wins over
 *   `stale`, because what the translator must do is translate, not update;
 * - `stale`: a `stale` marker names it, or its pinned English hash differs from the
 *   English section's hash now;
 * - `current` otherwise.
 */
import { parseDocument, FrontmatterError, type FrontmatterField, type ParsedDocument, type Section } from '@i18n-drift/sections';
import { alignDocument, isEmptyIntro } from './align-sections.js';
import { documentOf, pathFor, sourceDocuments, targetLocales } from './file-patterns.js';
import { judgeLanguage, overlapShare, proseUnits, verbatimFragments, vocabularyOf } from './language.js';
import { PINS_KEY, readPins } from './pins.js';
import { findMarkers } from './stale-marker.js';
import type {
  CommitInfo,
  Config,
  CoverageReport,
  DocumentCoverage,
  LocaleCoverage,
  Marker,
  OrphanDocument,
  RepositorySnapshot,
  SectionCoverage,
  SectionState,
  SourcePins,
  StaleInfo,
  Tally,
  Totals,
  TranslationCoverage,
} from './types.js';

/** A translation is untranslated when more than this share of its judged words are in the source language. */
export const UNTRANSLATED_SHARE = 0.5;

/**
 * Below this share of words found in the English document, a section cannot be mostly
 * English: English sentences share at least ~30 % of their words with any English
 * document of the same kind (function words alone), so a section more than half
 * English shares at least ~15 %. Translated sections share 0–24 % (see language.ts).
 */
const SECTION_OVERLAP_FLOOR = 0.15;

const DAY_MS = 86_400_000;

export interface CoverageOptions {
  /** Parses a file's text; lets callers cache parses (by Git blob id, say). Must honour `config.frontmatterKeys`. */
  parse?: (text: string) => ParsedDocument;
}

/** One English document and one of its translations, as `translationCoverage` takes them. */
export interface TranslationCoverageInput {
  /** The parsed English document. */
  source: ParsedDocument;
  locale: string;
  translationPath: string;
  /** The translated file's text; null when the file does not exist. */
  translationText: string | null;
  /** Its parse, if the caller has it (else parsed here with `parse` or `parseDocument`). */
  translation?: ParsedDocument;
  config: Config;
  /** Source commits of the English document, newest first. */
  history?: readonly CommitInfo[];
  /** For "days behind"; default the current time. */
  now?: Date;
  parse?: (text: string) => ParsedDocument;
  /** `indexSource(source)`; built here when absent (pass one to share it across locales). */
  sourceIndex?: SourceIndex;
}

/**
 * What judging translations needs from an English document, computed at most once
 * per document and shared by all its locales: its vocabulary and, per unit, the
 * fragments an untranslated copy would contain verbatim.
 */
export interface SourceIndex {
  vocabulary(): ReadonlySet<string>;
  fragments(unitId: string): readonly string[];
}

/** A lazy `SourceIndex` of a parsed English document. */
export function indexSource(source: ParsedDocument): SourceIndex {
  let vocabulary: Set<string> | undefined;
  const fragments = new Map<string, string[]>();
  const texts = new Map<string, string>();
  for (const field of source.fields) texts.set(field.id, field.value);
  for (const section of source.sections) texts.set(section.id, section.raw);
  return {
    vocabulary: () => (vocabulary ??= englishVocabulary(source)),
    fragments: (unitId) => {
      let list = fragments.get(unitId);
      if (!list) fragments.set(unitId, (list = verbatimFragments(texts.get(unitId) ?? '')));
      return list;
    },
  };
}

/**
 * The coverage of a whole repository snapshot: every source document (by the config's
 * patterns), every target locale, every English section in English order; orphan
 * translations; roll-ups per locale and overall.
 *
 * Never throws for bad documents: a source or translation whose frontmatter cannot be
 * read is reported (`invalid`) and counted as missing.
 */
export function coverage(snapshot: RepositorySnapshot, config: Config, options: CoverageOptions = {}): CoverageReport {
  const paths = Object.keys(snapshot.files);
  const locales = targetLocales(paths, config);
  const parse = options.parse ?? defaultParse(config);
  const now = snapshot.now ?? new Date();
  const sources = sourceDocuments(paths, config);
  const sourceKeys = new Set(sources.map((document) => document.key));

  const documents: DocumentCoverage[] = sources.map(({ path, key }) => {
    const text = snapshot.files[path]!;
    let source: ParsedDocument;
    try {
      source = parse(text);
    } catch (error) {
      if (!(error instanceof FrontmatterError)) throw error;
      return { source: path, title: null, translations: [], invalid: { line: error.line, reason: error.reason } };
    }
    const history = snapshot.history?.[path];
    const sourceIndex = indexSource(source);
    const translations = locales.map((locale) => {
      const translationPath = pathFor(key, locale, config);
      return translationCoverage({
        source,
        locale,
        translationPath,
        translationText: snapshot.files[translationPath] ?? null,
        config,
        ...(history ? { history } : {}),
        now,
        parse,
        sourceIndex,
      });
    });
    return { source: path, title: documentTitle(source), translations };
  });

  const orphans: OrphanDocument[] = [];
  const localeSet = new Set(locales);
  for (const path of [...paths].sort()) {
    const found = documentOf(path, config);
    if (found && localeSet.has(found.locale) && !sourceKeys.has(found.key)) {
      orphans.push({ locale: found.locale, path, expectedSource: pathFor(found.key, config.sourceLocale, config) });
    }
  }

  const byLocale: LocaleCoverage[] = locales.map((locale) => {
    const translations = documents.flatMap((document) => document.translations.filter((translation) => translation.locale === locale));
    return {
      locale,
      totals: sumTotals(translations.map((translation) => translation.totals)),
      oldestStale: oldest(translations.flatMap((translation) => translation.sections.flatMap((section) => (section.stale && section.state === 'stale' ? [section.stale] : [])))),
    };
  });

  return {
    sourceLocale: config.sourceLocale,
    locales,
    revision: snapshot.revision ?? null,
    documents,
    byLocale,
    orphans,
    totals: sumTotals(byLocale.map((locale) => locale.totals)),
  };
}

/**
 * The coverage of one translation of one English document: the unit `coverage` is
 * made of, exported so callers can cache it per file pair.
 *
 * Never throws for a bad translation: unreadable frontmatter or pins make it
 * `invalid`, with every section `missing`.
 */
export function translationCoverage(input: TranslationCoverageInput): TranslationCoverage {
  const { source, locale, translationPath, translationText, config } = input;
  const units = englishUnits(source);
  const base = { locale, path: translationPath };
  if (translationText === null) {
    const sections = units.map((unit) => sectionCoverage(unit, 'missing'));
    return { ...base, exists: false, sourceCommit: null, sections, unaligned: [], totals: totalsOf(sections) };
  }

  let translation: ParsedDocument;
  let pins: SourcePins | null;
  try {
    translation = input.translation ?? (input.parse ?? defaultParse(config))(translationText);
    pins = pinsOf(translation, translationText);
  } catch (error) {
    if (!(error instanceof FrontmatterError)) throw error;
    const sections = units.map((unit) => sectionCoverage(unit, 'missing'));
    return { ...base, exists: true, sourceCommit: null, sections, unaligned: [], totals: totalsOf(sections), invalid: { line: error.line, reason: error.reason } };
  }

  const markers = markersBySection(translationText.includes('i18n-drift:') ? findMarkers(translationText) : []);
  const alignment = alignDocument(source, translation, pins);
  const pairs = new Map(alignment.pairs.map((pair) => [pair.sourceId, pair]));
  const fields = new Map(translation.fields.map((field) => [field.id, field]));
  const stalenessOf = staleness(input, pins);
  const index = input.sourceIndex ?? indexSource(source);

  const sections = units.map((unit) => {
    const marker = markers.get(unit.id);
    const pair = pairs.get(unit.id);
    if (!pair || marker?.kind === 'missing') return sectionCoverage(unit, 'missing');
    const translated = pair.translationIndex === -1 ? fields.get(pair.translationId) : translation.sections[pair.translationIndex];
    if (!translated) return sectionCoverage(unit, 'missing');
    const stale = marker?.kind === 'stale' || (pins !== null && pins.sections[unit.id] !== unit.hash);
    const staleInfo = stale ? stalenessOf(marker ?? null) : undefined;
    // A pinned section whose English has not changed since can only hold English verbatim:
    // unless some is found, it is translated, without asking the language detector.
    const mustJudge = stale || pins === null || unit.kind === 'frontmatter';
    const state: SectionState = isUntranslated(unit, translated, { sourceLocale: config.sourceLocale, locale, index, mustJudge }) ? 'untranslated' : stale ? 'stale' : 'current';
    return sectionCoverage(unit, state, staleInfo);
  });

  return {
    ...base,
    exists: true,
    sourceCommit: pins?.commit ?? null,
    sections,
    unaligned: alignment.unalignedTranslation,
    totals: totalsOf(sections),
  };
}

// ---------------------------------------------------------------- pins

/**
 * The pins of a parsed translation. parseDocument has already read the frontmatter,
 * so the usual shape (strings only) is taken from its data rather than parsing the
 * YAML a second time (a fifth of coverage's time on bench/run.js); anything else
 * goes to `readPins`, which re-reads the YAML and names the line of any problem.
 */
function pinsOf(translation: ParsedDocument, text: string): SourcePins | null {
  if (translation.frontmatter.raw === '') return readPins(text);
  const value = translation.frontmatter.data[PINS_KEY];
  if (value === undefined) return null;
  if (!isPlainObject(value) || Object.keys(value).some((key) => key !== 'commit' && key !== 'sections')) return readPins(text);
  const { commit, sections } = value;
  if (commit !== undefined && commit !== null && (typeof commit !== 'string' || commit === '')) return readPins(text);
  if (sections !== undefined && sections !== null && !isPlainObject(sections)) return readPins(text);
  const pinned: Record<string, string> = {};
  for (const [id, hash] of Object.entries(sections ?? {})) {
    if (typeof hash !== 'string' || hash === '' || id === '') return readPins(text);
    pinned[id] = hash;
  }
  return { commit: typeof commit === 'string' ? commit : null, sections: pinned };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

// ---------------------------------------------------------------- sections

type Unit = FrontmatterField | Section;

/** The English units coverage reports on, in English order: frontmatter fields, then sections (an intro of blank lines is none). */
function englishUnits(source: ParsedDocument): Unit[] {
  return [...source.fields, ...source.sections.filter((section) => !isEmptyIntro(section))];
}

function sectionCoverage(unit: Unit, state: SectionState, stale?: StaleInfo): SectionCoverage {
  const out: SectionCoverage = {
    id: unit.id,
    heading: unit.kind === 'heading' ? unit.heading : null,
    level: unit.kind === 'frontmatter' ? 0 : unit.level,
    state,
    words: unit.words,
  };
  if (stale) out.stale = stale;
  return out;
}

function markersBySection(markers: readonly Marker[]): Map<string, Marker> {
  const out = new Map<string, Marker>();
  for (const marker of markers) {
    // `missing` says more than `stale` when a section somehow carries both.
    if (!out.has(marker.section) || marker.kind === 'missing') out.set(marker.section, marker);
  }
  return out;
}

interface JudgeContext {
  sourceLocale: string;
  locale: string;
  index: SourceIndex;
  /** False when the text can only be untranslated if it holds English verbatim (see translationCoverage). */
  mustJudge: boolean;
}

/**
 * Still in the source language: an exact copy of the English (with enough prose to
 * mean something), or mostly source-language sentences by tinyld.
 */
function isUntranslated(unit: Unit, translated: Unit, context: JudgeContext): boolean {
  const englishText = unit.kind === 'frontmatter' ? unit.value : unit.raw;
  const translatedText = translated.kind === 'frontmatter' ? translated.value : translated.raw;
  if (sameText(unit, translated, englishText, translatedText)) {
    // A copy of code, numbers or a one-word name is not a sign of anything.
    const prose = proseUnits(englishText).reduce((sum, prose) => sum + prose.words, 0);
    return prose >= 2;
  }
  // Untranslated text is English left in place. Without a verbatim English fragment,
  // a pinned current section is translated (its English has not changed since the
  // pin); any other section is judged only if its words overlap the English enough.
  if (!context.index.fragments(unit.id).some((fragment) => translatedText.includes(fragment))) {
    if (!context.mustJudge) return false;
    if (overlapShare(translatedText, context.index.vocabulary()) < SECTION_OVERLAP_FLOOR) return false;
  }
  const { judgedWords, sourceWords } = judgeLanguage(translatedText, context.sourceLocale, {
    targetLocale: context.locale,
    sourceVocabulary: context.index.vocabulary(),
  });
  return judgedWords > 0 && sourceWords / judgedWords > UNTRANSLATED_SHARE;
}

function sameText(unit: Unit, translated: Unit, englishText: string, translatedText: string): boolean {
  if (unit.kind === 'frontmatter' || translated.kind === 'frontmatter') return englishText.trim() === translatedText.trim();
  // Hashes are of normalised text: a reflowed copy is still a copy.
  return unit.hash === translated.hash || unit.bodyHash === translated.bodyHash;
}

// ---------------------------------------------------------------- staleness

/** A function giving the StaleInfo of one stale section of a translation. */
function staleness(input: TranslationCoverageInput, pins: SourcePins | null): (marker: Marker | null) => StaleInfo {
  const pinnedCommit = pins?.commit ?? null;
  const history = input.history;
  const skip = (commit: CommitInfo) => input.config.skipKeywords.some((keyword) => commit.message.includes(keyword));
  const now = (input.now ?? new Date()).getTime();
  const pinIndex = pinnedCommit && history ? history.findIndex((commit) => sameSha(commit.sha, pinnedCommit)) : -1;
  // Commits after the pin that count (a `[i18n skip]` commit marks nothing stale).
  const afterPin = pinIndex >= 0 ? history!.slice(0, pinIndex).filter((commit) => !skip(commit)) : null;

  return (marker) => {
    const markerSince = marker?.kind === 'stale' ? marker.since : null;
    if (!history) return { pinnedCommit, since: markerSince, commitsBehind: null, daysBehind: null };
    let since: string | null = markerSince;
    let commitsBehind: number | null = null;
    if (afterPin) {
      since = afterPin.at(-1)?.sha ?? markerSince;
      commitsBehind = afterPin.length;
    } else if (markerSince) {
      const sinceIndex = history.findIndex((commit) => sameSha(commit.sha, markerSince));
      if (sinceIndex >= 0) commitsBehind = history.slice(0, sinceIndex + 1).filter((commit) => !skip(commit)).length;
    }
    const dated = (since && history.find((commit) => sameSha(commit.sha, since!))) || (pinIndex >= 0 ? history[pinIndex] : undefined);
    const time = dated ? Date.parse(dated.date) : NaN;
    const daysBehind = Number.isNaN(time) ? null : Math.max(0, Math.floor((now - time) / DAY_MS));
    return { pinnedCommit, since, commitsBehind, daysBehind };
  };
}

/** Full and abbreviated shas name the same commit (pins and markers may hold either). */
function sameSha(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.length >= 7 && long.startsWith(short);
}

/** The stalest of several: most days behind, then most commits behind. */
function oldest(infos: readonly StaleInfo[]): StaleInfo | null {
  let best: StaleInfo | null = null;
  for (const info of infos) {
    if (!best || (info.daysBehind ?? -1) > (best.daysBehind ?? -1) || ((info.daysBehind ?? -1) === (best.daysBehind ?? -1) && (info.commitsBehind ?? -1) > (best.commitsBehind ?? -1))) {
      best = info;
    }
  }
  return best;
}

// ---------------------------------------------------------------- tallies

function emptyTally(): Tally {
  return { total: 0, current: 0, stale: 0, missing: 0, untranslated: 0, percent: 100 };
}

function withPercent(tally: Tally): Tally {
  tally.percent = tally.total === 0 ? 100 : Math.round((tally.current / tally.total) * 1000) / 10;
  return tally;
}

/** Counts and percentages of a list of sections, by sections and by English words. */
export function totalsOf(sections: readonly SectionCoverage[]): Totals {
  const totals = { sections: emptyTally(), words: emptyTally() };
  for (const section of sections) {
    totals.sections.total += 1;
    totals.sections[section.state] += 1;
    totals.words.total += section.words;
    totals.words[section.state] += section.words;
  }
  withPercent(totals.sections);
  withPercent(totals.words);
  return totals;
}

/** The sum of several totals, percentages recomputed. */
export function sumTotals(list: readonly Totals[]): Totals {
  const totals = { sections: emptyTally(), words: emptyTally() };
  for (const item of list) {
    for (const key of ['sections', 'words'] as const) {
      for (const field of ['total', 'current', 'stale', 'missing', 'untranslated'] as const) totals[key][field] += item[key][field];
    }
  }
  withPercent(totals.sections);
  withPercent(totals.words);
  return totals;
}

// ---------------------------------------------------------------- helpers

function defaultParse(config: Config): (text: string) => ParsedDocument {
  return (text) => parseDocument(text, { frontmatterKeys: config.frontmatterKeys });
}

/** The words of the English document (fields and body), against which translated sentences are compared. */
function englishVocabulary(source: ParsedDocument): Set<string> {
  const vocabulary = vocabularyOf(source.sections.map((section) => section.raw).join(''));
  for (const field of source.fields) for (const word of vocabularyOf(field.value)) vocabulary.add(word);
  return vocabulary;
}

/** The document's title: its `title` field, else its first heading. */
function documentTitle(source: ParsedDocument): string | null {
  const title = source.fields.find((field) => field.key === 'title')?.value;
  if (title) return title;
  return source.sections.find((section) => section.kind === 'heading')?.heading ?? null;
}
