import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { statusRecords, withUntracked } from './output-cache.js';

const git = (dir: string, args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });

function write(root: string, path: string, text = 'x\n'): void {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
}

test('the status key lists the same uncommitted paths from `status -uno` plus `ls-files --others` as from one `status -uall`, from the top and from a folder', () => {
  const root = mkdtempSync(join(tmpdir(), 'i18n-drift-output-key-'));
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  git(root, ['init', '-q', '-b', 'main']);
  git(root, ['config', 'user.email', 't@example.org']);
  git(root, ['config', 'user.name', 'T']);
  write(root, '.gitignore', '*.log\nbuild/\n');
  write(root, 'locales/en/a.md');
  write(root, 'locales/fr/a.md');
  write(root, 'docs/keep.md');
  git(root, ['add', '.']);
  git(root, ['commit', '-q', '-m', 'seed']);
  // Modified, staged, deleted; untracked at the top, in new folders (nested), with
  // spaces, a line break and non-ASCII in the name; ignored by .gitignore and by
  // info/exclude; an untracked repository inside.
  write(root, 'locales/fr/a.md', 'changed\n');
  write(root, 'docs/keep.md', 'staged\n');
  git(root, ['add', 'docs/keep.md']);
  rmSync(join(root, 'locales/en/a.md'));
  write(root, 'new.md');
  write(root, 'locales/nl/deep/er/b.md');
  write(root, 'locales/fr/with space.md');
  write(root, 'locales/fr/line\nbreak.md');
  write(root, 'locales/fr/été.md');
  write(root, 'debug.log');
  write(root, 'build/out.md');
  write(root, 'private/notes.md');
  write(root, '.git/info/exclude', 'private/\n');
  git(join(root, 'locales'), ['init', '-q', 'inner']);
  write(root, 'locales/inner/x.md');

  for (const dir of [root, join(root, 'locales', 'fr')]) {
    const one = git(dir, ['status', '--porcelain=v2', '--branch', '-z', '--untracked-files=all', '--no-renames']);
    const tracked = git(dir, ['status', '--porcelain=v2', '--branch', '-z', '--untracked-files=no', '--no-renames']);
    const untracked = git(dir, ['ls-files', '-z', '--others', '--exclude-standard', '--full-name', '--', ':/']);
    const expected = statusRecords(one);
    expect(expected?.entries.filter((e) => e.record.startsWith('?')).length).toBeGreaterThanOrEqual(6);
    expect(statusRecords(withUntracked(tracked, untracked))).toEqual(expected);
  }
});
