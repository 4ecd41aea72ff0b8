// Benchmark of the GitHub App (issue 6): a push changing 3 documents for 10 locales,
// handled by the app against the emulator (throttling and retries off). Prints GitHub
// requests (reads, writes) and wall time for a first push (opens 10 PRs) and a second
// one (updates them), with ratios against a floor measured in the same run: the same
// 10 locale commits made straight through the adapter.
//
//   npm run bench -w @i18n-drift/bot        (--json for the raw figures)
//   npm run bench -w @i18n-drift/bot -- --queue   the Redis queue: 1,000 deliveries,
//                                                 50 repositories, 1/2/4 worker processes
//     --latency <ms>   hold every GitHub request that long (GitHub's round trip, modelled)
//     --pushes <n>     pushes per repository (default 20)
//     --worker-nice <n>    the workers' WORKER_NICE (default: the worker's own, 10; 0 = as before)
//     --emulator-nice <n>  lower the emulator's priority too while deliveries go (GitHub's
//                          stand-in, which in production is not on the bot's cores; needs root)
//
// Targets: writes per locale constant and at most 6 (tree, commit, ref, PR, labels,
// reviewers); reads at most one per file touched plus a constant.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'i18n-drift-bot-bench-'));
const output = join(scratch, 'figures.json');
const queue = process.argv.includes('--queue');
const scenario = queue ? 'bench/queue.scenario.ts' : 'bench/push-ten-locales.scenario.ts';
const option = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const queueEnv = {};
if (option('--latency') !== undefined) queueEnv.QUEUE_BENCH_LATENCY_MS = option('--latency');
if (option('--pushes') !== undefined) queueEnv.QUEUE_BENCH_PUSHES = option('--pushes');
if (option('--worker-nice') !== undefined) queueEnv.QUEUE_BENCH_WORKER_NICE = option('--worker-nice');
if (option('--emulator-nice') !== undefined) queueEnv.QUEUE_BENCH_EMULATOR_NICE = option('--emulator-nice');
const child = spawnSync('npx', ['vitest', 'run', '--config', 'bench/vitest.config.js', '--reporter', 'dot', scenario], {
  cwd: root,
  env: { ...process.env, ...queueEnv, BENCH_OUTPUT: output },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const figures = child.status === 0 ? readFileSync(output, 'utf8') : null;
rmSync(scratch, { recursive: true, force: true });
if (figures === null) {
  console.error('bench: the scenario failed (see above)');
  process.exit(1);
}
const f = JSON.parse(figures);
// --save <file>: keep the raw figures too (several runs, compared later).
if (process.argv.includes('--save')) writeFileSync(process.argv[process.argv.indexOf('--save') + 1], figures);
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(f, null, 2));
  process.exit(0);
}
if (queue) {
  printQueue(f);
  process.exit(0);
}

const perLocale = (n) => (n / f.locales).toFixed(1);
const row = (name, p) =>
  `${name.padEnd(34)} ${String(p.reads).padStart(6)} ${String(p.writes).padStart(7)} ${perLocale(p.writes).padStart(12)} ${p.ms.toFixed(0).padStart(8)} ms ${(p.ms / f.floor.ms).toFixed(1).padStart(6)}x`;
console.log(`\n${f.documents} documents x ${f.locales} locales, ${f.filesTouched} files touched per push\n`);
console.log(`${'phase'.padEnd(34)} ${'reads'.padStart(6)} ${'writes'.padStart(7)} ${'writes/locale'.padStart(12)} ${'wall'.padStart(11)} ${'/floor'.padStart(7)}`);
console.log(row('first push (opens the PRs)', f.first));
console.log(row('second push (updates them)', f.second));
console.log(row('floor: 10 commits via the adapter', f.floor));
console.log('\nfirst push, writes:', f.first.writesByRoute, '\nreads:', f.first.readsByRoute);
console.log('second push, writes:', f.second.writesByRoute, '\nreads:', f.second.readsByRoute);
const ok = [f.first, f.second].every((p) => p.writes / f.locales <= 6 && p.writes % f.locales === 0);
const readBudget = (p) => p.reads - f.filesTouched;
console.log(`\nwrites per locale constant and <= 6: ${ok ? 'yes' : 'NO'}`);
console.log(`reads beyond one per file touched: first ${readBudget(f.first)}, second ${readBudget(f.second)}`);

// The queue benchmark (--queue): bench/queue.scenario.ts. Targets: ack p99 under 50 ms,
// nothing lost or duplicated, 4 workers at least 3x one, or the limit that prevents it
// (the emulator's single thread and the machine's cores, both printed).
function printQueue(f) {
  const latency = f.latencyMs > 0 ? `GitHub's round trip modelled: ${f.latencyMs} ms per request` : 'no latency added (loopback emulator)';
  const alone = f.runs.find((r) => r.workers === 0);
  console.log(`\n${f.repositories * f.pushesPerRepository} deliveries per worker count: ${f.repositories} repositories x ${f.pushesPerRepository} pushes; ${latency}; ${f.cores} cores`);
  if (alone) console.log(`phase 0 (no worker): ${alone.deliveries} deliveries, ${alone.sequentialAckMs ? `half one at a time, then half ${f.senders}` : f.senders} in flight`);
  console.log(`with workers: per repository each push sent once the previous one's job finished (every push a sync); ${f.concurrency} job at a time per worker`);
  const niced = f.runs.find((r) => r.workerNice !== null && r.workerNice !== undefined);
  if (niced) console.log(`workers at nice ${niced.workerNice}; emulator at nice ${niced.emulatorNice ?? 0} while the deliveries go`);
  console.log(`load average (1 min) at the start of each run: ${f.runs.map((r) => r.loadAverage?.toFixed(1) ?? '?').join(' / ')}\n`);
  const head = ['workers', 'ack p50', 'ack p95', 'ack p99', 'ack max', 'web CPU/ack', 'wall', 'syncs/s', 'syncs', 'coalesced', 'req/sync', 'worker CPU', 'emul. CPU', 'lost', 'dup', 'failed'];
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(14) : String(c).padStart(12))).join('');
  console.log(line(head));
  const ms = (x) => `${x.toFixed(1)} ms`;
  const ackCells = (a) => [ms(a.p50), ms(a.p95), ms(a.p99), ms(a.max)];
  for (const r of f.runs) {
    const rate = r.workers === 0 ? `${r.jobsPerSecond.toFixed(0)} q/s` : r.jobsPerSecond.toFixed(1);
    const rows = r.workers === 0
      ? [
          ...(r.sequentialAckMs ? [['0, 1 at once', ...ackCells(r.sequentialAckMs), '', '', '', '', '', '', '', '', '', '', '']] : []),
          [`0, ${f.senders} at once`, ...ackCells(r.ackMs), ms(r.webCpuMsPerDelivery), `${(r.wallMs / 1000).toFixed(1)} s`, rate, '', '', '', '', '', r.lost, r.duplicated, r.failed],
        ]
      : [[r.workers, ...ackCells(r.ackMs), ms(r.webCpuMsPerDelivery), `${(r.wallMs / 1000).toFixed(1)} s`, rate, r.syncs, r.coalesced, r.requestsPerSync.toFixed(1), ms(r.workerCpuMsPerSync), ms(r.emulatorCpuMsPerSync), r.lost, r.duplicated, r.failed]];
    for (const row of rows) console.log(line(row));
  }
  const split = f.runs.filter((r) => r.ackMsFirstPushes);
  if (split.length > 0) {
    // The paced sender starts every repository's stream at once: its first pushes are a
    // burst of 50 in flight to a web process that has served none yet; the later ones go
    // out a few at a time. Both halves of the with-workers rows above.
    console.log(`\nwith workers, the acknowledgements above in two halves (most in flight at once: ${split.map((r) => r.maxInFlight).join(' / ')}):`);
    console.log(line(['workers', 'p50', 'p95', 'p99', 'max', '', 'later p50', 'p95', 'p99', 'max']));
    for (const r of split) console.log(line([`${r.workers}, 1st pushes`, ...ackCells(r.ackMsFirstPushes), 'later:', ...(r.ackMsLaterPushes ? ackCells(r.ackMsLaterPushes) : [])]));
  }
  if (alone?.firstAcksMs?.length) console.log(`\nphase 0, the first acknowledgements of the fresh web process (in the one-at-a-time row): ${alone.firstAcksMs.map((x) => x.toFixed(1)).join(', ')} ms`);
  const one = f.runs.find((r) => r.workers === 1);
  const four = f.runs.find((r) => r.workers === 4);
  if (one && four) console.log(`\nscaling 1 -> 4 workers: ${(four.jobsPerSecond / one.jobsPerSecond).toFixed(2)}x syncs/s (target >= 3x)`);
  const under = (p99s) => `${Math.max(...p99s) < 50 ? 'yes' : 'NO'} (${p99s.map((a) => a.toFixed(1)).join(' / ')} ms)`;
  if (alone) console.log(`ack p99 under 50 ms, web process alone: ${under([alone.sequentialAckMs?.p99, alone.ackMs.p99].filter((x) => x !== undefined))}`);
  const busy = f.runs.filter((r) => r.workers > 0);
  if (busy.length > 0) console.log(`ack p99 under 50 ms with the workers on the same cores: ${under(busy.map((r) => r.ackMs.p99))}`);
  console.log(`lost: ${f.runs.reduce((a, r) => a + r.lost, 0)}, duplicated: ${f.runs.reduce((a, r) => a + r.duplicated, 0)}`);
  if (one) {
    // One thread: the emulator cannot serve more syncs a second than 1 s / its CPU per sync.
    const emulatorCeiling = 1000 / one.emulatorCpuMsPerSync;
    // Two cores for the emulator and the workers (the web process and Redis come on top).
    const machineCeiling = (f.cores * 1000) / (one.emulatorCpuMsPerSync + one.workerCpuMsPerSync);
    console.log(`limits from the 1-worker run's CPU per sync: the emulator's one thread ${emulatorCeiling.toFixed(1)} syncs/s; the machine (${f.cores} cores for emulator + workers) ${machineCeiling.toFixed(1)} syncs/s`);
    console.log(`emulator's plain reads/s before each run: ${f.runs.map((r) => r.emulatorReadsPerSecond.toFixed(0)).join(' / ')}`);
  }
}
