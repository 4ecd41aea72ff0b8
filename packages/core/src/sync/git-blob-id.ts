/**
 * Git's blob id of a text, computed without a repository: lets the workflow ask "does
 * this branch already hold exactly this file?" from a tree listing (`listBlobIds`)
 * instead of reading the file back (the bot's read budget on update pushes, apps/bot/bench).
 */
import { createHash } from 'node:crypto';

/**
 * The id Git (SHA-1 object format) gives a blob holding `text` encoded as UTF-8: the
 * sha1 of `blob <byte length>\0<bytes>`. Equal ids mean equal bytes. Pure.
 */
export function gitBlobId(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}
