// Benchmark of the GitHub App (issue 6): a push changing 3 documents for 10 locales,
// handled by the app against the emulator (throttling and retries off). Prints GitHub
// requests (reads, writes) and wall time for a first push (opens 10 PRs) and a second
// one (updates them), with ratios against a floor measured in the same run: the same
// 10 locale commits made straight through the adapter.
//
//   npm run bench -w @i18n-drift/bot        (--json for the raw figures)
//
// Targets: writes per locale constant and at most 6 (tree, commit, ref, PR, labels,
// reviewers); reads at most one per file touched plus a constant.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const output = join(mkdtempSync(join(tmpdir(), 'i18n-drift-bot-bench-')), 'figures.json');
const child = spawnSync('npx', ['vitest', 'run', '--config', 'bench/vitest.config.js', '--reporter', 'dot'], {
  cwd: root,
  env: { ...process.env, BENCH_OUTPUT: output },
  stdio: ['ignore', 'inherit', 'inherit'],
});
if (child.status !== 0) {
  console.error('bench: the scenario failed (see above)');
  process.exit(1);
}
const f = JSON.parse(readFileSync(output, 'utf8'));
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(f, null, 2));
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
