// Benchmark of the GitHub App (issue 6): a push changing 3 documents for 10 locales,
// handled by the app against the emulator (throttling and retries off). Prints GitHub
// requests (reads, writes) and wall time for a first push (opens 10 PRs) and a second
// one (updates them), with ratios against a floor measured in the same run: the same
// 10 locale commits made straight through the adapter.
//
//   npm run bench -w @i18n-drift/bot        (--json for the raw figures)
//   npm run bench -w @i18n-drift/bot -- --queue   the Redis queue: 1,000 deliveries,
//                                                 50 repositories, 1/2/4 worker processes
//
// Targets: writes per locale constant and at most 6 (tree, commit, ref, PR, labels,
// reviewers); reads at most one per file touched plus a constant.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'i18n-drift-bot-bench-'));
const output = join(scratch, 'figures.json');
const queue = process.argv.includes('--queue');
const scenario = queue ? 'bench/queue.scenario.ts' : 'bench/push-ten-locales.scenario.ts';
const child = spawnSync('npx', ['vitest', 'run', '--config', 'bench/vitest.config.js', '--reporter', 'dot', scenario], {
  cwd: root,
  env: { ...process.env, BENCH_OUTPUT: output },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const figures = child.status === 0 ? readFileSync(output, 'utf8') : null;
rmSync(scratch, { recursive: true, force: true });
if (figures === null) {
  console.error('bench: the scenario failed (see above)');
  process.exit(1);
}
const f = JSON.parse(figures);
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
// nothing lost or duplicated, 4 workers at least 3x one (bounded by the emulator, whose
// own rate is printed, and by the machine's cores).
function printQueue(f) {
  console.log(`\n${f.runs[0].deliveries} deliveries, ${f.repositories} repositories x ${f.pushesPerRepository} pushes, ${f.senders} in flight; ${f.concurrency} jobs at once per worker\n`);
  const head = ['workers', 'ack p50', 'ack p99', 'wall', 'jobs/s', 'syncs', 'coalesced', 'requests/job', 'requests/sync', 'lost', 'dup', 'failed'];
  console.log(head.map((h) => h.padStart(13)).join(''));
  for (const r of f.runs) {
    if (r.workers === 0) {
      console.log(`${'0 (ack only)'.padStart(13)}${`${r.ackMs.p50.toFixed(1)} ms`.padStart(13)}${`${r.ackMs.p99.toFixed(1)} ms`.padStart(13)}${`${(r.wallMs / 1000).toFixed(1)} s`.padStart(13)}${`${r.jobsPerSecond.toFixed(0)} queued/s`.padStart(13)}${''.padStart(52)}${String(r.lost).padStart(13)}${String(r.duplicated).padStart(13)}${String(r.failed).padStart(13)}`);
      continue;
    }
    const row = [r.workers, `${r.ackMs.p50.toFixed(1)} ms`, `${r.ackMs.p99.toFixed(1)} ms`, `${(r.wallMs / 1000).toFixed(1)} s`, r.jobsPerSecond.toFixed(1), r.syncs, r.coalesced, r.requestsPerJob.toFixed(2), r.requestsPerSync.toFixed(1), r.lost, r.duplicated, r.failed];
    console.log(row.map((c) => String(c).padStart(13)).join(''));
  }
  const one = f.runs.find((r) => r.workers === 1);
  const four = f.runs.find((r) => r.workers === 4);
  const p99 = f.runs.find((r) => r.workers === 0)?.ackMs.p99 ?? Math.max(...f.runs.map((r) => r.ackMs.p99));
  console.log(`\nscaling 1 -> 4 workers: ${(four.jobsPerSecond / one.jobsPerSecond).toFixed(2)}x jobs/s (target >= 3x)`);
  console.log(`ack p99 under 50 ms (web process alone): ${p99 < 50 ? 'yes' : 'NO'} (${p99.toFixed(1)} ms); lost: ${f.runs.reduce((a, r) => a + r.lost, 0)}, duplicated: ${f.runs.reduce((a, r) => a + r.duplicated, 0)}`);
  console.log(`emulator's own limit: ${f.runs.map((r) => r.emulatorReadsPerSecond.toFixed(0)).join(' / ')} plain reads/s (one thread); at ${one.requestsPerSync.toFixed(1)} requests per sync that caps syncs at ~${(f.runs[0].emulatorReadsPerSecond / one.requestsPerSync).toFixed(1)}/s whatever the workers`);
}
