import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, onTestFinished, test } from 'vitest';
import type { QueuedJob } from './queued-job.js';
import { createWebhookIntake } from './webhook-intake.js';

const SECRET = 'intake-secret';
const PATH = '/api/github/webhooks';
const sha = (c: string) => c.repeat(40);
const repository = { name: 'docs', owner: { login: 'acme' }, default_branch: 'main' };
const push = { ref: 'refs/heads/main', before: sha('a'), after: sha('b'), repository, sender: { login: 'mia', type: 'User' }, installation: { id: 7 } };

async function intake(enqueue: (job: QueuedJob, key: string) => Promise<'queued' | 'duplicate'>) {
  const logged: string[] = [];
  const handle = createWebhookIntake({
    path: PATH,
    verify: async (body, signature) => signature === `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`,
    botLogin: async () => 'i18n-drift[bot]',
    enqueue,
    log: { debug: (m) => logged.push(m), info: (m) => logged.push(m), error: (_e, m) => logged.push(m) },
  });
  const server = http.createServer((req, res) => {
    if (!handle(req, res)) res.writeHead(404).end('not mine\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${PATH}`;
  const send = async (event: string, payload: unknown, headers: Record<string, string> = {}) => {
    const body = JSON.stringify(payload);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-github-event': event, 'x-github-delivery': 'd-1', 'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`, ...headers },
      body,
    });
    return [response.status, await response.text()] as const;
  };
  return { send, url, logged };
}

test('a signed push becomes one job, keyed by delivery and payload; an installation one job per repository', async () => {
  const queued: [QueuedJob, string][] = [];
  const { send } = await intake(async (job, key) => (queued.push([job, key]), 'queued'));
  expect(await send('push', push)).toEqual([200, 'ok\n']);
  expect(queued).toHaveLength(1);
  expect(queued[0]![0]).toEqual({ event: 'push', installationId: 7, owner: 'acme', repo: 'docs', defaultBranch: 'main', deliveryId: 'd-1', from: sha('a'), to: sha('b') });
  expect(queued[0]![1]).toMatch(/^d-1:push:[0-9a-f]{16}$/);

  const installation = { action: 'created', installation: { id: 7 }, repositories: [{ full_name: 'acme/docs' }, { full_name: 'acme/site' }] };
  expect(await send('installation', installation)).toEqual([200, 'ok\n']);
  expect(queued.slice(1).map(([job, key]) => [job.repo, key.endsWith(`:acme/${job.repo}`)])).toEqual([
    ['docs', true],
    ['site', true],
  ]);
});

test('what GitHub must not get a 200 for: no signature, a wrong one, a body that is not JSON; the queue failing is a 500', async () => {
  let calls = 0;
  let fail = false;
  const { send, url } = await intake(async () => {
    calls += 1;
    if (fail) throw new Error('Redis is down');
    return 'queued';
  });
  expect(await send('push', push, { 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` })).toEqual([400, 'signature does not match event payload and secret\n']);
  const unsigned = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-github-delivery': 'd-2' }, body: '{}' });
  expect([unsigned.status, await unsigned.text()]).toEqual([400, 'Required headers missing: x-hub-signature-256\n']);
  const form = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-github-event': 'push', 'x-github-delivery': 'd-3', 'x-hub-signature-256': 'sha256=x' }, body: 'payload=%7B%7D' });
  expect(form.status).toBe(415);
  expect(calls).toBe(0);
  fail = true;
  expect(await send('push', push)).toEqual([500, 'the delivery could not be queued; redeliver it\n']);
  expect(calls).toBe(1);
});

test('events and pushes the app does not act on are answered 200 with no job; other routes are left to the server', async () => {
  const queued: QueuedJob[] = [];
  const { send, url, logged } = await intake(async (job) => (queued.push(job), 'queued'));
  expect(await send('push', { ...push, ref: 'refs/heads/feature' })).toEqual([200, 'ok\n']);
  expect(await send('push', { ...push, sender: { login: 'i18n-drift[bot]' } })).toEqual([200, 'ok\n']);
  expect(await send('issues', { action: 'opened', repository })).toEqual([200, 'ok\n']);
  expect(await send('pull_request', { action: 'closed', repository, pull_request: {} })).toEqual([200, 'ok\n']);
  expect(queued).toEqual([]);
  expect(logged).toEqual([
    'delivery d-1: push to refs/heads/feature ignored: not-default-branch',
    'delivery d-1: push to refs/heads/main ignored: own-push',
    'delivery d-1: issues.opened is not an event the app acts on',
    'delivery d-1: pull_request.closed is not an event the app acts on',
  ]);
  expect((await fetch(url.replace(PATH, '/elsewhere'), { method: 'POST' })).status).toBe(404);
});
