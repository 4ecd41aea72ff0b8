import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { parseState, repositoryStateReader } from './repository-state.js';

describe('repositoryStateReader', () => {
  it('tells apart HEAD, an edited file, an untracked file and a commit, from a worker thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'i18n-drift-state-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const git = (...args: string[]) => execFileSync('git', ['-C', dir, '-c', 'user.name=Ana', '-c', 'user.email=ana@example.org', '-c', 'commit.gpgsign=false', ...args], { encoding: 'utf8' }).trim();
    git('init', '-q', '-b', 'main');
    const reader = repositoryStateReader(dir);
    onTestFinished(() => reader.close());
    const unborn = await reader.read();
    expect(unborn.head).toBeNull();
    writeFileSync(join(dir, 'en.md'), '# Hello\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'first');
    const first = await reader.read();
    expect(first.head).toBe(git('rev-parse', 'HEAD'));
    expect((await reader.read()).fingerprint).toBe(first.fingerprint);
    writeFileSync(join(dir, 'en.md'), '# Hello again\n');
    const edited = await reader.read();
    expect([edited.head, edited.fingerprint === first.fingerprint]).toEqual([first.head, false]);
    writeFileSync(join(dir, 'fr.md'), '# Bonjour\n');
    const untracked = await reader.read();
    expect(untracked.fingerprint).not.toBe(edited.fingerprint);
    git('add', '-A');
    git('commit', '-q', '-m', 'second');
    const second = await reader.read();
    expect(second.head).toBe(git('rev-parse', 'HEAD'));
    expect(second.head).not.toBe(first.head);
    // The check never leaves the index lock or a refreshed index behind for the user's git.
    expect(git('status', '--porcelain')).toBe('');
  });

  it('answers as git with the real index while git’s untracked cache in a private copy of the index serves it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'i18n-drift-state-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const git = (args: string[], env: Record<string, string> = {}) =>
      execFileSync('git', ['-C', dir, '-c', 'user.name=Ana', '-c', 'user.email=ana@example.org', '-c', 'commit.gpgsign=false', ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
    git(['init', '-q', '-b', 'main']);
    mkdirSync(join(dir, 'docs/a'), { recursive: true });
    writeFileSync(join(dir, 'docs/a/en.md'), '# Hello\n');
    git(['add', '-A']);
    git(['commit', '-q', '-m', 'first']);
    const reader = repositoryStateReader(dir);
    onTestFinished(() => reader.close());
    const real = () => git(['status', '--porcelain=v2', '--branch', '--no-ahead-behind', '-z', '--untracked-files=all', '--no-renames'], { GIT_OPTIONAL_LOCKS: '0' });
    const changes = [
      () => {},
      () => writeFileSync(join(dir, 'docs/a/fr.md'), '# Bonjour\n'),
      () => mkdirSync(join(dir, 'docs/b/deep'), { recursive: true }),
      () => writeFileSync(join(dir, 'docs/b/deep/de.md'), '# Hallo\n'),
      () => writeFileSync(join(dir, '.gitignore'), 'docs/b/\n'),
      () => writeFileSync(join(dir, 'docs/a/en.md'), '# Hello again\n'),
      () => git(['add', 'docs/a/en.md']),
    ];
    for (const change of changes) {
      change();
      expect((await reader.read()).fingerprint).toBe(real());
    }
    const copies = join(dir, '.git/i18n-drift/status-index');
    expect(readdirSync(copies).some((name) => readFileSync(join(copies, name)).includes('UNTR'))).toBe(true);
  });

  it('fails a read outside a repository with git’s reason, and every read after close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'i18n-drift-state-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const reader = repositoryStateReader(dir);
    await expect(reader.read()).rejects.toThrow(/git status: .*not a git repository/i);
    await reader.close();
    await expect(reader.read()).rejects.toThrow(/ended/);
  });
});

describe('parseState', () => {
  it('reads the commit from the branch header', () => {
    expect(parseState('# branch.oid 0123abc\0# branch.head main\0').head).toBe('0123abc');
    expect(parseState('# branch.oid (initial)\0# branch.head main\0').head).toBeNull();
  });
});
