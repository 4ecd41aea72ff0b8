// `npm run bench -w @i18n-drift/cli`: two scenarios, each against a floor measured in
// the same run: reading every tracked file through one `git cat-file --batch` and
// parsing each with markdown-it (bench/floor.js). Wall-clock medians; every command is
// a fresh process. `BENCH_SCENARIO=corpus` or `=history` runs one of them;
// `=startup` only the corpus scenario's start-up figures (--help and warm status
// against bare Node), quickly.
// - corpus: the real freesewing corpus when ../shared/corpus holds it, else a generated
//   repository of its shape (bench/corpus.js), not adopted. Targets: cold status ≤ 2×
//   floor, init ≤ 2× floor, warm status ≤ 0.15 s, sync --branch with nothing to do ≤ 1 s.
// - history: 1,000 generated documents × 6 locales, adopted, with English history.
//   Targets: cold status ≤ 1.5× floor, warm status (nothing changed) ≤ 0.2× floor.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusRepository, git } from './corpus.js';
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

const SCENARIO = process.env.BENCH_SCENARIO ?? 'all';

/** Median wall time of `node ...args`; exit codes other than `okCodes` fail the bench. `env` replaces the environment (default: this one, without colours). */
function time(args, before, okCodes = [0], runs = RUNS, env = { ...process.env, NO_COLOR: '1' }) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    before?.();
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 30, env });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (!okCodes.includes(r.status)) throw new Error(`${args.join(' ')} failed (exit ${r.status}): ${r.stderr}`);
    samples.push(ms);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

function printRow(floor, name, ms, target) {
  const ratio = ms / floor;
  let verdict = '';
  if (target?.ratio !== undefined) verdict = `  ${ratio <= target.ratio ? '✓' : '✗'} target ≤ ${target.ratio}× floor`;
  if (target?.ms !== undefined) verdict = `  ${ms <= target.ms ? '✓' : '✗'} target ≤ ${target.ms / 1000} s`;
  console.log(`${name.padEnd(44)} ${ms.toFixed(0).padStart(7)} ms  ${ratio.toFixed(2).padStart(6)}× floor${verdict}`);
}

function corpusScenario() {
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const { dir, source } = corpusRepository();
  const files = git(dir, 'ls-files').split('\n').filter(Boolean).length;
  console.log(`Corpus: ${source}, ${files} files, median of ${runs} runs, ${dir}`);
  const cache = join(dir, '.git', 'i18n-drift');
  const clearCaches = () => rmSync(cache, { recursive: true, force: true });
  const floor = time([FLOOR, dir], undefined, [0], runs);
  const cold = time([BIN, 'status', '--json', '--root', dir], clearCaches, [0, 1], runs);
  // check computes status's coverage too (its unsynced-section findings), from the same read.
  const check = time([BIN, 'check', '--json', '--root', dir], clearCaches, [0, 1], runs);
  const quick = startupFigures(dir, Math.max(runs, 9));
  const { startup, warm } = quick;
  // init writes the adopted files: each run starts from the imported commit.
  const resetTree = () => {
    git(dir, 'checkout', '-q', '--', '.');
    clearCaches();
  };
  const assumeCurrent = time([BIN, 'init', '--assume-current', '--root', dir], resetTree, [0, 1, 2], runs);
  const init = time([BIN, 'init', '--root', dir], resetTree, [0, 1, 2], runs);
  const initRun = spawnSync(process.execPath, [BIN, 'init', '--root', dir], { encoding: 'utf8' });
  // Exit 1: done, with some files skipped (named on stderr); 2: nothing written.
  if (initRun.status !== 2) git(dir, 'commit', '-q', '-am', 'Adopt the translations');
  else resetTree();
  // The first sync --branch writes the locale branches; the next ones have nothing to do.
  spawnSync(process.execPath, [BIN, 'sync', '--branch', '--root', dir], { encoding: 'utf8' });
  const dropStore = () => rmSync(join(cache, 'cache', 'sync-branch-output-json.json'), { force: true });
  const noopFirst = time([BIN, 'sync', '--branch', '--json', '--root', dir], dropStore, [0, 1], runs);
  const noop = time([BIN, 'sync', '--branch', '--json', '--root', dir], undefined, [0, 1], runs);

  console.log('');
  printRow(floor, 'floor (cat-file --batch + markdown-it)', floor);
  printRow(floor, 'status, cold (no cache)', cold, { ratio: 2 });
  printRow(floor, 'status, warm (nothing changed)', warm, { ms: 150 });
  printRow(floor, "  of which: node start-up (node -e '')", startup);
  printRow(floor, 'check, cold (no cache)', check);
  printRow(floor, 'init --assume-current', assumeCurrent, { ratio: 2 });
  printRow(floor, `init (from history)${initRun.status === 2 ? ' (exit 2: nothing adopted)' : ''}`, init, { ratio: 2 });
  printRow(floor, 'sync --branch, nothing to do', noop, { ms: 1000 });
  printRow(floor, '  the same, first time (finds nothing to do)', noopFirst);
  console.log('');
  printStartup(quick);
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Bare `node -e ''`, `--help`, `status --help` and a warm `status --json` on `dir`
 * (whose status cache is filled), `runs` times each, taken in turn (node, --help,
 * status --help, warm status, node, …): on a shared machine the load moves between
 * blocks of runs by a factor of two. Medians, and every sample for the spread.
 *
 * `NODE_EXTRA_CA_CERTS` makes Node read and parse a certificate bundle before it runs
 * any code (about 90 ms per process on the CI machine, which sets it, against ~45 ms for
 * the rest of Node's start): the CLI makes no TLS connection, but it cannot opt out of
 * what Node does before the first line of it runs. Where the variable is set, bare Node
 * and the warm `status` are also timed without it, so the tool's own cost can be told
 * from the environment's.
 */
function startupFigures(dir, runs) {
  const quick = { startup: [['-e', ''], [0]], help: [[BIN, '--help'], [0]], commandHelp: [[BIN, 'status', '--help'], [0]], warm: [[BIN, 'status', '--json', '--root', dir], [0, 1]] };
  const extraCerts = process.env.NODE_EXTRA_CA_CERTS !== undefined;
  const plainEnv = { ...process.env, NO_COLOR: '1' };
  delete plainEnv.NODE_EXTRA_CA_CERTS;
  if (extraCerts) Object.assign(quick, { startupPlain: [['-e', ''], [0], plainEnv], warmPlain: [[BIN, 'status', '--json', '--root', dir], [0, 1], plainEnv] });
  const samples = Object.fromEntries(Object.keys(quick).map((name) => [name, []]));
  for (let i = 0; i < runs; i++) for (const [name, [args, okCodes, env]] of Object.entries(quick)) samples[name].push(time(args, undefined, okCodes, 1, env));
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return { ...Object.fromEntries(Object.keys(quick).map((name) => [name, median(samples[name])])), samples };
}

/** Start-up against bare Node in the same run: what the tool adds before it can answer. */
function printStartup({ startup, help, commandHelp, warm, startupPlain, warmPlain, samples }) {
  const row = (name, ms, base, target) => console.log(`${name.padEnd(44)} ${ms.toFixed(0).padStart(7)} ms  ${(ms / base).toFixed(2).padStart(6)}× node start-up${target ? `  ${ms <= target.ms ? '✓' : '✗'} target ≤ ${target.ms / 1000} s` : ''}`);
  row("node -e ''", startup, startup);
  row('i18n-drift --help', help, startup);
  row('i18n-drift status --help', commandHelp, startup);
  row('status, warm (nothing changed)', warm, startup, { ms: 150 });
  const spread = (name) => `${Math.min(...samples[name]).toFixed(0)}–${Math.max(...samples[name]).toFixed(0)} ms`;
  console.log(`  (spread over ${samples.startup.length} runs each: node ${spread('startup')}, --help ${spread('help')}, status --help ${spread('commandHelp')}, warm status ${spread('warm')})`);
  if (startupPlain === undefined) return;
  console.log('Without NODE_EXTRA_CA_CERTS (set here; Node reads the bundle before any code runs):');
  row("node -e ''", startupPlain, startupPlain);
  row('status, warm (nothing changed)', warmPlain, startupPlain, { ms: 150 });
  console.log(`  (spread: node ${spread('startupPlain')}, warm status ${spread('warmPlain')}; the certificates cost ${(startup - startupPlain).toFixed(0)} ms of every Node start here)`);
}

/** `BENCH_SCENARIO=startup`: the corpus repository, one cold `status` to fill its cache, then the start-up figures alone. */
function startupScenario() {
  const { dir, source } = corpusRepository();
  const runs = Number(process.env.BENCH_RUNS ?? 15);
  console.log(`Corpus: ${source}, start-up figures, ${runs} runs each, ${dir}`);
  spawnSync(process.execPath, [BIN, 'status', '--json', '--root', dir], { encoding: 'utf8', maxBuffer: 1 << 30 });
  printStartup(startupFigures(dir, runs));
  rmSync(dir, { recursive: true, force: true });
}

if (SCENARIO === 'all' || SCENARIO === 'corpus') corpusScenario();
if (SCENARIO === 'startup') startupScenario();
if (SCENARIO === 'all' || SCENARIO === 'history') historyScenario();

function historyScenario() {

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

  const row = (name, ms, target) => printRow(floor, name, ms, target === undefined ? undefined : { ratio: target });
  console.log(`\n${files} files, ${commits} commits, median of ${RUNS} runs, ${dir}\n`);
  row('floor (cat-file --batch + markdown-it)', floor);
  row('status, cold (no cache)', cold, 1.5);
  row('status, warm (nothing changed)', warm, 0.2);
  row('sync --branch (5 locales, 500 files each)', sync);
  rmSync(dir, { recursive: true, force: true });
}
