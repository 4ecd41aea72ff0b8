// The dashboard at the scale of a real documentation repository, through the built CLI,
// each command a fresh process: cold `status` (the reference, measured in the same run),
// `dashboard --out` cold and warm, the first served page cold, and the server under
// load (50 requests in flight over a mix of pages, as browsers ask: Brotli or gzip), in
// rounds alternating with a floor server (bench/floor-server.js: the same bytes from a
// Map) measured in the same run. Prints the ratios to cold `status` and to the floor.
// Targets: `dashboard --out` and the first page ≤ 2× cold status; p99 < 100 ms.
//
// The repository: the freesewing corpus (../shared/corpus/freesewing-org.tgz, 1,183
// documents × en/fr/nl/de/es) when present, given a history (English edits in three
// commits); else apps/cli/bench/generate.js (1,000 documents × 5 locales with history).
//
//   npx turbo run build --filter=@i18n-drift/cli... && node apps/dashboard/bench/scale.js
//
// Environment: BENCH_RUNS (median of, default 3), BENCH_REQUESTS (default 2000),
// BENCH_SERVER_ROUNDS (default 4), BENCH_SERVER_ONLY=1 (only the server under load),
// BENCH_CORPUS (an archive path; default the shared corpus), BENCH_DOCUMENTS (generated).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const BIN = here('../../cli/dist/bin.js');
if (!existsSync(BIN) || !existsSync(here('../dist/index.js'))) {
  console.error('bench: build first (npx turbo run build --filter=@i18n-drift/cli...)');
  process.exit(1);
}
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 4000);
const IN_FLIGHT = 50;
const SERVER_ROUNDS = Number(process.env.BENCH_SERVER_ROUNDS ?? 4);
// Searches nobody asked for before the load rounds, each rendered when asked.
const FRESH_SEARCHES = 20;
// Only the server under load (no cold reference): for trying a change to the server.
const SERVER_ONLY = process.env.BENCH_SERVER_ONLY === '1';
const CORPUS = process.env.BENCH_CORPUS ?? here('../../../../shared/corpus/freesewing-org.tgz');

const git = (dir, ...args) => execFileSync('git', ['-C', dir, '-c', 'user.name=Bench', '-c', 'user.email=bench@example.org', '-c', 'commit.gpgsign=false', ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });

function corpusRepository() {
  const dir = mkdtempSync(join(tmpdir(), 'i18n-drift-dashboard-bench-'));
  execFileSync('tar', ['xzf', CORPUS, '-C', dir]);
  mkdirSync(join(dir, '.github'));
  writeFileSync(join(dir, '.github/i18n-drift.yml'), 'sourceLocale: en\nlocales: [fr, nl, de, es]\nfiles:\n  - "org/**/{locale}.md"\n');
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'Import the corpus');
  // A history for the chart: English edits to a share of the documents, three times.
  const english = execFileSync('git', ['-C', dir, 'ls-files', '*/en.md'], { encoding: 'utf8', maxBuffer: 1 << 28 }).split('\n').filter(Boolean);
  for (let c = 1; c <= 3; c++) {
    for (let i = c; i < english.length; i += 17) {
      const path = join(dir, english[i]);
      writeFileSync(path, `${readFileSync(path, 'utf8')}\nEdited in round ${c}.\n`);
    }
    git(dir, 'commit', '-q', '-am', `English edits ${c}`);
  }
  return dir;
}

async function generatedRepository() {
  const { generate } = await import('../../cli/bench/generate.js');
  return generate({ documents: Number(process.env.BENCH_DOCUMENTS ?? 1000), bin: BIN });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;

function timed(dir, args, before) {
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    before?.();
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [BIN, ...args, '--root', dir], { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: '1' } });
    // 1: done, with the files it could not read reported (the corpus has some).
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
    samples.push(ms(start));
  }
  return median(samples);
}

/** Starts `dashboard --port 0`; resolves with its URL and the time to the first page's last byte. */
function serve(dir) {
  const start = process.hrtime.bigint();
  const child = spawn(process.execPath, [BIN, 'dashboard', '--port', '0', '--json', '--root', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((done, fail) => {
    let text = '';
    let started = false;
    child.stdout.on('data', async (chunk) => {
      text += chunk;
      const line = text.split('\n').find((l) => l.startsWith('{'));
      if (!line || started) return;
      started = true;
      const { url } = JSON.parse(line);
      await get(`${url}?lang=en`);
      done({ url, child, firstPage: ms(start) });
    });
    child.once('exit', (code) => fail(new Error(`dashboard exited ${code}`)));
  });
}

const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
function get(url, retry = true) {
  return new Promise((done, fail) => {
    // As a browser asks: the server keeps each page compressed once.
    request(url, { agent, headers: { 'accept-encoding': 'gzip, deflate, br' } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? done() : fail(new Error(`${url}: ${res.statusCode}`))));
    })
      // A kept-alive socket the server closed while idle: ask again on a new one.
      .on('error', (error) => (retry && error.code === 'ECONNRESET' ? get(url, false).then(done, fail) : fail(error)))
      .end();
  });
}

/** CPU time (ms) a process has used, from /proc (Linux; null elsewhere). */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in 1/100 s
  } catch {
    return null;
  }
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

/**
 * `REQUESTS` requests over `paths` (each `{ path, kind }`), `IN_FLIGHT` at a time:
 * throughput, p50 and p99 over all and per kind of page, the server's CPU per request.
 */
async function load(url, paths, pid) {
  const cpuBefore = cpuMs(pid);
  const times = [];
  const byKind = new Map();
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < REQUESTS) {
        const { path, kind } = paths[next++ % paths.length];
        const t = process.hrtime.bigint();
        await get(url + path);
        const took = ms(t);
        times.push(took);
        if (!byKind.has(kind)) byKind.set(kind, []);
        byKind.get(kind).push(took);
      }
    }),
  );
  const perSecond = (REQUESTS / ms(start)) * 1000;
  const cpuAfter = cpuMs(pid);
  times.sort((a, b) => a - b);
  const kinds = {};
  for (const [kind, list] of byKind) {
    list.sort((a, b) => a - b);
    kinds[kind] = { p50: percentile(list, 0.5), p99: percentile(list, 0.99), count: list.length };
  }
  return { cpuPerRequest: cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / REQUESTS, perSecond, p50: percentile(times, 0.5), p99: percentile(times, 0.99), kinds };
}

/** Starts the floor server (bench/floor-server.js) with the bytes the dashboard serves for `paths`. */
function floorServer(source, paths) {
  const child = spawn(process.execPath, [here('./floor-server.js'), source, JSON.stringify(paths)], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((done, fail) => {
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk;
      const line = text.split('\n').find((l) => l.startsWith('{'));
      if (line) done({ url: JSON.parse(line).url, child });
    });
    child.once('exit', (code) => fail(new Error(`floor server exited ${code}`)));
  });
}

const fromCorpus = existsSync(CORPUS);
console.log(fromCorpus ? `Unpacking ${CORPUS} into a repository with history…` : 'Generating a repository (no corpus found)…');
const dir = fromCorpus ? corpusRepository() : await generatedRepository();
const files = git(dir, 'ls-files').split('\n').filter(Boolean).length;
const commits = git(dir, 'rev-list', '--count', 'HEAD').trim();
const clear = () => rmSync(join(dir, '.git', 'i18n-drift', 'cache'), { recursive: true, force: true });
const out = mkdtempSync(join(tmpdir(), 'i18n-drift-dashboard-bench-out-'));
try {
  const status = SERVER_ONLY ? 0 : timed(dir, ['status', '--json'], clear);
  const exportCold = SERVER_ONLY ? 0 : timed(dir, ['dashboard', '--out', out], clear);
  const pages = readdirSync(out, { recursive: true }).filter((f) => String(f).endsWith('.html')).length;
  const exportWarm = SERVER_ONLY ? 0 : timed(dir, ['dashboard', '--out', out]);
  const firsts = [];
  let served = null;
  const serves = SERVER_ONLY ? 1 : RUNS;
  for (let i = 0; i < serves; i++) {
    clear();
    const s = await serve(dir);
    firsts.push(s.firstPage);
    if (i < serves - 1) s.child.kill('SIGTERM');
    else served = s;
  }
  const report = await (await fetch(`${served.url}coverage.json`)).json();
  const docs = report.documents.map((d) => d.source);
  // The pages people hit, each kind reported on its own: the overview in two languages,
  // filtered and ordered overviews (server-side query parameters, as the form without
  // script sends them), every language page, 60 document pages.
  const paths = [
    ...['?lang=en', '?lang=fr'].map((path) => ({ path, kind: 'overview' })),
    ...['?lang=en&sort=coverage', '?lang=en&sort=age', '?lang=en&locale=nl&state=stale', '?lang=en&q=patterns'].map((path) => ({ path, kind: 'filtered overview' })),
    ...report.locales.map((l) => ({ path: `locale/${l}?lang=en`, kind: 'locale page' })),
    ...docs.filter((_, i) => i % Math.max(1, Math.floor(docs.length / 60)) === 0).map((d) => ({ path: `doc/${d.split('/').map(encodeURIComponent).join('/')}?lang=en`, kind: 'document page' })),
  ];
  // Measured under load: pages already rendered (each asked for once here, so rendered,
  // compressed and kept), as every later visitor gets them. A search nobody asked for
  // yet is rendered when asked: measured below, one at a time, without load.
  for (const { path } of paths) await get(served.url + path);
  const fresh = [];
  const words = [...new Set(docs.flatMap((d) => d.split('/').slice(1, -2)))].filter((w) => w.length > 3).slice(0, FRESH_SEARCHES);
  for (const word of words) {
    const t = process.hrtime.bigint();
    await get(`${served.url}?lang=en&q=${encodeURIComponent(word)}&sort=age`);
    fresh.push(ms(t));
  }
  fresh.sort((a, b) => a - b);
  const floor = await floorServer(served.url, paths.map((p) => p.path));
  // Rounds alternate between the dashboard and the floor so that both see the same load
  // on the machine; the first round of each also pays for the JIT warming up (both sides).
  const rounds = { dashboard: [], floor: [] };
  try {
    for (let i = 0; i < SERVER_ROUNDS; i++) {
      rounds.dashboard.push(await load(served.url, paths, served.child.pid));
      rounds.floor.push(await load(floor.url, paths, floor.child.pid));
    }
  } finally {
    served.child.kill('SIGTERM');
    floor.child.kill('SIGTERM');
  }

  const firstPage = median(firsts);
  const row = (name, value, target) => {
    const ratio = value / status;
    const verdict = target === undefined ? '' : ratio <= target ? `  ✓ target ≤ ${target}×` : `  ✗ target ≤ ${target}×`;
    console.log(`${name.padEnd(44)} ${value.toFixed(0).padStart(7)} ms  ${ratio.toFixed(2).padStart(6)}× cold status${verdict}`);
  };
  console.log(`\n${files} files, ${report.documents.length} documents, ${commits} commits, ${pages} pages exported, median of ${RUNS} runs`);
  if (!SERVER_ONLY) {
    console.log('');
    row('status, cold (no cache): the reference', status);
    row('dashboard --out, cold (no cache)', exportCold, 2);
    row('dashboard --out, warm (nothing changed)', exportWarm);
    row('first served page, cold (no cache)', firstPage, 2);
  }
  const fmt = (r) => `${r.perSecond.toFixed(0).padStart(5)} requests/s  p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms${r.cpuPerRequest === null ? '' : `  CPU ${r.cpuPerRequest.toFixed(3)} ms/request`}`;
  console.log(`\nserver, ${IN_FLIGHT} requests in flight, ${REQUESTS} requests over ${paths.length} pages per round, ${SERVER_ROUNDS} rounds; load generator: this process (the server and the floor are processes of their own); load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores:`);
  rounds.dashboard.forEach((d, i) => {
    console.log(`  round ${i + 1}${i === 0 ? ' (JIT warming up)' : ''}`);
    console.log(`    dashboard  ${fmt(d)}  ${(d.p99 / rounds.floor[i].p99).toFixed(2)}× floor p99`);
    console.log(`    floor      ${fmt(rounds.floor[i])}`);
  });
  const warm = rounds.dashboard.slice(1);
  if (warm.length > 0) {
    const warmFloor = rounds.floor.slice(1);
    const p99 = median(warm.map((r) => r.p99));
    const floorP99 = median(warmFloor.map((r) => r.p99));
    console.log(`  after warm-up, median of ${warm.length} rounds (p50 / p99, dashboard vs floor, same run):`);
    for (const kind of Object.keys(warm[0].kinds)) {
      const d50 = median(warm.map((r) => r.kinds[kind].p50));
      const d99 = median(warm.map((r) => r.kinds[kind].p99));
      const f50 = median(warmFloor.map((r) => r.kinds[kind].p50));
      const f99 = median(warmFloor.map((r) => r.kinds[kind].p99));
      console.log(`    ${kind.padEnd(18)} (${String(warm[0].kinds[kind].count).padStart(4)}/round)  dashboard ${d50.toFixed(1).padStart(5)} / ${d99.toFixed(1).padStart(6)} ms   floor ${f50.toFixed(1).padStart(5)} / ${f99.toFixed(1).padStart(6)} ms   p99 ${(d99 / f99).toFixed(2)}× floor  ${d99 < 100 ? '✓' : '✗'}`);
    }
    console.log(`    ${'all'.padEnd(29)}dashboard ${median(warm.map((r) => r.p50)).toFixed(1).padStart(5)} / ${p99.toFixed(1).padStart(6)} ms   floor ${median(warmFloor.map((r) => r.p50)).toFixed(1).padStart(5)} / ${floorP99.toFixed(1).padStart(6)} ms   p99 ${(p99 / floorP99).toFixed(2)}× floor  ${p99 < 100 ? '✓' : '✗'} target < 100 ms`);
    console.log(`    requests/s ${median(warm.map((r) => r.perSecond)).toFixed(0)} (floor ${median(warmFloor.map((r) => r.perSecond)).toFixed(0)}), server CPU ${median(warm.map((r) => r.cpuPerRequest ?? 0)).toFixed(3)} ms/request (floor ${median(warmFloor.map((r) => r.cpuPerRequest ?? 0)).toFixed(3)})`);
  }
  if (fresh.length > 0) console.log(`  a search nobody asked for yet (rendered, one at a time, no load): ${fresh.length} searches, p50 ${percentile(fresh, 0.5).toFixed(1)} ms, slowest ${fresh.at(-1).toFixed(1)} ms`);
} finally {
  agent.destroy();
  rmSync(out, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
}
