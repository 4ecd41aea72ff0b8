// `node bench/adoption.js`: `init` (adoption from history) against `init --assume-current`
// (pins at HEAD, no history) on a corpus-shaped repository: the 5,168-file freesewing
// corpus (../shared/corpus, when present; else the generated one of bench/generate.js's
// shape) committed as it is, then English edits spread over many commits and a few
// translator commits, as real histories have. Both commands run as fresh processes on the
// same unadopted tree (reset between runs); medians printed with their ratio.
// Target: init ≤ 1.5× init --assume-current. Both write every translation through the
// crash-safe write set (fsync per file), which dominates both on a slow disk: the ratio is
// what adoption from history adds (one `git log`, the English at each translation's last
// commit, the walk of the English commits since).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const BIN = here('../dist/bin.js');
const CORPUS = here('../../../../shared/corpus/freesewing-org.tgz');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const COMMITS = Number(process.env.BENCH_COMMITS ?? 200);
if (!existsSync(BIN)) {
  console.error('bench: build first (npx turbo run build)');
  process.exitCode = 1;
} else if (!existsSync(CORPUS)) {
  console.log(`bench/adoption.js: ${CORPUS} not found; skipped (the corpus is not part of a clone)`);
} else {
  run();
}

function git(dir, ...args) {
  return execFileSync('git', ['-C', dir, '-c', 'user.name=Bench', '-c', 'user.email=bench@example.org', '-c', 'commit.gpgsign=false', ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
}

/** Deterministic pseudo-random numbers, so every run builds the same history. */
function random(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function build() {
  const dir = mkdtempSync(join(tmpdir(), 'i18n-drift-bench-adopt-'));
  git(dir, 'init', '-q', '-b', 'main');
  execFileSync('tar', ['xzf', CORPUS, '-C', dir]);
  mkdirSync(join(dir, '.github'));
  writeFileSync(join(dir, '.github/i18n-drift.yml'), 'sourceLocale: en\nlocales: [fr, nl, de, es]\nfiles:\n  - "org/**/{locale}.md"\n');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'The corpus and its translations');
  const english = git(dir, 'ls-files', 'org').split('\n').filter((p) => p.endsWith('/en.md'));
  const next = random(42);
  for (let c = 0; c < COMMITS; c++) {
    // Each commit edits a few English documents (a word in one paragraph), or now and
    // then a translator brings one translation up to date.
    const edits = 1 + Math.floor(next() * 5);
    for (let e = 0; e < edits; e++) {
      const path = english[Math.floor(next() * english.length)];
      if (c % 10 === 9) {
        const tr = path.replace(/en\.md$/, ['fr', 'nl', 'de', 'es'][Math.floor(next() * 4)] + '.md');
        if (existsSync(join(dir, tr))) writeFileSync(join(dir, tr), readFileSync(join(dir, tr), 'utf8') + `\n<!-- reviewed ${c} -->\n`);
        continue;
      }
      const text = readFileSync(join(dir, path), 'utf8');
      const lines = text.split('\n');
      const candidates = lines.map((l, i) => (/^[A-Za-z]/.test(l) ? i : -1)).filter((i) => i >= 0);
      if (candidates.length === 0) continue;
      const i = candidates[Math.floor(next() * candidates.length)];
      lines[i] = `${lines[i]} (revised ${c})`;
      writeFileSync(join(dir, path), lines.join('\n'));
    }
    git(dir, 'commit', '-q', '-am', `Edit ${c}`);
  }
  return dir;
}

function time(dir, args) {
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    git(dir, 'reset', '-q', '--hard');
    rmSync(join(dir, '.git', 'i18n-drift'), { recursive: true, force: true });
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [BIN, ...args, '--json', '--root', dir], { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: '1' } });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    // Exit 1 with output: the corpus's unreadable documents were named and left out, the rest done.
    if (r.status !== 0 && !(r.status === 1 && r.stdout.startsWith('{'))) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
    samples.push({ ms, out: JSON.parse(r.stdout) });
  }
  samples.sort((a, b) => a.ms - b.ms);
  return samples[Math.floor(samples.length / 2)];
}

function run() {
  console.log(`Building the corpus with ${COMMITS} commits of history…`);
  const dir = build();
  try {
    const files = git(dir, 'ls-files').split('\n').filter(Boolean).length;
    const floor = time(dir, ['init', '--assume-current']);
    const history = time(dir, ['init']);
    const behind = history.out.translations.filter((t) => t.stale + t.missing > 0).length;
    const stale = history.out.translations.reduce((n, t) => n + t.stale, 0);
    console.log(`\n${files} files, ${COMMITS + 1} commits, median of ${RUNS} runs\n`);
    console.log(`${'init --assume-current (floor)'.padEnd(34)} ${floor.ms.toFixed(0).padStart(7)} ms`);
    const ratio = history.ms / floor.ms;
    console.log(`${'init (from history)'.padEnd(34)} ${history.ms.toFixed(0).padStart(7)} ms  ${ratio.toFixed(2)}× floor  ${ratio <= 1.5 ? '✓' : '✗'} target ≤ 1.5×`);
    console.log(`\nfrom history: ${behind} translations behind their English, ${stale} stale sections (--assume-current: 0)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
