// `node bench/equivalence.js --against OTHER/apps/cli/dist/bin.js`: does this build give
// byte for byte what another build gives? A speed change must not change a result, and
// the unit tests cover cases, not a real repository. Both builds run the same commands
// on identical fresh copies of two repositories:
// - the corpus (bench/corpus.js: the real one when ../shared/corpus holds it, not
//   adopted): `status --json`, `status --all --sections` and `check --json`, cold and
//   warm; `init --assume-current` and `init` (from history), each with the content of
//   every file afterwards, and a `status` after each;
// - a generated repository adopted by `init`, with English history (bench/generate.js,
//   made once, by the other build): the same status and check commands, then
//   `sync --branch` and the branches it writes (commit dates fixed, so their ids compare).
// Prints each step as same or different (with the first differing line); exit 1 when any
// differs. Takes a few minutes on the corpus.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusRepository, git } from './corpus.js';
import { generate } from './generate.js';

const THIS = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const at = process.argv.indexOf('--against');
const OTHER = at > 0 ? resolve(process.argv[at + 1] ?? '') : '';
const DATE = '2026-01-01T00:00:00Z';
const ENV = { ...process.env, NO_COLOR: '1', I18N_DRIFT_THREADS: '1', GIT_AUTHOR_DATE: DATE, GIT_COMMITTER_DATE: DATE };

/** Runs `steps` with `bin` on a fresh copy of `template`; what each step printed, the copy's path replaced. */
function outputs(bin, template, steps) {
  const dir = mkdtempSync(join(tmpdir(), 'i18n-drift-equivalence-'));
  cpSync(template, dir, { recursive: true });
  const results = new Map();
  try {
    for (const [name, step] of steps) {
      const text = step({
        run: (...args) => {
          const r = spawnSync(process.execPath, [bin, ...args, '--root', dir], { encoding: 'utf8', env: ENV, maxBuffer: 1 << 30 });
          return `exit ${r.status}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`;
        },
        clear: () => rmSync(join(dir, '.git', 'i18n-drift'), { recursive: true, force: true }),
        files: () => {
          const paths = git(dir, 'ls-files', '-z', '-co', '--exclude-standard').split('\0').filter(Boolean).sort();
          const ids = execFileSync('git', ['-C', dir, 'hash-object', '--no-filters', '--stdin-paths'], { input: paths.join('\n'), encoding: 'utf8', maxBuffer: 1 << 28 }).split('\n');
          return paths.map((path, i) => `${path} ${ids[i]}`).join('\n');
        },
        git: (...args) => git(dir, ...args),
      });
      results.set(name, text.split(dir).join('<repository>'));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

const cold = (args) => (t) => (t.clear(), t.run(...args));
const warm = (args) => (t) => t.run(...args);
const reads = (prefix) => [
  [`${prefix} status --json, cold`, cold(['status', '--json'])],
  [`${prefix} status --json, warm`, warm(['status', '--json'])],
  [`${prefix} status --all --sections, cold`, cold(['status', '--all', '--sections'])],
  [`${prefix} status --all --sections, warm`, warm(['status', '--all', '--sections'])],
  [`${prefix} check --json, cold`, cold(['check', '--json'])],
  [`${prefix} check --json, warm`, warm(['check', '--json'])],
];
const corpusSteps = [
  ...reads('corpus:'),
  ['corpus: init --assume-current, and every file after', (t) => (t.clear(), `${t.run('init', '--assume-current')}\n${t.files()}`)],
  ['corpus: status --all --sections after it', warm(['status', '--all', '--sections'])],
  ['corpus: init (from history), and every file after', (t) => (t.git('checkout', '-q', '--', '.'), t.clear(), `${t.run('init')}\n${t.files()}`)],
  ['corpus: status --json after it', warm(['status', '--json'])],
];
const historySteps = [
  ...reads('history:'),
  ['history: sync --branch --json, and the branches', (t) => `${t.run('sync', '--branch', '--json')}\n${t.git('for-each-ref', '--format=%(refname) %(objectname)', 'refs/heads/i18n-drift/')}`],
];

/** Runs every step with both builds; exit 1 when any output differs. */
function compare() {
  const corpus = corpusRepository();
  const history = generate({ documents: 300, bin: OTHER });
  console.log(`This build: ${THIS}\nAgainst:    ${OTHER}\nCorpus: ${corpus.source}; history: 300 generated documents × 5 locales\n`);
  let differing = 0;
  try {
    for (const [template, steps] of [[corpus.dir, corpusSteps], [history, historySteps]]) {
      const theirs = outputs(OTHER, template, steps);
      const ours = outputs(THIS, template, steps);
      for (const [name] of steps) {
        const a = theirs.get(name).split('\n');
        const b = ours.get(name).split('\n');
        const line = a.findIndex((text, i) => text !== b[i]);
        if (line < 0 && a.length === b.length) {
          console.log(`same       ${name}`);
          continue;
        }
        differing++;
        const at = line < 0 ? Math.min(a.length, b.length) : line;
        const [theirLine, ourLine] = [a[at] ?? '', b[at] ?? ''];
        let column = 0;
        while (column < theirLine.length && theirLine[column] === ourLine[column]) column++;
        // JSON output is one long line: show the neighbourhood of the first differing character.
        const near = (text) => (at >= a.length || at >= b.length) && text === '' ? '(end)' : JSON.stringify(text.slice(Math.max(0, column - 40), column + 80));
        console.log(`DIFFERENT  ${name}, line ${at + 1}, column ${column + 1}:\n  against: ${near(theirLine)}\n  this:    ${near(ourLine)}`);
      }
    }
  } finally {
    rmSync(corpus.dir, { recursive: true, force: true });
    rmSync(history, { recursive: true, force: true });
  }
  console.log(differing === 0 ? '\nEvery output is the same.' : `\n${differing} step(s) differ.`);
  process.exitCode = differing === 0 ? 0 : 1;
}

if (!OTHER || !existsSync(OTHER) || !existsSync(THIS)) {
  console.error('usage: node bench/equivalence.js --against OTHER/apps/cli/dist/bin.js (both builds built: npx turbo run build)');
  process.exitCode = 2;
} else compare();
