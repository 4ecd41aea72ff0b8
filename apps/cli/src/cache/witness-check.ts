/**
 * The state of a repository checked without running git: a witness, taken by a `status`
 * run that computed its output (witness-take.ts), lists everything `git rev-parse` and
 * `git status` would look at — HEAD, the index, every tracked file, every folder
 * untracked files could appear in, every ignore, attribute and config file git reads —
 * with what each was then. When each is still exactly as recorded, `git status` would
 * still say what it said then, so the status key is the one recorded and its stored
 * output can be served; when anything differs, or cannot be checked, the caller asks git.
 *
 * A file is known by its inode, size, mode, and modification and change times. A write
 * gives a file a new change time, which no program can set back, so a file whose change
 * time was well before the witness was taken and is the same now has not been written
 * since. One changed within RACY_MS of it may be written again within the same clock
 * tick (same size, same times: the racy-git case): it is known by its content instead,
 * and a folder by its entries. Node built-ins only (crypto loaded only for such files).
 */
import { closeSync, fstatSync, lstatSync, openSync, readdirSync, readFileSync, readSync, realpathSync, type Stats } from 'node:fs';
import { dirname, join } from 'node:path';

/** Files and folders changed this close (ms) to when they were looked at are checked by content. */
export const RACY_MS = 3000;
export const WITNESS_VERSION = 'i18n-drift witness 1';

/** What `takeWitness` stores (JSON). Paths relative to `root`, except `texts` (absolute). */
export interface WitnessData {
  version: string;
  root: string;
  gitDir: string;
  uid: number;
  /** The environment values that decide which config files git reads. */
  env: string;
  head: string;
  /** The index's trailing checksum (hex). */
  index: string;
  /** What outputKey computed from `git status`, HEAD and the config for this state. */
  stateDigest: string;
  /** Config, ignore and attribute files outside the work tree: their text, or null when absent. */
  texts: [path: string, text: string | null][];
  /** Files: path and signature, plus the content's SHA-256 when racy. */
  files: Item[];
  /** Folders: path and signature, plus their entries when racy. */
  dirs: Item[];
}

/**
 * A path and what it was: inode, size, mode, modification and change times (ms), and for
 * a racy one what `racyPart` gave; `[path, -1]` for a path that did not exist. Numbers,
 * not one string, because comparing them is what a warm `status` spends its time on.
 */
export type Item = [path: string, ino: number, size?: number, mode?: number, mtimeMs?: number, ctimeMs?: number, racy?: string];

export function witnessFile(gitDir: string): string {
  return join(gitDir, 'i18n-drift', 'cache', 'status-witness.json');
}

/** GIT_* variables about the network, identities and editors: nothing `git status` reads. */
const UNRELATED_GIT_VARIABLE = /^GIT_(SSL_|HTTP_|CURL_|PROXY_|SSH|ASKPASS$|TERMINAL_PROMPT$|PAGER$|EDITOR$|SEQUENCE_EDITOR$|AUTHOR_|COMMITTER_|MERGE_)/;

/**
 * The environment that decides how git finds the repository and which config it reads:
 * any other GIT_* variable (GIT_DIR, GIT_INDEX_FILE, GIT_CONFIG_*…) makes the witness
 * unusable (null); HOME, XDG_CONFIG_HOME and the unrelated GIT_* ones are recorded.
 */
export function gitEnvironment(env: NodeJS.ProcessEnv = process.env): string | null {
  const names = Object.keys(env).filter((name) => name.startsWith('GIT_')).sort();
  if (names.some((name) => !UNRELATED_GIT_VARIABLE.test(name))) return null;
  return JSON.stringify([env['HOME'] ?? null, env['XDG_CONFIG_HOME'] ?? null, ...names.map((name) => `${name}=${env[name]}`)]);
}

/** What `path` is now, as the witness stores it (without the racy part). */
export function itemOf(path: string, stat: Stats | undefined): Item {
  return stat ? [path, stat.ino, stat.size, stat.mode, stat.mtimeMs, stat.ctimeMs] : [path, -1];
}

function matches(item: Item, stat: Stats | undefined): boolean {
  if (!stat) return item[1] === -1;
  return stat.ino === item[1] && stat.size === item[2] && stat.mode === item[3] && stat.mtimeMs === item[4] && stat.ctimeMs === item[5];
}

/** True when a change of `stat` at or after `since` could leave its signature unchanged. */
export function isRacy(stat: Stats | undefined, since: number): boolean {
  return stat !== undefined && (stat.ctimeMs >= since - RACY_MS || stat.mtimeMs >= since - RACY_MS);
}

let sha256: ((data: Buffer | string) => string) | null = null;

async function contentHash(data: Buffer | string): Promise<string> {
  if (!sha256) {
    const { createHash } = await import('node:crypto');
    sha256 = (d) => createHash('sha256').update(d).digest('hex');
  }
  return sha256(data);
}

/** A racy file's content hash, or a racy folder's entries, as stored after '#'. */
export async function racyPart(abs: string, stat: Stats): Promise<string> {
  if (stat.isDirectory()) return readdirSync(abs).sort().join('/');
  if (stat.isFile()) return contentHash(readFileSync(abs));
  return '';
}

/** The index's trailing checksum; null when there is none to trust (no index, `index.skipHash`). */
export function indexChecksum(gitDir: string): string | null {
  let fd: number;
  try {
    fd = openSync(join(gitDir, 'index'), 'r');
  } catch {
    return null;
  }
  try {
    const { size } = fstatSync(fd);
    if (size < 32) return null;
    const tail = Buffer.alloc(20);
    if (readSync(fd, tail, 0, 20, size - 20) !== 20) return null;
    const hex = tail.toString('hex');
    return /^0+$/.test(hex) ? null : `${size}:${hex}`;
  } finally {
    closeSync(fd);
  }
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

const OBJECT_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/**
 * HEAD's commit read from the files git keeps it in (`HEAD`, a loose ref, `packed-refs`);
 * null for anything else (unborn branch, reftable, a symbolic ref chain too long).
 */
export function resolveHead(gitDir: string): string | null {
  let value = readText(join(gitDir, 'HEAD'))?.trim();
  for (let depth = 0; depth < 5 && value !== undefined; depth++) {
    if (OBJECT_ID.test(value)) return value;
    if (!value.startsWith('ref: refs/')) return null;
    const name = value.slice(5);
    if (name.split('/').some((part) => part === '..' || part === '.' || part === '')) return null;
    const loose = readText(join(gitDir, name));
    if (loose !== null) {
      value = loose.trim();
      continue;
    }
    const packed = readText(join(gitDir, 'packed-refs'));
    const line = packed?.split('\n').find((l) => l.endsWith(` ${name}`) && !l.startsWith('#') && !l.startsWith('^'));
    value = line?.slice(0, line.indexOf(' '));
  }
  return null;
}

/**
 * The work tree holding `dir` found as git finds it (the nearest folder up with a `.git`
 * folder, never across a file system boundary); null when it is not such a plain
 * repository (a `.git` file: a linked work tree or a submodule).
 */
export function findRoot(dir: string): string | null {
  let device: number | undefined;
  // As git does: from the real path, so that the root is the one `--show-toplevel` names.
  for (let current = realpathSync.native(dir); ; current = dirname(current)) {
    const stat = lstatSync(current, { throwIfNoEntry: false });
    if (!stat) return null;
    if (device !== undefined && stat.dev !== device) return null;
    device = stat.dev;
    const dotGit = lstatSync(join(current, '.git'), { throwIfNoEntry: false });
    if (dotGit) return dotGit.isDirectory() ? current : null;
    if (dirname(current) === current) return null;
  }
}

/**
 * The stored state digest when the repository holding `dir` is exactly as its witness
 * recorded; null when anything differs or cannot be checked (the caller then asks git).
 */
export async function witnessedState(dir: string): Promise<{ stateDigest: string; gitDir: string; root: string } | null> {
  try {
    const env = gitEnvironment();
    if (env === null) return null;
    const root = findRoot(dir);
    if (root === null) return null;
    const gitDir = join(root, '.git');
    const data = JSON.parse(readFileSync(witnessFile(gitDir), 'utf8')) as WitnessData;
    return (await witnessHolds(data, root, gitDir, env)) ? { stateDigest: data.stateDigest, gitDir, root } : null;
  } catch {
    return null;
  }
}

async function witnessHolds(data: WitnessData, root: string, gitDir: string, env: string): Promise<boolean> {
  if (data.version !== WITNESS_VERSION || data.root !== root || data.gitDir !== gitDir || data.env !== env) return false;
  // git refuses a repository another user owns (safe.directory): that is the full command's to say.
  if (data.uid !== process.getuid?.() || lstatSync(gitDir).uid !== data.uid || lstatSync(root).uid !== data.uid) return false;
  if (lstatSync(join(gitDir, 'i18n-drift', 'journal'), { throwIfNoEntry: false })) return false;
  if (indexChecksum(gitDir) !== data.index || resolveHead(gitDir) !== data.head) return false;
  for (const [path, text] of data.texts) if (readText(path) !== text) return false;
  // Paths from git and readdir are already normal: joined by hand, not by path.join.
  const prefix = `${root}/`;
  for (const items of [data.dirs, data.files]) {
    for (const item of items) {
      const abs = item[0] === '' ? root : prefix + item[0];
      const stat = lstatSync(abs, { throwIfNoEntry: false });
      if (!matches(item, stat)) return false;
      if (item[6] !== undefined && (await racyPart(abs, stat!)) !== item[6]) return false;
    }
  }
  return true;
}
