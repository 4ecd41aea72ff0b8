// Benchmark of @i18n-drift/sections against a floor measured in the same run:
// markdown-it (CommonMark preset) parsing the same text. Run after a build:
//   npx turbo run build --filter=@i18n-drift/sections && npm run bench -w @i18n-drift/sections
// Prints medians and the ratios the issue sets targets for (parse ≤ 1.3× floor,
// diff ≤ 2.5× parsing both versions, 10k sections ≤ 11× 1k sections).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import MarkdownIt from 'markdown-it';
import { diffDocuments, parseDocument } from '../dist/index.js';

const floorParser = MarkdownIt('commonmark');

const locales = fileURLToPath(new URL('../../../locales/', import.meta.url));

/** A list-heavy policy: every section a heading, a short paragraph and a two-item list. */
function generate(sections) {
  let text = '---\ntitle: Generated policy\n---\n\nThis policy is generated for the benchmark.\n\n';
  for (let k = 0; k < sections; k++) {
    text += `## Section ${k} about personal data\n\n`;
    text += `We keep record ${k} of your data for ${k % 24} months, see [details](#section-${k}).\n\n`;
    text += `-   **What do we store?** Your address and account ${k}\n-   **Do we share it?** No, never.\n\n`;
  }
  return text;
}

/** The next version of a generated policy: 2% edited, 1% renamed and edited, 1% removed, 1% added, a block moved. */
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
  if (out.length > 40) out.splice(5, 0, ...out.splice(30, 3)); // move three sections up
  return head + out.join('');
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

// Time is the process's CPU time (user + system, all threads, so GC helpers count),
// not wall time: the machine is shared (2 cores, other jobs running tests), and
// wall time then measures the neighbours. No forced GC between samples: after a
// forced full GC V8 shrinks the young generation and the next samples run up to
// 3x slower, which hides more than it shows.
/** CPU time in ms of one batch of `repeat` calls, per call. */
function sample(fn, repeat) {
  const t0 = process.cpuUsage();
  for (let i = 0; i < repeat; i++) fn();
  const { user, system } = process.cpuUsage(t0);
  return (user + system) / 1000 / repeat;
}

/**
 * Medians of several rounds; in each round every function runs once (in batches
 * of ≥ ~25 ms), interleaved, so a load spike from another process hits all of
 * them alike. Ratios are medians of the per-round ratios for the same reason.
 */
function measure(name, oldText, newText) {
  const fns = {
    floor: () => floorParser.parse(newText, {}),
    parse: () => parseDocument(newText),
    parseBoth: () => {
      parseDocument(oldText);
      parseDocument(newText);
    },
    diff: () => diffDocuments(oldText, newText),
  };
  const repeat = {};
  for (const [key, fn] of Object.entries(fns)) {
    fn(); // warm up the JIT
    const once = sample(fn, 1);
    repeat[key] = Math.max(1, Math.round(25 / Math.max(once, 0.01)));
  }
  const rounds = newText.length > 1_000_000 ? 7 : 11;
  const times = { floor: [], parse: [], parseBoth: [], diff: [] };
  const parseRatio = [];
  const diffRatio = [];
  for (let round = 0; round < rounds; round++) {
    for (const [key, fn] of Object.entries(fns)) times[key].push(sample(fn, repeat[key]));
    parseRatio.push(times.parse.at(-1) / times.floor.at(-1));
    diffRatio.push(times.diff.at(-1) / times.parseBoth.at(-1));
  }
  return {
    name,
    bytes: newText.length,
    sections: parseDocument(newText).sections.length,
    floor: median(times.floor),
    parse: median(times.parse),
    parseBoth: median(times.parseBoth),
    diff: median(times.diff),
    parseRatio: median(parseRatio),
    diffRatio: median(diffRatio),
  };
}

const ms = (value) => value.toFixed(value < 1 ? 3 : 1).padStart(8);
const ratio = (value) => value.toFixed(2).padStart(6);
const rows = [];
for (const count of [100, 1_000, 10_000]) {
  const text = generate(count);
  rows.push(measure(`generated ${count}`, text, edit(text)));
}
for (const file of readdirSync(locales, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).sort()) {
  const text = readFileSync(join(locales, file), 'utf8');
  // The "edit" of a seed: every sentence's last word doubled in the middle section's paragraphs.
  const edited = text.replace(/(\w+)\.\n/, '$1 $1.\n');
  rows.push(measure(`seed ${file}`, text, edited));
}

console.log(`node ${process.version}; times are medians of CPU time in ms`);
console.log(
  'document'.padEnd(30) + 'bytes'.padStart(10) + 'sections'.padStart(9) + 'floor'.padStart(9) + 'parse'.padStart(9) +
    'parse×2'.padStart(9) + 'diff'.padStart(9) + ' parse/floor' + ' diff/parse×2',
);
for (const r of rows) {
  console.log(
    r.name.padEnd(30) + String(r.bytes).padStart(10) + String(r.sections).padStart(9) + ms(r.floor) + ' ' + ms(r.parse) +
      ' ' + ms(r.parseBoth) + ' ' + ms(r.diff) + ratio(r.parseRatio).padStart(12) + ratio(r.diffRatio).padStart(13),
  );
}
const [, k1, k10] = rows;
const worstParse = Math.max(...rows.map((r) => r.parseRatio));
const worstDiff = Math.max(...rows.map((r) => r.diffRatio));
const checks = [
  ['parseDocument / floor (worst)', worstParse, 1.3],
  ['diffDocuments / parse both (worst)', worstDiff, 2.5],
  ['parse 10k / 1k sections', k10.parse / k1.parse, 11],
  ['diff 10k / 1k sections', k10.diff / k1.diff, 11],
  ['floor 10k / 1k sections', k10.floor / k1.floor, Infinity],
];
console.log('');
for (const [label, value, target] of checks) {
  const verdict = target === Infinity ? '(reference)' : value <= target ? `≤ ${target} ok` : `> ${target} MISSED`;
  console.log(`${label.padEnd(38)}${ratio(value)}  ${verdict}`);
}
