/**
 * The documents as the user sees them: the files of HEAD that match the config, with
 * uncommitted edits (and new, untracked documents) taken from the working tree. Each
 * file is known by its Git blob id before any content is read, so caches can be
 * checked first and contents read only on a miss.
 */
import { blobId } from './git/blob-id.js';
import { closeSync, fstatSync, lstatSync, openSync, readSync, constants } from 'node:fs';
import { join } from 'node:path';
import { documentOf, HostError, isTrackedPath, pathFor, type Config } from '@i18n-drift/core';
import type { LocalGitHost } from './git/local-git-host.js';
import { decodeFile, MAX_FILE_BYTES, notAFile, refuseTooLarge } from './git/decode-file.js';
import { runGit, type GitOutput } from './git/run-git.js';
import { onStatusIndex } from './git/status-index.js';
import { workTreeOf } from './cache/work-tree.js';
import { skippedFile, type SkippedFile } from './skipped-file.js';

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
  /**
   * Documents that cannot be read (a folder, a symbolic link, a device, too large, binary),
   * left out of `files`; `worktreeTexts` adds the committed ones it finds so. Messages in
   * English; a command says them in the user's language with `skippedFile`.
   */
  unreadable: { path: string; error: Error }[];
  config: Config;
}

export { blobId } from './git/blob-id.js';

/**
 * The matching documents of HEAD plus working-tree edits. A working-tree document that
 * cannot be read is left out and listed in `unreadable`, never followed (a symbolic link
 * to /dev/zero or a FIFO), never read past the size limit.
 */
export async function readWorktree(host: LocalGitHost, config: Config, head: string | null, options: ReadWorktreeOptions = {}): Promise<Worktree> {
  const files = new Map<string, WorktreeFile>();
  const unreadable: Worktree['unreadable'] = [];
  // `git status` runs while HEAD's tree is listed: neither waits for the other.
  const status = options.committedOnly || options.uncommitted ? null : uncommittedStatus(host.root);
  status?.catch(() => {});
  // Documents of every format, and the state files beside i18next catalogs.
  if (head) for (const [p, oid] of await host.listBlobs(head)) if (isTrackedPath(p, config)) files.set(p, { oid });
  const dirty = new Set<string>();
  const uncommitted = options.committedOnly ? [] : (options.uncommitted ?? uncommittedPaths((await status!).stdout));
  for (const path of uncommitted) {
    if (!isTrackedPath(path, config)) continue;
    dirty.add(path);
    files.delete(path);
    try {
      const content = readDocument(join(host.root, path), path);
      if (content !== null) files.set(path, { oid: blobId(content), text: decodeFile(path, content) });
    } catch (error) {
      if (error instanceof HostError) unreadable.push({ path, error });
      else if (typeof (error as NodeJS.ErrnoException).code === 'string') {
        unreadable.push({ path, error: new HostError('other', `${path} cannot be read (${(error as NodeJS.ErrnoException).code})`) });
      } else throw error;
    }
  }
  return { head, files: new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), dirty, unreadable, config };
}

export interface ReadWorktreeOptions {
  /** HEAD's files only, as if the working tree had no edits. */
  committedOnly?: boolean;
  /**
   * The uncommitted paths (modified, staged, deleted, untracked; relative to the top of
   * the work tree), when `git status` was already asked (the cached `status` path's key): not asked again.
   */
  uncommitted?: readonly string[];
}

const STATUS_ARGS = ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames'];

/** `git status` with the untracked cache on a private copy of the index where it is safe (status-index.ts), else as asked. */
async function uncommittedStatus(root: string): Promise<GitOutput> {
  return (await onStatusIndex(workTreeOf(root), (args, env) => runGit(root, [...args, ...STATUS_ARGS], { env })))!;
}

/** The paths of `git status --porcelain=v1 -z --no-renames` output. */
function uncommittedPaths(out: Buffer): string[] {
  return out
    .toString('utf8')
    .split('\0')
    .filter((entry) => entry.length >= 4)
    .map((entry) => entry.slice(3));
}

/**
 * A working-tree document's bytes; null when it was deleted. Looked at without following
 * a symbolic link, opened without blocking (a FIFO would wait forever) and read no
 * further than the size limit.
 * @throws HostError('not-a-file' | 'too-large') naming `path`.
 */
export function readDocument(abs: string, path: string): Buffer | null {
  let stat;
  try {
    stat = lstatSync(abs);
  } catch {
    return null;
  }
  if (stat.isSymbolicLink()) throw notAFile(path, 'symlink');
  if (stat.isDirectory()) throw notAFile(path, 'folder');
  if (!stat.isFile()) throw notAFile(path, 'special');
  refuseTooLarge(path, stat.size);
  const fd = openSync(abs, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    // Checked again on what was opened: the path may have changed since the lstat.
    const opened = fstatSync(fd);
    if (!opened.isFile()) throw notAFile(path, 'special');
    refuseTooLarge(path, opened.size);
    const buffer = Buffer.alloc(Math.min(opened.size, MAX_FILE_BYTES) + 1);
    let length = 0;
    for (let n; length < buffer.length && (n = readSync(fd, buffer, length, buffer.length - length, null)) > 0; ) length += n;
    refuseTooLarge(path, length);
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/** What a command reports for each unreadable document of `tree`, in the user's language. */
export function skippedDocuments(tree: Worktree, t: (k: string, v?: Record<string, unknown>) => string): SkippedFile[] {
  return tree.unreadable.map(({ path, error }) => skippedFile(path, error, t) ?? { path, line: null, reason: error.message });
}

/**
 * Read every file's text (one `cat-file --batch` for the committed ones). A committed
 * document Git holds but that cannot be read (binary, too large) is left out and added
 * to `tree.unreadable`; so are the translations of an English document left out, which
 * cannot be compared with anything.
 */
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
      let text: string | null;
      try {
        text = f.text ?? (await host.readBlob(f.oid, path));
      } catch (error) {
        if (!(error instanceof HostError) || !UNREADABLE.has(error.code)) throw error;
        tree.unreadable.push({ path, error });
        text = null;
      }
      if (text !== null) onText?.(path, text);
      onProgress?.(++done, entries.length);
      return text;
    }),
  );
  const result: Record<string, string> = {};
  entries.forEach(([path], i) => {
    if (texts[i] !== null) result[path] = texts[i]!;
  });
  for (const { path } of tree.unreadable) {
    const doc = documentOf(path, tree.config);
    if (doc?.locale !== tree.config.sourceLocale) continue;
    for (const other of Object.keys(result)) {
      const d = documentOf(other, tree.config);
      if (d && d.locale !== doc.locale && pathFor(path, d.locale, tree.config) === other) delete result[other];
    }
  }
  for (const path of Object.keys(result)) if (tree.unreadable.some((u) => u.path === path)) delete result[path];
  return result;
}

const UNREADABLE = new Set(['binary', 'too-large', 'not-a-file']);
