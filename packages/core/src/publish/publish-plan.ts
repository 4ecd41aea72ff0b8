/**
 * What a published translated page shows readers about its outdated parts: per translated
 * section, whether it gets a "stale" or "missing" notice, is replaced by the current English
 * (`publish.stale: english`), dropped (`publish.missing: hide`) or left alone, and whether the
 * whole page is so far behind that one notice at its top replaces them all
 * (`publish.minCoverage`). Pure: the remark and markdown-it plugins hand in the page's text
 * and (optionally) the English source, and place what this returns in their own trees by line.
 *
 * Nothing here re-derives states: they come from `translationCoverage` (markers, pins,
 * alignment) when the English source is given, and from the markers alone when it is not.
 */
import { parseDocument, type ParsedDocument, type Section, type SectionId } from '@i18n-drift/sections';
import { alignDocument } from '../align-sections.js';
import { sameSha } from '../catch-up.js';
import { DEFAULT_CONFIG, parseConfig } from '../config.js';
import { createFenceTracker } from '../fenced-code.js';
import { translationCoverage } from '../coverage.js';
import { readPins } from '../pins.js';
import { headingLength, parseMarkerLine, placeMarkers, removeMarkers, type MarkerLine } from '../stale-marker.js';
import type { CommitInfo, Config, PublishRules, SectionState } from '../types.js';

/** `publish` rules used when the config gives none for a locale. */
export const DEFAULT_PUBLISH_RULES: Readonly<PublishRules> = Object.freeze({ stale: 'notice', missing: 'notice', minCoverage: 0 });

/**
 * A locale's rules: the defaults, then the config's `publish.<locale>`, then the caller's
 * overrides (plugin options), which are checked like the config file.
 * @throws ConfigError naming `publish.<locale>.<rule>` for a bad override.
 */
export function publishRulesFor(config: Pick<Config, 'publish'> | null | undefined, locale: string, overrides: Partial<PublishRules> = {}): PublishRules {
  const configured = config?.publish && Object.hasOwn(config.publish, locale) ? config.publish[locale] : undefined;
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  const checked = parseConfig({ publish: { [locale]: defined } }).publish![locale]!;
  const picked = Object.fromEntries(Object.keys(defined).map((key) => [key, checked[key as keyof PublishRules]]));
  return { ...DEFAULT_PUBLISH_RULES, ...configured, ...picked };
}

/** What a page does with one outdated section. */
export type PublishAction = 'notice' | 'english' | 'hide' | 'keep';

/** One translated section that is stale or missing, and where it sits in the translated text. */
export interface PublishedSection {
  /** The English section id (the notice's `data-section`, the anchor on the English page). */
  id: SectionId;
  kind: 'stale' | 'missing';
  action: PublishAction;
  /** Whether a notice goes under its heading (false with `keep`, `hide`, or when the page notice replaces it). */
  notice: boolean;
  /** Index into the translation's `sections`. */
  translationIndex: number;
  /** 1-based line of its heading in the translated text (of its first line for the intro). */
  line: number;
  /** 1-based line where its body starts: right under the heading, where the notice goes. */
  bodyLine: number;
  /** 1-based line just after its last line. */
  endLine: number;
  /** 1-based lines of the marker comments it carries. */
  markerLines: number[];
  /** Its heading as written in the translation; null for the intro. */
  heading: string | null;
  /** The English heading; null for the intro or when the English source was not given. */
  englishHeading: string | null;
  /** The source commit the English changed in, when known. */
  since: string | null;
  /** ISO 8601 date of `since`, when the history says. */
  sinceDate: string | null;
  /** With `english`: the current English section without its heading, to render in place of the translated body. */
  englishBody: string | null;
}

/** The page's coverage by sections, as `translationCoverage` counts it (frontmatter fields included). */
export interface PageCoverage {
  total: number;
  current: number;
  stale: number;
  missing: number;
  untranslated: number;
  /** current / total, 0–1 (1 for a page with nothing to translate). */
  share: number;
  /** Per English section id, its state. */
  sections: Record<SectionId, SectionState>;
}

export interface PublishPlan {
  locale: string;
  sourceLocale: string;
  rules: PublishRules;
  /** Null when the English source was not given (markers alone cannot tell). */
  coverage: PageCoverage | null;
  /** One notice at the top of the page instead of one per section (coverage below `rules.minCoverage`). */
  pageNotice: boolean;
  /** Outdated sections in translation order. */
  sections: PublishedSection[];
}

export interface PublishPlanInput {
  /** The translated document, frontmatter (with its `i18n` pins) included. */
  translation: string;
  /** The current English document; without it only the markers are read (no pin check, no coverage, no `english` fallback). */
  source?: string | null;
  locale: string;
  rules: PublishRules;
  /** For `sourceLocale`, `frontmatterKeys` and `skipKeywords`; default the defaults. */
  config?: Config;
  /** The English document's commits, newest first: gives each stale section the date English changed. */
  history?: readonly CommitInfo[];
  now?: Date;
}

/**
 * Plans the notices and fallbacks of one translated page.
 * @throws FrontmatterError when either document's frontmatter (or the `i18n` block) cannot be read.
 */
export function planPublication(input: PublishPlanInput): PublishPlan {
  const config = input.config ?? DEFAULT_CONFIG;
  const parseOptions = { frontmatterKeys: config.frontmatterKeys };
  const translation = parseDocument(input.translation, parseOptions);
  const placed = placeMarkers(translation);
  const source = input.source == null ? null : parseDocument(input.source, parseOptions);
  const rules = input.rules;

  const outdated = source ? outdatedFromCoverage(input, translation, source, config, placed) : outdatedFromMarkers(placed, translation);
  const coverage = source ? outdated.coverage : null;
  const pageNotice = coverage !== null && coverage.share < rules.minCoverage;
  const markerLinesOf = (index: number) => [...(index === introIndex(translation) ? placed.bodyStart : []), ...(placed.bySection.get(index) ?? [])].map((m) => m.line);

  const sections: PublishedSection[] = [];
  const placedOn = new Set<number>();
  for (const entry of outdated.entries) {
    const index = entry.translationIndex;
    // One notice and one fallback per translated section, even if two English ids point at it.
    if (placedOn.has(index)) continue;
    placedOn.add(index);
    const section = translation.sections[index]!;
    const english = source?.sections.find((candidate) => candidate.id === entry.id) ?? null;
    let action: PublishAction = entry.kind === 'stale' ? rules.stale : rules.missing;
    // The current English can stand in only for a section English still has, and only when
    // it opens and closes the same raw HTML wrappers: the seeds' sections end inside a
    // `<Note>` that the next heading's section closes, so swapping bodies with other tags would
    // leave the page's HTML unbalanced.
    if (action === 'english' && (!english || !sameHtmlLines(bodyOf(english), bodyOf(section)))) action = 'notice';
    const bodyLine = section.line + countLines(section.raw.slice(0, headingLength(section)));
    sections.push({
      id: entry.id,
      kind: entry.kind,
      action,
      notice: !pageNotice && (action === 'notice' || action === 'english'),
      translationIndex: index,
      line: section.line,
      bodyLine,
      endLine: section.line + countLines(section.raw) + (section.raw.endsWith('\n') ? 0 : 1),
      markerLines: markerLinesOf(index),
      heading: section.heading,
      englishHeading: english?.heading ?? null,
      since: entry.since,
      sinceDate: entry.since ? (input.history?.find((commit) => sameSha(commit.sha, entry.since!))?.date ?? null) : null,
      englishBody: action === 'english' && english ? bodyOf(english) : null,
    });
  }
  sections.sort((a, b) => a.translationIndex - b.translationIndex);
  return { locale: input.locale, sourceLocale: config.sourceLocale, rules, coverage, pageNotice, sections };
}

interface Outdated {
  id: SectionId;
  kind: 'stale' | 'missing';
  translationIndex: number;
  since: string | null;
}

/** Stale and missing sections as coverage judges them, placed on the translated section that carries them. */
function outdatedFromCoverage(
  input: PublishPlanInput,
  translation: ParsedDocument,
  source: ParsedDocument,
  config: Config,
  placed: ReturnType<typeof placeMarkers>,
): { entries: Outdated[]; coverage: PageCoverage } {
  const report = translationCoverage({
    source,
    locale: input.locale,
    translationPath: '',
    translationText: input.translation,
    translation,
    config,
    ...(input.history ? { history: input.history } : {}),
    ...(input.now ? { now: input.now } : {}),
  });
  const alignment = alignDocument(source, translation, readPins(input.translation));
  const aligned = new Map(alignment.pairs.filter((pair) => pair.translationIndex >= 0).map((pair) => [pair.sourceId, pair.translationIndex]));
  const entries: Outdated[] = [];
  for (const section of report.sections) {
    if (section.state !== 'stale' && section.state !== 'missing') continue;
    const marked = markerFor(placed, translation, section.id);
    const translationIndex = marked?.index ?? aligned.get(section.id);
    // A section the page does not have (missing with no English inserted yet) has nowhere to show a notice.
    if (translationIndex === undefined) continue;
    const since = section.stale?.since ?? marked?.marker.since ?? null;
    entries.push({ id: section.id, kind: section.state, translationIndex, since });
  }
  const totals = report.totals.sections;
  const states: Record<SectionId, SectionState> = {};
  for (const section of report.sections) Object.defineProperty(states, section.id, { value: section.state, enumerable: true, writable: true, configurable: true });
  return {
    entries,
    coverage: {
      total: totals.total,
      current: totals.current,
      stale: totals.stale,
      missing: totals.missing,
      untranslated: totals.untranslated,
      share: totals.total === 0 ? 1 : totals.current / totals.total,
      sections: states,
    },
  };
}

/** Without the English source: every marker is an outdated section. */
function outdatedFromMarkers(placed: ReturnType<typeof placeMarkers>, translation: ParsedDocument): { entries: Outdated[]; coverage: null } {
  const entries: Outdated[] = [];
  const seen = new Set<SectionId>();
  const add = (marker: MarkerLine, index: number) => {
    if (seen.has(marker.section)) return;
    seen.add(marker.section);
    entries.push({ id: marker.section, kind: marker.kind, translationIndex: index, since: marker.since });
  };
  const intro = introIndex(translation);
  for (const marker of placed.bodyStart) if (intro >= 0 && !marker.section.startsWith('frontmatter.')) add(marker, intro);
  for (const [index, markers] of placed.bySection) for (const marker of markers) add(marker, index);
  return { entries, coverage: null };
}

/** The marker naming `id` and the translated section it sits in (the intro for body-start markers). */
function markerFor(placed: ReturnType<typeof placeMarkers>, translation: ParsedDocument, id: SectionId): { index: number; marker: MarkerLine } | null {
  for (const [index, markers] of placed.bySection) {
    const marker = markers.find((m) => m.section === id);
    if (marker) return { index, marker };
  }
  const atStart = placed.bodyStart.find((m) => m.section === id);
  const intro = introIndex(translation);
  return atStart && intro >= 0 && !id.startsWith('frontmatter.') ? { index: intro, marker: atStart } : null;
}

/** A section without its heading and marker lines. */
function bodyOf(section: Section): string {
  return removeMarkers(section.raw.slice(headingLength(section)));
}

const TAG_LINE = /^[ \t]{0,3}<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>[ \t]*$/;

/** Whether two Markdown texts have the same lines made of one HTML tag alone (CommonMark's raw HTML blocks), in order, outside code. */
function sameHtmlLines(a: string, b: string): boolean {
  const tags = (text: string) => {
    const fence = createFenceTracker();
    return text
      .split(/\r?\n/)
      .filter((line) => fence(line) === null && TAG_LINE.test(line))
      .map((line) => line.trim())
      .join('\n');
  };
  return tags(a) === tags(b);
}

function introIndex(doc: ParsedDocument): number {
  return doc.sections.findIndex((section: Section) => section.kind === 'intro');
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Whether a raw HTML block (as a Markdown parser gives it) is made of marker comments only: a plugin hiding a section drops it with the section. */
export function isMarkerBlock(html: string): boolean {
  const lines = html.trim().split('\n');
  return lines.length > 0 && lines.every((line) => parseMarkerLine(line) !== null);
}
