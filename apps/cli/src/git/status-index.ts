/**
 * `git status` with git's untracked cache, without touching the user's index or config.
 *
 * On the 5,168-file corpus most of a warm `status` is git's search for untracked files
 * (about 25 of git's 55 ms; 4 ms with the cache). The cache lives inside an index file,
 * so git runs on a private copy of the index kept under `.git/i18n-drift/status-index/`,
 * given by `GIT_INDEX_FILE`, with the cache switched on by `-c` for that run only.
 *
 * Each copy is named after the stat of the real index it was taken from, so a copy can
 * never stand for another version of the index; it is written whole (temporary file,
 * then rename) and keeps the real index's modification time, floored to the second:
 * git treats an entry as possibly changed when its file's time is not older than the
 * index's ("racy git"), and a copy dated later would take a file edited in the same
 * second as the index write for unchanged. Anything the copy cannot stand for safely (a
 * split or sparse index, a linked work tree, no index, GIT_* variables, a read-only
 * `.git`, an old git, any error) leaves the real index to git, as before. A copy git
 * cannot read is replaced, and copies of older indexes are removed once no run can
 * still be about to read them: git takes a missing index for an empty one.
 * Node built-ins only: the cached `status` path loads this before anything else.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkTree } from '../cache/work-tree.js';

/** Where the copies live, inside the `.git` folder. */
export const STATUS_INDEX_DIR = join('i18n-drift', 'status-index');

/**
 * The options that make git use the cache with `--untracked-files=all`: git applies it
 * only when `status.showUntrackedFiles` agrees with the flag (the flag still decides
 * what is listed), and never splits the copy (a split index writes `sharedindex.*`
 * files into `.git` itself).
 */
const CACHE_OPTIONS = ['-c', 'core.untrackedCache=true', '-c', 'status.showUntrackedFiles=all', '-c', 'core.splitIndex=false'];

/**
 * An answer counts only if git ran within this time of the real index's stat: an older
 * copy is removed only once the index that replaced it is older than this
 * (see `removeOldCopies`), so a copy git opens in time is never one removed under it
 * (git would read a missing index as an empty one).
 */
const TRUSTED_FOR_MS = 30_000;

/** The first git whose untracked cache serves `--untracked-files=all`. */
const MIN_GIT = [2, 35];

export interface StatusIndex {
  /** Options to put before `status`. */
  args: string[];
  /** Variables to add to git's environment. */
  env: Record<string, string>;
  /** The copy git is given. */
  path: string;
  /**
   * Whether the answer git gave with the copy can be used: false when git failed (the
   * copy is then made again) or took too long; ask again with the real index then.
   */
  trust(succeeded: boolean): boolean;
}

/**
 * `run` (a `git status` given the options and variables to add) on the private copy of
 * `tree`'s index where there is one and git answered from it in time, else on the real
 * index. `run` answers null or rejects when git failed.
 */
export async function onStatusIndex<T>(tree: WorkTree | null, run: (args: string[], env: Record<string, string>) => Promise<T | null>): Promise<T | null> {
  const index = statusIndex(tree);
  if (index) {
    const answer = await run(index.args, index.env).catch(() => null);
    if (index.trust(answer !== null)) return answer;
  }
  return run([], {});
}

/**
 * A private copy of `tree`'s index for `git status`, made or refreshed when the real
 * index changed; null when git must use the real index (see the file comment).
 */
export function statusIndex(tree: WorkTree | null): StatusIndex | null {
  if (!tree) return null;
  const started = Date.now();
  let fd: number;
  try {
    fd = openSync(join(tree.gitDir, 'index'), 'r');
  } catch {
    return null;
  }
  try {
    const stat = fstatSync(fd, { bigint: true });
    if (!stat.isFile()) return null;
    const dir = join(tree.gitDir, STATUS_INDEX_DIR);
    const name = copyName(stat);
    const path = join(dir, name);
    if (!isFile(path) && !makeCopy(fd, Number(stat.size), Number(stat.mtimeMs / 1000n), dir, path)) return null;
    removeOldCopies(dir, name, stat.mtimeNs);
    return {
      args: CACHE_OPTIONS,
      // The copy's lock is never one a user's git waits for: git may always write the cache into it.
      env: { GIT_INDEX_FILE: path, GIT_OPTIONAL_LOCKS: '1' },
      path,
      trust(succeeded) {
        if (!succeeded) renew(tree.gitDir, name);
        return succeeded && Date.now() - started < TRUSTED_FOR_MS;
      },
    };
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/**
 * Replace the copy `name` with a fresh one when the index is still the version it was
 * taken from (else it is an old copy, removed in time). Replaced, never removed: another
 * run's git may be about to open it, and git reads a missing index as an empty one.
 */
function renew(gitDir: string, name: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(join(gitDir, 'index'), 'r');
    const stat = fstatSync(fd, { bigint: true });
    const dir = join(gitDir, STATUS_INDEX_DIR);
    if (copyName(stat) === name) makeCopy(fd, Number(stat.size), Number(stat.mtimeMs / 1000n), dir, join(dir, name));
  } catch {
    // The next run tries again.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** `<mtime ns>-<ctime ns>-<inode>-<size>`: git replaces the index by a rename, so each version has its own. */
function copyName(stat: { mtimeNs: bigint; ctimeNs: bigint; ino: bigint; size: bigint }): string {
  return `${stat.mtimeNs}-${stat.ctimeNs}-${stat.ino}-${stat.size}`;
}

/** The index's time in a copy's name; null for anything else in the folder. */
function copyTime(name: string): bigint | null {
  const match = /^(\d+)-\d+-\d+-\d+(?:\.lock)?$/.exec(name);
  return match ? BigInt(match[1]!) : null;
}

function isFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Copy the open index to `path` when git can use it; false when it cannot (a split or
 * sparse index, an old git, a read-only `.git`).
 */
function makeCopy(fd: number, size: number, seconds: number, dir: string, path: string): boolean {
  const temp = join(dir, `.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`);
  try {
    // Read from the descriptor whose stat names the copy: the bytes and the name are of one version.
    const data = Buffer.allocUnsafe(size);
    let length = 0;
    for (let n; length < size && (n = readSync(fd, data, length, size - length, null)) > 0; ) length += n;
    if (length !== size || !copiable(data)) return false;
    // Written before git's version is asked: a `.git` that cannot be written to costs no process.
    mkdirSync(dir, { recursive: true });
    writeFileSync(temp, data);
    if (!recentGit()) return false;
    utimesSync(temp, seconds, seconds);
    renameSync(temp, path);
    return true;
  } catch {
    return false;
  } finally {
    rmSync(temp, { force: true });
  }
}

/**
 * Remove the copies of versions of the index older than the current one, their lock
 * files and temporary files left by killed runs, once the current version is old
 * enough that no run can still be about to use them.
 */
function removeOldCopies(dir: string, current: string, currentTime: bigint): void {
  const now = BigInt(Date.now()) * 1_000_000n;
  if (now - currentTime < BigInt(TRUSTED_FOR_MS) * 1_000_000n) return;
  for (const name of readdirSync(dir)) {
    if (name === current || name === `${current}.lock`) continue;
    const time = copyTime(name);
    // A copy of a newer index than this run saw is another run's, made since.
    if (time !== null ? time < currentTime : name.endsWith('.tmp') && Date.now() - lstatSync(join(dir, name)).ctimeMs > TRUSTED_FOR_MS) {
      rmSync(join(dir, name), { force: true });
    }
  }
}

/**
 * True for an index git can use as a private copy: versions 2–4, whole, and with no
 * extension git must understand to read it (`link`, a split index whose entries are in
 * `.git/sharedindex.*`; `sdir`, a sparse index), whether objects are SHA-1 or SHA-256.
 */
export function copiable(data: Buffer): boolean {
  return [20, 32].some((hashLength) => extensionsOf(data, hashLength)?.every((signature) => !/^[a-z]/.test(signature)) === true);
}

/** The index's extension signatures, or null when `data` is no index with hashes of this length. */
function extensionsOf(data: Buffer, hashLength: number): string[] | null {
  const end = data.length - hashLength;
  if (end < 12 || data.toString('latin1', 0, 4) !== 'DIRC') return null;
  const version = data.readUInt32BE(4);
  if (version < 2 || version > 4) return null;
  const count = data.readUInt32BE(8);
  let at = 12;
  for (let i = 0; i < count; i++) {
    // ctime, mtime, dev, ino, mode, uid, gid, size (40 bytes), object id, flags.
    const flagsAt = at + 40 + hashLength;
    if (flagsAt + 2 > end) return null;
    let name = flagsAt + 2;
    if (data.readUInt16BE(flagsAt) & 0x4000) {
      if (version < 3) return null;
      name += 2;
    }
    if (version === 4) {
      // The length of the previous path to keep, as a varint, then the rest of the path.
      while (name < end && data[name]! & 0x80) name++;
      const nul = data.indexOf(0, name + 1);
      if (nul === -1 || nul >= end) return null;
      at = nul + 1;
    } else {
      // Padded with 1–8 NULs to a multiple of 8 bytes.
      const nul = data.indexOf(0, name);
      if (nul === -1 || nul >= end) return null;
      at += (nul - at + 8) & ~7;
    }
  }
  const signatures: string[] = [];
  while (at + 8 <= end) {
    signatures.push(data.toString('latin1', at, at + 4));
    at += 8 + data.readUInt32BE(at + 4);
  }
  return at === end ? signatures : null;
}

let gitIsRecent: boolean | undefined;

/** Whether the git on the PATH is new enough; asked when a copy is made, once per process. */
function recentGit(): boolean {
  return (gitIsRecent ??= askGitVersion());
}

function askGitVersion(): boolean {
  try {
    const version = /(\d+)\.(\d+)/.exec(execFileSync('git', ['version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    if (!version) return false;
    const [major, minor] = [Number(version[1]), Number(version[2])];
    return major > MIN_GIT[0]! || (major === MIN_GIT[0] && minor >= MIN_GIT[1]!);
  } catch {
    return false;
  }
}
