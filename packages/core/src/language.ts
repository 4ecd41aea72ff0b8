/**
 * Is a translated section still in the source language? The seeds show why this is
 * judged piece by piece: a French section can be half English (whole bullet lists
 * copied from the English, a bullet half translated) and still carry a translated
 * heading and last sentence. Each sentence of each paragraph or list item, if long
 * enough to judge, is run through tinyld (language-detect.ts: its algorithm and table,
 * answer for answer, without its load and per-call costs), and the answer is the share
 * of judged words that are in the source language. Code, URLs, HTML, i18n-drift
 * markers and headings are never judged (a heading is too short, and code reads as
 * English everywhere).
 */
import { createFenceTracker } from './fenced-code.js';
import { detectLanguage } from './language-detect.js';
import { sample, sentences } from './language-samples.js';
import { LANGUAGES } from './language-table.js';

/** Paragraphs with fewer words cannot be told apart reliably ("Non, jamais."). */
export const MIN_WORDS_TO_JUDGE = 3;

/** One paragraph or list item of prose, with markup stripped. */
export interface ProseUnit {
  text: string;
  words: number;
  /** 1-based line, relative to the text given. */
  line: number;
}

export interface LanguageJudgement {
  /** Words in the paragraphs long enough to judge. */
  judgedWords: number;
  /** Of those, the words in paragraphs detected as the source language. */
  sourceWords: number;
}

export interface LanguageOptions {
  /** The locale the text should be in: narrows detection to two languages, which is both faster and surer on short paragraphs. */
  targetLocale?: string;
  /**
   * The lower-cased words of the source document (`vocabularyOf`). A sentence that
   * shares less than `OVERLAP_FLOOR` of its words with it is not source-language text
   * left in place, and is counted as translated without asking tinyld (see below).
   */
  sourceVocabulary?: ReadonlySet<string>;
}

/**
 * Untranslated text is English left in place: its words are the source document's
 * words (on the seeds, every English sentence of a translation shares 100 % of its
 * words with the English file; English from another file still shares over 30 %,
 * through function words alone). Translated sentences share little (0–24 % on the
 * French and Dutch seeds: numbers, names, cognates such as "account" or "logs").
 * Below this floor a sentence is translated, for certain and for free; at or above
 * it tinyld decides. tinyld costs ~40 µs a sentence, so on a well-translated
 * repository this is what keeps coverage near the cost of parsing (bench/run.js).
 */
export const OVERLAP_FLOOR = 0.2;

// tinyld answers with ISO 639-1 codes.
const tinyldLanguages = new Set(LANGUAGES.map(([, iso2]) => iso2));

/** tinyld's language code (ISO 639-1) for a locale, or null when it does not know the language. */
function languageOf(locale: string): string | null {
  const primary = locale.split('-')[0]!.toLowerCase();
  return tinyldLanguages.has(primary) ? primary : null;
}

/**
 * Share (0..1) of the words of `markdownText`, over paragraphs long enough to judge,
 * that are in the source language; 0 when nothing can be judged (too short, only
 * code, or a language tinyld does not know). Never throws.
 */
export function sourceLanguageShare(markdownText: string, sourceLocale: string, options: LanguageOptions = {}): number {
  const { judgedWords, sourceWords } = judgeLanguage(markdownText, sourceLocale, options);
  return judgedWords === 0 ? 0 : sourceWords / judgedWords;
}

/** The word counts behind `sourceLanguageShare`, for callers adding up several texts. */
export function judgeLanguage(markdownText: string, sourceLocale: string, options: LanguageOptions = {}): LanguageJudgement {
  return judgeSentences(sourceLocale, options.targetLocale, () => sentencesToJudge(markdownText, options.sourceVocabulary));
}

/** `judgeLanguage` with a fixed source vocabulary, for many texts and target locales. */
export type LanguageJudge = (markdownText: string, sourceLocale: string, targetLocale?: string) => LanguageJudgement;

/**
 * A `judgeLanguage` for many texts judged against one source vocabulary, which must not
 * change while the judge is used: a text judged again (for another target locale, say)
 * is not cut into sentences and compared with the vocabulary again. Coverage judges with
 * one per English document: English left in place is the same text in every locale's
 * file.
 */
export function createLanguageJudge(sourceVocabulary?: ReadonlySet<string>): LanguageJudge {
  const known = new Map<string, SentencesToJudge>();
  return (markdownText, sourceLocale, targetLocale) =>
    judgeSentences(sourceLocale, targetLocale, () => {
      let found = known.get(markdownText);
      if (found === undefined) known.set(markdownText, (found = sentencesToJudge(markdownText, sourceVocabulary)));
      return found;
    });
}

/** What judging a text needs whatever its languages: the words judged, and the sentences to ask the detector about. */
interface SentencesToJudge {
  judgedWords: number;
  /** Per sentence that shares enough words with the source (`OVERLAP_FLOOR`), its sample and word count. */
  samples: { text: string; words: number }[];
}

function judgeSentences(sourceLocale: string, targetLocale: string | undefined, toJudge: () => SentencesToJudge): LanguageJudgement {
  const source = languageOf(sourceLocale);
  const target = targetLocale ? languageOf(targetLocale) : null;
  // Same language (en vs en-GB) or one tinyld cannot name: there is nothing to judge.
  if (source === null || (targetLocale !== undefined && sameLanguage(sourceLocale, targetLocale))) {
    return { judgedWords: 0, sourceWords: 0 };
  }
  const only = target ? [source, target] : undefined;
  const { judgedWords, samples } = toJudge();
  let sourceWords = 0;
  for (const { text, words } of samples) if (detectOnce(text, only) === source) sourceWords += words;
  return { judgedWords, sourceWords };
}

/**
 * tinyld's answer, remembered: English left in place is the same sentence in every
 * locale's file (a Crowdin-made corpus repeats it in four), and tinyld was a tenth of
 * a cold `status` there (apps/cli/bench). Its answer depends on the text and the
 * languages only. Emptied past a bound, for long-running processes.
 */
const detected = new Map<string, Map<string, string>>();
const DETECTED_MAX = 100_000;
let detectedCount = 0;

function detectOnce(text: string, only: string[] | undefined): string {
  // Per language list, then per text: the text keeps its own hash, a joined key would be hashed anew each time.
  const languages = only ? only.join(',') : '';
  let answers = detected.get(languages);
  if (answers === undefined) detected.set(languages, (answers = new Map()));
  let answer = answers.get(text);
  if (answer === undefined) {
    answer = detectLanguage(text, only);
    if (detectedCount >= DETECTED_MAX) {
      detected.clear();
      detected.set(languages, (answers = new Map()));
      detectedCount = 0;
    }
    answers.set(text, answer);
    detectedCount++;
  }
  return answer;
}

/** The sentences of a Markdown text long enough to judge, and those among them to ask the detector about. */
function sentencesToJudge(markdownText: string, vocabulary: ReadonlySet<string> | undefined): SentencesToJudge {
  const found: SentencesToJudge = { judgedWords: 0, samples: [] };
  for (const unit of proseUnits(markdownText)) {
    // Sentence by sentence: a half-translated bullet ("Your IP address is logged… Nous
    // utilisons…", in the French seed) is half English, not all of one or the other.
    for (const sentence of sentences(unit.text)) {
      const words = sentence.match(WORD);
      if (words === null || words.length < MIN_WORDS_TO_JUDGE) continue;
      found.judgedWords += words.length;
      if (vocabulary && overlap(words, vocabulary) < OVERLAP_FLOOR) continue;
      found.samples.push({ text: sample(sentence), words: words.length });
    }
  }
  return found;
}

function sameLanguage(a: string, b: string): boolean {
  return a.split('-')[0]!.toLowerCase() === b.split('-')[0]!.toLowerCase();
}

function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0;
}

/** Share of `words` found in `vocabulary`. */
function overlap(words: readonly string[], vocabulary: ReadonlySet<string>): number {
  let shared = 0;
  for (const word of words) if (vocabulary.has(word.toLowerCase())) shared++;
  return shared / words.length;
}

/**
 * Share of the words of a whole text (markup and all, for speed: code and URLs are
 * the same in every language, so they can only raise it) found in `vocabulary`.
 */
export function overlapShare(text: string, vocabulary: ReadonlySet<string>): number {
  const words = text.toLowerCase().match(WORD);
  if (words === null) return 0;
  let shared = 0;
  for (const word of words) if (vocabulary.has(word)) shared++;
  return shared / words.length;
}

/**
 * The lower-cased words of a Markdown text, for `LanguageOptions.sourceVocabulary`.
 * Markup, code and URLs are not stripped: their words can only raise a translation's
 * overlap, i.e. send it to tinyld, and one pass over the raw text is cheap.
 */
export function vocabularyOf(markdownText: string): Set<string> {
  return new Set(markdownText.toLowerCase().match(WORD));
}

const FRAGMENT_MIN_CHARS = 12;
const FRAGMENT_SPLIT = /(?<=[.!?;:])\s+/;
const LINE_MARKUP = /^\s*(?:>\s*)*(?:[-*+]\s+|\d{1,9}[.)]\s+)?/;

/**
 * Pieces of a source Markdown text that a translation would contain verbatim if the
 * text had been left untranslated: the longest sentence of each prose line, without
 * list or quote markers, at least a few words long. Headings, code, comments and
 * HTML-only lines are left out (they survive translation unchanged). Searching for
 * these with `includes` is a cheap first look before `judgeLanguage`.
 */
export function verbatimFragments(markdownText: string): string[] {
  const fragments: string[] = [];
  const fence = createFenceTracker();
  for (const raw of markdownText.split('\n')) {
    if (fence(raw) !== null) continue;
    if (HEADING.test(raw) || HTML_LINE.test(raw) || raw.includes('<!--')) continue;
    // One piece per line (its longest sentence) is enough to find a copied paragraph,
    // and keeps the number of searches per section low.
    let longest = '';
    for (const piece of raw.replace(LINE_MARKUP, '').trimEnd().split(FRAGMENT_SPLIT)) if (piece.length > longest.length) longest = piece;
    if (longest.length >= FRAGMENT_MIN_CHARS && longest.includes(' ') && /\p{L}/u.test(longest)) fragments.push(longest);
  }
  return fragments;
}

const HEADING = /^ {0,3}#{1,6}(?:\s|$)/;
const SETEXT_OR_RULE = /^ {0,3}(?:=+|-+|(?:\*\s*){3,}|(?:_\s*){3,})\s*$/;
const LIST_ITEM = /^\s*(?:[-*+]|\d{1,9}[.)])\s+/;
const HTML_LINE = /^\s*<\/?[A-Za-z][^>]*>\s*$/;
const TABLE_RULE = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/;
const LINK_DEFINITION = /^ {0,3}\[[^\]]+\]:\s/;
const WORD = /\p{L}[\p{L}\p{M}\p{N}'’-]*/gu;

/**
 * The prose of a Markdown text, one unit per paragraph or list item, with code,
 * URLs, HTML, comments (i18n-drift markers included), headings and link
 * destinations removed.
 */
export function proseUnits(markdownText: string): ProseUnit[] {
  const units: ProseUnit[] = [];
  forEachProseUnit(markdownText, (unit) => {
    units.push(unit);
  });
  return units;
}

/**
 * True when the prose of a Markdown text (`proseUnits`) holds at least `min` words,
 * reading no further than the paragraph that reaches them.
 */
export function hasProseWords(markdownText: string, min: number): boolean {
  if (min <= 0) return true;
  let words = 0;
  forEachProseUnit(markdownText, (unit) => (words += unit.words) < min);
  return words >= min;
}

/** `proseUnits` one unit at a time, in order, until `visit` returns false. */
function forEachProseUnit(markdownText: string, visit: (unit: ProseUnit) => boolean | void): void {
  const fence = createFenceTracker();
  let inComment = false;
  let stopped = false;
  let current: { parts: string[]; line: number } | null = null;
  const flush = () => {
    if (current) {
      const text = cleanInline(current.parts.join(' '));
      const words = countWords(text);
      if (words > 0 && visit({ text, words, line: current.line }) === false) stopped = true;
    }
    current = null;
  };
  // Line by line as `split('\n')` cuts them, without cutting the lines after a stop
  // (`hasProseWords` usually stops in the first paragraph).
  let next = -1;
  for (let index = 0, start = 0; start <= markdownText.length && !stopped; index++, start = next + 1) {
    next = markdownText.indexOf('\n', start);
    if (next === -1) next = markdownText.length;
    let line = markdownText.slice(start, next);
    if (inComment) {
      if (line.includes('-->')) inComment = false;
      continue;
    }
    const code = fence(line);
    if (code === 'open') flush();
    if (code !== null) continue;
    // Comments (and so stale/missing markers) are never prose; a comment left open runs to its end.
    if (line.includes('<!--')) {
      const withoutClosed = line.replace(/<!--[\s\S]*?-->/g, '');
      if (withoutClosed.includes('<!--')) {
        inComment = true;
        line = withoutClosed.slice(0, withoutClosed.indexOf('<!--'));
      } else {
        line = withoutClosed;
      }
    }
    line = line.replace(/^(?:\s*>)+/, '');
    if (line.trim() === '' || HEADING.test(line) || SETEXT_OR_RULE.test(line) || HTML_LINE.test(line) || TABLE_RULE.test(line) || LINK_DEFINITION.test(line)) {
      flush();
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      flush();
      current = { parts: [line.slice(item[0].length)], line: index + 1 };
    } else if (current) {
      current.parts.push(line);
    } else {
      current = { parts: [line], line: index + 1 };
    }
  }
  if (!stopped) flush();
}

function cleanInline(text: string): string {
  return text
    .replace(/`[^`]*`/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\b(?:https?:\/\/|www\.|mailto:)\S+/gi, ' ')
    .replace(/\{#[^}]*\}/g, ' ')
    .replace(/\\(.)/g, '$1')
    .replace(/[*_~|#]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
