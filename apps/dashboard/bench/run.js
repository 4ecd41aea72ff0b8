// Benchmark of @i18n-drift/dashboard (issue 7): server-side render of the overview for
// a synthetic report of 1,000 documents × 20 locales (target < 1 s), beside the floor
// measured in the same run: JSON.stringify of the same report (what `coverage.json`
// costs). Also a locale page (every waiting section of one locale) and a document page.
//
//   npx turbo run build --filter=@i18n-drift/dashboard && npm run bench -w @i18n-drift/dashboard
//
// Options: --documents N (default 1000), --locales N (default 20), --rounds N (default 5), --json.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = new URL('../dist/index.js', import.meta.url);
if (!existsSync(fileURLToPath(dist))) {
  console.error('bench: apps/dashboard/dist is missing; run `npx turbo run build --filter=@i18n-drift/dashboard` first.');
  process.exit(1);
}
const { renderPage } = await import(dist.href);
const { totalsOf, sumTotals: sum } = await import('@i18n-drift/core');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const DOCUMENTS = option('documents', 1000);
const LOCALES = option('locales', 20);
const ROUNDS = option('rounds', 5);
const JSON_OUTPUT = args.includes('--json');

// ---------------------------------------------------------------- synthetic report

// Deterministic PRNG (mulberry32) so every run renders the same report.
let state = 0x9e3779b9;
const random = () => {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const sha = () => Array.from({ length: 40 }, () => Math.floor(random() * 16).toString(16)).join('');
const CODES = ['fr', 'nl', 'de', 'es', 'it', 'pt-BR', 'ja', 'ko', 'zh-Hans', 'ru', 'pl', 'sv', 'da', 'fi', 'nb', 'cs', 'tr', 'uk', 'el', 'he', 'ar', 'hi', 'id', 'vi'];
const locales = CODES.slice(0, LOCALES);
const STATES = ['current', 'current', 'current', 'current', 'current', 'current', 'stale', 'missing', 'untranslated'];

const pins = Array.from({ length: 50 }, sha);
const documents = [];
for (let d = 0; d < DOCUMENTS; d += 1) {
  const source = `docs/area-${d % 37}/page-${d}/en.md`;
  const english = Array.from({ length: 6 + Math.floor(random() * 10) }, (_, i) => ({
    id: i === 0 ? 'intro' : `section-${i}-of-page-${d}`,
    heading: i === 0 ? null : `Section ${i} <of> "page" ${d}`,
    level: i === 0 ? 0 : 2 + (i % 3),
    words: 20 + Math.floor(random() * 200),
  }));
  const translations = locales.map((locale) => {
    const exists = random() > 0.03;
    const sections = english.map((s) => {
      const st = exists ? STATES[Math.floor(random() * STATES.length)] : 'missing';
      const out = { ...s, state: st };
      if (st === 'stale') out.stale = { pinnedCommit: pins[Math.floor(random() * pins.length)], since: pins[Math.floor(random() * pins.length)], commitsBehind: 1 + Math.floor(random() * 30), daysBehind: Math.floor(random() * 400) };
      return out;
    });
    return { locale, path: source.replace('/en.md', `/${locale}.md`), exists, sourceCommit: exists ? pins[0] : null, sections, unaligned: [], totals: totalsOf(sections) };
  });
  documents.push({ source, title: `Page ${d} & more`, translations });
}
const byLocale = locales.map((locale) => {
  const ts = documents.flatMap((doc) => doc.translations.filter((t) => t.locale === locale));
  let oldest = null;
  for (const t of ts) for (const s of t.sections) if (s.stale && (!oldest || s.stale.daysBehind > oldest.daysBehind)) oldest = s.stale;
  return { locale, totals: sum(ts.map((t) => t.totals)), oldestStale: oldest };
});
const report = { sourceLocale: 'en', locales, revision: pins[0], documents, byLocale, orphans: [{ locale: 'fr', path: 'docs/old/fr.md', expectedSource: 'docs/old/en.md' }], totals: sum(byLocale.map((l) => l.totals)) };
const start = Date.parse('2026-01-01T00:00:00Z');
const samples = Array.from({ length: 20 }, (_, i) => ({ sha: sha(), date: new Date(start + i * 7 * 86_400_000).toISOString(), message: `c${i}`, author: 'a' }));
const data = {
  report,
  generatedAt: '2026-11-29T10:00:00.000Z',
  englishChanges: {},
  history: { revision: pins[0], commitsConsidered: 500, samples, byLocale: Object.fromEntries(locales.map((l) => [l, samples.map((c, i) => ({ sha: c.sha, date: c.date, sections: 50 + i * 2, words: 40 + i * 2.5 }))])) },
  pullRequests: Object.fromEntries(locales.map((l, i) => [l, { number: 100 + i, url: `https://github.com/o/r/pull/${100 + i}` }])),
  commitUrls: Object.fromEntries(pins.map((p) => [p, `https://github.com/o/r/commit/${p}`])),
  warnings: [],
};

// ---------------------------------------------------------------- measure

function measure(fn) {
  fn(); // warm-up: JIT, i18next instances, Intl formatters
  const times = [];
  let size = 0;
  for (let i = 0; i < ROUNDS; i += 1) {
    const t0 = performance.now();
    size = fn().length;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], bytes: size };
}

const floor = measure(() => JSON.stringify(report));
// A fresh data object each round: the renderers keep each row's markup per data object,
// so this is the first render of a revision (what a server pays once, an export once per language).
const overview = measure(() => renderPage({ ...data }, { page: 'overview' }, { lang: 'fr', basePath: '/i18n-drift' }));
// Another search of the same data: the rows' markup is already built, only picked and ordered.
renderPage(data, { page: 'overview' }, { lang: 'fr', basePath: '/i18n-drift' });
const queries = [{ q: 'page-1', locale: null, states: [], sort: 'coverage' }, { q: '', locale: 'de', states: ['stale'], sort: 'age' }, { q: '', locale: null, states: [], sort: 'age' }];
let round = 0;
const search = measure(() => renderPage(data, { page: 'overview', query: queries[round++ % queries.length] }, { lang: 'fr', basePath: '/i18n-drift' }));
const locale = measure(() => renderPage(data, { page: 'locale', locale: 'fr' }, { lang: 'en', basePath: '' }));
const document = measure(() => renderPage(data, { page: 'document', source: documents[0].source }, { lang: 'nl', basePath: '' }));
const cells = DOCUMENTS * LOCALES;
const result = {
  documents: DOCUMENTS,
  locales: LOCALES,
  cells,
  rounds: ROUNDS,
  floorMs: floor.ms,
  overviewMs: overview.ms,
  overviewRatio: overview.ms / floor.ms,
  overviewBytes: overview.bytes,
  searchMs: search.ms,
  localePageMs: locale.ms,
  documentPageMs: document.ms,
  targetMet: overview.ms < 1000,
};

if (JSON_OUTPUT) console.log(JSON.stringify(result, null, 2));
else {
  const f = (ms) => `${ms.toFixed(1)} ms`;
  console.log(`dashboard bench: ${DOCUMENTS} documents × ${LOCALES} locales (${cells} cells), median of ${ROUNDS} rounds, Node ${process.version}`);
  console.log(`  floor: JSON.stringify(report)        ${f(floor.ms)}  (${(floor.bytes / 1e6).toFixed(1)} MB)`);
  console.log(`  renderPage overview                  ${f(overview.ms)}  (${(overview.bytes / 1e6).toFixed(1)} MB HTML)  ${result.overviewRatio.toFixed(2)}× floor  target < 1000 ms: ${result.targetMet ? 'met' : 'NOT met'}`);
  console.log(`  renderPage overview, another search  ${f(search.ms)}  ${(search.ms / floor.ms).toFixed(2)}× floor`);
  console.log(`  renderPage locale page (fr)          ${f(locale.ms)}  ${(locale.ms / floor.ms).toFixed(2)}× floor`);
  console.log(`  renderPage document page             ${f(document.ms)}`);
}
