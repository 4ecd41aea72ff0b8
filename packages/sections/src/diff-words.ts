import { diffWordsWithSpace } from 'diff';
import { normaliseMarkdown } from './normalise-markdown.js';
import type { WordChange } from './types.js';

/**
 * Word-level diff of two Markdown texts, computed on their normalised forms
 * (`normaliseMarkdown`), so re-indented lists or re-wrapped paragraphs show no
 * change and a translator sees only what was really edited. Uses the `diff`
 * package's `diffWordsWithSpace`. Concatenating the `value`s that are not
 * `added` gives the normalised old text; those not `removed`, the normalised new text.
 */
export function diffWords(oldText: string, newText: string): WordChange[] {
  return diffNormalisedWords(normaliseMarkdown(oldText), normaliseMarkdown(newText));
}

/** `diffWords` for texts that are already normalised. */
export function diffNormalisedWords(oldNormalised: string, newNormalised: string): WordChange[] {
  return diffWordsWithSpace(oldNormalised, newNormalised).map((part) => {
    const change: WordChange = { value: part.value };
    if (part.added) change.added = true;
    if (part.removed) change.removed = true;
    return change;
  });
}
