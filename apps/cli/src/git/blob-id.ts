import { createHash } from 'node:crypto';

/** Git's blob id of a content (SHA-1 repositories): sha1 of `blob <size>\0<bytes>`. */
export function blobId(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}
