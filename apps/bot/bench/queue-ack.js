// The acknowledgement alone, as GitHub sees it: a web process (`dist/main.js` with
// REDIS_URL, as deployed) and a real redis-server (append-only file, fsync on every
// write, as the tests and the README's deployment run it), deliveries sent from a process
// of their own (bench/queue-sender.js, one keep-alive connection per sender). No worker
// runs; GitHub is a stub that answers the one `GET /app` (the bot's login).
//   node bench/queue-ack.js [--deliveries N] [--rounds R] [--fsync always|everysec]
// Each round starts a fresh Redis and web process, then sends N deliveries one at a time
// and N more 16 in flight (GitHub-sized push payloads, every one a distinct push).
// Prints per round p50/p95/p99/max of each phase, the first 10 deliveries of the fresh
// process apart (start-up costs, if any, show there), the web process's CPU per
// delivery (from /proc) and the load average.  Build first (`npm run build -w @i18n-drift/bot`).
// `--web dist,bench/ack-floor` alternates the web process with a floor: a bare Node HTTP
// server doing only what any acknowledgement must (read, HMAC, parse, one Redis write), so
// that its CPU per delivery and latencies are a reference measured in the same window.
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const option = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const N = Number(option('--deliveries', 1000));
const ROUNDS = Number(option('--rounds', 3));
const FSYNC = option('--fsync', 'always');
/** --web DIR[,DIR…]: the built web process(es) to measure (default ../dist); several alternate round by round (before/after in one window). */
const WEB = option('--web', here('../dist')).split(',');
/** --cpu-prof DIR: profile the web process (written when it stops). */
const PROFILE = option('--cpu-prof', undefined);
const SENDERS = 16;
/**
 * --burst N: first send N deliveries all at once to the fresh process (as the queue
 * benchmark's paced sender does with every repository's first push, after the same
 * ignored warm-up push), then N at once again, warm, before the usual phases; printed apart.
 */
const BURST = Number(option('--burst', 0));
const SECRET = 'bench-webhook-secret';
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function waitForLine(child, pattern, what) {
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: nothing after 60 s:\n${output}`)), 60_000);
    const look = (d) => {
      output += d;
      const match = pattern.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout.off('data', look);
      child.stderr.off('data', look);
      child.stdout.resume();
      child.stderr.resume();
      if (process.env.ACK_BENCH_ECHO) child.stdout.on('data', (d) => process.stderr.write(`[${what}] ${d}`));
      resolve(match);
    };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
    child.once('exit', () => reject(new Error(`${what} exited:\n${output}`)));
  });
}

function processCpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** A push payload of GitHub's size and shape (≈ 8 KB: the repository object, commits, pusher, sender). */
function pushPayload(r, i) {
  const owner = { login: 'bench', id: 9000, node_id: 'O_kgDOA', avatar_url: 'https://avatars.githubusercontent.com/u/9000?v=4', gravatar_id: '', url: 'https://api.github.com/users/bench', html_url: 'https://github.com/bench', type: 'Organization', site_admin: false };
  const repoUrl = `https://api.github.com/repos/bench/docs-${r}`;
  const repository = { id: 7000 + r, node_id: `R_kgDO${r}`, name: `docs-${r}`, full_name: `bench/docs-${r}`, private: false, owner, html_url: `https://github.com/bench/docs-${r}`, description: 'Privacy notices and terms, translated', fork: false, url: repoUrl };
  for (const k of ['forks', 'keys', 'collaborators', 'teams', 'hooks', 'issue_events', 'events', 'assignees', 'branches', 'tags', 'blobs', 'git_tags', 'git_refs', 'trees', 'statuses', 'languages', 'stargazers', 'contributors', 'subscribers', 'subscription', 'commits', 'git_commits', 'comments', 'issue_comment', 'contents', 'compare', 'merges', 'archive', 'downloads', 'issues', 'pulls', 'milestones', 'notifications', 'labels', 'releases', 'deployments']) repository[`${k}_url`] = `${repoUrl}/${k}{/sha}`;
  Object.assign(repository, { created_at: 1765000000, updated_at: '2026-12-07T10:00:00Z', pushed_at: 1765100000 + i, git_url: `git://github.com/bench/docs-${r}.git`, ssh_url: `git@github.com:bench/docs-${r}.git`, clone_url: `https://github.com/bench/docs-${r}.git`, homepage: null, size: 120, stargazers_count: 3, watchers_count: 3, language: null, has_issues: true, has_projects: true, has_downloads: true, has_wiki: true, has_pages: false, forks_count: 0, archived: false, disabled: false, open_issues_count: 1, license: null, allow_forking: true, is_template: false, topics: ['i18n', 'privacy'], visibility: 'public', forks: 0, open_issues: 1, watchers: 3, default_branch: 'main', stargazers: 3, master_branch: 'main', organization: 'bench' });
  const before = (r * 100000 + i).toString(16).padStart(40, 'a');
  const after = (r * 100000 + i + 1).toString(16).padStart(40, 'b');
  const person = { name: 'Mia', email: 'mia@bench.test', username: 'maintainer' };
  const commit = { id: after, tree_id: after.replace(/b/g, 'c'), distinct: true, message: `Keep logs ${i + 7} months\n\nThe retention period changed after the audit.`, timestamp: '2026-12-07T10:00:00+00:00', url: `https://github.com/bench/docs-${r}/commit/${after}`, author: person, committer: person, added: [], removed: [], modified: ['locales/en/privacy.md'] };
  return {
    ref: 'refs/heads/main', before, after, repository, pusher: { name: 'maintainer', email: 'mia@bench.test' }, organization: { login: 'bench', id: 9000 },
    installation: { id: 501 + (r % 10), node_id: 'MDIzOkludGVncmF0aW9u' }, sender: { ...owner, login: 'maintainer', id: 9001, type: 'User' },
    created: false, deleted: false, forced: false, base_ref: null, compare: `https://github.com/bench/docs-${r}/compare/${before.slice(0, 12)}...${after.slice(0, 12)}`, commits: [commit], head_commit: commit,
  };
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
function stats(values) {
  const s = [...values].sort((a, b) => a - b);
  return { n: s.length, p50: quantile(s, 0.5), p95: quantile(s, 0.95), p99: quantile(s, 0.99), max: s.at(-1) };
}
const fmt = (x) => `n=${x.n} p50 ${x.p50.toFixed(1)} p95 ${x.p95.toFixed(1)} p99 ${x.p99.toFixed(1)} max ${x.max.toFixed(1)} ms`;

async function round(index, dist) {
  const scratch = mkdtempSync(join(tmpdir(), 'i18n-drift-ack-bench-'));
  const children = [];
  const github = http.createServer((req, res) => {
    req.resume();
    if (req.url.endsWith('/app')) res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 1, slug: 'i18n-drift' }));
    else res.writeHead(404).end('{}');
  });
  try {
    await new Promise((resolve) => github.listen(0, '127.0.0.1', resolve));
    const port = await freePort();
    const redis = spawn('/usr/bin/redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', scratch, '--appendonly', 'yes', '--appendfsync', FSYNC, '--save', '', '--maxmemory-policy', 'noeviction', '--daemonize', 'no', '--logfile', ''], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(redis);
    await waitForLine(redis, /Ready to accept connections/, 'redis-server');
    const web = spawn(process.execPath, [...(PROFILE ? ['--cpu-prof', '--cpu-prof-dir', PROFILE] : []), join(dist, 'main.js')], {
      env: { PATH: process.env.PATH ?? '', APP_ID: '1', PRIVATE_KEY: privateKey, WEBHOOK_SECRET: SECRET, REDIS_URL: `redis://127.0.0.1:${port}`, PORT: '0', HOST: '127.0.0.1', GHE_HOST: `127.0.0.1:${github.address().port}`, GHE_PROTOCOL: 'http', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(web);
    const webPort = (await waitForLine(web, /listening on port (\d+)/, 'the web process'))[1];
    const url = `http://127.0.0.1:${webPort}/api/github/webhooks`;
    const send = async (mode, offset, n = N, senders = SENDERS) => {
      const streams = [Array.from({ length: n }, (_, k) => ({ id: `ack-${index}-${offset + k}`, body: JSON.stringify(pushPayload(k % 50, offset + k)) }))];
      const input = join(scratch, `${mode}.json`);
      writeFileSync(input, JSON.stringify({ url, secret: SECRET, mode: 'burst', senders, sequential: mode === 'sequential' ? n : 0, streams }));
      const sender = spawn(process.execPath, [here('./queue-sender.js'), input], { stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(sender);
      const report = JSON.parse((await waitForLine(sender, /\{"acks":.*\}\n/, 'the sender'))[0]);
      if (report.acked !== n) throw new Error(`${mode}: ${report.acked} of ${n} acknowledged`);
      return mode === 'sequential' ? report.sequentialAcks : report.acks;
    };
    const load = loadavg()[0];
    // Bursts use delivery ids past the two phases' (2N on).
    const bursts = [];
    if (BURST > 0) {
      // As the queue benchmark does: the bot's login (its one GET /app) asked outside the
      // measurement, with a push to another branch, which the web process ignores.
      const warm = JSON.stringify({ ...pushPayload(0, 0), ref: 'refs/heads/warm-up' });
      const { createHmac } = await import('node:crypto');
      await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-github-delivery': `warm-${index}`, 'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(warm).digest('hex')}` }, body: warm }).then((r) => r.text());
    }
    for (const which of BURST > 0 ? ['cold', 'warm'] : []) {
      const before = processCpuMs(web.pid);
      const acks = await send(`burst-${which}`, 2 * N + bursts.length * BURST, BURST, BURST);
      bursts.push({ which, acks: stats(acks), cpu: (processCpuMs(web.pid) - before) / BURST });
    }
    const cpu0 = processCpuMs(web.pid);
    const sequential = await send('sequential', 0);
    const cpu1 = processCpuMs(web.pid);
    const parallel = await send('parallel', N);
    const cpu2 = processCpuMs(web.pid);
    const bytes = JSON.stringify(pushPayload(0, 0)).length;
    console.log(`round ${index + 1}, ${dist} (load average ${load.toFixed(2)}, payload ${(bytes / 1024).toFixed(1)} KB, fsync ${FSYNC}):`);
    for (const b of bursts) console.log(`  ${BURST} at once, ${b.which}:${' '.repeat(Math.max(1, 14 - String(BURST).length - b.which.length))}${fmt(b.acks)}; web CPU ${b.cpu.toFixed(2)} ms/delivery`);
    console.log(`  first 10 ${BURST > 0 ? 'one at a time' : 'of a fresh process'}: ${sequential.slice(0, 10).map((x) => x.toFixed(1)).join(' ')} ms`);
    console.log(`  one at a time, after those:  ${fmt(stats(sequential.slice(10)))}; web CPU ${((cpu1 - cpu0) / N).toFixed(2)} ms/delivery`);
    console.log(`  ${SENDERS} in flight:                ${fmt(stats(parallel))}; web CPU ${((cpu2 - cpu1) / N).toFixed(2)} ms/delivery`);
    if (PROFILE) {
      const exited = new Promise((resolve) => web.once('exit', resolve));
      web.kill('SIGTERM');
      await exited;
    }
    return { dist, load, first: sequential.slice(0, 10), sequential: stats(sequential.slice(10)), parallel: stats(parallel) };
  } finally {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await new Promise((resolve) => github.close(resolve));
    rmSync(scratch, { recursive: true, force: true });
  }
}

const rounds = [];
for (let i = 0; i < ROUNDS * WEB.length; i += 1) rounds.push(await round(i, WEB[i % WEB.length]));
for (const dist of WEB) {
  const mine = rounds.filter((r) => r.dist === dist);
  const spread = (pick) => `${Math.min(...mine.map(pick)).toFixed(1)}–${Math.max(...mine.map(pick)).toFixed(1)} ms`;
  console.log(`\n${dist}: ${mine.length} rounds, ${N} deliveries per phase: one at a time p50 ${spread((r) => r.sequential.p50)}, p99 ${spread((r) => r.sequential.p99)}, max ${spread((r) => r.sequential.max)}; ${SENDERS} in flight p50 ${spread((r) => r.parallel.p50)}, p99 ${spread((r) => r.parallel.p99)}, max ${spread((r) => r.parallel.max)} (target: p99 < 50 ms)`);
}
