import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { parseConfigText } from '@i18n-drift/core';
import { outputKey } from './cache/output-cache.js';
import { openLocalGitHost } from './git/local-git-host.js';
import { readWorktree, type Worktree } from './worktree.js';

const CONFIG = 'sourceLocale: en\nfiles:\n  - "docs/{locale}/**/*.md"\n';

function repo(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'i18n-drift-worktree-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const git = (...a: string[]) => execFileSync('git', ['-C', dir, '-c', 'user.name=Marie', '-c', 'user.email=m@example.org', '-c', 'commit.gpgsign=false', ...a], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const write = (entries: Record<string, string>) => {
    for (const [path, text] of Object.entries(entries)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
  };
  git('init', '-q', '-b', 'main');
  write({ '.github/i18n-drift.yml': CONFIG, ...files });
  git('add', '-A');
  git('commit', '-q', '-m', 'first');
  return { dir, git, write };
}

/** Everything a command reads of the tree, in the order it would read it. */
function shape(tree: Worktree) {
  return { head: tree.head, files: [...tree.files], dirty: [...tree.dirty], unreadable: tree.unreadable.map(({ path, error }) => [path, error.message]) };
}

describe('readWorktree from the paths the cached path’s git status listed', () => {
  it('reads the same tree as from its own git status: modified, staged, deleted, untracked, unmerged, unreadable, odd names', async () => {
    const doc = (n: number) => `# Title\n\nText ${n}.\n`;
    const { dir, git, write } = repo({ 'docs/en/a.md': doc(1), 'docs/fr/a.md': doc(2), 'docs/fr/b.md': doc(3), 'docs/fr/c.md': doc(4), 'docs/fr/m.md': doc(5), 'docs/fr/s.md': doc(6), 'docs/fr/d.md': doc(10), 'docs/fr/z.md': doc(11), 'notes.txt': 'x' });
    // An unmerged translation: both branches changed it.
    git('checkout', '-q', '-b', 'other');
    write({ 'docs/fr/m.md': doc(50) });
    git('commit', '-q', '-am', 'other');
    git('checkout', '-q', 'main');
    write({ 'docs/fr/m.md': doc(51) });
    git('commit', '-q', '-am', 'main');
    try {
      git('merge', '-q', 'other');
    } catch {
      // the conflict is the point
    }
    write({ 'docs/fr/a.md': doc(20), 'docs/fr/b.md': doc(30), 'docs/fr/new.md': doc(7), 'docs/fr/deep/er/x.md': doc(8), 'docs/fr/é t"q.md': doc(9), 'notes.txt': 'y', 'docs/fr/s.md': doc(60) });
    git('add', 'docs/fr/b.md', 'docs/fr/s.md');
    write({ 'docs/fr/s.md': doc(61) });
    unlinkSync(join(dir, 'docs/fr/c.md'));
    symlinkSync('/etc/hostname', join(dir, 'docs/fr/link.md'));
    // Committed files that became a folder and a link: unreadable too, listed in git's order.
    unlinkSync(join(dir, 'docs/fr/d.md'));
    write({ 'docs/fr/d.md/inner.md': doc(12) });
    unlinkSync(join(dir, 'docs/fr/z.md'));
    symlinkSync('/etc/hostname', join(dir, 'docs/fr/z.md'));
    execFileSync('mkfifo', [join(dir, 'docs/fr/fifo.md')]);
    const host = await openLocalGitHost(dir);
    onTestFinished(() => host.close());
    const config = parseConfigText(CONFIG);
    const head = git('rev-parse', 'HEAD').trim();
    const key = await outputKey({ dir, mode: 'json', lang: undefined, color: false });
    expect(key?.root).toBe(host.root);
    const own = shape(await readWorktree(host, config, head));
    expect(own.dirty.length).toBeGreaterThanOrEqual(9);
    // git lists no FIFO; the link is listed, and left out as unreadable.
    expect(own.unreadable.map(([path]) => path)).toEqual(['docs/fr/d.md', 'docs/fr/z.md', 'docs/fr/link.md']);
    expect(shape(await readWorktree(host, config, head, { uncommitted: key!.uncommitted }))).toEqual(own);
    // A path left out of the list is a change missed: the comparison would see it.
    expect(shape(await readWorktree(host, config, head, { uncommitted: key!.uncommitted.filter((path) => path !== 'docs/fr/a.md') }))).not.toEqual(own);
  });
});
