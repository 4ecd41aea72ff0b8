// Benchmark: rendering a translated page with the plugin, against the floor of rendering the
// same page with markdown-it alone, measured in the same run. The page is the French seed
// synced after the demo's English update (stale intro and "Visitor data", a missing section),
// rendered with its English source (coverage, pin checks) and with the markers alone.
// Run after `npx turbo run build --filter=@i18n-drift/markdown-it`.
import { readFileSync } from 'node:fs';
import MarkdownIt from 'markdown-it';
import { adopt, applySourceChange } from '@i18n-drift/core';
import { i18nDrift } from '../dist/index.js';

const ROUNDS = Number(process.env.ROUNDS ?? 41);
const repo = (path) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');
const before = repo('locales/en/your-data.md');
const english = repo('apps/cli/demo/your-data.md');
const french = applySourceChange(before, english, adopt(before, repo('locales/fr/your-data.md'), { sourceCommit: 'c0' }).text, { sourceCommit: 'c1' }).text;

const cases = {
  floor: new MarkdownIt({ html: true }),
  'markers only': new MarkdownIt({ html: true }).use(i18nDrift, { locale: 'fr' }),
  'with English source': new MarkdownIt({ html: true }).use(i18nDrift, { locale: 'fr', englishSource: english }),
  'english fallback + hide': new MarkdownIt({ html: true }).use(i18nDrift, { locale: 'fr', englishSource: english, stale: 'english', missing: 'hide' }),
};

/** Median CPU time (ms) of rendering the page `times` times, over ROUNDS rounds, the cases interleaved. */
function measure(times = 20) {
  const samples = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
  for (const md of Object.values(cases)) for (let i = 0; i < 10; i++) md.render(french, {});
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, md] of Object.entries(cases)) {
      const start = process.cpuUsage();
      for (let i = 0; i < times; i++) md.render(french, {});
      const used = process.cpuUsage(start);
      samples[name].push((used.user + used.system) / 1000 / times);
    }
  }
  const median = (list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)];
  return Object.fromEntries(Object.entries(samples).map(([name, list]) => [name, median(list)]));
}

const result = measure();
console.log(`node ${process.version}; French seed, ${french.length} bytes; medians of ${ROUNDS} rounds; CPU ms per render`);
for (const [name, ms] of Object.entries(result)) console.log(`${name.padEnd(26)} ${ms.toFixed(3).padStart(8)}  ${(ms / result.floor).toFixed(2)}× floor`);
