// Floor for the acknowledgement: a bare Node HTTP server that reads the body, checks the
// HMAC, parses the JSON and writes one small value to Redis (SET NX EX, one round trip)
// before answering 200 ok: what any web process must do.
import http from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Redis } from 'ioredis';
const redis = new Redis(process.env.REDIS_URL, { enableAutoPipelining: true });
await redis.ping();
const secret = process.env.WEBHOOK_SECRET;
const server = http.createServer((req, res) => {
  if (req.method !== 'POST') { res.writeHead(404).end(); return; }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    const body = Buffer.concat(chunks);
    const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
    const got = Buffer.from(String(req.headers['x-hub-signature-256']));
    if (got.length !== expected.length || !timingSafeEqual(got, expected)) { res.writeHead(400).end('bad\n'); return; }
    const payload = JSON.parse(body.toString('utf8'));
    const job = JSON.stringify({ event: 'push', owner: payload.repository.owner.login, repo: payload.repository.name, to: payload.after, deliveryId: req.headers['x-github-delivery'] });
    await redis.set(`floor:${req.headers['x-github-delivery']}`, job, 'EX', 3600, 'NX');
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('ok\n');
  });
});
server.listen(0, '127.0.0.1', () => console.log(`listening on port ${server.address().port}`));
// Exit on its own (not killed), so that `--cpu-prof` writes the floor's profile too.
process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  redis.disconnect();
});
