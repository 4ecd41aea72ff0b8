/**
 * `status` output cached whole, so that a second `status` with nothing changed costs
 * two git calls and one file read — no module beyond Node's own is loaded.
 *
 * The key holds everything the output is computed from: HEAD (which fixes every
 * committed file and the history), each uncommitted path with the Git blob id of its
 * working-tree content (`git status` lists them: modified, added, deleted, untracked),
 * the config text, the tool version (code and strings), the day (days behind count
 * from the start of the UTC day), the output mode, the requested language and colours.
 * Change any of them and the key changes: the cache cannot answer with stale output.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readFileSync, readlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { toolVersion } from './tool-version.js';

export interface OutputKeyInput {
  /** `--root` or the working directory. */
  dir: string;
  mode: 'json' | 'human';
  /** `--lang` or the environment's locale, as given. */
  lang: string | undefined;
  color: boolean;
}

export interface OutputKey {
  gitDir: string;
  key: string;
}

function git(dir: string, args: string[]): string | null {
  const r = spawnSync('git', ['-C', dir, ...args], { encoding: 'buffer', env: { ...process.env, LC_ALL: 'C' }, maxBuffer: 1 << 30 });
  return r.status === 0 ? r.stdout.toString('utf8') : null;
}

/** The key of the current state, or null when it cannot be computed cheaply (not a repository, no config, no commit). */
export function outputKey(input: OutputKeyInput): OutputKey | null {
  const info = git(resolve(input.dir), ['rev-parse', '--path-format=absolute', '--show-toplevel', '--git-common-dir', '--verify', '-q', 'HEAD']);
  if (!info) return null;
  const [root, gitDir, head] = info.trim().split('\n');
  if (!root || !gitDir || !head) return null;
  // A write a killed command left in its journal is the full command's to complete first.
  if (existsSync(join(gitDir, 'i18n-drift', 'journal'))) return null;
  const configFile = join(root, '.github', 'i18n-drift.yml');
  // Anything but a plain file (a folder, a link) is the full command's to refuse.
  if (!isPlainFile(configFile)) return null;
  const status = git(root, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames']);
  if (status === null) return null;
  const hash = createHash('sha256');
  hash.update(`status-output\n${input.mode}\n${input.lang ?? ''}\n${input.color}\n${toolVersion()}\n${head}\n${new Date().toISOString().slice(0, 10)}\n`);
  hash.update(readFileSync(configFile));
  for (const entry of status.split('\0').filter((e) => e.length > 3).sort()) {
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
  return { gitDir, key: hash.digest('hex') };
}

function isPlainFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}

function file(key: OutputKey, mode: string): string {
  return join(key.gitDir, 'i18n-drift', 'cache', `status-output-${mode}.txt`);
}

/** What a `status` run printed, and how it ended. */
export interface CachedOutput {
  stdout: string;
  stderr: string;
  code: number;
}

/** The cached output for this key, or null. */
export function readOutput(key: OutputKey, mode: string): CachedOutput | null {
  try {
    const text = readFileSync(file(key, mode), 'utf8');
    // `<key>\n<exit code> <stderr length>\n<stderr><stdout>`
    const keyEnd = text.indexOf('\n');
    if (keyEnd <= 0 || text.slice(0, keyEnd) !== key.key) return null;
    const headEnd = text.indexOf('\n', keyEnd + 1);
    const head = /^(\d+) (\d+)$/.exec(text.slice(keyEnd + 1, headEnd));
    if (headEnd === -1 || !head) return null;
    const stderrEnd = headEnd + 1 + Number(head[2]);
    if (stderrEnd > text.length) return null;
    return { code: Number(head[1]), stderr: text.slice(headEnd + 1, stderrEnd), stdout: text.slice(stderrEnd) };
  } catch {
    return null;
  }
}

export function writeOutput(key: OutputKey, mode: string, output: CachedOutput): void {
  writeFileAtomic(file(key, mode), `${key.key}\n${output.code} ${output.stderr.length}\n${output.stderr}${output.stdout}`);
}
