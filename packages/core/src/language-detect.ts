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
 * sorts and object keys do. language-detect.test.ts compares it with tinyld itself.
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
  /** ISO 639-1 codes of the languages scored per word, in tinyld's language order. */
  scored: string[];
  /** Per gram, flat (index into `scored`, weight) pairs. */
  stats: Map<string, number[]>;
  /** Per gram only one language has, that language's ISO 639-1 code (only the languages `only` lets through). */
  uniques: Map<string, string>;
}

const models = new Map<string, Model>();

/**
 * What tinyld's `detect(text, { only })` answers (an ISO 639-1 code, or '' when it
 * finds nothing): `only` lists ISO 639-1 (or 639-3) codes; empty means every language.
 */
export function detectLanguage(text: string, only: readonly string[] = []): string {
  const model = modelFor(only);
  // Per language, in the order tinyld first adds it to its results object.
  const totals = new Map<string, number>();
  for (const chunk of chunksOf(text)) {
    const unique = firstUnique(chunk, model);
    if (unique !== undefined) {
      totals.set(unique, (totals.get(unique) || 0) + 1 * chunk.length);
      continue;
    }
    for (const word of chunk.split(WORD_SEPARATOR)) scoreWord(word, model, totals);
  }
  // tinyld sorts the positive totals with a stable sort and takes the first: the
  // largest, and among equals the first added.
  let best = '';
  let bestTotal = 0;
  for (const [language, total] of totals) {
    if (total > bestTotal) {
      best = language;
      bestTotal = total;
    }
  }
  return best;
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
    if (!gram.includes('  ') && gram.trim().length > 0) grams.push(gram);
  }
  return grams;
}

/** The language of the first gram (smallest size first) that only one language has. */
function firstUnique(chunk: string, model: Model): string | undefined {
  if (model.uniques.size === 0) return undefined;
  for (const size of GRAM_SIZES) {
    for (const gram of ngrams(chunk, size)) {
      const language = model.uniques.get(gram);
      if (language !== undefined) return language;
    }
  }
  return undefined;
}

/** Adds one word's top languages to `totals`, as tinyld's `detectStatsGrams` and its caller do. */
function scoreWord(word: string, model: Model, totals: Map<string, number>): void {
  const { scored, stats } = model;
  const scores = new Array<number>(scored.length).fill(0);
  const ascii = !NON_ASCII.test(word);
  for (const size of GRAM_SIZES) {
    for (const raw of ngrams(word, size)) {
      // An ASCII gram is its own normal form.
      const gram = ascii ? raw : raw.normalize('NFD').replace(COMBINING_MARKS, '');
      const weights = stats.get(gram);
      if (weights === undefined) continue;
      for (let i = 0; i < weights.length; i += 2) scores[weights[i]!]! += (weights[i + 1]! * gram.length) / 4;
    }
  }
  const order = scored.map((_, index) => index);
  order.sort((a, b) => scores[b]! - scores[a]!);
  const max = Math.max(...scores) || 1;
  for (const index of order.slice(0, TOP_LANGUAGES)) {
    const accuracy = 1 - approximate((max - scores[index]!) / max);
    const language = scored[index]!;
    totals.set(language, (totals.get(language) || 0) + accuracy);
  }
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
  const scored: string[] = [];
  const stats = new Map<string, number[]>();
  const uniques = new Map<string, string>();
  for (const [iso3, iso2] of LANGUAGES) {
    if (all || only.includes(iso3) || only.includes(iso2)) {
      const index = scored.push(iso2) - 1;
      for (const line of (STATS[iso3] ?? '').split('\n')) {
        if (line === '') continue;
        const tab = line.indexOf('\t');
        const gram = line.slice(0, tab);
        const weights = stats.get(gram);
        const pair = [index, Number(line.slice(tab + 1))];
        if (weights === undefined) stats.set(gram, pair);
        else weights.push(...pair);
      }
    }
    if (all || only.includes(iso2)) {
      for (const gram of (UNIQUES[iso3] ?? '').split('\n')) if (gram !== '') uniques.set(gram, iso2);
    }
  }
  return { scored, stats, uniques };
}
