/**
 * The web side of the queue on a real redis-server: one script claims the delivery,
 * records the job for its repository and adds BullMQ's job, all or nothing. The job must
 * be the one `Queue.add` would have written (options, data), a second acceptance of the
 * same delivery must write nothing, and a failure must leave the delivery claimable again.
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterEach, expect, test } from 'vitest';
import { DELIVERY_TTL_SECONDS, JOB_OPTIONS, createJobQueue, type JobQueue } from '../src/job-queue.js';
import type { QueuedJob } from '../src/queued-job.js';
import { QUEUE_NAME, connectRedis, deliveryJobId, deliveryRedisKey, pendingKey, sequenceKey } from '../src/redis-keys.js';
import { startRedisServer, type RedisServer } from './redis-server.js';

let server: RedisServer | undefined;
const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close().catch(() => undefined);
  await server?.close();
  server = undefined;
});

async function start(): Promise<{ jobs: JobQueue; redis: Redis; bull: Queue }> {
  server = await startRedisServer();
  const jobs = createJobQueue(connectRedis(server.url, { pipelined: true }));
  const redis = connectRedis(server.url);
  const bull = new Queue(QUEUE_NAME, { connection: connectRedis(server.url) });
  closers.push(() => jobs.close(), () => redis.quit(), () => bull.close());
  await jobs.warmUp();
  return { jobs, redis, bull };
}

const push = (n: number): QueuedJob => ({ event: 'push', installationId: 7, owner: 'Acme', repo: 'Docs', defaultBranch: 'main', deliveryId: `delivery-${n}`, from: `${n}`.padStart(40, 'a'), to: `${n}`.padStart(40, 'b') });

test('a delivery accepted: claimed for 3 days, numbered in its repository, recorded for coalescing, and BullMQ\'s job as Queue.add writes it', async () => {
  const { jobs, redis, bull } = await start();
  expect(await jobs.enqueue(push(1), 'key-1')).toBe('queued');
  expect(await jobs.enqueue(push(2), 'key-2')).toBe('queued');

  expect(await redis.ttl(deliveryRedisKey('key-1'))).toBeGreaterThan(DELIVERY_TTL_SECONDS - 60);
  expect(await redis.get(sequenceKey('acme/docs'))).toBe('2');
  expect(await redis.zrange(pendingKey('acme/docs', 'push'), 0, -1, 'WITHSCORES')).toEqual([`1 ${JSON.stringify(push(1))}`, '1', `2 ${JSON.stringify(push(2))}`, '2']);

  const job = (await bull.getJob(deliveryJobId('key-2')))!;
  expect(job.name).toBe('push');
  expect(job.data).toEqual({ seq: 2, job: push(2), deliveryKey: 'key-2' });
  expect(await job.getState()).toBe('waiting');
  // Stored as Queue.add stores a job with the queue's options.
  await bull.add('push', job.data, { ...JOB_OPTIONS, jobId: 'reference' });
  const reference = (await bull.getJob('reference'))!;
  expect(job.opts).toEqual({ ...reference.opts, jobId: deliveryJobId('key-2') });
  expect(job.opts.attempts).toBe(JOB_OPTIONS.attempts);
  await reference.remove();
  expect(await bull.getJobCounts('waiting')).toMatchObject({ waiting: 2 });
});

test('the same delivery again, from this or another web process: nothing written, no second job, no record', async () => {
  const { jobs, redis, bull } = await start();
  expect(await jobs.enqueue(push(1), 'key-1')).toBe('queued');
  const other = createJobQueue(connectRedis(server!.url, { pipelined: true }));
  closers.push(() => other.close());
  expect(await jobs.enqueue(push(1), 'key-1')).toBe('duplicate');
  expect(await other.enqueue(push(1), 'key-1')).toBe('duplicate');
  // Concurrent redeliveries: exactly one is accepted.
  const results = await Promise.all([jobs.enqueue(push(3), 'key-3'), other.enqueue(push(3), 'key-3'), jobs.enqueue(push(3), 'key-3')]);
  expect(results.filter((r) => r === 'queued')).toHaveLength(1);

  expect(await redis.get(sequenceKey('acme/docs'))).toBe('2');
  expect(await redis.zcard(pendingKey('acme/docs', 'push'))).toBe(2);
  expect(await bull.getJobCounts('waiting')).toMatchObject({ waiting: 2 });
});

test('a failure inside the script leaves the delivery claimable again; one already claimed is refused before that point', async () => {
  const { jobs, redis, bull } = await start();
  expect(await jobs.enqueue(push(1), 'key-1')).toBe('queued');
  // BullMQ's part of the script fails after the claim was written (its meta hash is no hash).
  await redis.rename(`bull:${QUEUE_NAME}:meta`, 'saved-meta');
  await redis.set(`bull:${QUEUE_NAME}:meta`, 'not a hash');
  await expect(jobs.enqueue(push(2), 'key-2')).rejects.toThrow(/WRONGTYPE/);
  expect(await redis.exists(deliveryRedisKey('key-2'))).toBe(0);
  // A redelivery of the accepted one is still refused before the script gets that far.
  expect(await jobs.enqueue(push(1), 'key-1')).toBe('duplicate');
  expect(await redis.exists(deliveryRedisKey('key-1'))).toBe(1);

  await redis.rename('saved-meta', `bull:${QUEUE_NAME}:meta`);
  expect(await jobs.enqueue(push(2), 'key-2')).toBe('queued');
  expect((await bull.getJob(deliveryJobId('key-2')))!.data).toMatchObject({ job: push(2), deliveryKey: 'key-2' });
  expect(await bull.getJobCounts('waiting')).toMatchObject({ waiting: 2 });
});
