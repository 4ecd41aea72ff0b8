/**
 * Running the `git` binary: one place that turns a failed git call into a
 * `HostError` with git's own first line of complaint, never a stack of child_process noise.
 */
import { spawn } from 'node:child_process';
import { HostError } from '@i18n-drift/core';

export interface RunGitOptions {
  input?: string | Buffer;
  env?: Record<string, string>;
  /** Exit codes that are not failures (e.g. 1 for `rev-parse --verify -q`). */
  okCodes?: number[];
}

export interface GitOutput {
  stdout: Buffer;
  code: number;
}

/**
 * Run `git -C root …args`; resolves with stdout.
 * @throws HostError('not-found') for an unknown revision/path, HostError('unavailable')
 *   when git is missing, HostError('other') for any other failure, with git's message.
 */
export function runGit(root: string, args: string[], options: RunGitOptions = {}): Promise<GitOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-C', root, ...args], {
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => reject(new HostError('unavailable', `cannot run git: ${e.message}`, { cause: e })));
    child.on('close', (code) => {
      const exit = code ?? 1;
      if (exit === 0 || options.okCodes?.includes(exit)) return resolve({ stdout: Buffer.concat(out), code: exit });
      const message = Buffer.concat(err).toString('utf8').trim().split('\n').find((l) => l.trim() !== '') ?? `git ${args[0]} failed`;
      const clean = message.replace(/^(fatal|error): /, '');
      const code2 = /unknown revision|bad revision|not a valid object|Not a valid object name|invalid object name|ambiguous argument/i.test(message)
        ? 'not-found'
        : /not a git repository/i.test(message)
          ? 'not-found'
          : 'other';
      reject(new HostError(code2, clean));
    });
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
  });
}

/** stdout as text, trailing newline removed. */
export async function gitText(root: string, args: string[], options: RunGitOptions = {}): Promise<string> {
  return (await runGit(root, args, options)).stdout.toString('utf8').replace(/\n$/, '');
}
