/**
 * Offsets of the first character of every line of `text`, computed once per
 * document. Line breaks are `\n`, `\r\n` and a lone `\r`, exactly the ones
 * markdown-it's `normalize` rule turns into `\n`, so markdown-it's 0-based line
 * maps index this table directly. A text ending with a line break gets one
 * extra entry equal to `text.length`.
 */
export function lineStarts(text: string): number[] {
  const starts = [0];
  if (text.indexOf('\r') === -1) {
    // Fast path: indexOf runs in native code, ~10x a charCodeAt loop.
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Number of line breaks (`\n`, `\r\n`, lone `\r`) in `text`. */
export function countLineBreaks(text: string): number {
  return lineStarts(text).length - 1;
}
