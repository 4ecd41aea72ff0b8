/**
 * A read-only `RepositoryHost` over the `git` binary, for the browser tests only. The
 * CLI's local-Git adapter cannot be used here: @i18n-drift/cli depends on this package,
 * so depending back on it would make a cycle. The dashboard only reads, so the write
 * half of the port refuses.
 */
import { execFileSync } from 'node:child_process';
import { HostError, type CommitInfo, type RepositoryHost } from '@i18n-drift/core';

export function readOnlyGitHost(root: string): RepositoryHost {
  const git = (args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  const refuse = async (): Promise<never> => {
    throw new HostError('other', 'the dashboard test host is read-only');
  };
  const resolve = (rev: string) => {
    try {
      return git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]).trim();
    } catch {
      throw new HostError('not-found', `unknown revision: ${rev}`);
    }
  };
  return {
    defaultBranch: async () => git(['symbolic-ref', '--short', 'HEAD']).trim(),
    resolveRevision: async (rev) => resolve(rev),
    readFile: async (path, rev) => {
      const sha = resolve(rev);
      try {
        git(['cat-file', '-e', `${sha}:${path}`]);
      } catch {
        return null;
      }
      return git(['cat-file', 'blob', `${sha}:${path}`]);
    },
    listFiles: async (rev) => git(['ls-tree', '-r', '--name-only', '-z', resolve(rev)]).split('\0').filter(Boolean),
    changedPaths: async (from, to) =>
      (from === null ? git(['ls-tree', '-r', '--name-only', '-z', resolve(to)]) : git(['diff', '--name-only', '-z', resolve(from), resolve(to)])).split('\0').filter(Boolean),
    commitsBetween: async (from, to, paths) => {
      const range = from === null ? resolve(to) : `${resolve(from)}..${resolve(to)}`;
      const out = git(['log', '--reverse', '--name-only', '--format=%x1e%H%x1f%aI%x1f%an%x1f%s', range, '--', ...(paths ?? [])]);
      return out
        .split('\x1e')
        .filter((chunk) => chunk.trim())
        .map((chunk): CommitInfo => {
          const [head = '', ...files] = chunk.split('\n');
          const [sha = '', date = '', author = '', message = ''] = head.split('\x1f');
          return { sha, date, author, message, paths: files.filter(Boolean) };
        });
    },
    getBranch: refuse,
    commitFiles: refuse,
    findPullRequest: async () => null,
    openPullRequest: refuse,
    updatePullRequest: refuse,
    comment: refuse,
  };
}
