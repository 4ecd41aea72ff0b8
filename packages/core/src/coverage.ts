/**
 * Coverage: the translation state of every English section in every locale, rolled up
 * per translation, per locale and overall, by sections and by words. Pure: file
 * contents (and optionally history) in, a report out — the CLI's `status --json`
 * prints it as is, the dashboard draws it.
 *
 * A section's state is one of, in this precedence:
 * - `missing`: no translated section aligns to it (or the file is absent), or a
 *   `missing` marker names it;
 * - `stale`: a `stale` marker names it, or its pinned English hash differs from the
 *   English section's hash now — also when its text is partly or mostly English: the
 *   English changed, and hiding that behind `untranslated` made sync say "1 stale"
 *   while status said none;
 * - `untranslated`: it aligns, is not stale, but its text is still mostly in the
 *   source language (the French and Dutch seeds have whole lists still in English);
 * - `current` otherwise.
 * How much of a section is still in English is a separate figure (`englishShare`,
 * `englishWords`), per section and rolled up, whatever its state.
 *
 * With the English versions since a translation's pin (`RepositorySnapshot.sourceVersions`),
 * the translation is first brought to the current English the way `sync` would
 * (catch-up.ts): an unsynced branch reports what it will report after sync, and a
 * section whose marker a translator removed is signed off (`current`, `signedOff`).
 */
import { parseDocument, FrontmatterError, type FrontmatterField, type ParsedDocument, type Section } from '@i18n-drift/sections';
import { alignDocument, isEmptyIntro, pairingFromEarlier, type Pairing } from './align-sections.js';
import { adoptedAlignment } from './adopt.js';
import { documentOf, pathFor, sourceDocuments, targetLocales } from './file-patterns.js';
import { formatsOf } from './formats/markdown-format.js';
import { createLanguageJudge, hasProseWords, overlapShare, verbatimFragments, vocabularyOf, type LanguageJudge } from './language.js';
import { PINS_KEY, readPins } from './pins.js';
import { findMarkers } from './stale-marker.js';
import { catchUp, isSkipped, pinPosition, sameSha, versionsNeeded, type SourceVersions } from './catch-up.js';
import { createVersionChain, type VersionChain } from './section-history.js';
import { upgradePins } from './pin-hash.js';
import type {
  CommitInfo,
  Config,
  CoverageReport,
  DocumentCoverage,
  HistoryUnavailable,
  LocaleCoverage,
  Marker,
  NotAdopted,
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
  /**
   * English text of the document at older commits (sha -> text), at least from the
   * translation's pinned commit on (`versionsNeeded`): with `history`, the translation is
   * caught up the way sync would and each stale section's commits are counted.
   */
  sourceVersions?: SourceVersions;
  /** `createVersionChain` over the same history and versions (pass one to share it across locales). */
  versionChain?: VersionChain;
}

/**
 * What judging translations needs from an English document, computed at most once
 * per document and shared by all its locales: its vocabulary and, per unit, the
 * fragments an untranslated copy would contain verbatim.
 */
export interface SourceIndex {
  /** The same set, never changed, on every call: the sentences judged against it are remembered per index. */
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
  // Each format reports its own documents (Markdown sections, catalog keys), merged in path order.
  const parts = formatsOf(config).map((format) => format.repository.coverage(snapshot, config, locales, options));
  return mergeCoverage(parts, config, { locales, revision: snapshot.revision ?? null });
}

/** Part of a coverage report: some documents and orphans, each list in path order. */
export interface CoveragePart {
  documents: readonly DocumentCoverage[];
  orphans: readonly OrphanDocument[];
}

/**
 * One report from parts computed apart (one per format, or per thread): documents and
 * orphans merged in path order, rolled up per locale and overall, exactly as `coverage`
 * over the whole snapshot reports them.
 */
export function mergeCoverage(parts: readonly CoveragePart[], config: Config, { locales, revision }: { locales: readonly string[]; revision: string | null }): CoverageReport {
  const documents = parts.flatMap((part) => part.documents);
  const orphans = parts.flatMap((part) => part.orphans);
  if (parts.length > 1) {
    documents.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
    orphans.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }
  const byLocale = locales.map((locale) => localeCoverage(locale, documents.flatMap((document) => document.translations.filter((translation) => translation.locale === locale))));
  return {
    sourceLocale: config.sourceLocale,
    locales: [...locales],
    revision,
    documents,
    byLocale,
    orphans,
    totals: sumTotals(byLocale.map((locale) => locale.totals)),
  };
}

/**
 * True for a translation whose states are a guess: not adopted yet, and the English its
 * translator saw lies beyond a shallow clone's history (`status` lists no state for it).
 */
export function isGuessed(translation: { notAdopted?: NotAdopted | null; historyUnavailable?: HistoryUnavailable | null }): boolean {
  return Boolean(translation.notAdopted && translation.historyUnavailable);
}

/**
 * One locale's roll-up of `translations` (its own): their totals summed and the oldest
 * staleness, leaving out the guessed ones (`isGuessed`), counted in `excluded`.
 */
export function localeCoverage(locale: string, translations: readonly TranslationCoverage[]): LocaleCoverage {
  const counted = translations.filter((translation) => !isGuessed(translation));
  const excluded = translations.length - counted.length;
  return {
    locale,
    totals: sumTotals(counted.map((translation) => translation.totals)),
    oldestStale: oldest(counted.flatMap((translation) => translation.sections.flatMap((section) => (section.stale && section.state === 'stale' ? [section.stale] : [])))),
    ...(excluded > 0 ? { excluded } : {}),
  };
}

/**
 * `report` with its per-locale and overall roll-ups computed again from its translations
 * (after labels such as `historyUnavailable` were set on them, which `coverage` did not know).
 */
export function rollUp(report: CoverageReport): CoverageReport {
  const byLocale = report.byLocale.map((entry) =>
    localeCoverage(entry.locale, report.documents.flatMap((document) => document.translations.filter((translation) => translation.locale === entry.locale))),
  );
  return { ...report, byLocale, totals: sumTotals(byLocale.map((locale) => locale.totals)) };
}

/**
 * The Markdown part of `coverage`: every Markdown source document (sorted by path) in
 * every locale of `locales`, and the Markdown translations without an English document.
 */
export function markdownCoverage(snapshot: RepositorySnapshot, config: Config, locales: readonly string[], options: CoverageOptions = {}): { documents: DocumentCoverage[]; orphans: OrphanDocument[] } {
  const paths = Object.keys(snapshot.files);
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
    const sourceVersions = snapshot.sourceVersions?.[path];
    const versionChain = history && sourceVersions ? createVersionChain(source, history, sourceVersions, parse) : undefined;
    const translations = locales.map((locale) => {
      const translationPath = pathFor(key, locale, config);
      return translationCoverage({
        source,
        locale,
        translationPath,
        translationText: snapshot.files[translationPath] ?? null,
        config,
        ...(history ? { history } : {}),
        ...(sourceVersions ? { sourceVersions } : {}),
        ...(versionChain ? { versionChain } : {}),
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

  return { documents, orphans };
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
    pins = upgradePins(pinsOf(translation, translationText), source);
  } catch (error) {
    if (!(error instanceof FrontmatterError)) throw error;
    const sections = units.map((unit) => sectionCoverage(unit, 'missing'));
    return { ...base, exists: true, sourceCommit: null, sections, unaligned: [], totals: totalsOf(sections), invalid: { line: error.line, reason: error.reason } };
  }

  const parse = input.parse ?? defaultParse(config);
  const filePins = pins;
  // What sync would make of the file: judged as it will read once synced.
  let text = translationText;
  let signedOff = new Set<string>();
  if (pins && input.history && input.sourceVersions) {
    try {
      const caught = catchUp({ translation: translationText, source: documentText(source), history: input.history, versions: input.sourceVersions, config, parse });
      if (caught) {
        text = caught.text;
        signedOff = new Set(caught.signedOff);
        if (text !== translationText) {
          translation = parse(text);
          pins = upgradePins(pinsOf(translation, text), source);
        }
      }
    } catch (error) {
      // An English version sync could not read either: judge the file as it is.
      if (!(error instanceof FrontmatterError)) throw error;
    }
  }

  const markers = markersBySection(text.includes('i18n-drift:') ? findMarkers(text) : []);
  const alignment = (text === translationText ? pairingFromAdoption(source, translation, pins, text, config) : null) ?? alignDocument(source, translation, pins);
  const pairs = new Map(alignment.pairs.map((pair) => [pair.sourceId, pair]));
  const fields = new Map(translation.fields.map((field) => [field.id, field]));
  const stalenessOf = staleness(input, filePins);
  const chain = input.versionChain ?? (input.history && input.sourceVersions ? createVersionChain(source, input.history, input.sourceVersions, parse) : undefined);
  const index = input.sourceIndex ?? indexSource(source);

  const sections = units.map((unit) => {
    const marker = markers.get(unit.id);
    const pair = pairs.get(unit.id);
    if (!pair || marker?.kind === 'missing') return sectionCoverage(unit, 'missing');
    const translated = pair.translationIndex === -1 ? fields.get(pair.translationId) : translation.sections[pair.translationIndex];
    if (!translated) return sectionCoverage(unit, 'missing');
    const pin = pins?.sections[unit.id];
    const stale = marker?.kind === 'stale' || (pins !== null && pin !== unit.hash);
    const staleInfo = stale ? stalenessOf(marker ?? null, unit.id, pin, chain) : undefined;
    // A pinned section whose English has not changed since can only hold English verbatim:
    // unless some is found, it is translated, without asking the language detector.
    const mustJudge = stale || pins === null || unit.kind === 'frontmatter';
    const share = englishShare(unit, translated, { sourceLocale: config.sourceLocale, locale, index, mustJudge });
    const state: SectionState = stale ? 'stale' : share > UNTRANSLATED_SHARE ? 'untranslated' : 'current';
    const out = sectionCoverage(unit, state, staleInfo, share);
    if (signedOff.has(unit.id)) out.signedOff = true;
    return out;
  });

  return {
    ...base,
    exists: true,
    sourceCommit: filePins?.commit ?? null,
    sections,
    unaligned: alignment.unalignedTranslation,
    totals: totalsOf(sections),
  };
}

/**
 * The English versions (shas, per English path) `coverage` still needs beyond
 * `snapshot.files`, `snapshot.history` and the `snapshot.sourceVersions` already read,
 * to catch translations up and count each stale section's commits (`versionsNeeded` per
 * translation). Loaders read them, add them to `sourceVersions` and ask again until
 * this is empty (`readSourceVersions` does). Unreadable documents need none.
 */
export function sourceVersionsNeeded(snapshot: RepositorySnapshot, config: Config, options: CoverageOptions = {}): Record<string, string[]> {
  const paths = Object.keys(snapshot.files);
  const locales = targetLocales(paths, config);
  const parse = options.parse ?? defaultParse(config);
  const out: Record<string, string[]> = {};
  for (const { path, key } of sourceDocuments(paths, config)) {
    const history = snapshot.history?.[path];
    if (!history || history.length === 0) continue;
    const needed = new Set<string>();
    let source: ParsedDocument | null = null;
    for (const locale of locales) {
      const text = snapshot.files[pathFor(key, locale, config)];
      if (text === undefined || !text.includes('i18n')) continue;
      try {
        source ??= parse(snapshot.files[path]!);
        const pins = pinsOf(parse(text), text);
        const markers = text.includes('i18n-drift:') ? findMarkers(text) : [];
        const versions = snapshot.sourceVersions?.[path];
        for (const sha of versionsNeeded({ pins, markers, source, history, ...(versions ? { versions } : {}) })) needed.add(sha);
      } catch (error) {
        if (!(error instanceof FrontmatterError)) throw error;
      }
    }
    if (needed.size > 0) out[path] = [...needed];
  }
  return out;
}

/** The text a parsed document was parsed from (parsing is lossless), joined once per parse. */
function documentText(doc: ParsedDocument): string {
  let text = documentTexts.get(doc);
  if (text === undefined) {
    text = doc.frontmatter.raw;
    for (const section of doc.sections) text += section.raw;
    documentTexts.set(doc, text);
  }
  return text;
}

// Parses are read-only: a parse's text never changes.
const documentTexts = new WeakMap<ParsedDocument, string>();

/**
 * The pairs of a translation `adopt` wrote in this process against this very English
 * and frontmatter keys (status before `init`), from the alignment adoption made
 * (`pairingFromEarlier`); null when it did not, or when they could differ.
 */
function pairingFromAdoption(source: ParsedDocument, translation: ParsedDocument, pins: SourcePins | null, text: string, config: Config): Pairing | null {
  const adopted = adoptedAlignment(text);
  if (!adopted || !sameKeys(adopted.frontmatterKeys, config.frontmatterKeys) || adopted.english !== documentText(source)) return null;
  return pairingFromEarlier(source, adopted, translation, pins);
}

function sameKeys(a: readonly string[] | undefined, b: readonly string[]): boolean {
  return a !== undefined && a.length === b.length && a.every((key, i) => key === b[i]);
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

function sectionCoverage(unit: Unit, state: SectionState, stale?: StaleInfo, share = 0): SectionCoverage {
  const englishShare = Math.round(share * 1000) / 1000;
  const out: SectionCoverage = {
    id: unit.id,
    heading: unit.kind === 'heading' ? unit.heading : null,
    level: unit.kind === 'frontmatter' ? 0 : unit.level,
    state,
    words: unit.words,
    englishShare,
    englishWords: Math.round(unit.words * englishShare),
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
 * The share (0–1) of a translated section still in the source language: 1 for an exact
 * copy of the English (with enough prose to mean something), else the share of judged
 * words tinyld finds in the source language; 0 when nothing hints at English.
 */
function englishShare(unit: Unit, translated: Unit, context: JudgeContext): number {
  const englishText = unit.kind === 'frontmatter' ? unit.value : unit.raw;
  const translatedText = translated.kind === 'frontmatter' ? translated.value : translated.raw;
  if (sameText(unit, translated, englishText, translatedText)) {
    // A copy of code, numbers or a one-word name is not a sign of anything.
    return isProse(unit, englishText) ? 1 : 0;
  }
  // Untranslated text is English left in place. Without a verbatim English fragment,
  // a pinned current section is translated (its English has not changed since the
  // pin); any other section is judged only if its words overlap the English enough.
  if (!context.index.fragments(unit.id).some((fragment) => translatedText.includes(fragment))) {
    if (!context.mustJudge) return 0;
    if (overlapShare(translatedText, context.index.vocabulary()) < SECTION_OVERLAP_FLOOR) return 0;
  }
  const { judgedWords, sourceWords } = judgeOf(context.index)(translatedText, context.sourceLocale, context.locale);
  return judgedWords > 0 ? sourceWords / judgedWords : 0;
}

// Per English document (its index), one judge against its vocabulary for all its locales.
const judges = new WeakMap<SourceIndex, LanguageJudge>();

function judgeOf(index: SourceIndex): LanguageJudge {
  let judge = judges.get(index);
  if (judge === undefined) judges.set(index, (judge = createLanguageJudge(index.vocabulary())));
  return judge;
}

// Per English unit: the same English is copied into every locale of a repository
// translated by a tool that leaves untranslated strings in English.
const proseVerdicts = new WeakMap<Unit, boolean>();

/** True when an English unit's text holds at least two words of prose (`proseUnits`), decided once per unit. */
function isProse(unit: Unit, englishText: string): boolean {
  let verdict = proseVerdicts.get(unit);
  if (verdict === undefined) proseVerdicts.set(unit, (verdict = hasProseWords(englishText, 2)));
  return verdict;
}

function sameText(unit: Unit, translated: Unit, englishText: string, translatedText: string): boolean {
  if (unit.kind === 'frontmatter' || translated.kind === 'frontmatter') return englishText.trim() === translatedText.trim();
  // Hashes are of normalised text: a reflowed copy is still a copy.
  return unit.hash === translated.hash || unit.bodyHash === translated.bodyHash;
}

// ---------------------------------------------------------------- staleness

/**
 * A function giving the StaleInfo of one stale section of a translation. With the
 * English versions (`chain`), counted for that section alone: the translator's version
 * is the newest whose English of the section has the pinned hash, and only commits that
 * changed the section since count. Without them, the document's commits after the pinned
 * commit (or after the marker's `since`). Never 0 commits behind when history is known:
 * a stale section is behind by at least the change that made it stale.
 */
function staleness(input: TranslationCoverageInput, pins: SourcePins | null): (marker: Marker | null, id: string, pin: string | undefined, chain: VersionChain | undefined) => StaleInfo {
  const pinnedCommit = pins?.commit ?? null;
  const history = input.history;
  const skip = (commit: CommitInfo) => isSkipped(commit, input.config);
  const now = (input.now ?? new Date()).getTime();
  const pinIndex = pinnedCommit && history ? (pinPosition(history, input.sourceVersions ?? {}, pinnedCommit) ?? -1) : -1;
  // Commits after the pin that count (a `[i18n skip]` commit marks nothing stale).
  const afterPin = pinIndex >= 0 ? history!.slice(0, pinIndex).filter((commit) => !skip(commit)) : null;
  const daysSince = (commit: CommitInfo | undefined) => {
    const time = commit ? Date.parse(commit.date) : NaN;
    return Number.isNaN(time) ? null : Math.max(0, Math.floor((now - time) / DAY_MS));
  };

  return (marker, id, pin, chain) => {
    const markerSince = marker?.kind === 'stale' ? marker.since : null;
    if (!history) return { pinnedCommit, since: markerSince, commitsBehind: null, daysBehind: null };
    if (chain && pin !== undefined) {
      const trace = chain.trace(id, pin);
      const counted = trace.changedBy.filter((i) => !skip(history[i]!));
      if (trace.pinnedAt >= 0 || counted.length > 0) {
        const translated = trace.pinnedAt >= 0 ? history[trace.pinnedAt]! : undefined;
        const first = counted.length > 0 ? history[counted.at(-1)!]! : undefined;
        return {
          pinnedCommit: translated?.sha ?? pinnedCommit,
          since: first?.sha ?? markerSince,
          commitsBehind: Math.max(1, counted.length),
          daysBehind: daysSince(first ?? translated),
        };
      }
    }
    let since: string | null = markerSince;
    let commitsBehind: number | null = null;
    let translated = pinnedCommit;
    const sinceIndex = markerSince ? history.findIndex((commit) => sameSha(commit.sha, markerSince)) : -1;
    if (sinceIndex >= 0) {
      // The marker names the commit that made the section stale: the version before it is what the translation translates.
      commitsBehind = Math.max(1, history.slice(0, sinceIndex + 1).filter((commit) => !skip(commit)).length);
      translated = history[sinceIndex + 1]?.sha ?? pinnedCommit;
    } else if (afterPin && afterPin.length > 0) {
      since = afterPin.at(-1)!.sha;
      commitsBehind = afterPin.length;
    }
    if (commitsBehind === null && pinIndex >= 0) commitsBehind = 1;
    const dated = (since && history.find((commit) => sameSha(commit.sha, since!))) || (pinIndex >= 0 ? history[pinIndex] : undefined);
    return { pinnedCommit: translated, since, commitsBehind, daysBehind: daysSince(dated || undefined) };
  };
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

/** Counts and percentages of a list of sections, by sections and by English words, and the English left in them. */
export function totalsOf(sections: readonly SectionCoverage[]): Totals {
  const totals = { sections: emptyTally(), words: emptyTally(), englishWords: 0, englishShare: 0 };
  for (const section of sections) {
    totals.sections.total += 1;
    totals.sections[section.state] += 1;
    totals.words.total += section.words;
    totals.words[section.state] += section.words;
    totals.englishWords += section.englishWords ?? 0;
  }
  return finish(totals);
}

/** The sum of several totals, percentages recomputed. */
export function sumTotals(list: readonly Totals[]): Totals {
  const totals = { sections: emptyTally(), words: emptyTally(), englishWords: 0, englishShare: 0 };
  for (const item of list) {
    for (const key of ['sections', 'words'] as const) {
      for (const field of ['total', 'current', 'stale', 'missing', 'untranslated'] as const) totals[key][field] += item[key][field];
    }
    totals.englishWords += item.englishWords ?? 0;
  }
  return finish(totals);
}

function finish(totals: Required<Totals>): Required<Totals> {
  withPercent(totals.sections);
  withPercent(totals.words);
  const present = totals.words.total - totals.words.missing;
  totals.englishShare = present === 0 ? 0 : Math.round((totals.englishWords / present) * 1000) / 1000;
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
// The frontmatter `title` only: a heading taken from the text is as often "Step 1: Close
// seams" as the document's name, and readers then see the path instead (it is unique).
function documentTitle(source: ParsedDocument): string | null {
  const title = (source.frontmatter.data as Record<string, unknown> | null | undefined)?.['title'];
  return typeof title === 'string' && title.trim() !== '' ? title.trim() : null;
}
