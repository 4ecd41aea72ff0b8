/**
 * Many blob reads over one `git cat-file --batch` process: requests are written as
 * they come and answers parsed in order, so reading thousands of files costs one
 * process, not thousands (Lunaria's one-git-call-per-file is what this avoids).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { HostError } from '@i18n-drift/core';

export interface BlobAnswer {
  /** Object id; null when the object is missing. */
  oid: string | null;
  type: string | null;
  content: Buffer | null;
}

interface Pending {
  resolve: (a: BlobAnswer) => void;
  reject: (e: Error) => void;
}

/** A long-lived `git cat-file --batch`; call `close()` when done. */
export interface CatFileBatch {
  /** `<rev>:<path>` or an object id. Newlines in the name are refused. */
  read(object: string): Promise<BlobAnswer>;
  close(): void;
}

export function openCatFileBatch(root: string): CatFileBatch {
  let child: ChildProcessWithoutNullStreams | null = null;
  const queue: Pending[] = [];
  let buffer: Buffer = Buffer.alloc(0);
  let failed: Error | null = null;
  let closed = false;

  const fail = (e: Error) => {
    failed = e;
    for (const p of queue.splice(0)) p.reject(e);
  };
  const drain = () => {
    for (;;) {
      const pending = queue[0];
      if (!pending) return;
      const nl = buffer.indexOf(10);
      if (nl < 0) return;
      const header = buffer.subarray(0, nl).toString('utf8');
      if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
        buffer = buffer.subarray(nl + 1);
        queue.shift();
        pending.resolve({ oid: null, type: null, content: null });
        continue;
      }
      const [oid, type, sizeText] = header.split(' ');
      const size = Number(sizeText);
      if (!oid || !type || !Number.isFinite(size)) {
        fail(new HostError('other', `unexpected git cat-file output: ${header.slice(0, 80)}`));
        return;
      }
      if (buffer.length < nl + 1 + size + 1) return;
      const content = Buffer.from(buffer.subarray(nl + 1, nl + 1 + size));
      buffer = buffer.subarray(nl + 1 + size + 1);
      queue.shift();
      pending.resolve({ oid, type, content });
    }
  };
  const start = () => {
    const c = spawn('git', ['-C', root, 'cat-file', '--batch'], { env: { ...process.env, LC_ALL: 'C' } });
    c.stdout.on('data', (chunk: Buffer) => {
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
      drain();
    });
    c.on('error', (e) => fail(new HostError('unavailable', `cannot run git: ${e.message}`)));
    c.on('close', () => {
      if (child === c) child = null;
      if (queue.length > 0) fail(new HostError('other', 'git cat-file stopped unexpectedly'));
    });
    c.stdin.on('error', () => {});
    return c;
  };

  return {
    read(object) {
      if (failed) return Promise.reject(failed);
      // A read racing a failed command must not restart a process nobody will close.
      if (closed) return Promise.reject(new HostError('unavailable', 'the repository was closed'));
      if (object.includes('\n')) return Promise.reject(new HostError('other', 'a path with a line break cannot be read'));
      child ??= start();
      return new Promise<BlobAnswer>((resolve, reject) => {
        queue.push({ resolve, reject });
        child!.stdin.write(object + '\n');
      });
    },
    close() {
      closed = true;
      child?.stdin.end();
      child = null;
    },
  };
}
