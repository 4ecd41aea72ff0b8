/**
 * Every file the CLI writes goes through here: write a temporary file next to the
 * target, then rename it over the target, so a crash or an error never leaves a
 * half-written file (rename is atomic on one file system).
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

/**
 * Write several files so that either all are written or none: every temporary file
 * is written first (the step that can fail on a full disk or a bad path), then all
 * are renamed. A deletion (`null`) happens in the rename phase.
 */
export function writeFilesAtomic(files: { path: string; content: string | null }[]): void {
  const staged: { temp: string; path: string }[] = [];
  try {
    for (const f of files) {
      if (f.content === null) continue;
      mkdirSync(dirname(f.path), { recursive: true });
      const temp = `${f.path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      staged.push({ temp, path: f.path });
      writeFileSync(temp, f.content);
    }
  } catch (e) {
    for (const s of staged) rmSync(s.temp, { force: true });
    throw e;
  }
  for (const s of staged) renameSync(s.temp, s.path);
  for (const f of files) if (f.content === null) rmSync(f.path, { force: true });
}
