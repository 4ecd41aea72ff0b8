// Plays GitHub for the queue benchmark: sends signed deliveries to the web process and
// times each answer. A process of its own, so that the emulator's work (in the
// benchmark's process) does not delay the clock.
//   node bench/queue-sender.js <input.json>
//   input: { url, secret, mode, senders, redisUrl, streams: [[{ id, body }, ...], ...] }
// mode "burst": every delivery, the first `sequential` one at a time, then `senders` in
//   flight, whatever the queue does (the acknowledgement alone).
// mode "paced": the streams (one per repository) in parallel; within a stream, a delivery
//   is sent once the job of the previous one has finished (BullMQ's completed event), so
//   that every push is a sync of its own and none is coalesced into another.
// Prints { acks: [ms, ...], inFlightAtSend: [n, ...], positions: [i, ...], sequentialAcks: [ms, ...], acked, completed, failed, firstSentAt, lastDoneAt, cpuMs } on one line.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { QueueEvents } from 'bullmq';
import { deliveryKey } from '../dist/delivery-log.js';
import { QUEUE_NAME, deliveryJobId } from '../dist/redis-keys.js';

const { url, secret, mode, senders, sequential, redisUrl, streams } = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const acks = [];
/**
 * Per acknowledgement (same order as acks): how many deliveries were in flight when it
 * was sent, itself included, and its place in its stream (paced: 0 is a repository's
 * first push, the 50 of which go out at once).
 */
const inFlightAtSend = [];
const positions = [];
let inFlight = 0;
let acked = 0;
let completed = 0;
let failed = 0;
const cpuStart = process.cpuUsage();

async function send(d, position) {
  const signature = `sha256=${createHmac('sha256', secret).update(d.body).digest('hex')}`;
  inFlight += 1;
  const concurrent = inFlight;
  const t0 = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-github-delivery': d.id, 'x-hub-signature-256': signature },
    body: d.body,
  });
  await response.text();
  acks.push(performance.now() - t0);
  inFlight -= 1;
  inFlightAtSend.push(concurrent);
  positions.push(position);
  if (response.status === 200) acked += 1;
  else throw new Error(`delivery ${d.id}: ${response.status}`);
}

const firstSentAt = Date.now();
const sequentialAcks = [];
if (mode === 'burst') {
  const all = streams.flat();
  // The first `sequential` one at a time: the path's own latency, without waiting behind others.
  let next = 0;
  for (; next < Math.min(sequential ?? 0, all.length); next += 1) {
    await send(all[next]);
    sequentialAcks.push(acks.pop());
    inFlightAtSend.pop();
    positions.pop();
  }
  await Promise.all(
    Array.from({ length: senders }, async () => {
      while (next < all.length) {
        const position = next++;
        await send(all[position], position);
      }
    }),
  );
} else {
  // The job of each delivery, by id: the web process derives it from the delivery the same way.
  const waiters = new Map();
  const events = new QueueEvents(QUEUE_NAME, { connection: { url: redisUrl } });
  await events.waitUntilReady();
  const settle = (jobId, ok) => {
    const waiter = waiters.get(jobId);
    if (!waiter) return;
    waiters.delete(jobId);
    if (ok) completed += 1;
    else failed += 1;
    waiter();
  };
  events.on('completed', ({ jobId }) => settle(jobId, true));
  events.on('failed', ({ jobId }) => settle(jobId, false));
  await Promise.all(
    streams.map(async (stream) => {
      for (const [position, d] of stream.entries()) {
        const jobId = deliveryJobId(deliveryKey(d.id, 'push', JSON.parse(d.body)));
        const done = new Promise((resolve) => waiters.set(jobId, resolve));
        await send(d, position);
        await done;
      }
    }),
  );
  await events.close();
}
const lastDoneAt = Date.now();
const cpu = process.cpuUsage(cpuStart);
process.stdout.write(`${JSON.stringify({ acks, inFlightAtSend, positions, sequentialAcks, acked, completed, failed, firstSentAt, lastDoneAt, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
