/**
 * Production start: refuses an unusable webhook secret, and otherwise serves webhooks
 * (checked signatures) on the port it was given, and relays a webhook proxy channel's
 * deliveries to itself.
 */
import { createHmac, generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, onTestFinished, test } from 'vitest';
import { startServer } from '../src/start-server.js';

const PRIVATE_KEY = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
}).privateKey;
const env = { APP_ID: '1', PRIVATE_KEY, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'fatal' } as const;

test('refuses an empty secret, Probot’s development default and missing credentials, naming each', async () => {
  await expect(startServer({ ...env, WEBHOOK_SECRET: '' })).rejects.toThrow('WEBHOOK_SECRET is empty');
  await expect(startServer({ ...env })).rejects.toThrow('WEBHOOK_SECRET is empty');
  await expect(startServer({ ...env, WEBHOOK_SECRET: 'development' })).rejects.toThrow('"development" default');
  await expect(startServer({ WEBHOOK_SECRET: 's3cret', PORT: '0' }, '/nonexistent')).rejects.toMatchObject({
    problems: [expect.stringMatching(/^APP_ID is missing/), expect.stringMatching(/^PRIVATE_KEY is missing/)],
  });
  await expect(startServer({ ...env, PRIVATE_KEY: 'not a key', WEBHOOK_SECRET: 's3cret' })).rejects.toThrow(/^PRIVATE_KEY is not a PEM private key/);
});

test('with a real secret it serves webhooks and rejects forged ones', async () => {
  const started = await startServer({ ...env, WEBHOOK_SECRET: 's3cret' });
  try {
    expect(started.port).toBeGreaterThan(0);
    const response = await fetch(`http://127.0.0.1:${started.port}/api/github/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-github-delivery': 'x', 'x-hub-signature-256': 'sha256=00' },
      body: '{}',
    });
    expect(response.status).toBe(400);
    expect((await fetch(`http://127.0.0.1:${started.port}/nothing`)).status).toBe(404);
  } finally {
    await started.close();
  }
});

test('WEBHOOK_PROXY_URL: deliveries of the proxy channel are relayed to the webhook route, signatures still checked', async () => {
  // A stand-in for a smee.io channel on loopback: an event stream of deliveries, as smee sends them.
  const streams = new Set<http.ServerResponse>();
  const channel = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.write(': connected\n\n');
    streams.add(res);
  });
  await new Promise<void>((resolve) => channel.listen(0, '127.0.0.1', resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        channel.close(() => resolve());
        channel.closeAllConnections();
      }),
  );
  const channelUrl = `http://127.0.0.1:${(channel.address() as AddressInfo).port}/channel`;

  const started = await startServer({ ...env, WEBHOOK_SECRET: 's3cret', WEBHOOK_PROXY_URL: channelUrl });
  onTestFinished(() => started.close());
  const answered: { url: string; status: number }[] = [];
  started.server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    res.on('finish', () => answered.push({ url: req.url ?? '', status: res.statusCode }));
  });

  const send = (body: object, signature: string) => {
    const data = { 'x-github-event': 'ping', 'x-github-delivery': `d-${answered.length}`, 'x-hub-signature-256': signature, body, query: {} };
    for (const stream of streams) stream.write(`data: ${JSON.stringify(data)}\n\n`);
  };
  const ping = { zen: 'Keep it logically awesome.', hook_id: 1 };
  send(ping, `sha256=${createHmac('sha256', 's3cret').update(JSON.stringify(ping)).digest('hex')}`);
  send(ping, 'sha256=00');
  for (let waited = 0; answered.length < 2 && waited < 5_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
  expect(answered).toEqual([
    { url: '/api/github/webhooks', status: 200 },
    { url: '/api/github/webhooks', status: 400 },
  ]);
});

test('an unreachable WEBHOOK_PROXY_URL is a warning: the server still serves', async () => {
  const started = await startServer({ ...env, WEBHOOK_SECRET: 's3cret', WEBHOOK_PROXY_URL: 'http://127.0.0.1:9/none' });
  onTestFinished(() => started.close());
  expect((await fetch(`http://127.0.0.1:${started.port}/nothing`)).status).toBe(404);
});
