// Plays GitHub for the queue benchmark: sends signed deliveries to the web process, a
// fixed number in flight, and times each answer. A process of its own, so that the
// emulator's work (in the benchmark's process) does not delay the clock.
//   node bench/queue-sender.js <input.json>   input: { url, secret, senders, deliveries: [{ id, body }] }
// Prints { acks: [ms, ...], acked } on one line.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';

const { url, secret, senders, deliveries } = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const acks = [];
let acked = 0;
let next = 0;
await Promise.all(
  Array.from({ length: senders }, async () => {
    while (next < deliveries.length) {
      const d = deliveries[next++];
      const signature = `sha256=${createHmac('sha256', secret).update(d.body).digest('hex')}`;
      const t0 = performance.now();
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-github-delivery': d.id, 'x-hub-signature-256': signature },
        body: d.body,
      });
      await response.text();
      acks.push(performance.now() - t0);
      if (response.status === 200) acked += 1;
    }
  }),
);
process.stdout.write(`${JSON.stringify({ acks, acked })}\n`);
