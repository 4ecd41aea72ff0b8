/**
 * The lines of an English word diff worth showing a translator: changed lines with
 * `context` lines around them, each elided run of unchanged lines as one `null`. Shared
 * by the pull-request body (HTML) and the CLI (terminal), which only format the pieces.
 */
import type { WordChange } from '@i18n-drift/sections';
import { coalesceWords } from './coalesce-words.js';

export type WordPieceKind = 'added' | 'removed' | 'same';

/**
 * @param format turns one piece of one line (never containing a newline, never empty) into output text.
 * @returns kept lines in order, `null` for each elided run; no leading or trailing blank line or elision.
 */
export function wordDiffLines(words: readonly WordChange[], format: (piece: string, kind: WordPieceKind) => string, context = 1): (string | null)[] {
  const lines: { text: string; changed: boolean }[] = [{ text: '', changed: false }];
  for (const w of coalesceWords(words)) {
    const kind: WordPieceKind = w.added ? 'added' : w.removed ? 'removed' : 'same';
    w.value.split('\n').forEach((piece, i) => {
      if (i > 0) lines.push({ text: '', changed: false });
      if (piece === '') return;
      const line = lines[lines.length - 1]!;
      line.text += format(piece, kind);
      if (kind !== 'same') line.changed = true;
    });
  }
  const keep = lines.map((_, i) => lines.slice(Math.max(0, i - context), i + context + 1).some((l) => l.changed));
  const out: (string | null)[] = [];
  lines.forEach((l, i) => {
    if (keep[i]) out.push(l.text);
    else if (i === 0 || keep[i - 1]) out.push(null);
  });
  while (out.length > 0 && out[0] === '') out.shift();
  while (out.length > 0 && (out[out.length - 1] === '' || out[out.length - 1] === null)) out.pop();
  return out;
}
