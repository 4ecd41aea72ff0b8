// One contract, one suite: what the history methods of `RepositoryHost` mean, run against
// every adapter (memory here, local Git in apps/cli, GitHub through the emulator in
// apps/bot), so `lastCommits` and `commitsBetween` answer the same everywhere.
import { afterEach, describe, expect, it } from 'vitest';
import type { RepositoryHost } from '../types.js';
import { lastCommitsOf } from './adopt-from-history.js';

export interface ContractRepository {
  host: RepositoryHost;
  /** Commit `files` (null deletes) on the default branch; returns the new sha. */
  commit(files: Record<string, string | null>, message: string): Promise<string>;
  /** Remove what the setup created (temporary folders, servers). */
  close?(): Promise<void>;
}

/** Register the history contract for one adapter; `open` makes a repository with one commit holding `seed.md`. */
export function describeHistoryContract(name: string, open: () => Promise<ContractRepository>): void {
  describe(`RepositoryHost history contract: ${name}`, () => {
    const opened: ContractRepository[] = [];
    afterEach(async () => {
      for (const repo of opened.splice(0)) await repo.close?.();
    });
    const start = async () => {
      const repo = await open();
      opened.push(repo);
      return repo;
    };

    it('lastCommits: per path the last commit that changed it; unchanged paths absent', async () => {
      const { host, commit } = await start();
      const a = await commit({ 'docs/en/a.md': 'a1', 'docs/fr/a.md': 'fr1' }, 'first');
      const b = await commit({ 'docs/en/a.md': 'a2' }, 'second');
      const c = await commit({ 'docs/fr/b.md': 'b' }, 'third');
      await commit({ 'other.txt': 'x' }, 'unrelated');
      const found = await host.lastCommits!(['docs/en/a.md', 'docs/fr/a.md', 'docs/fr/b.md', 'docs/nl/none.md'], await host.resolveRevision(await host.defaultBranch()));
      expect(Object.fromEntries([...found].map(([p, info]) => [p, info.sha]))).toEqual({ 'docs/en/a.md': b, 'docs/fr/a.md': a, 'docs/fr/b.md': c });
      expect(found.get('docs/en/a.md')!.message).toContain('second');
      expect(Number.isNaN(Date.parse(found.get('docs/en/a.md')!.date))).toBe(false);
    });

    it('lastCommits at an older revision ignores later commits; a deletion is a change', async () => {
      const { host, commit } = await start();
      const a = await commit({ 'docs/en/a.md': 'a1' }, 'first');
      const b = await commit({ 'docs/en/a.md': null }, 'delete');
      await commit({ 'docs/en/a.md': 'again' }, 'restore');
      expect((await host.lastCommits!(['docs/en/a.md'], a)).get('docs/en/a.md')!.sha).toBe(a);
      expect((await host.lastCommits!(['docs/en/a.md'], b)).get('docs/en/a.md')!.sha).toBe(b);
    });

    it('commitsBetween and lastCommits agree (the fallback core uses without the method)', async () => {
      const { host, commit } = await start();
      await commit({ 'docs/en/a.md': 'a1', 'docs/fr/a.md': 'f' }, 'first');
      const last = await commit({ 'docs/en/a.md': 'a2' }, 'second');
      const head = await host.resolveRevision(await host.defaultBranch());
      const { lastCommits: _, ...plain } = host;
      const viaList = await lastCommitsOf(plain as RepositoryHost, ['docs/en/a.md', 'docs/fr/a.md'], head);
      const viaMethod = await host.lastCommits!(['docs/en/a.md', 'docs/fr/a.md'], head);
      const shas = (m: Map<string, { sha: string }>) => Object.fromEntries([...m].map(([p, c]) => [p, c.sha]));
      expect(shas(viaList)).toEqual(shas(viaMethod));
      expect(viaMethod.get('docs/en/a.md')!.sha).toBe(last);
      const between = await host.commitsBetween(viaMethod.get('docs/fr/a.md')!.sha, head, ['docs/en/a.md']);
      expect(between.map((c) => c.sha)).toEqual([last]);
    });
  });
}
