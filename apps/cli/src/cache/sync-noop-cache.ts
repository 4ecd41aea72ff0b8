/**
 * `sync --branch` that had nothing to do, remembered: when nothing it reads has moved
 * since (every branch head, the checked-out branch, the local pull requests under
 * `.git/i18n-drift/pulls/`, the config, the tool version, the UTC day its texts count
 * days from), it has nothing to do again, and what it printed is printed again before
 * the tool is even loaded (bin.ts; the full run walks every document: 15 s on a
 * 5,000-file corpus, apps/cli/bench). Only a run that wrote nothing is stored, and only
 * when the key taken after it equals the one taken before. Node built-ins only.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { keepToolFiles, toolStamp } from './tool-version.js';

export interface SyncOutputKeyInput {
  /** `--root` or the working directory. */
  dir: string;
  mode: 'json' | 'human';
  /** `--lang` or the environment's locale, as given. */
  lang: string | undefined;
  color: boolean;
}

export interface SyncOutputKey {
  gitDir: string;
  key: string;
}

/** What a `sync --branch` run printed, and how it ended. */
export interface SyncOutput {
  stdout: string;
  stderr: string;
  code: number;
}

/**
 * The key of everything `sync --branch` reads and of how its output is shown, or null
 * when it cannot be had cheaply (not a repository, no config file, a journal of
 * interrupted writes that the full command must complete first).
 */
export function syncOutputKey(input: SyncOutputKeyInput): SyncOutputKey | null {
  const git = (cwd: string, args: string[]) => {
    const r = spawnSync('git', ['-C', cwd, ...args], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' }, maxBuffer: 1 << 28 });
    return r.status === 0 ? r.stdout : null;
  };
  const info = git(resolve(input.dir), ['rev-parse', '--path-format=absolute', '--show-toplevel', '--git-common-dir']);
  if (!info) return null;
  const [root, gitDir] = info.trim().split('\n');
  if (!root || !gitDir || existsSync(join(gitDir, 'i18n-drift', 'journal'))) return null;
  const config = join(root, '.github', 'i18n-drift.yml');
  if (!isPlainFile(config)) return null;
  const refs = git(root, ['for-each-ref', '--format=%(objectname) %(refname)', 'refs/heads/']);
  const head = git(root, ['symbolic-ref', '-q', 'HEAD']) ?? git(root, ['rev-parse', '-q', '--verify', 'HEAD']);
  if (refs === null || head === null) return null;
  const day = new Date().toISOString().slice(0, 10);
  const hash = createHash('sha256').update(`sync-branch\n${input.mode}\n${input.lang ?? ''}\n${input.color}\n${toolStamp(join(gitDir, 'i18n-drift', 'cache'))}\n${day}\n${head}\n${refs}\n`);
  hash.update(readFileSync(config)).update('\0');
  const pulls = join(gitDir, 'i18n-drift', 'pulls');
  if (existsSync(pulls)) {
    for (const name of readdirSync(pulls).sort()) hash.update(`${name}\0`).update(readFileSync(join(pulls, name))).update('\0');
  }
  return { gitDir, key: hash.digest('hex') };
}

function file(key: SyncOutputKey, mode: string): string {
  return join(key.gitDir, 'i18n-drift', 'cache', `sync-branch-output-${mode}.json`);
}

/** The stored output for this key, or null. */
export function readSyncOutput(key: SyncOutputKey, mode: string): SyncOutput | null {
  try {
    const data = JSON.parse(readFileSync(file(key, mode), 'utf8')) as { key: string } & SyncOutput;
    if (data.key !== key.key || typeof data.stdout !== 'string' || typeof data.stderr !== 'string' || !Number.isInteger(data.code)) return null;
    return { stdout: data.stdout, stderr: data.stderr, code: data.code };
  } catch {
    return null;
  }
}

export function writeSyncOutput(key: SyncOutputKey, mode: string, output: SyncOutput): void {
  writeFileAtomic(file(key, mode), JSON.stringify({ key: key.key, ...output }));
  keepToolFiles();
}

function isPlainFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}
