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
  /** Size from the object header (0 when missing). */
  size: number;
  /** Null when the object is missing or larger than the batch's `maxBytes` (never buffered). */
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

/**
 * @param maxBytes objects larger than this are answered from their header alone
 *   (`content: null`) and their bytes dropped as they stream by: a 100 MB blob is
 *   refused at once, never held in memory.
 */
export function openCatFileBatch(root: string, maxBytes = Number.POSITIVE_INFINITY): CatFileBatch {
  let child: ChildProcessWithoutNullStreams | null = null;
  const queue: Pending[] = [];
  // Chunks kept as they came and joined once an object is complete: growing one buffer
  // per chunk copied a large object quadratically (238 s for 100 MB).
  let chunks: Buffer[] = [];
  let length = 0;
  let skipping = 0;
  let failed: Error | null = null;
  let closed = false;
  const take = (n: number): Buffer => {
    const all = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length);
    const head = Buffer.from(all.subarray(0, n));
    const rest = all.subarray(n);
    chunks = rest.length > 0 ? [rest] : [];
    length = rest.length;
    return head;
  };
  const headerEnd = (): number => {
    let offset = 0;
    for (const c of chunks) {
      const nl = c.indexOf(10);
      if (nl >= 0) return offset + nl;
      offset += c.length;
    }
    return -1;
  };

  const fail = (e: Error) => {
    failed = e;
    for (const p of queue.splice(0)) p.reject(e);
  };
  // The header of the object whose bytes are arriving, once read.
  let current: { oid: string; type: string; size: number } | null = null;
  const drain = () => {
    for (;;) {
      if (skipping > 0) {
        const drop = Math.min(skipping, length);
        take(drop);
        skipping -= drop;
        if (skipping > 0) return;
      }
      const pending = queue[0];
      if (!pending) return;
      if (current === null) {
        const nl = headerEnd();
        if (nl < 0) return;
        const header = take(nl + 1).subarray(0, nl).toString('utf8');
        if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
          queue.shift();
          pending.resolve({ oid: null, type: null, size: 0, content: null });
          continue;
        }
        const [oid, type, sizeText] = header.split(' ');
        const size = Number(sizeText);
        if (!oid || !type || !Number.isFinite(size)) {
          fail(new HostError('other', `unexpected git cat-file output: ${header.slice(0, 80)}`));
          return;
        }
        if (size > maxBytes) {
          queue.shift();
          skipping = size + 1;
          pending.resolve({ oid, type, size, content: null });
          continue;
        }
        current = { oid, type, size };
      }
      if (length < current.size + 1) return;
      const { oid, type, size } = current;
      current = null;
      const content = take(size + 1).subarray(0, size);
      queue.shift();
      pending.resolve({ oid, type, size, content });
    }
  };
  const start = () => {
    const c = spawn('git', ['-C', root, 'cat-file', '--batch'], { env: { ...process.env, LC_ALL: 'C' } });
    c.stdout.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.length;
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
      const stdin = child.stdin;
      // The reads asked for in one tick (a whole tree at once) go out in one write, not one each.
      if (!stdin.writableCorked) {
        stdin.cork();
        process.nextTick(() => stdin.uncork());
      }
      return new Promise<BlobAnswer>((resolve, reject) => {
        queue.push({ resolve, reject });
        stdin.write(object + '\n');
      });
    },
    close() {
      closed = true;
      child?.stdin.end();
      child = null;
    },
  };
}
