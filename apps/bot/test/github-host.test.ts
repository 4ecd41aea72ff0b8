/**
 * The GitHub adapter on its own, against the emulator over HTTP: what the port promises
 * (changed paths across force pushes and long pushes, one tree/commit/ref per commit,
 * typed HostErrors) and what it costs in requests.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { gitBlobId, HostError } from '@i18n-drift/core';
import { createGitHubHost, type GitHubClient, type GitHubHost } from '../src/github-host.js';
import { BOT_LOGIN, INSTALLATION_ID, OWNER, REPO, TOKENS, startHarness, type Harness } from './harness.js';

let h: Harness;
let host: GitHubHost;
let octokit: GitHubClient;

beforeEach(async () => {
  h = await startHarness({ files: { 'docs/a.md': 'A\n', 'docs/b.md': 'B\n' }, config: null, adopt: false });
  octokit = (await h.probot.auth(INSTALLATION_ID)) as GitHubClient;
  host = createGitHubHost(octokit, { owner: OWNER, repo: REPO, botLogin: BOT_LOGIN });
  h.proxy.reset();
});
afterEach(async () => {
  await h.close();
});

const rejection = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
};

describe('reading', () => {
  test('prefetchBlobs: 100 blobs per GraphQL query into the blob cache; a blob GraphQL gives no text is read over REST', async () => {
    const files: Record<string, string> = { 'docs/image.md': 'GIF89a\u0000\u0001' };
    for (let i = 0; i < 150; i += 1) files[`docs/page-${i}.md`] = `Page ${i}\n`;
    await h.push({ branch: 'main', files });
    await h.settle(); // the app's own handling of that push (no configuration: nothing) is not counted below
    const blobReads = () => h.proxy.apiRequests().reads.filter((r) => r.path === '/graphql' || r.path.includes('/git/blobs/'));
    const main = await host.resolveRevision('main');
    const ids = await host.listBlobIds!(main);
    h.proxy.reset();
    await host.prefetchBlobs([...ids.values()]);
    expect(blobReads().map((r) => [r.path, r.blobs?.length])).toEqual([
      ['/graphql', 100],
      ['/graphql', ids.size - 100],
    ]);
    h.proxy.reset();
    expect(await host.readFile('docs/page-7.md', main)).toBe('Page 7\n');
    expect(blobReads()).toEqual([]);
    expect(((await rejection(host.readFile('docs/image.md', main))) as HostError).code).toBe('binary');
    expect(blobReads().map((r) => r.path)).toEqual([`/repos/${OWNER}/${REPO}/git/blobs/${ids.get('docs/image.md')}`]);
    // Already read: nothing to ask.
    h.proxy.reset();
    await host.prefetchBlobs([ids.get('docs/page-7.md')!]);
    expect(blobReads()).toEqual([]);
  });

  test('files at a revision, null when absent, HostError for binary files and unknown revisions', async () => {
    const main = await host.resolveRevision('main');
    expect(await host.resolveRevision(main)).toBe(main);
    expect(await host.defaultBranch()).toBe('main');
    expect(await host.readFile('docs/a.md', 'main')).toBe('A\n');
    expect(await host.readFile('docs/missing.md', 'main')).toBeNull();
    expect(await host.listFiles('main')).toEqual(['README.md', 'docs/a.md', 'docs/b.md']);

    // One host serves one delivery and sees one state of a branch: a later push needs a new host.
    await h.push({ branch: 'main', files: { 'docs/image.md': 'GIF89a\u0000\u0001' } });
    expect(await host.readFile('docs/image.md', 'main')).toBeNull();
    host = createGitHubHost(octokit, { owner: OWNER, repo: REPO, botLogin: BOT_LOGIN });
    const binary = await rejection(host.readFile('docs/image.md', 'main'));
    expect(binary).toBeInstanceOf(HostError);
    expect((binary as HostError).code).toBe('binary');

    const unknown = await rejection(host.resolveRevision('no-such-branch'));
    expect(unknown).toBeInstanceOf(HostError);
    expect((unknown as HostError).code).toBe('not-found');
  });

  test('one blob read per file, the tree of a revision once', async () => {
    const main = await host.resolveRevision('main');
    h.proxy.reset();
    await host.readFile('docs/a.md', main);
    await host.readFile('docs/b.md', main);
    await host.readFile('docs/a.md', main);
    await host.listFiles(main);
    expect(h.proxy.apiRequests().reads.map((r) => r.path.split('?')[0]!.replace(/[0-9a-f]{40}/g, 'SHA'))).toEqual([
      `/repos/${OWNER}/${REPO}/git/trees/SHA`,
      `/repos/${OWNER}/${REPO}/git/blobs/SHA`,
      `/repos/${OWNER}/${REPO}/git/blobs/SHA`,
    ]);
  });
});

describe('blob ids', () => {
  test('real Git ids from one tree read; a branch head a compare described costs no read of its own', async () => {
    const main = await host.resolveRevision('main');
    const head = await h.push({ branch: 'i18n-drift/fr', from: main, files: { 'docs/a.md': 'A traduit ✓\n', 'docs/b.md': null, 'docs/c.md': 'C\n' } });
    h.proxy.reset();
    const ids = await host.listBlobIds!(main);
    expect([...ids.keys()].sort()).toEqual(['README.md', 'docs/a.md', 'docs/b.md']);
    expect(ids.get('docs/a.md')).toBe(gitBlobId('A\n'));
    expect(h.proxy.apiRequests().reads.map((r) => r.path.split('?')[0]!.replace(/[0-9a-f]{40}/g, 'SHA'))).toEqual([
      `/repos/${OWNER}/${REPO}/git/trees/SHA`,
    ]);

    // getBranch's compare lists the head's changes from main: the head's ids come from them.
    await host.getBranch('i18n-drift/fr', main);
    h.proxy.reset();
    const onBranch = await host.listBlobIds!(head);
    expect(h.proxy.apiRequests().reads).toEqual([]);
    expect(Object.fromEntries(onBranch)).toEqual({
      'README.md': ids.get('README.md'),
      'docs/a.md': gitBlobId('A traduit ✓\n'),
      'docs/c.md': gitBlobId('C\n'),
    });
    // The same as a fresh host reading the head's tree.
    const fresh = createGitHubHost(octokit, { owner: OWNER, repo: REPO, botLogin: BOT_LOGIN });
    expect(await fresh.listBlobIds!(head)).toEqual(onBranch);
  });
});

describe('changed paths and history', () => {
  test('a plain push, a new branch (from null) and a force push', async () => {
    const base = await host.resolveRevision('main');
    const one = await h.push({ branch: 'main', files: { 'docs/a.md': 'A2\n' } });
    expect(await host.changedPaths(base, one)).toEqual(['docs/a.md']);
    expect(await host.changedPaths(null, one)).toEqual(['README.md', 'docs/a.md', 'docs/b.md']);

    // Force push: `lost` is dropped, `forced` replaces it. The change `lost` made to b.md
    // is undone by the force push and must be reported, though no compare commit names it.
    const lost = await h.push({ branch: 'main', files: { 'docs/b.md': 'B2\n' } });
    const forced = await h.push({ branch: 'main', from: one, files: { 'docs/c.md': 'C\n' }, force: true });
    expect(await host.changedPaths(lost, forced)).toEqual(['docs/b.md', 'docs/c.md']);
  });

  test('a push touching more files than the compare API lists (300) falls back to the trees', async () => {
    const base = await host.resolveRevision('main');
    const files = Object.fromEntries(Array.from({ length: 305 }, (_, i) => [`bulk/file-${String(i).padStart(3, '0')}.md`, `${i}\n`]));
    const to = await h.push({ branch: 'main', files: { ...files, 'docs/a.md': 'A3\n' } });
    const changed = await host.changedPaths(base, to);
    expect(changed).toHaveLength(306);
    expect(changed).toContain('docs/a.md');
    expect(changed).toContain('bulk/file-304.md');
  });

  test('pushes of more than 20 commits: every commit, oldest first, filtered by path', async () => {
    const base = await host.resolveRevision('main');
    const shas: string[] = [];
    for (let i = 0; i < 23; i += 1) {
      shas.push(await h.push({ branch: 'main', files: { [i % 2 === 0 ? 'docs/a.md' : 'docs/b.md']: `v${i}\n` }, message: `edit ${i}` }));
    }
    const all = await host.commitsBetween(base, shas.at(-1)!);
    expect(all.map((c) => c.sha)).toEqual(shas);
    expect(all[0]!.message).toBe('edit 0');
    expect(all[0]!.author).toBe('maintainer');
    const onlyA = await host.commitsBetween(base, shas.at(-1)!, ['docs/a.md']);
    expect(onlyA.map((c) => c.sha)).toEqual(shas.filter((_, i) => i % 2 === 0));
    expect(await host.changedPaths(base, shas.at(-1)!)).toEqual(['docs/a.md', 'docs/b.md']);
    // The whole history of a path (from null), with the requested paths each commit touches.
    const history = await host.commitsBetween(null, shas.at(-1)!, ['docs/a.md']);
    expect(history.map((c) => c.sha)).toEqual([h.seedSha, ...shas.filter((_, i) => i % 2 === 0)]);
    expect(history.every((c) => c.paths?.join() === 'docs/a.md')).toBe(true);
  });
});

describe('writing', () => {
  test('one tree, one commit and one ref write per commit, whatever the number of files', async () => {
    const main = await host.resolveRevision('main');
    h.proxy.reset();
    const files = Array.from({ length: 12 }, (_, i) => ({ path: `locales/fr/doc-${i}.md`, content: `doc ${i}\n` }));
    const first = await host.commitFiles({ branch: 'i18n-drift/fr', parent: main, files, message: 'sync', force: false });
    expect(h.proxy.apiRequests().writes.map((w) => `${w.method} ${w.path.replace(/[0-9a-f]{40}/g, 'SHA')}`)).toEqual([
      `POST /repos/${OWNER}/${REPO}/git/trees`,
      `POST /repos/${OWNER}/${REPO}/git/commits`,
      `POST /repos/${OWNER}/${REPO}/git/refs`,
    ]);
    expect(await h.readFile('locales/fr/doc-11.md', 'i18n-drift/fr')).toBe('doc 11\n');

    h.proxy.reset();
    const second = await host.commitFiles({
      branch: 'i18n-drift/fr',
      parent: first,
      files: [{ path: 'locales/fr/doc-0.md', content: null }, { path: 'locales/fr/doc-1.md', content: 'changed\n' }],
      message: 'sync again',
      force: false,
    });
    expect(h.proxy.apiRequests().writes.map((w) => w.method)).toEqual(['POST', 'POST', 'PATCH']);
    expect(await h.readFile('locales/fr/doc-0.md', 'i18n-drift/fr')).toBeNull();
    expect((await h.branches())['i18n-drift/fr']).toBe(second);

    const state = await host.getBranch('i18n-drift/fr', main);
    expect(state!.commits.map((c) => [c.sha, c.author, c.byTool])).toEqual([
      [first, BOT_LOGIN, true],
      [second, BOT_LOGIN, true],
    ]);
  });

  test('a translator commit is no tool commit; moving past it without force is a conflict', async () => {
    const main = await host.resolveRevision('main');
    const tool = await host.commitFiles({ branch: 'i18n-drift/fr', parent: main, files: [{ path: 'f.md', content: '1\n' }], message: 'sync', force: false });
    const person = await h.push({ branch: 'i18n-drift/fr', files: { 'f.md': 'traduit\n' }, token: TOKENS.translatorFr });
    const fresh = createGitHubHost(octokit, { owner: OWNER, repo: REPO, botLogin: BOT_LOGIN });
    expect((await fresh.getBranch('i18n-drift/fr', main))!.commits.map((c) => [c.sha, c.byTool])).toEqual([
      [tool, true],
      [person, false],
    ]);
    // Rebuilding on main would drop the translator's commit: GitHub refuses without force.
    const conflict = await rejection(fresh.commitFiles({ branch: 'i18n-drift/fr', parent: main, files: [{ path: 'f.md', content: '2\n' }], message: 'x', force: false }));
    expect(conflict).toBeInstanceOf(HostError);
    expect((conflict as HostError).code).toBe('conflict');
    expect((await h.branches())['i18n-drift/fr']).toBe(person);
  });

  test('pull requests: open with labels and reviewers, find, update only what changed', async () => {
    const main = await host.resolveRevision('main');
    await host.commitFiles({ branch: 'i18n-drift/nl', parent: main, files: [{ path: 'n.md', content: 'n\n' }], message: 'sync', force: false });
    const opened = await host.openPullRequest({
      head: 'i18n-drift/nl',
      base: 'main',
      title: 'Vertaling',
      body: 'Body',
      labels: ['i18n', 'lang:nl'],
      reviewers: ['translator-nl', BOT_LOGIN],
    });
    expect(opened).toMatchObject({ head: 'i18n-drift/nl', base: 'main', title: 'Vertaling', body: 'Body', state: 'open' });

    const fresh = createGitHubHost(octokit, { owner: OWNER, repo: REPO, botLogin: BOT_LOGIN });
    expect(await fresh.findPullRequest('i18n-drift/nl')).toEqual(opened);
    expect(await fresh.findPullRequest('i18n-drift/xx')).toBeNull();
    h.proxy.reset();
    await fresh.updatePullRequest(opened.number, { title: 'Vertaling', body: 'Body' });
    expect(h.proxy.apiRequests().writes).toEqual([]);
    const updated = await fresh.updatePullRequest(opened.number, { body: 'New body' });
    expect(updated.body).toBe('New body');
    await fresh.comment(opened.number, 'Hallo');

    const [pull] = await h.pulls();
    expect(pull).toMatchObject({ labels: ['i18n', 'lang:nl'], reviewers: ['translator-nl'], body: 'New body' });
    expect(pull!.comments.map((c) => c.body)).toEqual(['Hallo']);
  });
});
