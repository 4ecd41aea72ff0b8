/**
 * A read-only `RepositoryHost` over the `git` binary, for the browser tests only. The
 * CLI's local-Git adapter cannot be used here: @i18n-drift/cli depends on this package,
 * so depending back on it would make a cycle. The dashboard only reads, so the write
 * half of the port refuses.
 */
import { execFileSync, spawn } from 'node:child_process';
import { HostError, type CommitInfo, type RepositoryHost } from '@i18n-drift/core';

/** A read-only host; `close()` ends its `git cat-file --batch` process. */
export function readOnlyGitHost(root: string): RepositoryHost & { close(): void } {
  const git = (args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  const refuse = async (): Promise<never> => {
    throw new HostError('other', 'the dashboard test host is read-only');
  };
  const resolve = (rev: string) => {
    if (/^[0-9a-f]{40}$/.test(rev)) return rev;
    try {
      return git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]).trim();
    } catch {
      throw new HostError('not-found', `unknown revision: ${rev}`);
    }
  };
  // Thousands of files (the 1,500-document test) are read through one `cat-file --batch`.
  let batch: ReturnType<typeof spawn> | null = null;
  let buffer: Buffer = Buffer.alloc(0);
  const waiting: ((content: Buffer | null) => void)[] = [];
  const drain = () => {
    for (;;) {
      const nl = buffer.indexOf(10);
      if (nl < 0 || waiting.length === 0) return;
      const header = buffer.subarray(0, nl).toString('utf8');
      if (header.endsWith(' missing')) {
        buffer = buffer.subarray(nl + 1);
        waiting.shift()!(null);
        continue;
      }
      const size = Number(header.split(' ')[2]);
      if (buffer.length < nl + 1 + size + 1) return;
      const content = Buffer.from(buffer.subarray(nl + 1, nl + 1 + size));
      buffer = buffer.subarray(nl + 2 + size);
      waiting.shift()!(header.split(' ')[1] === 'blob' ? content : null);
    }
  };
  const read = (object: string) =>
    new Promise<Buffer | null>((done) => {
      if (!batch) {
        batch = spawn('git', ['cat-file', '--batch'], { cwd: root, stdio: ['pipe', 'pipe', 'ignore'] });
        batch.stdout!.on('data', (chunk: Buffer) => {
          buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
          drain();
        });
      }
      waiting.push(done);
      batch.stdin!.write(`${object}\n`);
    });
  return {
    close: () => {
      batch?.stdin?.end();
      batch = null;
    },
    defaultBranch: async () => git(['symbolic-ref', '--short', 'HEAD']).trim(),
    resolveRevision: async (rev) => resolve(rev),
    readFile: async (path, rev) => {
      const content = await read(`${resolve(rev)}:${path}`);
      return content === null ? null : content.toString('utf8');
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
