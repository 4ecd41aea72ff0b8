// The acknowledgement's own cost, two ways side by side in one process against one real
// redis-server: Probot's webhook middleware and handlers (what a web process ran before
// it had its own route) and the web process's webhook intake (webhook-intake.ts). Sends N
// signed pushes one at a time to each, alternating, and prints ack p50/p99 and the CPU
// per delivery of this process (server and the sending client together).
//   node bench/queue-ack-paths.js            (build first; N=1000 by default)
import http from 'node:http';
import { createHmac } from 'node:crypto';
import { spawn } from 'node:child_process';
import { Probot, createNodeMiddleware } from 'probot';
import { createI18nDriftApp } from '../dist/app.js';
import { startWebOperations } from '../dist/web-operations.js';
const port = 20000 + Math.floor(Math.random() * 20000);
const rs = spawn('/usr/bin/redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 300));
const url = `redis://127.0.0.1:${port}`;
const SECRET = 's';
const { generateKeyPairSync } = await import('node:crypto');
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
async function serve(mode) {
  const ops = await startWebOperations({ REDIS_URL: url });
  const probot = new Probot({ appId: 1, privateKey, secret: SECRET, logLevel: 'warn' });
  const appFn = createI18nDriftApp({ enqueue: ops.enqueue, routes: ops.routes, botLogin: 'bot[bot]' });
  // Without addHandler the app registers no route of its own: webhooks go through Probot.
  const fn = mode === 'probot' ? (app, o) => appFn(app, { ...o, addHandler: undefined }) : appFn;
  const mw = await createNodeMiddleware(fn, { probot });
  const server = http.createServer((req, res) => void mw(req, res, () => res.writeHead(404).end()));
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { server, ops, target: `http://127.0.0.1:${server.address().port}/api/github/webhooks` };
}
const N = Number(process.env.N ?? 1000);
const repository = { id: 1, name: 'docs', full_name: 'acme/docs', owner: { login: 'acme', id: 2, type: 'Organization' }, default_branch: 'main', private: false, html_url: 'https://github.com/acme/docs', description: 'x'.repeat(200) };
for (const mode of (process.env.MODES ?? 'probot,intake,probot,intake').split(',')) {
  const { server, ops, target } = await serve(mode);
  const times = [];
  const c0 = process.cpuUsage();
  let i0 = Math.floor(Math.random() * 1e9);
  for (let i = 0; i < N; i++) {
    const body = JSON.stringify({ ref: 'refs/heads/main', before: 'a'.repeat(40), after: ((i0 + i).toString(16)).padStart(40, 'b'), repository: { ...repository, name: `docs-${i % 50}` }, sender: { login: 'mia', type: 'User' }, installation: { id: 1 } });
    const t0 = performance.now();
    const r = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-github-delivery': `d${i0 + i}`, 'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}` }, body });
    await r.text();
    if (r.status !== 200) throw new Error(`${mode}: ${r.status}`);
    times.push(performance.now() - t0);
  }
  const c = process.cpuUsage(c0);
  times.sort((a, b) => a - b);
  console.log(`${mode.padEnd(7)} ack p50 ${times[N >> 1].toFixed(2)} ms, p99 ${times[Math.floor(N * 0.99)].toFixed(2)} ms, CPU ${((c.user + c.system) / 1000 / N).toFixed(2)} ms per delivery (server and client)`);
  await new Promise((r) => server.close(r));
  await ops.close();
}
rs.kill();
