import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { itemOf, resolveHead, witnessedState, witnessFile, type WitnessData } from './witness-check.js';
import { planWitness, witnessPass, writeWitness } from './witness-take.js';

function repo(): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'i18n-drift-witness-')));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  git(dir, 'init', '-q', '-b', 'main');
  mkdirSync(join(dir, 'docs'));
  writeFileSync(join(dir, 'docs/fr.md'), '# Titre\n');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'one');
  return dir;
}

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, '-c', 'user.name=T', '-c', 'user.email=t@example.org', '-c', 'commit.gpgsign=false', ...args], { encoding: 'utf8' }).trim();
}

async function witnessed(dir: string): Promise<WitnessData> {
  const plan = await planWitness(dir);
  expect(plan).not.toBeNull();
  const witness = await witnessPass(plan!);
  expect(witness).not.toBeNull();
  writeWitness(witness!, 'digest');
  return JSON.parse(readFileSync(witnessFile(join(dir, '.git')), 'utf8')) as WitnessData;
}

describe('resolveHead', () => {
  it('reads HEAD through a loose ref, packed-refs and a detached HEAD, as git does', () => {
    const dir = repo();
    const gitDir = join(dir, '.git');
    expect(resolveHead(gitDir)).toBe(git(dir, 'rev-parse', 'HEAD'));
    git(dir, 'pack-refs', '--all');
    expect(resolveHead(gitDir)).toBe(git(dir, 'rev-parse', 'HEAD'));
    writeFileSync(join(dir, 'docs/fr.md'), '# Titre 2\n');
    git(dir, 'commit', '-q', '-am', 'two');
    expect(resolveHead(gitDir)).toBe(git(dir, 'rev-parse', 'HEAD'));
    git(dir, 'checkout', '-q', '--detach', 'HEAD~1');
    expect(resolveHead(gitDir)).toBe(git(dir, 'rev-parse', 'HEAD'));
    // An unborn branch has no commit: nothing to witness.
    git(dir, 'checkout', '-q', '--orphan', 'empty');
    expect(resolveHead(gitDir)).toBeNull();
  });
});

describe('the witness', () => {
  it('holds for an unchanged repository, and records the state digest it was written with', async () => {
    const dir = repo();
    await witnessed(dir);
    expect(await witnessedState(join(dir, 'docs'))).toEqual({ stateDigest: 'digest', gitDir: join(dir, '.git'), root: dir });
  });

  it('checks a file changed just before it was taken by content: a rewrite within the same clock tick is still seen', async () => {
    const dir = repo();
    // Written just now: racy, so its content hash is kept beside its stat (and the
    // folder's entries beside its own).
    writeFileSync(join(dir, 'docs/fr.md'), '# Titre A\n');
    writeFileSync(join(dir, 'docs/notes.txt'), '');
    const data = await witnessed(dir);
    const item = data.files.find(([path]) => path === 'docs/fr.md')!;
    expect(item[6]).toMatch(/^[0-9a-f]{64}$/);
    expect(await witnessedState(dir)).not.toBeNull();
    // Same size, rewritten; the stored stat is made equal to the new one, as a write in
    // the same clock tick would leave it: only the content tells.
    writeFileSync(join(dir, 'docs/fr.md'), '# Titre B\n');
    const now = itemOf('docs/fr.md', lstatSync(join(dir, 'docs/fr.md')));
    now[6] = item[6];
    data.files = data.files.map((entry) => (entry[0] === 'docs/fr.md' ? now : entry));
    writeFileSync(witnessFile(join(dir, '.git')), JSON.stringify(data));
    expect(await witnessedState(dir)).toBeNull();
    // A folder changed just before: known by its entries.
    const folder = data.dirs.find(([path]) => path === 'docs')!;
    expect(folder[6]).toBe('fr.md/notes.txt');
  });

  it('is not taken for what it cannot describe: a submodule, a linked work tree, fsmonitor, includes', async () => {
    const dir = repo();
    git(dir, 'config', 'core.fsmonitor', 'true');
    expect(await planWitness(dir)).toBeNull();
    git(dir, 'config', '--unset', 'core.fsmonitor');
    git(dir, 'config', 'include.path', join(dir, 'elsewhere'));
    expect(await planWitness(dir)).toBeNull();
    git(dir, 'config', '--unset', 'include.path');
    expect(await planWitness(dir)).not.toBeNull();

    const worktree = join(dir, '..', `${dir.split('/').pop()}-linked`);
    onTestFinished(() => rmSync(worktree, { recursive: true, force: true }));
    git(dir, 'worktree', 'add', '-q', worktree);
    expect(await planWitness(worktree)).toBeNull();

    const sub = repo();
    git(dir, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub, 'sub');
    const plan = await planWitness(dir);
    expect(plan === null || (await witnessPass(plan)) === null).toBe(true);
  });
});
