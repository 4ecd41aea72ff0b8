/**
 * One contract, one suite (as abstract-level ships its test suite for every store): what
 * the history methods of `RepositoryHost` mean, as plain async checks that every
 * adapter's tests run (memory here, local Git in apps/cli, GitHub through the emulator in
 * apps/bot), so `lastCommits` and `commitsBetween` answer the same everywhere. Each check
 * throws an Error saying what differed; no test framework is imported.
 */
import type { CommitInfo, RepositoryHost } from '../types.js';
import { lastCommitsOf } from './adopt-from-history.js';

/** A repository for one check, made by the adapter's test. */
export interface ContractRepository {
  host: RepositoryHost;
  /** Commit `files` (null deletes) on the default branch; returns the new sha. */
  commit(files: Record<string, string | null>, message: string): Promise<string>;
}

export interface ContractCheck {
  title: string;
  run(repo: ContractRepository): Promise<void>;
}

function same(actual: unknown, expected: unknown, what: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

const shas = (found: Map<string, CommitInfo>) =>
  Object.fromEntries([...found].map(([p, c]) => [p, c.sha]).sort(([a], [b]) => ((a as string) < (b as string) ? -1 : 1)));

async function head(host: RepositoryHost): Promise<string> {
  return host.resolveRevision(await host.defaultBranch());
}

/** The checks of the history contract, for a host that implements `lastCommits`. */
export const historyContract: readonly ContractCheck[] = [
  {
    title: 'lastCommits: per path the last commit that changed it; paths never changed are absent',
    async run({ host, commit }) {
      const a = await commit({ 'docs/en/a.md': 'a1', 'docs/fr/a.md': 'fr1' }, 'first');
      const b = await commit({ 'docs/en/a.md': 'a2' }, 'second');
      const c = await commit({ 'docs/fr/b.md': 'b' }, 'third');
      await commit({ 'other.txt': 'x' }, 'unrelated');
      const found = await host.lastCommits!(['docs/en/a.md', 'docs/fr/a.md', 'docs/fr/b.md', 'docs/nl/none.md'], await head(host));
      same(shas(found), { 'docs/en/a.md': b, 'docs/fr/a.md': a, 'docs/fr/b.md': c }, 'last commits');
      if (!found.get('docs/en/a.md')!.message.includes('second')) throw new Error('lastCommits: the commit message is missing');
      if (Number.isNaN(Date.parse(found.get('docs/en/a.md')!.date))) throw new Error('lastCommits: the commit date is not ISO 8601');
    },
  },
  {
    title: 'lastCommits at an older revision ignores later commits; a deletion is a change',
    async run({ host, commit }) {
      const a = await commit({ 'docs/en/a.md': 'a1' }, 'first');
      const b = await commit({ 'docs/en/a.md': null }, 'delete');
      await commit({ 'docs/en/a.md': 'again' }, 'restore');
      same((await host.lastCommits!(['docs/en/a.md'], a)).get('docs/en/a.md')?.sha, a, 'at the first commit');
      same((await host.lastCommits!(['docs/en/a.md'], b)).get('docs/en/a.md')?.sha, b, 'at the deletion');
    },
  },
  {
    title: 'lastCommits agrees with commitsBetween (what core reads without the method)',
    async run({ host, commit }) {
      await commit({ 'docs/en/a.md': 'a1', 'docs/fr/a.md': 'f' }, 'first');
      const last = await commit({ 'docs/en/a.md': 'a2' }, 'second');
      const rev = await head(host);
      const { lastCommits: _, ...plain } = host;
      const paths = ['docs/en/a.md', 'docs/fr/a.md'];
      same(shas(await lastCommitsOf(plain as RepositoryHost, paths, rev)), shas(await host.lastCommits!(paths, rev)), 'fallback and method');
      const fr = (await host.lastCommits!(['docs/fr/a.md'], rev)).get('docs/fr/a.md')!;
      same((await host.commitsBetween(fr.sha, rev, ['docs/en/a.md'])).map((c) => c.sha), [last], 'commits since the translation');
    },
  },
];
