import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { workTreeOf } from './work-tree.js';

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, '-c', 'user.name=T', '-c', 'user.email=t@example.org', '-c', 'commit.gpgsign=false', ...args], { encoding: 'utf8' }).trim();
}

function temp(): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'i18n-drift-work-tree-')));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function repo(): string {
  const dir = temp();
  git(dir, 'init', '-q', '-b', 'main');
  mkdirSync(join(dir, 'docs/deep'), { recursive: true });
  writeFileSync(join(dir, 'docs/deep/fr.md'), '# Titre\n');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'one');
  return dir;
}

/** What `git rev-parse` says for `dir`: the answer workTreeOf must give when it gives one. */
function revParse(dir: string) {
  const [root, gitDir] = git(dir, 'rev-parse', '--path-format=absolute', '--show-toplevel', '--git-common-dir').split('\n');
  return { root, gitDir };
}

const ENV = { HOME: '/nonexistent' };

describe('workTreeOf', () => {
  it('finds the work tree git finds, from any folder inside it', () => {
    const dir = repo();
    for (const from of [dir, join(dir, 'docs'), join(dir, 'docs/deep')]) expect(workTreeOf(from, ENV)).toEqual(revParse(from));
    // Network and identity variables do not move the repository.
    expect(workTreeOf(dir, { ...ENV, GIT_SSL_CAINFO: '/etc/ssl/certs/ca.crt', GIT_AUTHOR_NAME: 'x' })).toEqual(revParse(dir));
  });

  it('leaves to git what it cannot vouch for', () => {
    const dir = repo();
    // The environment can point git anywhere.
    expect(workTreeOf(dir, { ...ENV, GIT_DIR: join(dir, '.git') })).toBeNull();
    expect(workTreeOf(dir, { ...ENV, GIT_CEILING_DIRECTORIES: dir })).toBeNull();
    // A config that puts the work tree elsewhere, or reads more config.
    git(dir, 'config', 'core.worktree', join(dir, 'docs'));
    expect(workTreeOf(dir, ENV)).toBeNull();
    git(dir, 'config', '--unset', 'core.worktree');
    git(dir, 'config', 'include.path', join(dir, 'more.cfg'));
    expect(workTreeOf(dir, ENV)).toBeNull();
    git(dir, 'config', '--unset', 'include.path');
    expect(workTreeOf(dir, ENV)).toEqual(revParse(dir));
    // A global config read from HOME that does the same.
    const home = temp();
    writeFileSync(join(home, '.gitconfig'), '[include]\n\tpath = other\n');
    expect(workTreeOf(dir, { HOME: home })).toBeNull();
    // A linked work tree has a .git file.
    const linked = join(temp(), 'linked');
    git(dir, 'worktree', 'add', '-q', '--detach', linked);
    expect(workTreeOf(linked, ENV)).toBeNull();
    // Not a repository at all.
    expect(workTreeOf(temp(), ENV)).toBeNull();
  });

  it('does not take a .git folder git would not take: it looks further up, and so is git asked', () => {
    const dir = repo();
    mkdirSync(join(dir, 'docs/deep/.git'));
    expect(revParse(join(dir, 'docs/deep')).root).toBe(dir);
    expect(workTreeOf(join(dir, 'docs/deep'), ENV)).toBeNull();
  });
});
