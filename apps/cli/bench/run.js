// `npm run bench -w @i18n-drift/cli`: `status` and `sync` on a generated repository of
// 1,000 documents × 5 locales with history, against a floor measured in the same run:
// reading every tracked file through `git cat-file --batch` and parsing each with
// markdown-it (bench/floor.js). Wall-clock medians; every command is a fresh process.
// Targets (issue 5): cold status ≤ 1.5× floor, warm status (nothing changed) ≤ 0.2× floor.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.js';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const BIN = here('../dist/bin.js');
const FLOOR = here('./floor.js');
if (!existsSync(BIN)) {
  console.error('bench: build first (npx turbo run build)');
  process.exit(1);
}
const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function time(args, before) {
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    before?.();
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: '1' } });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
    samples.push(ms);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

console.log(`Generating ${DOCUMENTS} documents × 5 locales with history…`);
const dir = generate({ documents: DOCUMENTS, bin: BIN });
const files = execFileSync('git', ['-C', dir, 'ls-files'], { encoding: 'utf8', maxBuffer: 1 << 28 }).split('\n').filter(Boolean).length;
const commits = execFileSync('git', ['-C', dir, 'rev-list', '--count', 'HEAD'], { encoding: 'utf8' }).trim();
const cache = join(dir, '.git', 'i18n-drift');
const clearCache = () => rmSync(join(cache, 'cache'), { recursive: true, force: true });
const resetBranches = () => {
  for (const ref of execFileSync('git', ['-C', dir, 'for-each-ref', '--format=%(refname)', 'refs/heads/i18n-drift/'], { encoding: 'utf8' }).split('\n').filter(Boolean)) {
    execFileSync('git', ['-C', dir, 'update-ref', '-d', ref]);
  }
  rmSync(join(cache, 'pulls'), { recursive: true, force: true });
};

const floor = time([FLOOR, dir]);
const cold = time([BIN, 'status', '--json', '--root', dir], clearCache);
spawnSync(process.execPath, [BIN, 'status', '--json', '--root', dir]);
const warm = time([BIN, 'status', '--json', '--root', dir]);
const sync = time([BIN, 'sync', '--branch', '--json', '--root', dir], resetBranches);

const row = (name, ms, target) => {
  const ratio = ms / floor;
  const verdict = target === undefined ? '' : ratio <= target ? `  ✓ target ≤ ${target}×` : `  ✗ target ≤ ${target}×`;
  console.log(`${name.padEnd(44)} ${ms.toFixed(0).padStart(7)} ms  ${ratio.toFixed(2).padStart(6)}× floor${verdict}`);
};
console.log(`\n${files} files, ${commits} commits, median of ${RUNS} runs, ${dir}\n`);
row('floor (cat-file --batch + markdown-it)', floor);
row('status, cold (no cache)', cold, 1.5);
row('status, warm (nothing changed)', warm, 0.2);
row('sync --branch (5 locales, 500 files each)', sync);
rmSync(dir, { recursive: true, force: true });
