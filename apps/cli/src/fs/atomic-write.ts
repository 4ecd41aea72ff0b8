/**
 * One file the CLI keeps for itself (caches, local pull requests, a baseline): write a
 * temporary file next to the target, then rename it over the target, so a crash or an
 * error never leaves a half-written file (rename is atomic on one file system).
 * Documents in the working tree go through write-set.ts (all or none, even under kill -9).
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Write `content` to `path` atomically, creating parent folders. */
export function writeFileAtomic(path: string, content: string | Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temp, content);
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}
