/**
 * An in-process queue per repository: two deliveries for one repository never run at
 * once, while different repositories proceed in parallel. A shared queue for
 * several processes comes with the scale-out issue.
 */

export interface RepositoryQueue {
  /** Run `job` after every job queued earlier for `key` has settled; resolves/rejects with `job`'s outcome. */
  run<T>(key: string, job: () => Promise<T>): Promise<T>;
  /** Jobs queued or running, all keys together. */
  pending(): number;
  /** Resolves once no job is queued or running (immediately if none). */
  idle(): Promise<void>;
}

/** Create an empty queue. A failed job does not stop the jobs queued after it. */
export function createRepositoryQueue(): RepositoryQueue {
  const tails = new Map<string, Promise<unknown>>();
  let count = 0;
  let waiters: (() => void)[] = [];

  const settle = () => {
    count -= 1;
    if (count === 0) {
      const ready = waiters;
      waiters = [];
      for (const resolve of ready) resolve();
    }
  };

  return {
    run(key, job) {
      count += 1;
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(job, job);
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      void tail.then(() => {
        // Drop the key once its last job is done so the map does not grow with every repository seen.
        if (tails.get(key) === tail) tails.delete(key);
        settle();
      });
      return result;
    },
    pending: () => count,
    idle: () => (count === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
  };
}
