/**
 * An English word diff for the terminal: removed words red and struck through, added
 * words green, only changed lines and one line of context (plain `[-…-]{+…+}` when
 * colours are off, as `git diff --word-diff` writes it).
 */
import { coalesceWords } from '@i18n-drift/core';
import type { WordChange } from '@i18n-drift/sections';
import { colors } from './output.js';

export function renderTerminalWordDiff(words: WordChange[], indent = '    '): string[] {
  const color = colors.isColorSupported;
  const lines: { text: string; changed: boolean }[] = [{ text: '', changed: false }];
  for (const w of coalesceWords(words)) {
    w.value.split('\n').forEach((piece, i) => {
      if (i > 0) lines.push({ text: '', changed: false });
      if (piece === '') return;
      const line = lines[lines.length - 1]!;
      if (w.added) line.text += color ? colors.green(piece) : `{+${piece}+}`;
      else if (w.removed) line.text += color ? colors.red(colors.strikethrough(piece)) : `[-${piece}-]`;
      else line.text += piece;
      if (w.added || w.removed) line.changed = true;
    });
  }
  const keep = lines.map((_, i) => lines.slice(Math.max(0, i - 1), i + 2).some((l) => l.changed));
  const out: string[] = [];
  lines.forEach((l, i) => {
    if (keep[i]) {
      if (l.text.trim() !== '') out.push(indent + l.text);
    } else if (i > 0 && keep[i - 1]) out.push(indent + colors.dim('…'));
  });
  while (out.length > 0 && out[out.length - 1]!.trim() === colors.dim('…').trim()) out.pop();
  return out;
}
