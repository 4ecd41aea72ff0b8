import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, expect, test } from 'vitest';
import { lowerPriority } from './process-priority.js';

let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
});

/** A Node process that idles until killed, with its helper threads running. */
async function idleNode(): Promise<number> {
  child = spawn(process.execPath, ['-e', "require('node:crypto').randomBytes(8, () => process.stdout.write('up\\n')); setInterval(() => {}, 1000)"], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => child!.stdout!.once('data', () => resolve()));
  return child.pid!;
}

/** The nice value of every thread of `pid` (field 19 of /proc/<pid>/task/<tid>/stat). */
function threadNices(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).map((tid) => Number(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]));
}

test.runIf(process.platform === 'linux')('lowers every thread of the process, and never raises it again', async () => {
  const pid = await idleNode();
  expect(threadNices(pid).length).toBeGreaterThan(1);
  expect(lowerPriority(7, pid)).toBe(7);
  expect(new Set(threadNices(pid))).toEqual(new Set([7]));
  // An operator's `nice -n 15` (or an earlier call) stays: only lowering, never raising.
  expect(lowerPriority(3, pid)).toBe(7);
  expect(new Set(threadNices(pid))).toEqual(new Set([7]));
  // 0: left as it is.
  expect(lowerPriority(0, pid)).toBe(7);
});

test('refuses a value that is not a nice value', () => {
  expect(() => lowerPriority(20, process.pid)).toThrow('nice must be a whole number from 0 to 19, got 20');
  expect(() => lowerPriority(-1, process.pid)).toThrow('got -1');
  expect(() => lowerPriority(2.5, process.pid)).toThrow('got 2.5');
});
