// Benchmark of @i18n-drift/sections against a floor measured in the same run:
// markdown-it (CommonMark preset) parsing the same text. Run after a build:
//   npx turbo run build --filter=@i18n-drift/sections && npm run bench -w @i18n-drift/sections
// Prints medians and the ratios the issue sets targets for: parseDocument ≤ 1.3× the
// floor, diffDocuments ≤ 2.5× parsing both versions, 10k sections ≤ 11× 1k sections.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import MarkdownIt from 'markdown-it';
import { diffDocuments, parseDocument } from '../dist/index.js';

const floorParser = MarkdownIt('commonmark');
const locales = fileURLToPath(new URL('../../../locales/', import.meta.url));
const ROUNDS = Number(process.env.ROUNDS ?? 21);

/**
 * A list-heavy policy: every section a heading, a short paragraph and a two-item
 * list (~210 bytes). Numbers are fixed-width so that 10× the sections is exactly
 * 10× the bytes, and the 10k/1k ratio measures scaling, not longer numbers.
 */
function generate(sections) {
  let text = '---\ntitle: Generated policy\n---\n\nThis policy is generated for the benchmark.\n\n';
  for (let k = 0; k < sections; k++) {
    const n = String(k).padStart(5, '0');
    text += `## Section ${n} about personal data\n\n`;
    text += `We keep record ${n} of your data for ${String(k % 24).padStart(2, '0')} months, see [details](#section-${n}).\n\n`;
    text += `-   **What do we store?** Your address and account ${n}\n-   **Do we share it?** No, never.\n\n`;
  }
  return text;
}

/** The next version of a generated policy: 2% edited, 1% renamed and edited, 1% reformatted, 1% removed, 1% added, three moved. */
function edit(text) {
  const parts = text.split(/(?=^## )/m);
  const head = parts.shift();
  const out = [];
  parts.forEach((part, k) => {
    if (k % 100 === 7) return; // removed
    if (k % 50 === 3) part = part.replace('months', 'months and a day');
    if (k % 100 === 11) part = part.replace('about personal data', 'about your data').replace('No, never.', 'No, never, to nobody.');
    if (k % 100 === 13) part = part.replace('\n-   ', '\n * ');
    out.push(part);
    if (k % 100 === 17) out.push(`## New section after ${k}\n\nSomething new.\n\n`);
  });
  if (out.length > 40) out.splice(5, 0, ...out.splice(30, 3));
  return head + out.join('');
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// Time is the process's CPU time (user + system, all threads, so GC helpers count),
// not wall time: the machine is shared (2 cores, other jobs running tests), and
// wall time then measures the neighbours. One untimed call precedes each batch, so
// that the garbage of the function measured before (markdown-it's token trees of a
// 2 MB document, for the floor) is mostly collected outside the timed batch.
/** CPU time in ms of one batch of `repeat` calls, per call. */
function sample(fn, repeat) {
  fn();
  const t0 = process.cpuUsage();
  for (let i = 0; i < repeat; i++) fn();
  const { user, system } = process.cpuUsage(t0);
  return (user + system) / 1000 / repeat;
}

const cases = [];
for (const count of [100, 1_000, 10_000]) {
  const text = generate(count);
  cases.push({ name: `generated ${count}`, oldText: text, newText: edit(text) });
}
for (const file of readdirSync(locales, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).sort()) {
  const text = readFileSync(join(locales, file), 'utf8');
  // The seed's next version: the first sentence-ending word doubled.
  cases.push({ name: `seed ${file}`, oldText: text, newText: text.replace(/(\w+)\.\n/, '$1 $1.\n') });
}

const functions = {
  floor: (c) => () => floorParser.parse(c.newText, {}),
  parse: (c) => () => parseDocument(c.newText),
  parseBoth: (c) => () => {
    parseDocument(c.oldText);
    parseDocument(c.newText);
  },
  diff: (c) => () => diffDocuments(c.oldText, c.newText),
};

// Each document is measured in two fresh Node processes, one for the floor and
// one for our functions: in one heap, the garbage of markdown-it's full token trees
// would be collected on our time (up to +35% on 1,000 sections). Inside the second
// process, rounds interleave our functions so that a load spike hits them alike,
// and diff/parse×2 is the median of per-round ratios.
if (process.argv[2] === '--child') {
  const c = cases[Number(process.argv[3])];
  const group = process.argv[4] === 'floor' ? ['floor'] : ['parse', 'parseBoth', 'diff'];
  const fns = group.map((key) => [key, functions[key](c)]);
  const repeat = {};
  for (const [key, fn] of fns) {
    // Warm up until the JIT has settled: CPU time includes the optimising compiler's
    // background threads, which a fresh process keeps busy for a few hundred ms.
    const warmUntil = performance.now() + 300;
    for (let i = 0; i < 3 || performance.now() < warmUntil; i++) fn();
    repeat[key] = Math.max(1, Math.round(25 / Math.max(sample(fn, 1), 0.01))); // batches of ≥ ~25 ms
  }
  const times = Object.fromEntries(fns.map(([key]) => [key, []]));
  const diffRatio = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const [key, fn] of fns) times[key].push(sample(fn, repeat[key]));
    if (times.diff) diffRatio.push(times.diff.at(-1) / times.parseBoth.at(-1));
  }
  const result = Object.fromEntries(Object.entries(times).map(([key, values]) => [key, median(values)]));
  if (times.diff) result.diffRatio = median(diffRatio);
  process.stdout.write(JSON.stringify(result));
  process.exit(0);
}

const self = fileURLToPath(import.meta.url);
function child(index, group) {
  const run = spawnSync(process.execPath, [self, '--child', String(index), group], { encoding: 'utf8', env: process.env });
  if (run.status !== 0) throw new Error(`bench child for ${cases[index].name} (${group}) failed:\n${run.stderr}`);
  return JSON.parse(run.stdout);
}
const rows = cases.map((c, index) => {
  const row = { name: c.name, bytes: c.newText.length, sections: parseDocument(c.newText).sections.length, ...child(index, 'floor'), ...child(index, 'ours') };
  return { ...row, parseRatio: row.parse / row.floor };
});

const ms = (value) => value.toFixed(value < 1 ? 3 : 1).padStart(8);
const ratio = (value) => value.toFixed(2).padStart(6);
console.log(`node ${process.version}; medians of ${ROUNDS} rounds; CPU time in ms; two processes per document`);
console.log(
  'document'.padEnd(30) + 'bytes'.padStart(10) + 'sections'.padStart(9) + 'floor'.padStart(9) + 'parse'.padStart(9) +
    'parse×2'.padStart(9) + 'diff'.padStart(9) + ' parse/floor' + ' diff/parse×2',
);
for (const r of rows) {
  console.log(
    r.name.padEnd(30) + String(r.bytes).padStart(10) + String(r.sections).padStart(9) + ms(r.floor) + ' ' + ms(r.parse) + ' ' +
      ms(r.parseBoth) + ' ' + ms(r.diff) + ratio(r.parseRatio).padStart(12) + ratio(r.diffRatio).padStart(13),
  );
}
const [, k1, k10] = rows;
const checks = [
  ['parseDocument / floor (worst document)', Math.max(...rows.map((r) => r.parseRatio)), 1.3],
  ['diffDocuments / parse both (worst)', Math.max(...rows.map((r) => r.diffRatio)), 2.5],
  ['parseDocument 10k / 1k sections', k10.parse / k1.parse, 11],
  ['diffDocuments 10k / 1k sections', k10.diff / k1.diff, 11],
  ['floor 10k / 1k sections', k10.floor / k1.floor, Infinity],
];
console.log('');
for (const [label, value, target] of checks) {
  const verdict = target === Infinity ? '(reference)' : value <= target ? `≤ ${target} ok` : `> ${target} MISSED`;
  console.log(`${label.padEnd(40)}${ratio(value)}  ${verdict}`);
}
