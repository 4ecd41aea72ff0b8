/**
 * The GitHub adapter's history against the emulator over HTTP: the same history contract as
 * the memory and local-Git hosts, and what the first-parent walk of `lastCommits` costs.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { historyContract } from '@i18n-drift/core';
import { createGitHubHost, type GitHubClient } from '../src/github-host.js';
import { BOT_LOGIN, INSTALLATION_ID, OWNER, REPO, startHarness, type Harness } from './harness.js';

let h: Harness;
let octokit: GitHubClient;

beforeAll(async () => {
  h = await startHarness({ files: { 'seed.md': 'seed\n' }, config: null, adopt: false });
  octokit = (await h.probot.auth(INSTALLATION_ID)) as GitHubClient;
});
afterAll(async () => {
  await h.close();
});

const newHost = () => createGitHubHost(octokit, { owner: OWNER, repo: REPO, defaultBranch: 'main', botLogin: BOT_LOGIN });

describe('RepositoryHost history contract: GitHub (emulator)', () => {
  for (const check of historyContract) {
    test(check.title, async () => {
      // One host per check: a host sees one state of a branch, and each check pushes first.
      let host: ReturnType<typeof newHost> | undefined;
      await check.run({
        get host() {
          host ??= newHost();
          return host;
        },
        commit: (files, message) => h.push({ branch: 'main', files, message }),
      });
    });
  }
});

describe('lastCommits on GitHub', () => {
  test('one commit read per first-parent commit walked, however many paths; none again for a second locale', async () => {
    const paths: Record<string, string> = {};
    for (let i = 0; i < 40; i++) paths[`docs/fr/doc-${i}.md`] = `fr ${i}\n`;
    const translated = await h.push({ branch: 'main', files: paths, message: '40 translations' });
    await h.push({ branch: 'main', files: { 'docs/en/doc-0.md': 'en 2\n' }, message: 'English' });
    await h.push({ branch: 'main', files: { 'docs/en/doc-1.md': 'en 2\n' }, message: 'English again' });
    const host = newHost();
    const head = await host.resolveRevision('main');
    h.proxy.reset();
    const found = await host.lastCommits!(Object.keys(paths), head);
    expect(new Set([...found.values()].map((c) => c.sha))).toEqual(new Set([translated]));
    const reads = h.proxy.requests.filter((r) => /\/commits\/[0-9a-f]{40}/.test(r.path));
    expect(reads).toHaveLength(3);
    h.proxy.reset();
    await host.lastCommits!(Object.keys(paths).slice(0, 5), head);
    expect(h.proxy.requests).toHaveLength(0);
  });

  test('a file changed on a merged branch counts as changed by the merge (first parent)', async () => {
    const base = await h.push({ branch: 'main', files: { 'docs/en/m.md': 'm1\n' }, message: 'base' });
    const side = await h.push({ branch: 'side', from: base, files: { 'docs/fr/m.md': 'fr\n' }, message: 'on side' });
    const sideCommit = await h.api<{ tree: { sha: string } }>('GET', `/repos/${OWNER}/${REPO}/git/commits/${side}`);
    const merge = await h.api<{ sha: string }>('POST', `/repos/${OWNER}/${REPO}/git/commits`, { message: 'Merge side', tree: sideCommit.tree.sha, parents: [base, side] });
    await h.api('PATCH', `/repos/${OWNER}/${REPO}/git/refs/heads/main`, { sha: merge.sha, force: false });
    const host = newHost();
    const found = await host.lastCommits!(['docs/fr/m.md', 'docs/en/m.md'], merge.sha);
    expect(found.get('docs/fr/m.md')!.sha).toBe(merge.sha);
    expect(found.get('docs/en/m.md')!.sha).toBe(base);
  });
});
