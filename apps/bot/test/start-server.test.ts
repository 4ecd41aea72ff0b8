/**
 * Production start: refuses an unusable webhook secret, and otherwise serves webhooks
 * (checked signatures) on the port it was given.
 */
import { generateKeyPairSync } from 'node:crypto';
import { expect, test } from 'vitest';
import { startServer } from '../src/start-server.js';

const PRIVATE_KEY = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
}).privateKey;
const env = { APP_ID: '1', PRIVATE_KEY, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'fatal' } as const;

test('refuses an empty secret, Probot’s development default and missing credentials', async () => {
  await expect(startServer({ ...env, WEBHOOK_SECRET: '' })).rejects.toThrow('WEBHOOK_SECRET is empty');
  await expect(startServer({ ...env })).rejects.toThrow('WEBHOOK_SECRET is empty');
  await expect(startServer({ ...env, WEBHOOK_SECRET: 'development' })).rejects.toThrow('"development" default');
  await expect(startServer({ WEBHOOK_SECRET: 's3cret', PORT: '0' })).rejects.toThrow('APP_ID and PRIVATE_KEY');
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
