// Benchmark of `applySourceChange` (issue 4) on a generated 10,000-section document pair,
// against the floor measured in the same run: the time to merely `parseDocument` the same
// three files (old English, new English, translation). Target: within 2× of the floor.
//
//   npm run build -w @i18n-drift/core && node packages/core/bench/apply-source-change.js [--sections N] [--rounds N]
//
// bench/run.js imports `run()` and prints its `{ name, ms, floorMs, ratio }`.
import { alternateRounds, importBuilt, isMain, numberOption, unseen } from './timing.js';

const dist = new URL('../dist/index.js', import.meta.url);

/** English and translated documents of `n` list-heavy sections (the shape of the seeds), and an English edit of them. */
export function generate(n) {
  const en = [];
  const fr = [];
  for (let k = 0; k < n; k++) {
    const level = k % 5 === 0 ? 2 : 3;
    en.push(`${'#'.repeat(level)} Section ${k}\n\n-   **How long do we keep it?**\n    -   We keep these logs for ${(k % 12) + 1} months.\n-   **Do we share it?**\n    -   No, never (case ${k}).\n`);
    fr.push(`${'#'.repeat(level)} Partie ${k}\n\n-   **Combien de temps les gardons-nous ?**\n    -   Nous les gardons ${(k % 12) + 1} mois.\n-   **Les partageons-nous ?**\n    -   Non, jamais (cas ${k}).\n`);
  }
  const front = (title) => `---\ntitle: ${title}\n---\n\nIntro ${title}.\n\n`;
  const oldSource = front('Privacy') + en.join('\n');
  // About 1% of sections edited, 0.1% renamed, added, removed and moved, every 10th reflowed.
  const next = en.map((s, k) => {
    if (k % 100 === 7) return s.replace(/for (\d+) months/, (_, m) => `for ${Number(m) + 1} months`);
    if (k % 1000 === 11) return s.replace(`Section ${k}`, `Renamed section ${k}`);
    if (k % 10 === 3) return s.replace(/^-   /gm, '- ');
    return s;
  });
  for (let k = n - 1; k >= 0; k--) {
    if (k % 1000 === 500) next.splice(k, 1);
    else if (k % 1000 === 900) next.splice(k, 0, `### Added ${k}\n\n-   New text ${k}.\n`);
  }
  for (let k = 0; k + 600 < next.length; k += 1000) {
    const [moved] = next.splice(k + 250, 1);
    next.splice(k + 600, 0, moved);
  }
  return { oldSource, newSource: front('Privacy') + next.join('\n'), translation: front('Confidentialité') + fr.join('\n') };
}

/** Runs the benchmark; returns `{ name, ms, floorMs, ratio }` (median of `rounds` after a warm-up). */
export async function run({ sections = 10_000, rounds = 5 } = {}) {
  const { adopt, applySourceChange } = await importBuilt(dist);
  const { parseDocument } = await import('@i18n-drift/sections');
  const { oldSource, newSource, translation } = generate(sections);
  const pinned = adopt(oldSource, translation, { sourceCommit: 'c0' }).text;

  const { floorMs, ms, result } = alternateRounds({
    rounds,
    floor: (call) => {
      parseDocument(unseen(oldSource, call));
      parseDocument(unseen(newSource, call));
      parseDocument(unseen(pinned, call));
    },
    measure: (call) => applySourceChange(unseen(oldSource, call), unseen(newSource, call), unseen(pinned, call), { sourceCommit: 'c1' }),
  });
  const states = {};
  for (const c of result.changes) states[c.state] = (states[c.state] ?? 0) + 1;
  return { name: `apply-source-change: ${sections.toLocaleString('en')} sections (${Object.entries(states).map(([s, c]) => `${c} ${s}`).join(', ')})`, ms, floorMs, ratio: ms / floorMs };
}

if (isMain(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => numberOption(args, name, fallback);
  const r = await run({ sections: option('sections', 10_000), rounds: option('rounds', 5) });
  console.log(r.name);
  console.log(`  floor (parseDocument × 3): ${r.floorMs.toFixed(0)} ms, applySourceChange: ${r.ms.toFixed(0)} ms`);
  console.log(`  ratio: ${r.ratio.toFixed(2)}× the floor (target ≤ 2×)`);
}
