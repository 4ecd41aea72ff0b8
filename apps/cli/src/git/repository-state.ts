/**
 * Whether a working tree changed, asked of git from a worker thread. Starting a process
 * blocks the thread that starts it until the child has exec'd: on a loaded 2-core
 * machine that was 30–100 ms per `git` for the dashboard's server, once a second,
 * stalling every request in flight. From a worker, the server's event loop never waits.
 */
import { Worker } from 'node:worker_threads';

/** HEAD's commit (null on an unborn branch) and a string equal for equal repository states. */
export interface RepositoryState {
  head: string | null;
  /** HEAD and every uncommitted change, as git reports them. */
  fingerprint: string;
}

export interface RepositoryStateReader {
  read(): Promise<RepositoryState>;
  /** Ends the worker; `read` fails afterwards. */
  close(): Promise<void>;
}

// Evaluated as a CommonJS worker, so that it runs the same from src (tests) and dist.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { execFile } = require('node:child_process');
const env = { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', GIT_OPTIONAL_LOCKS: '0' };
const args = ['status', '--porcelain=v2', '--branch', '-z', '--untracked-files=all', '--no-renames'];
parentPort.on('message', (id) => {
  execFile('git', args, { cwd: workerData.root, env, encoding: 'utf8', maxBuffer: 1 << 30 }, (error, stdout, stderr) => {
    parentPort.postMessage(error ? { id, error: String(stderr || error.message).trim() } : { id, stdout });
  });
});
`;

/**
 * One `git status --porcelain=v2 --branch` per `read`, run from a worker thread.
 * `GIT_OPTIONAL_LOCKS=0`: the check never takes the index lock a user's own git command
 * would then find held.
 */
export function repositoryStateReader(root: string): RepositoryStateReader {
  const worker = new Worker(WORKER, { eval: true, workerData: { root } });
  // A reader with nothing asked must not keep the process alive.
  worker.unref();
  const waiting = new Map<number, { ok: (state: RepositoryState) => void; ko: (error: Error) => void }>();
  let next = 0;
  let ended: Error | null = null;
  const failAll = (error: Error) => {
    ended = error;
    for (const { ko } of waiting.values()) ko(error);
    waiting.clear();
  };
  worker.on('message', (message: { id: number; stdout?: string; error?: string }) => {
    const pending = waiting.get(message.id);
    if (!pending) return;
    waiting.delete(message.id);
    if (waiting.size === 0) worker.unref();
    if (message.error !== undefined) pending.ko(new Error(`git status: ${message.error}`));
    else pending.ok(parseState(message.stdout ?? ''));
  });
  worker.on('error', (error) => failAll(error));
  worker.on('exit', () => failAll(ended ?? new Error('the repository state reader has ended')));
  return {
    read() {
      if (ended) return Promise.reject(ended);
      const id = next++;
      worker.ref();
      return new Promise((ok, ko) => {
        waiting.set(id, { ok, ko });
        worker.postMessage(id);
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}

/** The state of `git status --porcelain=v2 --branch -z` output. */
export function parseState(output: string): RepositoryState {
  const oid = /(?:^|\0)# branch\.oid ([^\0\s]+)/.exec(output)?.[1];
  return { head: oid && oid !== '(initial)' ? oid : null, fingerprint: output };
}
