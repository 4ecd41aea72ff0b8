// Link destinations and HTML tags are markup, not words a translator translates.
const LINK_DESTINATION = /\]\([^)\n]*\)/g;
const HTML_TAG = /<\/?[A-Za-z][^<>\n]*>/g;
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

/**
 * Number of words in a Markdown text: runs of letters and digits (an inner
 * apostrophe keeps `don't` one word), ignoring link destinations and HTML tags.
 * Used for coverage by words; works on raw or normalised text alike.
 */
export function countWords(text: string): number {
  const plain = text.replace(LINK_DESTINATION, ']').replace(HTML_TAG, ' ');
  return plain.match(WORD)?.length ?? 0;
}
