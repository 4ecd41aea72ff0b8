/**
 * Coverage bands: the colour class of a cell. Pages always print the percentage and
 * a symbol next to the colour, so the band is never the only signal.
 */

export type Band = 'complete' | 'high' | 'medium' | 'low' | 'absent';

/** Band of a coverage percentage (0..100); `absent` when the translation file does not exist. */
export function band(percent: number, exists = true): Band {
  if (!exists) return 'absent';
  if (percent >= 100) return 'complete';
  if (percent >= 80) return 'high';
  if (percent >= 50) return 'medium';
  return 'low';
}
