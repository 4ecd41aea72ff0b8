/**
 * Whether a working tree changed, asked of git by a small helper process. Starting a
 * process from the dashboard's server cost it twice: the event loop waited until the
 * child had exec'd (30–100 ms on a loaded 2-core machine, once a second), and the fork
 * marked the server's whole heap copy-on-write, so its next writes (the garbage
 * collector's first) faulted page by page. The helper is started once, while the
 * server's heap is still small, and starts every `git` itself.
 */
import { spawn } from 'node:child_process';
import { workTreeOf } from '../cache/work-tree.js';
import { onStatusIndex } from './status-index.js';

/** HEAD's commit (null on an unborn branch) and a string equal for equal repository states. */
export interface RepositoryState {
  head: string | null;
  /** HEAD and every uncommitted change, as git reports them. */
  fingerprint: string;
}

export interface RepositoryStateReader {
  read(): Promise<RepositoryState>;
  /** Ends the helper; `read` fails afterwards. */
  close(): Promise<void>;
}

const HELPER = `
const { execFile } = require('node:child_process');
const env = { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', GIT_OPTIONAL_LOCKS: '0' };
// How far the branch is from its upstream changes nothing shown, and counting it can take git a while.
const args = ['status', '--porcelain=v2', '--branch', '--no-ahead-behind', '-z', '--untracked-files=all', '--no-renames'];
// The server may name a private copy of the index to use, with the options that go with it (status-index.ts).
process.on('message', ({ id, options, variables }) => {
  execFile('git', [...options, ...args], { cwd: process.argv[1], env: { ...env, ...variables }, encoding: 'utf8', maxBuffer: 1 << 30 }, (error, stdout, stderr) => {
    // Once the server is gone the channel is closed: nothing to answer, and with no
    // listener left holding it the helper ends by itself after its last git.
    if (process.connected) process.send(error ? { id, error: String(stderr || error.message).trim() } : { id, stdout });
  });
});
`;

/**
 * One `git status --porcelain=v2 --branch` per `read`, run by a helper process, with
 * git's untracked cache on a private copy of the index where that is safe.
 * `GIT_OPTIONAL_LOCKS=0`: the check never takes the index lock a user's own git command
 * would then find held.
 */
export function repositoryStateReader(root: string): RepositoryStateReader {
  const tree = workTreeOf(root);
  const ask = askHelper(root);
  return {
    // The copy is checked (and made again when the index changed) before each read; a
    // read it failed, or took too long for, is asked again of the real index.
    read: async () => (await onStatusIndex(tree, (args, env) => ask.read(args, env)))!,
    close: ask.close,
  };
}

function askHelper(root: string) {
  const helper = spawn(process.execPath, ['-e', HELPER, root], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
  // A reader with nothing asked must not keep the process alive.
  const idle = () => {
    helper.unref();
    helper.channel?.unref();
  };
  idle();
  const waiting = new Map<number, { ok: (state: RepositoryState) => void; ko: (error: Error) => void }>();
  let next = 0;
  let ended: Error | null = null;
  const failAll = (error: Error) => {
    ended ??= error;
    for (const { ko } of waiting.values()) ko(ended);
    waiting.clear();
  };
  helper.on('message', (message: { id: number; stdout?: string; error?: string }) => {
    const pending = waiting.get(message.id);
    if (!pending) return;
    waiting.delete(message.id);
    if (waiting.size === 0) idle();
    if (message.error !== undefined) pending.ko(new Error(`git status: ${message.error}`));
    else pending.ok(parseState(message.stdout ?? ''));
  });
  helper.on('error', (error) => failAll(error));
  helper.on('exit', () => failAll(new Error('the repository state reader has ended')));
  return {
    read(options: string[], variables: Record<string, string>): Promise<RepositoryState> {
      if (ended) return Promise.reject(ended);
      const id = next++;
      helper.ref();
      helper.channel?.ref();
      return new Promise((ok, ko) => {
        waiting.set(id, { ok, ko });
        helper.send({ id, options, variables });
      });
    },
    async close() {
      if (helper.exitCode !== null || helper.signalCode !== null) return;
      const exited = new Promise<void>((done) => helper.once('exit', () => done()));
      helper.disconnect();
      await exited;
    },
  };
}

/** The state of `git status --porcelain=v2 --branch -z` output. */
export function parseState(output: string): RepositoryState {
  const oid = /(?:^|\0)# branch\.oid ([^\0\s]+)/.exec(output)?.[1];
  return { head: oid && oid !== '(initial)' ? oid : null, fingerprint: output };
}
