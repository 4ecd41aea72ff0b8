import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { workTreeOf } from '../cache/work-tree.js';
import { copiable, STATUS_INDEX_DIR, statusIndex, type StatusIndex } from './status-index.js';

const STATUS = ['status', '--porcelain=v2', '--branch', '--no-ahead-behind', '-z', '--untracked-files=all', '--no-renames'];

function temp(): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'i18n-drift-status-index-')));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function git(dir: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync('git', ['-C', dir, '-c', 'user.name=T', '-c', 'user.email=t@example.org', '-c', 'commit.gpgsign=false', ...args], {
    encoding: 'utf8',
    env: { ...process.env, LC_ALL: 'C', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function write(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/** Every file and folder under `dir` (`.git` aside) dated `seconds` ago, as in a work tree not touched lately. */
function age(dir: string, seconds: number): void {
  const then = Date.now() / 1000 - seconds;
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      if (entry.isDirectory()) walk(join(path, entry.name));
      utimesSync(join(path, entry.name), then, then);
    }
  };
  walk(dir);
  utimesSync(dir, then, then);
}

function repo(): string {
  const dir = temp();
  git(dir, ['init', '-q', '-b', 'main']);
  write(dir, {
    '.gitignore': 'build/\n*.log\n',
    'docs/a/en.md': '# A\n',
    'docs/a/fr.md': '# A fr\n',
    'docs/b/en.md': '# B\n',
    'docs/c/en.md': '# C\n',
    'docs/deep/er/en.md': '# Deep\n',
    'README.md': 'hello\n',
  });
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'one']);
  return dir;
}

/** git status through the private copy (its answer trusted), and through the real index, with nothing else different. */
function bothWays(dir: string): { copied: string; real: string; index: StatusIndex } {
  const index = statusIndex(workTreeOf(dir));
  expect(index).not.toBeNull();
  const copied = git(dir, [...index!.args, ...STATUS], index!.env);
  expect(index!.trust(true)).toBe(true);
  // GIT_OPTIONAL_LOCKS=0: the real index stays as it is, so the next step still compares with the same one.
  const real = git(dir, STATUS, { GIT_OPTIONAL_LOCKS: '0' });
  return { copied, real, index: index! };
}

const extensions = (path: string) => readFileSync(path).includes('UNTR');

describe('statusIndex', () => {
  it('gives git status the same answer as the real index, step after step, with git’s untracked cache in use', () => {
    const dir = repo();
    mkdirSync(join(dir, 'docs/empty/nested'), { recursive: true });
    write(dir, { 'build/out.txt': 'x\n', 'docs/a/debug.log': 'x\n', 'notes/todo/deep/new.md': 'n\n' });
    // Folders untouched for a while: the cache then answers for them without reading them.
    age(dir, 30);
    const steps: [string, () => void][] = [
      ['nothing changed', () => {}],
      ['nothing changed, again', () => {}],
      ['modified', () => write(dir, { 'docs/a/fr.md': '# A fr, edited\n' })],
      ['staged', () => (write(dir, { 'docs/b/en.md': '# B staged\n' }), git(dir, ['add', 'docs/b/en.md']))],
      ['deleted', () => rmSync(join(dir, 'docs/c/en.md'))],
      ['deletion staged', () => git(dir, ['rm', '-q', 'README.md'])],
      ['renamed', () => git(dir, ['mv', 'docs/deep/er/en.md', 'docs/deep/er/moved.md'])],
      ['new untracked file in a nested folder', () => write(dir, { 'notes/todo/deep/newer.md': 'n\n' })],
      ['new file inside a folder that was empty', () => write(dir, { 'docs/empty/nested/first.md': 'f\n' })],
      ['.gitignore no longer ignores the logs', () => write(dir, { '.gitignore': 'build/\n' })],
      ['.gitignore ignores a folder of untracked files', () => write(dir, { '.gitignore': 'build/\nnotes/\n' })],
      ['ignored file added', () => write(dir, { 'build/more.txt': 'y\n' })],
      ['a file touched without change', () => utimesSync(join(dir, 'docs/a/en.md'), new Date(), new Date())],
      ['untracked file removed', () => rmSync(join(dir, 'docs/empty/nested/first.md'))],
      ['nothing changed at the end', () => {}],
    ];
    let index: StatusIndex | undefined;
    for (const [step, change] of steps) {
      change();
      const both = bothWays(dir);
      expect(both.copied, step).toBe(both.real);
      index = both.index;
    }
    // The steps were seen: the log no longer ignored is listed, the folder ignored since is not.
    const last = git(dir, STATUS, { GIT_OPTIONAL_LOCKS: '0' }).split('\0');
    expect(last).toContain('? docs/a/debug.log');
    expect(last.filter((record) => record.includes('notes/'))).toEqual([]);
    // The copy holds the untracked cache: git used it (or the comparison proved nothing).
    expect(extensions(index!.path)).toBe(true);
    expect(extensions(join(dir, '.git/index'))).toBe(false);
  });

  it('sees a file edited in the same second as the index write (racy git): the copy keeps the index’s time', async () => {
    const dir = repo();
    // A new index written with the file's first text and, within the same second, the
    // file edited to a text of the same size: only the index's time tells git to look.
    for (;;) {
      await new Promise((done) => setTimeout(done, 1000 - (Date.now() % 1000) + 20));
      const second = Math.floor(Date.now() / 1000);
      rmSync(join(dir, '.git/index'));
      write(dir, { 'docs/a/fr.md': 'one\n' });
      git(dir, ['update-index', '--add', 'docs/a/fr.md', 'docs/a/en.md', 'docs/b/en.md', 'docs/c/en.md', 'docs/deep/er/en.md', 'README.md', '.gitignore']);
      write(dir, { 'docs/a/fr.md': 'two\n' });
      if (Math.floor(Date.now() / 1000) === second && Math.floor(statSync(join(dir, '.git/index')).mtimeMs / 1000) === second) break;
    }
    // The copy is made in a later second.
    await new Promise((done) => setTimeout(done, 1100));
    const index = statusIndex(workTreeOf(dir))!;
    expect(Math.floor(statSync(index.path).mtimeMs / 1000)).toBe(Math.floor(statSync(join(dir, '.git/index')).mtimeMs / 1000));
    const real = git(dir, STATUS, { GIT_OPTIONAL_LOCKS: '0' });
    expect(real).toMatch(/1 MM [^\0]* docs\/a\/fr\.md/);
    expect(git(dir, [...index.args, ...STATUS], index.env)).toBe(real);
    // Once git has written the copy (its own time), the edit is still seen.
    expect(git(dir, [...index.args, ...STATUS], index.env)).toBe(real);
    // What the time is for: a copy dated when it was made takes the edit for unchanged.
    const careless = join(dir, '.git/careless-index');
    writeFileSync(careless, readFileSync(join(dir, '.git/index')));
    expect(git(dir, STATUS, { GIT_INDEX_FILE: careless, GIT_OPTIONAL_LOCKS: '0' })).toMatch(/1 M\. [^\0]* docs\/a\/fr\.md/);
  });

  it('makes a new copy when the index changes and removes the old ones once no run can be using them', () => {
    const dir = repo();
    const index = join(dir, '.git/index');
    const dated = (secondsAgo: number) => utimesSync(index, Date.now() / 1000 - secondsAgo, Date.now() / 1000 - secondsAgo);
    const folder = join(dir, '.git', STATUS_INDEX_DIR);
    const names = () => readdirSync(folder).sort();
    const nameOf = (copy: StatusIndex) => copy.path.slice(folder.length + 1);
    dated(120);
    const first = statusIndex(workTreeOf(dir))!;
    git(dir, [...first.args, ...STATUS], first.env);
    expect(names()).toEqual([nameOf(first)]);
    write(dir, { 'docs/b/en.md': '# B staged\n' });
    git(dir, ['add', 'docs/b/en.md']);
    const second = statusIndex(workTreeOf(dir))!;
    expect(second.path).not.toBe(first.path);
    // Another run may still be about to read the first copy: it stays a while.
    expect(names()).toEqual([nameOf(first), nameOf(second)].sort());
    expect(git(dir, [...second.args, ...STATUS], second.env)).toBe(git(dir, STATUS, { GIT_OPTIONAL_LOCKS: '0' }));
    // The index written a minute ago (a new stat, a new copy): the copy of the older
    // index goes; the one named after a later time (here only because the test moved
    // the time back) could be another run's, made since, and stays.
    dated(60);
    const third = statusIndex(workTreeOf(dir))!;
    expect(names()).toEqual([nameOf(second), nameOf(third)].sort());
    // Nothing appears in `.git` besides the folder of copies.
    expect(readdirSync(join(dir, '.git')).filter((name) => !['HEAD', 'config', 'description', 'hooks', 'info', 'objects', 'refs', 'index', 'logs', 'COMMIT_EDITMSG', 'branches', 'i18n-drift'].includes(name))).toEqual([]);
    expect(readdirSync(join(dir, '.git/i18n-drift'))).toEqual(['status-index']);
  });

  it('makes the copy again when it is missing, and replaces one git cannot read', () => {
    const dir = repo();
    const index = statusIndex(workTreeOf(dir))!;
    rmSync(index.path);
    expect(statusIndex(workTreeOf(dir))!.path).toBe(index.path);
    expect(existsSync(index.path)).toBe(true);
    writeFileSync(index.path, 'not an index');
    const broken = statusIndex(workTreeOf(dir))!;
    expect(() => git(dir, [...broken.args, ...STATUS], broken.env)).toThrow();
    // Replaced at once, never removed (another run's git may be about to read it).
    expect(broken.trust(false)).toBe(false);
    expect(copiable(readFileSync(index.path))).toBe(true);
    expect(git(dir, [...broken.args, ...STATUS], broken.env)).toBe(git(dir, STATUS, { GIT_OPTIONAL_LOCKS: '0' }));
  });

  it('leaves the real index to git where a copy is not safe', () => {
    // No index yet.
    const fresh = temp();
    git(fresh, ['init', '-q']);
    expect(statusIndex(workTreeOf(fresh))).toBeNull();

    // A split index: its entries are in .git/sharedindex.*.
    const split = repo();
    git(split, ['update-index', '--split-index']);
    expect(copiable(readFileSync(join(split, '.git/index')))).toBe(false);
    expect(statusIndex(workTreeOf(split))).toBeNull();

    // A sparse index.
    const sparse = repo();
    git(sparse, ['sparse-checkout', 'set', '--cone', '--sparse-index', 'docs/a']);
    expect(readFileSync(join(sparse, '.git/index')).includes('sdir')).toBe(true);
    expect(statusIndex(workTreeOf(sparse))).toBeNull();

    // A linked work tree (its own index under .git/worktrees/), and GIT_INDEX_FILE given by the user.
    const main = repo();
    const linked = join(temp(), 'linked');
    git(main, ['worktree', 'add', '-q', linked]);
    expect(statusIndex(workTreeOf(linked))).toBeNull();
    expect(statusIndex(workTreeOf(main, { ...process.env, GIT_INDEX_FILE: join(main, '.git/other') }))).toBeNull();

    // Nowhere to write the copy.
    const blocked = repo();
    mkdirSync(join(blocked, '.git/i18n-drift'));
    writeFileSync(join(blocked, '.git', STATUS_INDEX_DIR), '');
    expect(statusIndex(workTreeOf(blocked))).toBeNull();
    expect(readdirSync(join(blocked, '.git/i18n-drift'))).toEqual(['status-index']);
  });

  it('leaves the real index to a git too old to use the cache for every untracked file', async () => {
    const dir = repo();
    const bin = temp();
    writeFileSync(join(bin, 'git'), '#!/bin/sh\necho "git version 2.30.1"\n');
    chmodSync(join(bin, 'git'), 0o755);
    const path = process.env['PATH'];
    // Fresh copies of the module: each asks git's version once.
    vi.resetModules();
    const old = await import('./status-index.js');
    process.env['PATH'] = `${bin}:${path}`;
    try {
      expect(old.statusIndex(workTreeOf(dir))).toBeNull();
    } finally {
      process.env['PATH'] = path;
    }
    vi.resetModules();
    expect((await import('./status-index.js')).statusIndex(workTreeOf(dir))).not.toBeNull();
  });

  it('reads every index version', () => {
    for (const version of ['2', '3', '4']) {
      const dir = repo();
      git(dir, ['update-index', '--index-version', version]);
      // Version 3 carries extended flags only for an entry that needs them (intent to add).
      write(dir, { 'docs/d/en.md': '# D\n' });
      git(dir, ['add', '-N', 'docs/d/en.md']);
      expect(copiable(readFileSync(join(dir, '.git/index'))), `version ${version}`).toBe(true);
      const both = bothWays(dir);
      expect(both.copied).toBe(both.real);
    }
    expect(copiable(Buffer.from('DIRC\0\0\0\x02\0\0\0\x01'))).toBe(false);
  });
});
