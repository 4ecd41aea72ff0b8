// Benchmark of i18next catalogs in the sync workflow's inner step: a 10,000-key catalog
// (100 objects of 100 keys, plural keys among them) in 10 locales, one English value
// changed; `applyCatalogChange` for every locale against the floor measured in the same
// run: `JSON.parse` of the two English versions and the ten catalogs, the least any tool
// reads. Prints the bytes each locale's write changes beside Markdown's figures for one
// section changed in a 10,000-section document (./apply-source-change.js's generator).
//
//   npm run build -w @i18n-drift/core && node packages/core/bench/apply-catalog-change.js [--keys N] [--locales N] [--rounds N]
//
// bench/run.js imports `run()` and prints its `{ name, ms, floorMs, ratio, lines }`.
import { diffLines } from 'diff';
import { generate } from './apply-source-change.js';
import { alternateRounds, importBuilt, isMain, median, numberOption } from './timing.js';

const dist = new URL('../dist/index.js', import.meta.url);
const formats = new URL('../dist/formats/index.js', import.meta.url);
const LOCALES = ['fr', 'nl', 'de', 'es', 'it', 'pt', 'pl', 'ja', 'ar', 'ru'];

/** English and translated catalogs of `keys` keys, and the English with one value changed. */
export function catalogs(keys, locales) {
  const groups = Math.ceil(keys / 100);
  const build = (word) => {
    const root = {};
    for (let g = 0; g < groups; g++) {
      const group = {};
      for (let k = 0; k < 100 && g * 100 + k < keys; k++) {
        if (k % 10 === 9) {
          group[`items${k}_one`] = `{{count}} ${word} item in group ${g}`;
          group[`items${k}_other`] = `{{count}} ${word} items in group ${g}`;
        } else group[`key${k}`] = `${word} string ${k} of group ${g}, with {{name}}`;
      }
      root[`group${g}`] = group;
    }
    return JSON.stringify(root, null, 2) + '\n';
  };
  const oldSource = build('English');
  const newSource = oldSource.replace('"English string 3 of group 42, with {{name}}"', '"English string 3 of group 42, now with {{name}}"');
  return { oldSource, newSource, translations: Object.fromEntries(locales.map((l) => [l, build(`Translated(${l})`)])) };
}

/** Bytes of the lines a write adds or removes (what `git diff` shows). */
function changedBytes(before, after) {
  if (before === after) return 0;
  return diffLines(before ?? '', after ?? '').reduce((sum, part) => sum + (part.added || part.removed ? Buffer.byteLength(part.value) : 0), 0);
}

export async function run({ keys = 10_000, locales = 10, rounds = 5 } = {}) {
  const { applyCatalogChange } = await importBuilt(formats);
  const { adopt, applySourceChange, createMemoryHost, parseConfig, syncRepository } = await importBuilt(dist);
  const names = LOCALES.slice(0, locales);
  const { oldSource, newSource, translations } = catalogs(keys, names);
  const adopted = Object.fromEntries(names.map((l) => [l, applyCatalogChange({ oldSource, newSource: oldSource, translation: translations[l], state: null, locale: l, sourceCommit: 'c0' })]));

  const { floorMs, ms, result: results } = alternateRounds({
    rounds,
    floor: () => {
      JSON.parse(oldSource);
      JSON.parse(newSource);
      for (const l of names) JSON.parse(translations[l]);
    },
    measure: () => names.map((l) => applyCatalogChange({ oldSource, newSource, translation: adopted[l].text, state: adopted[l].state, locale: l, sourceCommit: 'c1' })),
  });
  const catalogBytes = names.reduce((sum, l, i) => sum + changedBytes(adopted[l].text, results[i].text), 0);
  const stateBytes = names.reduce((sum, l, i) => sum + changedBytes(adopted[l].state, results[i].state), 0);
  const stale = results.reduce((sum, r) => sum + r.changes.filter((c) => c.state === 'stale').length, 0);

  // The whole sync workflow (plan mode, on the memory host): the catalogs and their state
  // files committed, then the English change committed; every locale walked, files planned.
  const host = createMemoryHost();
  const path = (l) => `locales/${l}/common.json`;
  const seeded = host.commit('main', Object.fromEntries([[path('en'), oldSource], ...names.map((l) => [path(l), translations[l]])]), { message: 'Catalogs' });
  const states = names.map((l) => [`${path(l)}.i18n-drift`, applyCatalogChange({ oldSource, newSource: oldSource, translation: translations[l], state: null, locale: l, sourceCommit: seeded, catalogName: 'common.json' }).state]);
  host.commit('main', Object.fromEntries(states), { message: 'Adopt the catalogs' });
  host.commit('main', { [path('en')]: newSource }, { message: 'One string changed' });
  const config = parseConfig({ files: ['locales/{locale}/*.json'], locales: names });
  const t = () => (key) => key;
  let synced;
  const syncs = [];
  for (let r = 0; r < Math.max(1, Math.ceil(rounds / 2)); r++) {
    const s0 = performance.now();
    synced = await syncRepository(host, { config, mode: 'plan', t });
    syncs.push(performance.now() - s0);
  }
  const syncMs = median(syncs);
  const before = host.snapshot('main');
  const syncBytes = synced.locales.flatMap((l) => l.files).reduce((sum, f) => sum + changedBytes(before[f.path] ?? null, f.content), 0);
  const syncFiles = synced.locales.flatMap((l) => l.files).length;

  // Markdown beside it: one section changed in a document of as many sections, one locale.
  const md = generate(keys);
  const mdNew = md.oldSource.replace('Section 4200\n', 'Section 4200\n').replace('(case 4200)', '(case 4200, edited)');
  const pinned = adopt(md.oldSource, md.translation, { sourceCommit: 'c0' }).text;
  const t0 = performance.now();
  const mdResult = applySourceChange(md.oldSource, mdNew, pinned, { sourceCommit: 'c1' });
  const mdMs = performance.now() - t0;

  return {
    name: `apply-catalog-change: ${keys.toLocaleString('en')} keys × ${names.length} locales, one key changed (${stale} stale)`,
    ms,
    floorMs,
    ratio: ms / floorMs,
    lines: [
      `bytes changed: catalogs ${catalogBytes}, state files ${stateBytes} (${names.length} locales)`,
      `sync (syncRepository, plan mode, memory host, ${names.length} locales): ${syncMs.toFixed(0)} ms, ${(syncMs / floorMs).toFixed(1)}× the floor; ${syncFiles} files written, ${syncBytes} bytes changed`,
      `Markdown beside it: one of ${keys.toLocaleString('en')} sections changed, one locale: applySourceChange ${mdMs.toFixed(0)} ms, ${changedBytes(pinned, mdResult.text)} bytes changed`,
    ],
  };
}

if (isMain(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => numberOption(args, name, fallback);
  const r = await run({ keys: option('keys', 10_000), locales: option('locales', 10), rounds: option('rounds', 5) });
  console.log(r.name);
  console.log(`  floor (JSON.parse of both English versions and every catalog): ${r.floorMs.toFixed(0)} ms, applyCatalogChange: ${r.ms.toFixed(0)} ms`);
  console.log(`  ratio: ${r.ratio.toFixed(2)}× the floor`);
  for (const line of r.lines) console.log(`  ${line}`);
}
