import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { gitBlobId, historyContract } from '@i18n-drift/core';
import { openLocalGitHost, SYNC_TRAILER, type LocalGitHost } from './local-git-host.js';

const hosts: LocalGitHost[] = [];
afterEach(() => hosts.splice(0).forEach((h) => h.close()));

function repo(files: Record<string, string | Buffer>): { dir: string; git: (...a: string[]) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'i18n-drift-host-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const git = (...a: string[]) => execFileSync('git', ['-C', dir, '-c', 'user.name=Marie', '-c', 'user.email=m@example.org', ...a], { encoding: 'utf8' }).trim();
  git('init', '-q', '-b', 'main');
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), c);
  }
  git('add', '-A');
  git('commit', '-q', '-m', 'first');
  return { dir, git };
}

async function open(dir: string) {
  const host = await openLocalGitHost(dir);
  hosts.push(host);
  return host;
}

describe('openLocalGitHost', () => {
  it('reads files, lists changes and commits touching paths, oldest first', async () => {
    const { dir, git } = repo({ 'a.md': 'A1', 'b.md': 'B1' });
    writeFileSync(join(dir, 'a.md'), 'A2');
    git('commit', '-q', '-am', 'a2');
    writeFileSync(join(dir, 'b.md'), 'B2');
    git('commit', '-q', '-am', 'b2');
    const host = await open(dir);
    expect(await host.readFile('a.md', 'HEAD~2')).toBe('A1');
    expect(await host.readFile('missing.md', 'HEAD')).toBeNull();
    expect(await host.changedPaths('HEAD~2', 'HEAD')).toEqual(['a.md', 'b.md']);
    const commits = await host.commitsBetween(null, 'HEAD', ['a.md']);
    expect(commits.map((c) => c.message)).toEqual(['first', 'a2']);
    expect(commits[1]!.paths).toEqual(['a.md']);
    await expect(host.resolveRevision('nope')).rejects.toMatchObject({ code: 'not-found' });
    await expect(host.resolveRevision('--output=x')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('lists the Git blob id of every file at a revision (what gitBlobId computes from the text)', async () => {
    const { dir, git } = repo({ 'a.md': 'A1\n', 'docs/é.md': 'Données € ✓\n' });
    const host = await open(dir);
    const ids = await host.listBlobIds!('HEAD');
    expect([...ids.keys()].sort()).toEqual(['a.md', 'docs/é.md']);
    for (const [path, id] of ids) {
      expect(id).toBe(git('rev-parse', `HEAD:${path}`));
      expect(id).toBe(gitBlobId((await host.readFile(path, 'HEAD'))!));
    }
    const commit = await host.commitFiles({ branch: 'i18n-drift/fr', parent: 'main', files: [{ path: 'a.md', content: null }, { path: 'b.md', content: 'B ✓\n' }], message: 'sync', force: false });
    const after = await host.listBlobIds!(commit);
    expect(after.has('a.md')).toBe(false);
    expect(after.get('b.md')).toBe(gitBlobId('B ✓\n'));
  });

  it('lists a commit once however often it is asked (each caller its own map), and a moved HEAD anew', async () => {
    const { dir, git } = repo({ 'a.md': 'A1\n', 'b.md': 'B1\n' });
    const host = await open(dir);
    const first = await host.listBlobs('HEAD');
    first.delete('a.md');
    expect([...(await host.listBlobs(git('rev-parse', 'HEAD'))).keys()].sort()).toEqual(['a.md', 'b.md']);
    expect(await Promise.all([host.listFiles('HEAD'), host.listFiles('HEAD')])).toEqual([
      ['a.md', 'b.md'],
      ['a.md', 'b.md'],
    ]);
    const moved = await host.commitFiles({ branch: 'other', parent: 'main', files: [{ path: 'c.md', content: 'C\n' }], message: 'c', force: false });
    expect([...(await host.listBlobs(moved)).keys()].sort()).toEqual(['a.md', 'b.md', 'c.md']);
    expect([...(await host.listBlobs('HEAD')).keys()].sort()).toEqual(['a.md', 'b.md']);
    await expect(host.listBlobs('nope')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('opens a repository whose folder name holds a line break', async () => {
    const { dir } = repo({ 'a.md': 'A\n' });
    const odd = join(dir, 'x\ny');
    mkdirSync(odd);
    execFileSync('git', ['-C', odd, 'init', '-q', '-b', 'main']);
    const host = await open(odd);
    expect(host.root).toBe(odd);
    expect(host.gitDir).toBe(join(odd, '.git'));
  });

  it('opened with what git already said (the status key), it is the same repository at the same HEAD', async () => {
    const { dir, git } = repo({ 'a.md': 'A1', 'docs/b.md': 'B1' });
    writeFileSync(join(dir, 'a.md'), 'A2');
    git('commit', '-q', '-am', 'a2');
    const asked = await open(join(dir, 'docs'));
    const head = await asked.resolveRevision('HEAD');
    const known = await openLocalGitHost(join(dir, 'docs'), { root: asked.root, gitDir: asked.gitDir, head });
    hosts.push(known);
    expect([known.root, known.gitDir, await known.resolveRevision('HEAD'), await known.readFile('a.md', 'HEAD'), await known.readFile('a.md', 'HEAD~1')]).toEqual([asked.root, asked.gitDir, head, 'A2', 'A1']);
    // HEAD is the one the key was taken at, for the whole run, even if a commit lands meanwhile.
    git('commit', '-q', '--allow-empty', '-m', 'later');
    expect(await known.resolveRevision('HEAD')).toBe(head);
    expect(await known.resolveRevision(head)).toBe(head);
  });

  it('refuses binary and invalid UTF-8 content', async () => {
    const { dir } = repo({ 'bin.md': Buffer.from([1, 0, 2]), 'latin.md': Buffer.from([0x63, 0x61, 0x66, 0xe9]) });
    const host = await open(dir);
    await expect(host.readFile('bin.md', 'HEAD')).rejects.toMatchObject({ code: 'binary' });
    await expect(host.readFile('latin.md', 'HEAD')).rejects.toMatchObject({ code: 'binary' });
  });

  it('commits on a branch without touching the checkout, with compare-and-swap', async () => {
    const { dir, git } = repo({ 'a.md': 'A1' });
    const host = await open(dir);
    const main = await host.resolveRevision('main');
    const first = await host.commitFiles({ branch: 'i18n-drift/fr', parent: main, files: [{ path: 'fr/a.md', content: 'Á' }, { path: 'a.md', content: null }], message: 'sync', force: false });
    expect(git('rev-parse', 'HEAD')).toBe(main);
    expect(git('status', '--porcelain')).toBe('');
    expect(git('ls-tree', '-r', '--name-only', 'i18n-drift/fr')).toBe('fr/a.md');
    expect(git('log', '-1', '--format=%B', 'i18n-drift/fr')).toContain(SYNC_TRAILER);

    // Marie adds a commit on the branch: not the tool's; replacing it needs force, which the workflow never asks for.
    git('branch', '-q', 'tmp', 'i18n-drift/fr');
    git('update-ref', 'refs/heads/i18n-drift/fr', git('commit-tree', git('rev-parse', 'i18n-drift/fr^{tree}'), '-p', first, '-m', 'traduction'));
    const state = await host.getBranch('i18n-drift/fr', 'main');
    expect(state!.commits.map((c) => [c.author, c.byTool])).toEqual([['i18n-drift', true], ['Marie', false]]);
    await expect(host.commitFiles({ branch: 'i18n-drift/fr', parent: main, files: [], message: 'again', force: false })).rejects.toMatchObject({ code: 'conflict' });
    const onTop = await host.commitFiles({ branch: 'i18n-drift/fr', parent: state!.head, files: [{ path: 'fr/b.md', content: 'B' }], message: 'more', force: false });
    expect(git('rev-parse', `${onTop}^`)).toBe(state!.head);

    // The checked-out branch is never moved under the user's feet.
    await expect(host.commitFiles({ branch: 'main', parent: main, files: [], message: 'x', force: true })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('stores pull requests under .git/i18n-drift/pulls', async () => {
    const { dir } = repo({ 'a.md': 'A1' });
    const host = await open(dir);
    await host.commitFiles({ branch: 'i18n-drift/nl', parent: 'main', files: [{ path: 'nl.md', content: 'N' }], message: 'sync', force: false });
    const pr = await host.openPullRequest({ head: 'i18n-drift/nl', base: 'main', title: 'T', body: 'B', labels: ['i18n'], reviewers: ['joost'] });
    expect(pr.number).toBe(1);
    await expect(host.openPullRequest({ head: 'i18n-drift/nl', base: 'main', title: 'T', body: 'B', labels: [], reviewers: [] })).rejects.toMatchObject({ code: 'conflict' });
    await host.updatePullRequest(1, { body: 'B2' });
    await host.comment(1, 'changed');
    expect(await host.findPullRequest('i18n-drift/nl')).toMatchObject({ number: 1, body: 'B2', state: 'open' });
    expect(host.listPullRequests()[0]).toMatchObject({ labels: ['i18n'], reviewers: ['joost'], comments: ['changed'] });
  });
});

describe('lastCommits on local Git', () => {
  it('one first-parent log: a file changed on a merged branch counts as changed by the merge', async () => {
    const { dir, git } = repo({ 'a.md': 'A1', 'b.md': 'B1' });
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    git('checkout', '-q', '-b', 'side');
    writeFileSync(join(dir, 'b.md'), 'B2');
    git('commit', '-q', '-am', 'b on side');
    git('checkout', '-q', 'main');
    writeFileSync(join(dir, 'a.md'), 'A2');
    git('commit', '-q', '-am', 'a on main');
    git('merge', '-q', '--no-ff', '-m', 'merge side', 'side');
    const host = await open(dir);
    const found = await host.lastCommits!(['a.md', 'b.md'], 'HEAD');
    expect(found.get('b.md')!.sha).toBe(git('rev-parse', 'HEAD'));
    expect(found.get('a.md')!.sha).toBe(git('rev-parse', 'HEAD^1'));
    // Walks from a commit of that log are cut from it, not read again.
    expect((await host.commitsBetween(found.get('a.md')!.sha, 'HEAD', ['b.md'])).map((c) => c.message)).toEqual(['merge side']);
  });
});

describe('RepositoryHost history contract: local Git', () => {
  for (const check of historyContract) {
    it(check.title, async () => {
      const { dir, git } = repo({ 'seed.md': 'seed' });
      onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
      const host = await open(dir);
      await check.run({
        host,
        async commit(files, message) {
          for (const [p, c] of Object.entries(files)) {
            if (c === null) rmSync(join(dir, p));
            else {
              mkdirSync(dirname(join(dir, p)), { recursive: true });
              writeFileSync(join(dir, p), c);
            }
          }
          git('add', '-A');
          git('commit', '-q', '-m', message);
          return git('rev-parse', 'HEAD');
        },
      });
    });
  }
});
