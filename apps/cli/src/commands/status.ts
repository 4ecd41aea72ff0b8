/**
 * `i18n-drift status`: coverage per locale and document of the working tree. With
 * `--json` it prints exactly `JSON.stringify(coverageReport)`.
 */
import type { CoverageReport, Tally, Totals } from '@i18n-drift/core';
import { outputKey, writeOutput } from '../cache/output-cache.js';
import { colorEnabled, requestedLanguage } from '../fast-status.js';
import { loadCoverage } from '../load-state.js';
import { colors } from '../output.js';
import { openRepository } from '../repository.js';
import type { Command } from './context.js';

export const runStatus: Command = async ({ root, json, args, m: { t } }) => {
  const mode = json ? 'json' : 'human';
  const keyInput = { dir: root ?? process.cwd(), mode, lang: requestedLanguage(args.values['lang'] as string | undefined), color: colorEnabled() } as const;
  const before = outputKey(keyInput);
  const repo = await openRepository(root, t);
  try {
    const { report } = await loadCoverage(repo, { progressLabel: t('cli:progress.reading') });
    const output = json ? JSON.stringify(report) + '\n' : coverageTable(report, t).join('\n') + '\n';
    process.stdout.write(output);
    // Cache only when nothing moved while we computed (the key is taken on both sides).
    const after = outputKey(keyInput);
    if (before && after && before.key === after.key) writeOutput(after, mode, output);
    return 0;
  } finally {
    repo.host.close();
  }
};

/** The human coverage table (also printed by `demo`, before and after). */
export function coverageTable(report: CoverageReport, t: (k: string, v?: Record<string, unknown>) => string): string[] {
  const lines: string[] = [];
  const revision = report.revision ? report.revision.slice(0, 7) : '-';
  lines.push(colors.bold(t('cli:status.title', { revision })));
  const width = Math.max(20, ...report.documents.flatMap((d) => d.translations.map((tr) => tr.path.length)));
  for (const locale of report.byLocale) {
    lines.push('');
    lines.push(`${colors.bold(locale.locale)}  ${percent(locale.totals.sections)} ${t('cli:status.sectionsCurrent')} · ${percent(locale.totals.words)} ${t('cli:status.wordsCurrent')}`);
    for (const doc of report.documents) {
      const tr = doc.translations.find((x) => x.locale === locale.locale);
      if (!tr) continue;
      if (!tr.exists) {
        lines.push(`  ${tr.path.padEnd(width)}  ${colors.dim(t('cli:status.notTranslated'))}`);
        continue;
      }
      lines.push(`  ${tr.path.padEnd(width)}  ${counts(tr.totals.sections, t)}  ${percent(tr.totals.sections)}${englishShare(tr.totals, t)}`);
      // A removed marker is the translator's sign-off: current now, re-pinned by the next sync (check passes it too).
      const signedOff = tr.sections.filter((section) => section.signedOff).length;
      if (signedOff > 0) lines.push(`  ${' '.repeat(width)}  ${colors.green(t('cli:status.signedOff', { count: signedOff }))}`);
      // Its sections count as missing because the file cannot be read: say why.
      if (tr.invalid) lines.push(`  ${' '.repeat(width)}  ${colors.red(t('cli:status.invalid', { line: tr.invalid.line, reason: tr.invalid.reason }))}`);
      // No pins yet: these states come from adopting it from history in memory, as `init` would.
      if (tr.notAdopted) lines.push(`  ${' '.repeat(width)}  ${colors.cyan(t('cli:status.notAdopted', { commit: tr.notAdopted.pinnedTo.slice(0, 7) }))}`);
    }
  }
  if (report.orphans.length > 0) {
    lines.push('');
    for (const o of report.orphans) lines.push(colors.yellow(t('cli:status.orphan', { path: o.path, expected: o.expectedSource })));
  }
  lines.push('');
  lines.push(t('cli:status.total', { sections: report.totals.sections.percent, words: report.totals.words.percent }));
  return lines;
}

function counts(tally: Tally, t: (k: string, v?: Record<string, unknown>) => string): string {
  const part = (n: number, key: string, color: (s: string) => string) => (n > 0 ? color(label(t, key, n)) : colors.dim(label(t, key, n)));
  return [
    part(tally.current, 'current', colors.green),
    part(tally.stale, 'stale', colors.yellow),
    part(tally.missing, 'missing', colors.red),
    part(tally.untranslated, 'untranslated', colors.magenta),
  ].join(' · ');
}

// One lookup per state, number and run: the table has a line per translated file.
const labels = new WeakMap<object, Map<string, string>>();
/** "3 non traduites": the number with its state, agreed in the language (`cli:count.<state>`). */
function label(t: (k: string, v?: Record<string, unknown>) => string, key: string, count: number): string {
  let map = labels.get(t);
  if (!map) labels.set(t, (map = new Map()));
  const id = `${key}\0${count}`;
  let text = map.get(id);
  if (text === undefined) map.set(id, (text = t(`cli:count.${key}`, { count })));
  return text;
}

/** How much of what is there is still in English: its own figure, beside the states (never instead of `stale`). */
function englishShare(totals: Totals, t: (k: string, v?: Record<string, unknown>) => string): string {
  const share = totals.englishShare ?? 0;
  if (share <= 0) return '';
  return `  ${colors.magenta(t('cli:status.english', { percent: (Math.round(share * 1000) / 10).toFixed(1) }))}`;
}

function percent(tally: Tally): string {
  const text = `${tally.percent.toFixed(1)}%`.padStart(6);
  return tally.percent >= 100 ? colors.green(text) : tally.percent >= 50 ? colors.yellow(text) : colors.red(text);
}
