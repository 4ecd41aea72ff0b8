/**
 * `check` before `init` judges each translation without pins as `init` would leave it:
 * adopted in memory, a pins block and stale markers inserted. Its findings then count
 * lines in that text, which is not on disk; `originalLine` takes them back to the file.
 */

const LINE_BREAK = /\r\n|\r|\n/;

/**
 * The line of `original` that line `line` (1-based) of `adopted` is, where `adopted` is
 * `original` with whole lines inserted (adoption never edits or removes one). A line
 * that was inserted (a marker under its heading, the pins) maps to the line it follows,
 * so a stale marker's finding points at its heading. Lines below 1 are returned as they
 * are (a finding about no line); so is `line` when `adopted` is no such insertion.
 */
export function originalLine(original: string, adopted: string, line: number): number {
  if (line < 1 || original === adopted) return line;
  const from = original.split(LINE_BREAK);
  const to = adopted.split(LINE_BREAK);
  let o = 0;
  for (let a = 0; a < line && a < to.length; a++) {
    const kept = o < from.length && to[a] === from[o];
    if (a === line - 1) return kept ? o + 1 : Math.max(o, 1);
    if (kept) o++;
  }
  return line;
}
