/**
 * A worker's scheduling priority. A worker is batch work (a sync may take seconds), a
 * web process must answer GitHub within its 10 s and, to be safe with retries, within
 * tens of milliseconds; where both share cores (a small deployment, one machine or one
 * container host), a worker that yields the CPU keeps the acknowledgement fast and costs
 * the jobs only the moments the web process actually runs.
 */
import { readdirSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** The nice value a worker lowers itself to unless WORKER_NICE says otherwise (0 leaves it alone). */
export const DEFAULT_WORKER_NICE = 10;
/** The lowest priority Linux and macOS give a process. */
export const MAX_NICE = 19;

/**
 * Lower process `pid`'s priority to nice value `nice`, never raising it: a process an
 * operator already started with a higher nice keeps it. On Linux every thread is set
 * (a nice value belongs to a thread there, and Node's helper threads — garbage
 * collection, the libuv pool — exist before any code runs); threads started later
 * inherit it. @returns the process's nice value afterwards.
 * @throws when the system refuses (a sandbox that forbids setpriority).
 */
export function lowerPriority(nice: number, pid: number = process.pid): number {
  if (!Number.isInteger(nice) || nice < 0 || nice > MAX_NICE) throw new RangeError(`nice must be a whole number from 0 to ${MAX_NICE}, got ${nice}`);
  for (const id of threadsOf(pid)) {
    try {
      if (getPriority(id) < nice) setPriority(id, nice);
    } catch (error) {
      // A thread that ended between the listing and the call.
      if ((error as { info?: { code?: string } }).info?.code !== 'ESRCH' || id === pid) throw error;
    }
  }
  return getPriority(pid);
}

function threadsOf(pid: number): number[] {
  if (process.platform !== 'linux') return [pid];
  try {
    return readdirSync(`/proc/${pid}/task`).map(Number);
  } catch {
    return [pid];
  }
}
