/**
 * Writing a set of documents into the working tree so that, even under `kill -9`, the
 * next command finds either all of the old files or all of the new ones.
 *
 * Every new content is first written in full (and fsynced) under
 * `.git/i18n-drift/journal/` — never beside the documents, so no `*.tmp` is ever left in
 * the working tree — then a manifest naming them is renamed into place: that rename is
 * the commit point. The files are then renamed over their targets and the journal
 * removed. A command killed before the commit point leaves a journal without manifest
 * (discarded by the next command: all old); killed after it, a manifest whose remaining
 * files the next command moves into place (all new). Renames keep each file whole.
 *
 * Every target must resolve inside the repository, its parent folders included: a
 * locale folder that is a symbolic link to elsewhere (`locales/de -> /tmp/x`) is refused,
 * as is a target that is a folder, a symbolic link or a device.
 */
import { closeSync, existsSync, fchmodSync, fstatSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync, type Stats } from 'node:fs';
import { copyFile, open, rename, rm } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { LocalizedHostError } from '../cli-error.js';
import { notAFile } from '../git/decode-file.js';

export interface DocumentWrite {
  /** Repository-relative path, `/`-separated. */
  path: string;
  /** New content; null deletes the file. */
  content: string | null;
}

export interface WriteOutcome {
  written: string[];
  /** Targets refused (outside the repository, not a file), with why; nothing was written for them. */
  refused: { path: string; error: LocalizedHostError }[];
}

/** Test seam: called after each durable step; a test throws from it to stop the writer as a crash would. */
export interface WriteHooks {
  step?: () => void;
}

interface JournalEntry {
  path: string;
  /** File name of the new content in the journal; null for a deletion. */
  staged: string | null;
}

const MANIFEST = 'manifest.json';

export function journalDir(gitDir: string): string {
  return join(gitDir, 'i18n-drift', 'journal');
}

/**
 * Write `files` (all or none of those accepted); targets that would resolve outside
 * `root` or are not files are refused and reported, the others written. The files are
 * moved into place a few at a time (`IN_FLIGHT`): on a disk where replacing a file waits
 * for the file system to free the old one's blocks (ext4 mounted with `discard`), one
 * rename after the other took 3.7 of the 14.6 s of an `init` on a 5,000-file corpus;
 * several in flight share those waits.
 */
export async function writeDocuments(root: string, gitDir: string, files: DocumentWrite[], hooks: WriteHooks = {}): Promise<WriteOutcome> {
  const realRoot = realpathSync(root);
  const refused: WriteOutcome['refused'] = [];
  const accepted: DocumentWrite[] = [];
  const modes = new Map<string, number | null>();
  // Thousands of targets share a few folders: each folder is looked at once.
  const folders = new Map<string, FolderCheck>();
  for (const f of files) {
    const { problem, target } = checkTarget(root, realRoot, f.path, folders);
    if (problem) refused.push({ path: f.path, error: problem });
    else {
      accepted.push(f);
      modes.set(f.path, target?.isFile() ? target.mode & 0o7777 : null);
    }
  }
  if (accepted.length === 0) return { written: [], refused };
  await recoverWrites(root, gitDir);
  const dir = journalDir(gitDir);
  mkdirSync(dir, { recursive: true });
  const step = hooks.step ?? (() => {});
  const entries: JournalEntry[] = accepted.map((f, i) => ({ path: f.path, staged: f.content === null ? null : `${i}.new` }));
  try {
    // Many files (a whole locale, init on a corpus): written first, then made durable
    // with one file-system flush instead of one fsync each (4,000 fsyncs were 16 of
    // 53 s of an init on a 5,000-file corpus). Either way, all of them are on disk
    // before the manifest below commits the set.
    const batch = accepted.length >= BATCH_FLUSH_MIN && process.platform === 'linux';
    if (batch) {
      writeStaged(dir, accepted, entries, modes);
      if (!flushFileSystem(dir)) await inTurn(entries, async (e) => (e.staged === null ? undefined : fsyncFile(join(dir, e.staged))));
      for (let i = 0; i < entries.length; i++) step();
    } else {
      await inTurn(accepted, async (f, i) => {
        if (f.content === null) return;
        // The mode the user gave the file (0600, 0755) stays; a new file gets the usual one.
        await writeDurably(join(dir, entries[i]!.staged!), f.content, modes.get(f.path) ?? null);
        step();
      });
    }
    const manifest = join(dir, `${MANIFEST}.part`);
    await writeDurably(manifest, JSON.stringify({ entries }), null);
    renameSync(manifest, join(dir, MANIFEST));
    syncFolder(dir);
    step();
  } catch (error) {
    if (!hooks.step) rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  await apply(root, dir, entries, step, /* allStaged */ true);
  rmSync(dir, { recursive: true, force: true });
  return { written: accepted.map((f) => f.path), refused };
}

/**
 * The new contents of a large set written into the journal one after the other, left to
 * the caller's one flush. Creating a file in the journal replaces nothing, so it does not
 * wait on the disk as a rename over a target does: through the thread pool, a few at a
 * time, the same 4,076 files of an `init` took twice the CPU (four round trips and
 * promises per file) for no shorter wait. The mode of a replaced file is set only when the
 * journal's new files do not already get it (one `fstat` of the first file tells which:
 * the journal is emptied just before, so each file here is created by its `open`).
 */
function writeStaged(dir: string, accepted: readonly DocumentWrite[], entries: readonly JournalEntry[], modes: ReadonlyMap<string, number | null>): void {
  let created: number | null = null;
  for (let i = 0; i < accepted.length; i++) {
    const { path, content } = accepted[i]!;
    if (content === null) continue;
    const fd = openSync(join(dir, entries[i]!.staged!), 'w');
    try {
      writeFileSync(fd, content);
      const mode = modes.get(path) ?? null;
      if (mode !== null) {
        created ??= fstatSync(fd).mode & 0o7777;
        if (mode !== created) fchmodSync(fd, mode);
      }
    } finally {
      closeSync(fd);
    }
  }
}

/**
 * Finish what a killed command left in the journal: moved into place when its manifest
 * was written (every new file was complete by then), discarded otherwise. Run before
 * every command reads the working tree. Returns the paths completed.
 */
export async function recoverWrites(root: string, gitDir: string): Promise<string[]> {
  const dir = journalDir(gitDir);
  if (!existsSync(dir)) return [];
  let completed: string[] = [];
  const manifest = join(dir, MANIFEST);
  if (existsSync(manifest)) {
    const { entries } = JSON.parse(readFileSync(manifest, 'utf8')) as { entries: JournalEntry[] };
    const realRoot = realpathSync(root);
    // Checked again: the journal is data on disk, and the tree may have changed since.
    const safe = entries.filter((e) => typeof e.path === 'string' && targetProblem(root, realRoot, e.path) === null && (e.staged === null || /^\d+\.new$/.test(e.staged)));
    await apply(root, dir, safe, () => {});
    completed = safe.map((e) => e.path);
  }
  rmSync(dir, { recursive: true, force: true });
  return completed;
}

/**
 * Move every staged file over its target (one rename each), delete the deletions; idempotent.
 * Each file is whole at every moment (a rename); which of them is moved first does not
 * matter, the manifest having committed the whole set. `allStaged`: every staged file is
 * known to be there (the writer that just wrote them), so none is looked for first.
 */
async function apply(root: string, dir: string, entries: JournalEntry[], step: () => void, allStaged = false): Promise<void> {
  await inTurn(entries, async (e) => {
    const target = join(root, e.path);
    if (e.staged === null) await rm(target, { force: true });
    else {
      const from = join(dir, e.staged);
      if (allStaged || existsSync(from)) await moveIntoFolder(from, target);
    }
    step();
  });
}

/**
 * `moveInto`, creating the target's folder only when the rename finds it missing: nearly
 * every target replaces a file in a folder that exists, and a `mkdir` per folder first
 * was one more system call for each of the 1,000 folders of an `init` on a corpus.
 */
async function moveIntoFolder(from: string, to: string): Promise<void> {
  try {
    await moveInto(from, to);
  } catch (error) {
    // A missing source fails again below; the folder may have been made meanwhile by another file's move.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(dirname(to), { recursive: true });
    await moveInto(from, to);
  }
}

/** Operations of one write set in flight at once (the libuv thread pool has 4 threads by default). */
const IN_FLIGHT = 8;

/**
 * `run` on every item, at most `IN_FLIGHT` at a time. After a failure no new item is
 * started, and the items already started finish before the first error is thrown: a
 * caller (or the next command's recovery) never races a rename still in flight.
 */
async function inTurn<T>(items: readonly T[], run: (item: T, index: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | null = null;
  const lane = async () => {
    while (failure === null && next < items.length) {
      const i = next++;
      try {
        await run(items[i]!, i);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, items.length) }, lane));
  if (failure !== null) throw (failure as { error: unknown }).error;
}

/** rename(2), or across file systems (a `.git` elsewhere) a copy beside the target renamed over it. */
async function moveInto(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    const beside = `${to}.i18n-drift-${process.pid}`;
    await copyFile(from, beside);
    await rename(beside, to);
    await rm(from, { force: true });
  }
}

/** Write and fsync; `mode` (the user's, kept exactly) is set after open(2) applied the umask. */
async function writeDurably(path: string, content: string, mode: number | null): Promise<void> {
  const file = await open(path, 'w');
  try {
    await file.writeFile(content);
    if (mode !== null) await file.chmod(mode);
    await file.sync();
  } finally {
    await file.close();
  }
}

async function fsyncFile(path: string): Promise<void> {
  const file = await open(path, 'r');
  try {
    await file.sync();
  } finally {
    await file.close();
  }
}

/** From this many files on, one file-system flush beats an fsync per file. */
const BATCH_FLUSH_MIN = 32;

/**
 * syncfs(2) of the file system holding `dir`, through coreutils `sync -f` (Node has no
 * binding; Linux only: BSD and macOS `sync` may return before the data is written):
 * every file written there is on disk when it returns true. False (no such command, an
 * error): the caller fsyncs file by file.
 */
function flushFileSystem(dir: string): boolean {
  const r = spawnSync('sync', ['-f', dir], { stdio: 'ignore' });
  return r.status === 0 && r.error === undefined;
}

function syncFolder(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not every file system lets a folder be fsynced; the rename is still atomic.
  }
}

/**
 * Why `path` must not be written, or null: not a plain relative path, inside `.git`, a
 * parent that resolves outside the repository (a symbolic link), a parent that is a
 * file, or a target that is a folder, a symbolic link or a device.
 */
export function targetProblem(root: string, realRoot: string, path: string): LocalizedHostError | null {
  return checkTarget(root, realRoot, path, new Map()).problem;
}

/** What a parent folder of a target was found to be (`checkTarget`). */
type FolderCheck = 'missing' | 'folder' | 'link-inside' | 'link-outside' | 'not-a-folder';

/**
 * `targetProblem`, with the target's own lstat (null when it does not exist yet) and
 * the parent folders' outcomes remembered in `folders` across the targets of one write.
 */
function checkTarget(root: string, realRoot: string, path: string, folders: Map<string, FolderCheck>): { problem: LocalizedHostError | null; target: Stats | null } {
  const none = { problem: null, target: null };
  const parts = path.split('/');
  if (isAbsolute(path) || parts.some((p) => p === '' || p === '.' || p === '..') || parts[0] === '.git') return { problem: outside(path), target: null };
  // The parts are plain names (checked above): joined as they are, not normalised each time.
  let current = root.endsWith(sep) ? root.slice(0, -1) : root;
  for (let i = 0; i < parts.length - 1; i++) {
    current = `${current}${sep}${parts[i]!}`;
    let check = folders.get(current);
    if (check === undefined) folders.set(current, (check = checkFolder(realRoot, current)));
    // Missing from here on: created under the last folder checked, which is inside.
    if (check === 'missing') return none;
    if (check === 'link-outside') return { problem: outside(path), target: null };
    if (check === 'not-a-folder') return { problem: notAFile(parts.slice(0, i + 1).join('/'), 'special'), target: null };
  }
  let stat: Stats | undefined;
  try {
    stat = lstatSync(`${current}${sep}${parts[parts.length - 1]!}`, { throwIfNoEntry: false });
  } catch {
    return none;
  }
  if (stat === undefined) return none;
  if (stat.isSymbolicLink()) return { problem: notAFile(path, 'symlink'), target: stat };
  if (stat.isDirectory()) return { problem: notAFile(path, 'folder'), target: stat };
  if (!stat.isFile()) return { problem: notAFile(path, 'special'), target: stat };
  return { problem: null, target: stat };
}

function checkFolder(realRoot: string, folder: string): FolderCheck {
  let stat: Stats;
  try {
    stat = lstatSync(folder);
  } catch {
    return 'missing';
  }
  if (stat.isSymbolicLink()) return inside(realRoot, realpathOrNull(folder)) ? 'link-inside' : 'link-outside';
  return stat.isDirectory() ? 'folder' : 'not-a-folder';
}

function outside(path: string): LocalizedHostError {
  return new LocalizedHostError('outside-repository', `${path} resolves outside the repository; nothing was written there`, { key: 'cli:error.outsideRepository', values: { path } });
}

function realpathOrNull(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

function inside(realRoot: string, real: string | null): boolean {
  if (real === null) return false;
  const rel = relative(realRoot, real);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && !rel.startsWith(`..${sep}`));
}

/** Names of the files a journal holds (for tests and diagnostics). */
export function journalFiles(gitDir: string): string[] {
  const dir = journalDir(gitDir);
  return existsSync(dir) ? readdirSync(dir) : [];
}
