/**
 * `status` output cached whole, so that a second `status` with nothing changed costs
 * two git calls (run side by side) and one file read — no module beyond Node's own is
 * loaded, and the stored bytes go to stdout as they are.
 *
 * The key holds everything the output is computed from: HEAD (which fixes every
 * committed file and the history), each uncommitted path with the Git blob id of its
 * working-tree content (`git status` lists them: modified, staged, deleted, untracked),
 * the config text, the tool (its files' stamp: code and strings), the day (days behind
 * count from the start of the UTC day), the output mode and view options, the requested
 * language and colours. Change any of them and the key changes: the cache cannot answer
 * with stale output.
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readFileSync, readlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { toolStamp } from './tool-version.js';

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
  /** The top of the work tree. */
  root: string;
  gitDir: string;
  key: string;
  /** HEAD's commit. */
  head: string;
  /** The part of the key that describes the repository (HEAD, config, uncommitted files): what a witness stands for. */
  stateDigest: string;
  /** The cache slot: one per mode for the plain view, one more per mode for the last filtered view. */
  slot: string;
}

async function git(dir: string, args: string[]): Promise<Buffer | null> {
  // Loaded here: the warm path that a witness answers starts no process.
  const { spawn } = await import('node:child_process');
  return new Promise((done) => {
    const child = spawn('git', ['-C', dir, ...args], { env: { ...process.env, LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0' }, stdio: ['ignore', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', () => done(null));
    child.on('close', (code) => done(code === 0 ? Buffer.concat(chunks) : null));
  });
}

/** The key of the current state, or null when it cannot be computed cheaply (not a repository, no config, no commit). */
export async function outputKey(input: OutputKeyInput): Promise<OutputKey | null> {
  const dir = resolve(input.dir);
  // Porcelain paths are relative to the top of the working tree wherever git runs, so
  // both questions go out at once.
  const answers = Promise.all([
    git(dir, ['rev-parse', '--path-format=absolute', '--show-toplevel', '--git-common-dir', '--verify', '-q', 'HEAD']),
    git(dir, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames']),
  ]);
  const [info, status] = await answers;
  if (!info || !status) return null;
  const [root, gitDir, head] = info.toString('utf8').trim().split('\n');
  if (!root || !gitDir || !head) return null;
  // A write a killed command left in its journal is the full command's to complete first.
  if (existsSync(join(gitDir, 'i18n-drift', 'journal'))) return null;
  const tool = toolStamp(join(gitDir, 'i18n-drift', 'cache'));
  const configFile = join(root, '.github', 'i18n-drift.yml');
  // Anything but a plain file (a folder, a link) is the full command's to refuse.
  if (!isPlainFile(configFile)) return null;
  const hash = createHash('sha256');
  hash.update(`${head}\n`);
  hash.update(readFileSync(configFile));
  for (const entry of status.toString('utf8').split('\0').filter((e) => e.length > 3).sort()) {
    const path = join(root, entry.slice(3));
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
    hash.update(`\n${entry}\0${oid}`);
  }
  const stateDigest = hash.digest('hex');
  return { root, gitDir, head, stateDigest, ...keyOf(input, tool, stateDigest) };
}

/**
 * The key of a request (`input`) on the repository state `stateDigest` stands for, with
 * the tool `tool`: what the git-free path (a witness that holds) computes too.
 */
export function keyOf(input: OutputKeyInput, tool: string, stateDigest: string): { key: string; slot: string } {
  const view = input.view ?? '';
  const key = createHash('sha256')
    .update(`status-output 3\n${input.mode}\n${view}\n${input.lang ?? ''}\n${input.color}\n${tool}\n${new Date().toISOString().slice(0, 10)}\n${stateDigest}\n`)
    .digest('hex');
  return { key, slot: view === '' ? input.mode : `${input.mode}-filtered` };
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

/**
 * The cached output for this key, or null (no file, another key, a truncated or
 * malformed file). Bytes, never decoded: they are written to stdout as they are.
 */
export function readOutput(key: Pick<OutputKey, 'gitDir' | 'key' | 'slot'>): CachedOutput | null {
  try {
    // `<key>\n<exit code> <stderr bytes> <stdout bytes>\n<stderr><stdout>`
    const data = readFileSync(file(key));
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
  } catch {
    return null;
  }
}

/** Store a run's output under its key (temporary file, then rename: never half-written). */
export function writeOutput(key: OutputKey, output: { stdout: string; stderr: string; code: number }): void {
  const stdout = Buffer.from(output.stdout, 'utf8');
  const stderr = Buffer.from(output.stderr, 'utf8');
  writeFileAtomic(file(key), Buffer.concat([Buffer.from(`${key.key}\n${output.code} ${stderr.length} ${stdout.length}\n`, 'latin1'), stderr, stdout]));
}
