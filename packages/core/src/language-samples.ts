/**
 * The pieces of prose language.ts asks language detection about, apart so that
 * language-detect.test.ts can compare the port with tinyld on exactly those.
 */

/**
 * How much of a paragraph tinyld reads. Its cost grows with the text while its
 * answer settles within the first sentence, and coverage runs over whole
 * repositories (see bench/run.js): the paragraph's full word count still weighs the
 * answer.
 */
const SAMPLE_CHARS = 80;

const SENTENCE_END = /(?<=[.!?;:…])\s+(?=[\p{Lu}\p{Lo}])/u;

/** A prose unit's sentences (a short unit is one). */
export function sentences(text: string): string[] {
  return text.length <= 40 ? [text] : text.split(SENTENCE_END);
}

/** The start of a sentence, cut at a word boundary. */
export function sample(text: string): string {
  if (text.length <= SAMPLE_CHARS) return text;
  const cut = text.lastIndexOf(' ', SAMPLE_CHARS);
  return text.slice(0, cut > SAMPLE_CHARS / 2 ? cut : SAMPLE_CHARS);
}
