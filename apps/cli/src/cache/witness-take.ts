/**
 * Taking the witness witness-check.ts checks: what to look at is asked of git once (the
 * tracked files, the ignored folders, the config files it reads), then every item is
 * looked at. A witness is only written for a state the status key was computed on both
 * sides of (see status.ts and fast-status.ts), and only for a repository it can describe
 * fully: a `.git` folder, no GIT_* variable, a hashed index, refs in files, no config
 * that makes git read files or ask programs the witness would not see (includes,
 * fsmonitor, a split index, a core.worktree elsewhere, extensions), no submodule.
 */
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { findRoot, gitEnvironment, indexChecksum, isRacy, itemOf, racyPart, resolveHead, WITNESS_VERSION, witnessFile, type Item, type WitnessData } from './witness-check.js';

/** What a witness looks at. */
export interface WitnessPlan {
  root: string;
  gitDir: string;
  env: string;
  uid: number;
  /** The index checksum the lists below were read from. */
  index: string;
  texts: string[];
  files: string[];
  dirs: string[];
}

/** Above this many files and folders a witness costs more than asking git. */
const MAX_ITEMS = 200_000;
/** Config texts larger than this are not worth keeping a copy of. */
const MAX_TEXT_BYTES = 1 << 20;
const REFUSED_KEYS = /^(include\.|includeif\.|core\.fsmonitor=|core\.worktree=|core\.splitindex=|index\.skiphash=|extensions\.)/;

function git(root: string, args: string[]): Promise<string | null> {
  return new Promise((done) => {
    const child = spawn('git', ['-C', root, ...args], { env: { ...process.env, LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0' }, stdio: ['ignore', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', () => done(null));
    child.on('close', (code) => done(code === 0 ? Buffer.concat(chunks).toString('utf8') : null));
  });
}

/** What to look at for the repository holding `dir`; null when a witness cannot describe it. */
export async function planWitness(dir: string): Promise<WitnessPlan | null> {
  try {
    return await plan(dir);
  } catch {
    return null;
  }
}

async function plan(dir: string): Promise<WitnessPlan | null> {
  const env = gitEnvironment();
  const uid = process.getuid?.();
  if (env === null || uid === undefined) return null;
  const root = findRoot(resolve(dir));
  if (root === null) return null;
  const gitDir = join(root, '.git');
  if (lstatSync(gitDir).uid !== uid || lstatSync(root).uid !== uid) return null;
  if (existsSync(join(gitDir, 'reftable')) || readdirSync(gitDir).some((name) => name.startsWith('sharedindex.'))) return null;
  const index = indexChecksum(gitDir);
  if (index === null || resolveHead(gitDir) === null) return null;
  const [tracked, ignored, config, execPath] = await Promise.all([
    git(root, ['ls-files', '-z', '--cached']),
    git(root, ['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory']),
    git(root, ['config', '--list', '--show-origin', '-z']),
    git(root, ['--exec-path']),
  ]);
  if (tracked === null || ignored === null || config === null || execPath === null) return null;
  const texts = configTexts(gitDir, config, execPath.trim());
  if (texts === null) return null;
  const files = new Set(tracked.split('\0').filter((path) => path !== ''));
  const pruned = new Set(ignored.split('\0').filter((path) => path.endsWith('/')).map((path) => path.slice(0, -1)));
  const dirs = [''];
  // Every folder untracked files could appear in: all but .git folders and ignored ones.
  for (let i = 0; i < dirs.length; i++) {
    const folder = dirs[i]!;
    for (const entry of readdirSync(join(root, folder), { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!pruned.has(path)) dirs.push(path);
      } else files.add(path);
    }
    if (dirs.length + files.size > MAX_ITEMS) return null;
  }
  return { root, gitDir, env, uid, index, texts, files: [...files], dirs };
}

/**
 * The files outside the work tree whose content decides what `git status` says: every
 * config file git read (and those it would read if created), the ignore and attribute
 * files; null when the config makes git look elsewhere too.
 */
function configTexts(gitDir: string, listing: string, execPath: string): string[] | null {
  const home = process.env['HOME'];
  const xdg = process.env['XDG_CONFIG_HOME'] || (home ? join(home, '.config') : null);
  const paths = new Set<string>([join(gitDir, 'config'), join(gitDir, 'info', 'exclude'), join(gitDir, 'info', 'attributes'), join(gitDir, 'shallow'), join(gitDir, 'info', 'grafts'), '/etc/gitconfig']);
  // git's system config sits under its install prefix: /usr/lib/git-core -> /usr/etc/gitconfig.
  paths.add(join(dirname(dirname(execPath)), 'etc', 'gitconfig'));
  if (home) paths.add(join(home, '.gitconfig'));
  let excludes: string | null | undefined = xdg ? join(xdg, 'git', 'ignore') : null;
  let attributes: string | null | undefined = xdg ? join(xdg, 'git', 'attributes') : null;
  if (xdg) paths.add(join(xdg, 'git', 'config'));
  const items = listing.split('\0');
  for (let i = 0; i + 1 < items.length; i += 2) {
    const origin = items[i]!;
    const entry = items[i + 1]!;
    if (!origin.startsWith('file:')) return null;
    paths.add(resolve(gitDir, '..', origin.slice(5)));
    const newline = entry.indexOf('\n');
    const key = (newline === -1 ? entry : entry.slice(0, newline)).toLowerCase();
    const value = newline === -1 ? '' : entry.slice(newline + 1);
    if (REFUSED_KEYS.test(`${key}=`)) {
      if (key === 'core.splitindex' && value === 'false') continue;
      return null;
    }
    if (key === 'core.excludesfile') excludes = expandHome(value, home);
    if (key === 'core.attributesfile') attributes = expandHome(value, home);
  }
  if (excludes === undefined || attributes === undefined) return null;
  if (excludes) paths.add(resolve(gitDir, '..', excludes));
  if (attributes) paths.add(resolve(gitDir, '..', attributes));
  return [...paths].sort();
}

/** `~/x` as git expands it; undefined for a form the witness does not follow (`~user/x`). */
function expandHome(value: string, home: string | undefined): string | null | undefined {
  if (value === '') return null;
  if (value.startsWith('~/')) return home ? join(home, value.slice(2)) : undefined;
  return value.startsWith('~') ? undefined : value;
}

/**
 * Look at everything the plan lists; null when the index or HEAD moved since the plan
 * was made, or something cannot be described (a submodule, a huge config file).
 */
export async function witnessPass(plan: WitnessPlan): Promise<Omit<WitnessData, 'stateDigest'> | null> {
  try {
    return await look(plan);
  } catch {
    return null;
  }
}

async function look(plan: WitnessPlan): Promise<Omit<WitnessData, 'stateDigest'> | null> {
  if (indexChecksum(plan.gitDir) !== plan.index) return null;
  const head = resolveHead(plan.gitDir);
  if (head === null) return null;
  const texts: WitnessData['texts'] = [];
  for (const path of plan.texts) {
    let text: string | null = null;
    try {
      const data = readFileSync(path);
      if (data.length > MAX_TEXT_BYTES) return null;
      text = data.toString('utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' && (e as NodeJS.ErrnoException).code !== 'ENOTDIR') return null;
    }
    texts.push([path, text]);
  }
  const since = Date.now();
  const look = async (path: string, kind: 'file' | 'dir'): Promise<Item | null> => {
    const abs = path === '' ? plan.root : join(plan.root, path);
    const stat = lstatSync(abs, { throwIfNoEntry: false });
    // A tracked folder is a submodule: git looks inside it, the witness does not.
    if (kind === 'file' && stat?.isDirectory()) return null;
    const item = itemOf(path, stat);
    if (stat && isRacy(stat, since)) item[6] = await racyPart(abs, stat);
    return item;
  };
  const dirs: Item[] = [];
  for (const path of plan.dirs) {
    const item = await look(path, 'dir');
    if (item === null) return null;
    dirs.push(item);
  }
  const files: Item[] = [];
  for (const path of plan.files) {
    const item = await look(path, 'file');
    if (item === null) return null;
    files.push(item);
  }
  // Checked again last: the lists describe this index, and nothing was staged meanwhile.
  if (indexChecksum(plan.gitDir) !== plan.index || resolveHead(plan.gitDir) !== head) return null;
  return { version: WITNESS_VERSION, root: plan.root, gitDir: plan.gitDir, uid: plan.uid, env: plan.env, head, index: plan.index, texts, files, dirs };
}

/** Store a witness of the state whose status key has `stateDigest` (temporary file, then rename). */
export function writeWitness(witness: Omit<WitnessData, 'stateDigest'>, stateDigest: string): void {
  writeFileAtomic(witnessFile(witness.gitDir), JSON.stringify({ ...witness, stateDigest } satisfies WitnessData));
}

