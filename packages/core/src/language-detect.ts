/**
 * tinyld's `detect(text, { only })`, answer for answer, at a fraction of its cost.
 *
 * tinyld was the largest single cost of a cold `status` on a real corpus: loading it
 * decodes its n-gram table for all 62 languages (~190 ms), and each call builds a Set
 * of every language per word and a Set of a gram's languages per gram (~0.34 ms a
 * sentence). This is its algorithm (tinyld 1.3.4, src/tokenizer.ts `detectAllStats`,
 * "normal" profile; MIT, see language-table.ts) restricted to the languages asked
 * for, over its own table (language-table.ts) decoded one language at a time on
 * first use. Everything that decides an answer is kept as tinyld has it: the
 * chunking and cleaning, the 7 longest chunks, the unique-gram pass in gram order,
 * the per-language sums in the same order (so the same floating-point results), the
 * rounding, the top 8, and every tie broken by insertion order as tinyld's stable
 * sorts and object keys do. (tinyld looks grams up in plain objects, Maps here: a gram
 * of at most five code units, even decomposed, never names an Object.prototype member.)
 * language-detect.test.ts compares it with tinyld itself.
 *
 * The table is generated from tinyld's published build by a test (language-table.test.ts)
 * rather than read from it at run time: core reads no files, and tinyld exports no
 * table, so the only other way in would be importing tinyld, whose import is the cost.
 */
import { LANGUAGES, STATS, UNIQUES } from './language-table.js';

const GRAM_SIZES = [1, 2, 3, 4, 5];
const MAX_CHUNKS = 7;
const TOP_LANGUAGES = 8;
const PROBABILITY_ACCURACY = 1e4;

// tinyld's expressions, verbatim (src/clean/index.ts, src/tokenizer.ts).
const PUNCTUATIONS = /[,.。，、#%&/\\+*¡!¿?[\]！？;:…„“«»”"“_–—~]/gi;
const NUMBERS = /[0-9]/g;
const FULLWIDTH_NUMBERS = /[\uFF10-\uFF19]/g;
const SPACES = /\s\s+/g;
const APOSTROPHE = /’/gi;
const COMBINING_MARKS = /[\u0300-\u036f]/g;
const CHUNK_SEPARATOR = /([,，、。!¿?！？":;()「」{}„“«»”"“<>⋯《》*]|[.[\]\\])+/;
const WORD_SEPARATOR = /[ ]+/;
const NON_ASCII = /[^\x00-\x7f]/;

/** The languages one `only` list selects, and their grams. */
interface Model {
  /** ISO 639-1 codes of the languages scored per word, in tinyld's language order; indices below point here. */
  languages: string[];
  /** Per gram, flat (language index, weight) pairs. */
  stats: Map<string, number[]>;
  /**
   * Per gram only one language has, that language's index; only languages `only`
   * lets through (always scored ones too).
   */
  uniques: Map<string, number>;
  /**
   * Per gram size, a filter on `windowHash`: most windows of a chunk are no unique
   * gram, and this tells so without making a string of each.
   */
  uniqueFilters: Uint8Array[];
  /**
   * Per word, what it adds to the totals: flat (language index, accuracy) pairs in the
   * order tinyld adds them. A word's share depends on the word alone, and prose
   * repeats its words.
   */
  words: Map<string, number[]>;
}

/** Bound on `Model.words`, for long-running processes. */
const WORDS_MAX = 200_000;
const FILTER_SIZE = 1 << 16;

const models = new Map<string, Model>();

/**
 * What tinyld's `detect(text, { only })` answers (an ISO 639-1 code, or '' when it
 * finds nothing): `only` lists ISO 639-1 (or 639-3) codes; empty means every language.
 */
export function detectLanguage(text: string, only: readonly string[] = []): string {
  const model = modelFor(only);
  // tinyld's results object: a total per language, in the order each was first added.
  const totals = new Float64Array(model.languages.length);
  const added: number[] = [];
  const add = (language: number, amount: number) => {
    if (!added.includes(language)) added.push(language);
    totals[language]! += amount;
  };
  for (const chunk of chunksOf(text)) {
    const unique = firstUnique(chunk, model);
    if (unique !== undefined) {
      add(unique, 1 * chunk.length);
      continue;
    }
    for (const word of chunk.split(WORD_SEPARATOR)) {
      const shares = wordShares(word, model);
      for (let i = 0; i < shares.length; i += 2) add(shares[i]!, shares[i + 1]!);
    }
  }
  // tinyld sorts the positive totals with a stable sort and takes the first: the
  // largest, and among equals the first added.
  let best = -1;
  for (const language of added) if (totals[language]! > (best === -1 ? 0 : totals[best]!)) best = language;
  return best === -1 ? '' : model.languages[best]!;
}

function chunksOf(text: string): string[] {
  const chunks = text
    .split(CHUNK_SEPARATOR)
    .map(clean)
    .filter((chunk) => chunk !== '');
  chunks.sort((a, b) => b.length - a.length);
  return chunks.slice(0, MAX_CHUNKS);
}

function clean(value: string): string {
  return value
    .toLowerCase()
    .replace(APOSTROPHE, "'")
    .replace(PUNCTUATIONS, ' ')
    .replace(FULLWIDTH_NUMBERS, (digit) => String.fromCharCode(digit.charCodeAt(0) - 65248))
    .replace(NUMBERS, '')
    .replace(SPACES, ' ')
    .trim();
}

/**
 * tinyld's n-grams of `text`, padded with spaces: its tokenizer drops every window
 * holding two spaces in a row (they come out short) and every blank one.
 */
function ngrams(text: string, size: number): string[] {
  const padding = ' '.repeat(size - 1);
  const padded = padding + text + padding;
  const grams: string[] = [];
  for (let start = 0; start + size <= padded.length; start++) {
    const gram = padded.slice(start, start + size);
    if (isGram(gram)) grams.push(gram);
  }
  return grams;
}

function isGram(window: string): boolean {
  return !window.includes('  ') && window.trim().length > 0;
}

/**
 * The language of the first gram of `chunk` (smallest size first, then left to right,
 * as `ngrams` lists them) that only one language has.
 */
function firstUnique(chunk: string, model: Model): number | undefined {
  if (model.uniques.size === 0) return undefined;
  for (const size of GRAM_SIZES) {
    const filter = model.uniqueFilters[size]!;
    const padding = ' '.repeat(size - 1);
    const padded = padding + chunk + padding;
    for (let start = 0; start + size <= padded.length; start++) {
      if (filter[windowHash(padded, start, size)] === 0) continue;
      const gram = padded.slice(start, start + size);
      const language = model.uniques.get(gram);
      if (language !== undefined && isGram(gram)) return language;
    }
  }
  return undefined;
}

/** A hash (0 to FILTER_SIZE - 1) of the `size` code units of `text` from `start`. */
function windowHash(text: string, start: number, size: number): number {
  let hash = 0;
  for (let i = start; i < start + size; i++) hash = (hash * 31 + text.charCodeAt(i)) | 0;
  return hash & (FILTER_SIZE - 1);
}

function wordShares(word: string, model: Model): number[] {
  let shares = model.words.get(word);
  if (shares === undefined) {
    shares = scoreWord(word, model);
    if (model.words.size >= WORDS_MAX) model.words.clear();
    model.words.set(word, shares);
  }
  return shares;
}

/** One word's top languages and their accuracies, as tinyld's `detectStatsGrams` ranks them. */
function scoreWord(word: string, model: Model): number[] {
  const scores = new Array<number>(model.languages.length).fill(0);
  const ascii = !NON_ASCII.test(word);
  for (const size of GRAM_SIZES) {
    for (const raw of ngrams(word, size)) {
      // An ASCII gram is its own normal form.
      const gram = ascii ? raw : raw.normalize('NFD').replace(COMBINING_MARKS, '');
      const weights = model.stats.get(gram);
      if (weights === undefined) continue;
      for (let i = 0; i < weights.length; i += 2) scores[weights[i]!]! += (weights[i + 1]! * gram.length) / 4;
    }
  }
  const order = scores.map((_, index) => index);
  order.sort((a, b) => scores[b]! - scores[a]!);
  const max = Math.max(...scores) || 1;
  return order.slice(0, TOP_LANGUAGES).flatMap((index) => [index, 1 - approximate((max - scores[index]!) / max)]);
}

function approximate(value: number): number {
  return Math.round(value * PROBABILITY_ACCURACY) / PROBABILITY_ACCURACY;
}

function modelFor(only: readonly string[]): Model {
  const key = only.join(',');
  let model = models.get(key);
  if (model === undefined) {
    model = buildModel(only);
    models.set(key, model);
  }
  return model;
}

/**
 * The grams of the languages `only` selects, as tinyld selects them: a language is
 * scored when `only` names its ISO 639-3 or 639-1 code, and its unique grams count
 * when `only` names its ISO 639-1 code.
 */
function buildModel(only: readonly string[]): Model {
  const all = only.length === 0;
  const languages: string[] = [];
  const stats = new Map<string, number[]>();
  const uniques = new Map<string, number>();
  for (const [iso3, iso2] of LANGUAGES) {
    if (!all && !only.includes(iso3) && !only.includes(iso2)) continue;
    const index = languages.push(iso2) - 1;
    for (const line of (STATS[iso3] ?? '').split('\n')) {
      if (line === '') continue;
      const tab = line.indexOf('\t');
      const gram = line.slice(0, tab);
      const weights = stats.get(gram);
      const pair = [index, Number(line.slice(tab + 1))];
      if (weights === undefined) stats.set(gram, pair);
      else weights.push(...pair);
    }
    if (all || only.includes(iso2)) {
      for (const gram of (UNIQUES[iso3] ?? '').split('\n')) if (gram !== '') uniques.set(gram, index);
    }
  }
  const uniqueFilters = [0, ...GRAM_SIZES].map(() => new Uint8Array(FILTER_SIZE));
  for (const gram of uniques.keys()) {
    const filter = uniqueFilters[gram.length];
    if (filter) filter[windowHash(gram, 0, gram.length)] = 1;
  }
  return { languages, stats, uniques, uniqueFilters, words: new Map() };
}
