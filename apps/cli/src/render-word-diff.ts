/**
 * An English word diff for the terminal: removed words red and struck through, added
 * words green, only changed lines and one line of context (plain `[-…-]{+…+}` when
 * colours are off, as `git diff --word-diff` writes it).
 */
import { wordDiffLines } from '@i18n-drift/core';
import type { WordChange } from '@i18n-drift/sections';
import { colors } from './output.js';

export function renderTerminalWordDiff(words: WordChange[], indent = '    '): string[] {
  const color = colors.isColorSupported;
  const lines = wordDiffLines(words, (piece, kind) => {
    if (kind === 'added') return color ? colors.green(piece) : `{+${piece}+}`;
    if (kind === 'removed') return color ? colors.red(colors.strikethrough(piece)) : `[-${piece}-]`;
    return piece;
  });
  // Blank lines say nothing in a terminal; an elided run shows as a dim ellipsis.
  return lines.filter((l) => l === null || l.trim() !== '').map((l) => indent + (l ?? colors.dim('…')));
}
