// Classification of UTF-16 code units as word characters (letters and digits),
// filled lazily from \p{L}/\p{N}: a char-code loop is several times faster than a
// Unicode regex over a whole document, and this runs on every section.
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const classes = new Uint8Array(0x10000); // 0 unknown, 1 word, 2 other

function isWordCode(code: number): boolean {
  if (code < 128) return (code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 122);
  let known = classes[code]!;
  if (known === 0) {
    // Surrogate halves count as word characters: most astral characters in prose are CJK letters.
    known = (code >= 0xd800 && code <= 0xdfff) || WORD_CHAR.test(String.fromCharCode(code)) ? 1 : 2;
    classes[code] = known;
  }
  return known === 1;
}

/**
 * Number of words in a Markdown text: runs of letters and digits (an apostrophe
 * inside a word keeps `don't` one word), ignoring link destinations `](…)` and
 * HTML tags `<Note>`, which are markup rather than words a translator translates.
 * Used for coverage by words; works on raw or normalised text alike. Linear.
 */
export function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (isWordCode(code)) {
      if (!inWord) words++;
      inWord = true;
      continue;
    }
    if (inWord && (code === 39 || code === 0x2019) && i + 1 < length && isWordCode(text.charCodeAt(i + 1))) continue;
    inWord = false;
    if (code === 93 && text.charCodeAt(i + 1) === 40) {
      // `](destination)`: skip to the closing parenthesis on the same line.
      const close = skipTo(text, i + 2, 41);
      if (close !== -1) i = close;
    } else if (code === 60) {
      // `<tag ...>` or `</tag>`
      const next = text.charCodeAt(i + 1) | 32;
      if ((next >= 97 && next <= 122) || text.charCodeAt(i + 1) === 47) {
        const close = skipTo(text, i + 1, 62);
        if (close !== -1) i = close;
      }
    }
  }
  return words;
}

/** Index of `code` at or after `from` on the same line, or -1. */
function skipTo(text: string, from: number, code: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === code) return i;
    if (c === 10 || c === 13) return -1;
  }
  return -1;
}
