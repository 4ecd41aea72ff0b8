import type { WordChange } from '@i18n-drift/sections';

/**
 * Joins alternating word changes separated only by spaces into one removed run and
 * one added run (`<del>And if you are</del><ins>A subscriber is</ins>`), which reads
 * as a phrase instead of word-by-word confetti. Lines are never joined.
 */
export function coalesceWords(words: readonly WordChange[]): WordChange[] {
  const out: WordChange[] = [];
  let removed = '';
  let added = '';
  const flush = () => {
    // A space shared by both sides belongs to the side that has words.
    if (!removed.trim()) removed = '';
    if (!added.trim()) added = '';
    if (removed) out.push({ value: removed, removed: true });
    if (added) out.push({ value: added, added: true });
    removed = added = '';
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const next = words[i + 1];
    if (w.removed) removed += w.value;
    else if (w.added) added += w.value;
    else if ((removed || added) && /^[ \t]+$/.test(w.value) && (next?.added || next?.removed)) {
      removed += w.value;
      added += w.value;
    } else {
      flush();
      out.push(w);
    }
  }
  flush();
  return out;
}
