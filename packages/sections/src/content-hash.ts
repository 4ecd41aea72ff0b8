import * as crypto from 'node:crypto';

// crypto.hash (Node >= 20.12) is a one-shot digest without a Hash object: on
// 20k small sections that is measurably cheaper than createHash().
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

/**
 * Content hash of an already-normalised text (see `normaliseMarkdown`): the
 * first 16 hex characters (64 bits) of its SHA-256 over UTF-8. Stable across
 * versions and platforms, so it can be stored in pins and compared later.
 */
export function contentHash(normalised: string): string {
  const hex = oneShot ? oneShot('sha256', normalised, 'hex') : crypto.createHash('sha256').update(normalised).digest('hex');
  return hex.slice(0, 16);
}
