/**
 * The documents as the user sees them: the files of HEAD that match the config, with
 * uncommitted edits (and new, untracked documents) taken from the working tree. Each
 * file is known by its Git blob id before any content is read, so caches can be
 * checked first and contents read only on a miss.
 */
import { blobId } from './git/blob-id.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { documentOf, type Config } from '@i18n-drift/core';
import type { LocalGitHost } from './git/local-git-host.js';
import { decodeFile } from './git/decode-file.js';
import { runGit } from './git/run-git.js';

export interface WorktreeFile {
  /** Git blob id of the content (computed for working-tree edits, as `git hash-object` would). */
  oid: string;
  /** Content when already read (working-tree edits); else read lazily by blob id. */
  text?: string;
}

export interface Worktree {
  /** HEAD sha, or null without commits. */
  head: string | null;
  /** Matching path -> blob id (and text for working-tree edits), sorted by path. */
  files: Map<string, WorktreeFile>;
  /** Paths whose working-tree content differs from HEAD (modified, added, deleted). */
  dirty: Set<string>;
}

export { blobId } from './git/blob-id.js';

/**
 * The matching documents of HEAD plus working-tree edits.
 * @throws HostError('binary' | 'too-large') for a working-tree document git would refuse too.
 */
export async function readWorktree(host: LocalGitHost, config: Config, head: string | null, options: { committedOnly?: boolean } = {}): Promise<Worktree> {
  const files = new Map<string, WorktreeFile>();
  if (head) for (const [p, oid] of await host.listBlobs(head)) if (documentOf(p, config)) files.set(p, { oid });
  const dirty = new Set<string>();
  if (!options.committedOnly) {
    const out = (await runGit(host.root, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames'])).stdout.toString('utf8');
    for (const entry of out.split('\0')) {
      if (entry.length < 4) continue;
      const path = entry.slice(3);
      if (!documentOf(path, config)) continue;
      dirty.add(path);
      const abs = join(host.root, path);
      if (!existsSync(abs)) {
        files.delete(path);
        continue;
      }
      const content = readFileSync(abs);
      files.set(path, { oid: blobId(content), text: decodeFile(path, content) });
    }
  }
  return { head, files: new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), dirty };
}

/** Read every file's text (one `cat-file --batch` for the committed ones). */
export async function worktreeTexts(
  host: LocalGitHost,
  tree: Worktree,
  onProgress?: (done: number, total: number) => void,
  onText?: (path: string, text: string) => void,
): Promise<Record<string, string>> {
  const entries = [...tree.files];
  let done = 0;
  const texts = await Promise.all(
    entries.map(async ([path, f]) => {
      const text = f.text ?? (await host.readBlob(f.oid, path));
      onText?.(path, text);
      onProgress?.(++done, entries.length);
      return text;
    }),
  );
  return Object.fromEntries(entries.map(([path], i) => [path, texts[i]!]));
}
