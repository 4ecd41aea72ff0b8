import { expect, test } from 'vitest';
import { createRepositoryQueue } from './repository-queue.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

test('jobs of one repository run one at a time, in order; other repositories run alongside', async () => {
  const queue = createRepositoryQueue();
  const log: string[] = [];
  let running = 0;
  let most = 0;
  const job = (name: string) => async () => {
    running += 1;
    most = Math.max(most, running);
    log.push(`start ${name}`);
    await tick();
    log.push(`end ${name}`);
    running -= 1;
    return name;
  };
  const results = await Promise.all([queue.run('a/x', job('1')), queue.run('a/x', job('2')), queue.run('a/x', job('3'))]);
  expect(results).toEqual(['1', '2', '3']);
  expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  expect(most).toBe(1);

  const both = [queue.run('a/x', job('x')), queue.run('b/y', job('y'))];
  expect(queue.pending()).toBe(2);
  await Promise.all(both);
  expect(most).toBe(2);
  expect(queue.pending()).toBe(0);
});

test('a failed job rejects its caller only; the next job still runs; idle waits for all', async () => {
  const queue = createRepositoryQueue();
  const failing = queue.run('r', async () => {
    await tick();
    throw new Error('boom');
  });
  const next = queue.run('r', async () => 'next');
  const idle = queue.idle();
  await expect(failing).rejects.toThrow('boom');
  await expect(next).resolves.toBe('next');
  await idle;
  expect(queue.pending()).toBe(0);
  await queue.idle(); // resolves at once when nothing is queued
});
