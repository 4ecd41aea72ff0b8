/**
 * `status` output cached whole, so that a second `status` with nothing changed costs
 * one `git status` and one file read — no module beyond Node's own is loaded, and the
 * stored bytes go to stdout as they are.
 *
 * The key holds everything the output is computed from: HEAD (which fixes every
 * committed file and the history), each uncommitted path with the Git blob id of its
 * working-tree content (`git status` lists them: modified, staged, deleted, untracked),
 * the config text, the tool (its files' stamp: code and strings), the day (days behind
 * count from the start of the UTC day), the output mode and view options, the requested
 * language and colours. Change any of them and the key changes: the cache cannot answer
 * with stale output.
 */
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, readlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { onStatusIndex } from '../git/status-index.js';
import { workTreeOf } from './work-tree.js';

export interface OutputKeyInput {
  /** `--root` or the working directory. */
  dir: string;
  mode: 'json' | 'human';
  /** `--lang` or the environment's locale, as given. */
  lang: string | undefined;
  color: boolean;
  /**
   * The view options besides the mode (filters, `--all`, `--sections`, absolute paths),
   * normalised; '' for the plain view. A view other than the plain one has a slot of its own.
   */
  view?: string;
}

export interface OutputKey {
  gitDir: string;
  key: string;
  /** The cache slot: one per mode for the plain view, one more per mode for the last filtered view. */
  slot: string;
  /** The work tree's top folder. */
  root: string;
  /** HEAD's commit. */
  head: string;
  /**
   * Every path `git status` listed as uncommitted (modified, staged, deleted, untracked),
   * relative to `root`: a command that starts from this key reads the working tree from it.
   */
  uncommitted: string[];
}

function git(dir: string, args: string[], env: Record<string, string> = {}): Promise<Buffer | null> {
  return new Promise((done) => {
    const child = spawn('git', ['-C', dir, ...args], { env: { ...process.env, LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0', ...env }, stdio: ['ignore', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', () => done(null));
    child.on('close', (code) => done(code === 0 ? Buffer.concat(chunks) : null));
  });
}

/**
 * The key the first `outputKey` of this process computed for `input` (the cached path's,
 * before the tool loaded), handed out once; undefined when none was. A command that took
 * its key before reading anything may start from it instead of asking git again.
 */
export function keyTakenAtStart(input: OutputKeyInput): OutputKey | null | undefined {
  const taken = atStart;
  atStart = undefined;
  return taken && sameInput(taken.input, input) ? taken.key : undefined;
}

let atStart: { input: OutputKeyInput; key: OutputKey | null } | undefined;
let keysTaken = 0;

function sameInput(a: OutputKeyInput, b: OutputKeyInput): boolean {
  return resolve(a.dir) === resolve(b.dir) && a.mode === b.mode && a.lang === b.lang && a.color === b.color && (a.view ?? '') === (b.view ?? '');
}

/** The key of the current state, or null when it cannot be computed cheaply (not a repository, no config, no commit). */
export async function outputKey(input: OutputKeyInput): Promise<OutputKey | null> {
  return (await keyAndStored(input, false)).key;
}

/**
 * The output stored for the current state of `input`, or null when there is none (or
 * the key cannot be had cheaply): what the cached path prints. The stored file is read
 * while git works; its header names the key it was written for, so a copy read before
 * the key is known is exactly as trustworthy as one read after.
 */
export async function cachedOutput(input: OutputKeyInput): Promise<CachedOutput | null> {
  const { key, early } = await keyAndStored(input, true);
  if (!key) return null;
  const output = storedOutput(key, early?.gitDir === key.gitDir ? early.data : readStored(key));
  // A tool list searched for again (the run that stored the output came right after a
  // build, when the list could not be trusted yet) is kept now, or every answer searches.
  if (output) (await import('./tool-version.js')).keepToolFiles();
  return output;
}

async function keyAndStored(input: OutputKeyInput, readEarly: boolean): Promise<{ key: OutputKey | null; early: Stored | null }> {
  const first = keysTaken++ === 0;
  const taken = await outputKeyNow(input, readEarly);
  if (first) atStart = { input: { dir: input.dir, mode: input.mode, lang: input.lang, color: input.color, view: input.view ?? '' }, key: taken.key };
  return taken;
}

/** A cache file as read (null: none), with the `.git` folder it was read from. */
interface Stored {
  gitDir: string;
  data: Buffer | null;
}

/** The modules only a key needs, loaded while `git status` runs rather than before it starts. */
function keyModules() {
  return Promise.all([import('node:crypto'), import('./tool-version.js')]);
}

const STATUS_ARGS = ['status', '--porcelain=v2', '--branch', '--no-ahead-behind', '-z', '--untracked-files=all', '--no-renames'];

async function outputKeyNow(input: OutputKeyInput, readEarly: boolean): Promise<{ key: OutputKey | null; early: Stored | null }> {
  const none = { key: null, early: null };
  const dir = resolve(input.dir);
  // git is started first: everything else here (the other modules, the work tree, the
  // tool's stamp, the stored output) is done while it works, and on a warm run it is
  // the longest part. `git status --branch` names HEAD's commit too; how far the branch
  // is from its upstream is no input (a branch 20,000 commits behind took git 0.2–0.3 s to count).
  // Where the work tree can be told from the files (work-tree.ts), git runs with the
  // untracked cache on a private copy of the index (status-index.ts).
  const local = workTreeOf(dir);
  const statusAnswer = onStatusIndex(local, (args, env) => git(dir, [...args, ...STATUS_ARGS], env));
  const [{ createHash }, { toolStamp }] = await keyModules();
  // Where it cannot, `git rev-parse` is asked, beside git status.
  const answers = Promise.all([local ? null : git(dir, ['rev-parse', '--path-format=absolute', '--show-toplevel', '--git-common-dir']), statusAnswer]);
  const localTool = local ? toolStamp(join(local.gitDir, 'i18n-drift', 'cache')) : null;
  const slot = (input.view ?? '') === '' ? input.mode : `${input.mode}-filtered`;
  const early = readEarly && local ? { gitDir: local.gitDir, data: readStored({ gitDir: local.gitDir, slot }) } : null;
  const [info, status] = await answers;
  const [root, gitDir] = local ? [local.root, local.gitDir] : (info?.toString('utf8').trim().split('\n') ?? []);
  if (!root || !gitDir || !status) return none;
  // A write a killed command left in its journal is the full command's to complete first.
  if (existsSync(join(gitDir, 'i18n-drift', 'journal'))) return none;
  const records = statusRecords(status.toString('utf8'));
  if (!records || !records.head) return none;
  const tool = localTool ?? toolStamp(join(gitDir, 'i18n-drift', 'cache'));
  const configFile = join(root, '.github', 'i18n-drift.yml');
  // Anything but a plain file (a folder, a link) is the full command's to refuse.
  if (!isPlainFile(configFile)) return none;
  const hash = createHash('sha256');
  hash.update(`status-output 3\n${input.mode}\n${input.view ?? ''}\n${input.lang ?? ''}\n${input.color}\n${tool}\n${records.head}\n${new Date().toISOString().slice(0, 10)}\n`);
  hash.update(readFileSync(configFile));
  for (const { record, path: relative } of records.entries) {
    const path = join(root, relative);
    let oid = 'deleted';
    try {
      // Never followed nor opened unless a plain file (a link to /dev/zero, a FIFO would
      // hang); one too large to be a document is known by its size and time.
      const stat = lstatSync(path);
      if (stat.isSymbolicLink()) oid = `link:${readlinkSync(path)}`;
      else if (!stat.isFile()) oid = 'special';
      else if (stat.size > 2 * 1024 * 1024) oid = `large:${stat.size}:${stat.mtimeMs}`;
      else {
        const content = readFileSync(path);
        oid = createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
      }
    } catch {
      // deleted: the path alone is the state
    }
    hash.update(`\n${record}\0${oid}`);
  }
  return { key: { gitDir, key: hash.digest('hex'), slot, root, head: records.head, uncommitted: records.paths }, early };
}

/** Fields before the path in each kind of `git status --porcelain=v2` record (changed, unmerged, untracked). */
const FIELDS_BEFORE_PATH: Record<string, number> = { '1': 8, u: 10, '?': 1 };

/**
 * HEAD's commit (null before the first commit), each uncommitted path with its whole
 * record, sorted, and the paths in the order `--porcelain=v1` lists them (changes,
 * unmerged ones included, by path, then untracked files); null for a record of a kind
 * not expected here (a rename).
 */
export function statusRecords(output: string): { head: string | null; entries: { record: string; path: string }[]; paths: string[] } | null {
  let head: string | null = null;
  const entries: { record: string; path: string }[] = [];
  for (const record of output.split('\0')) {
    if (record === '') continue;
    if (record.startsWith('# ')) {
      if (record.startsWith('# branch.oid ')) head = /^[0-9a-f]{40,64}$/.test(record.slice(13)) ? record.slice(13) : null;
      continue;
    }
    const fields = FIELDS_BEFORE_PATH[record[0]!];
    if (fields === undefined) return null;
    let at = 0;
    for (let i = 0; i < fields && at !== -1; i++) at = record.indexOf(' ', at) + 1 || -1;
    if (at === -1 || at >= record.length) return null;
    entries.push({ record, path: record.slice(at) });
  }
  // v2 lists unmerged paths after the other changes; v1 (and git's own list) sorts them
  // together, byte by byte. Untracked files come last in both, already in order.
  const changed = entries.filter(({ record }) => record[0] !== '?').map(({ path }) => path);
  changed.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const paths = [...changed, ...entries.filter(({ record }) => record[0] === '?').map(({ path }) => path)];
  entries.sort((a, b) => (a.record < b.record ? -1 : a.record > b.record ? 1 : 0));
  return { head, entries, paths };
}

function isPlainFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}

function file(key: Pick<OutputKey, 'gitDir' | 'slot'>): string {
  return join(key.gitDir, 'i18n-drift', 'cache', `status-output-${key.slot}.txt`);
}

/** What a `status` run printed (UTF-8), and how it ended. */
export interface CachedOutput {
  stdout: Uint8Array;
  stderr: Uint8Array;
  code: number;
}

const NEWLINE = 0x0a;

/** The bytes of a slot's cache file, or null when there is none. */
function readStored(key: Pick<OutputKey, 'gitDir' | 'slot'>): Buffer | null {
  try {
    return readFileSync(file(key));
  } catch {
    return null;
  }
}

/**
 * The output in a cache file's bytes when it was stored for this key, else null (another
 * key, a truncated or malformed file). Bytes, never decoded: they are written to stdout as they are.
 */
export function storedOutput(key: Pick<OutputKey, 'key'>, data: Buffer | null): CachedOutput | null {
  if (data === null) return null;
  // `<key>\n<exit code> <stderr bytes> <stdout bytes>\n<stderr><stdout>`
  const keyEnd = data.indexOf(NEWLINE);
  if (keyEnd !== key.key.length || data.toString('latin1', 0, keyEnd) !== key.key) return null;
  const headEnd = data.indexOf(NEWLINE, keyEnd + 1);
  if (headEnd === -1) return null;
  const head = /^(\d+) (\d+) (\d+)$/.exec(data.toString('latin1', keyEnd + 1, headEnd));
  if (!head) return null;
  const stderrEnd = headEnd + 1 + Number(head[2]);
  // The exact length: a file cut short (or with anything appended) is not trusted.
  if (stderrEnd + Number(head[3]) !== data.length) return null;
  return { code: Number(head[1]), stderr: data.subarray(headEnd + 1, stderrEnd), stdout: data.subarray(stderrEnd) };
}

/** Store a run's output under its key (temporary file, then rename: never half-written). */
export async function writeOutput(key: OutputKey, output: { stdout: string; stderr: string; code: number }): Promise<void> {
  const [{ writeFileAtomic }, { keepToolFiles }] = await Promise.all([import('../fs/atomic-write.js'), import('./tool-version.js')]);
  keepToolFiles();
  const stdout = Buffer.from(output.stdout, 'utf8');
  const stderr = Buffer.from(output.stderr, 'utf8');
  writeFileAtomic(file(key), Buffer.concat([Buffer.from(`${key.key}\n${output.code} ${stderr.length} ${stdout.length}\n`, 'latin1'), stderr, stdout]));
}
