/**
 * `i18n-drift check`: the CI gate. Fails (exit 1) on unresolved stale markers (or more
 * than `--max-stale N`), unaligned sections, broken anchors, invalid frontmatter and
 * broken headings; `--format github` prints GitHub Actions annotations. With
 * `--baseline FILE` the findings recorded there are accepted and only new ones fail;
 * `--update-baseline` records the current findings in FILE. Sections whose marker a
 * translator removed pass (their sign-off, re-pinned at the next sync) and are listed as
 * such, as `status` lists them (a `::notice` with `--format github`, `signedOff` in JSON).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BaselineError, compareWithBaseline, createBaseline, formatBaseline, parseBaseline, type Baseline, type Finding, type SignOff } from '@i18n-drift/core';
import { intFlag } from '../args.js';
import { UsageError } from '../cli-error.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { loadCheck } from '../load-state.js';
import { colors, print } from '../output.js';
import { openRepository } from '../repository.js';
import { reportSkipped } from '../skipped-file.js';
import { skippedDocuments, type Worktree } from '../worktree.js';
import type { Command } from './context.js';

type T = (k: string, v?: Record<string, unknown>) => string;

export const runCheck: Command = async ({ root, json, args, m: { t } }) => {
  const format = args.values['format'] ?? 'text';
  if (format !== 'text' && format !== 'github') throw new UsageError(t('cli:error.format', { value: String(format) }));
  const maxStale = intFlag(args.values, 'max-stale', undefined, t);
  const baselineFile = args.values['baseline'] as string | undefined;
  const update = Boolean(args.values['update-baseline']);
  if (update && baselineFile === undefined) throw new UsageError(t('cli:error.updateBaselineAlone'));
  // Read before the repository: a missing or broken baseline is the user's to fix first.
  const baseline = baselineFile !== undefined && !update ? readBaseline(resolve(baselineFile), t) : null;
  const repo = await openRepository(root, t);
  try {
    let tree: Worktree | null = null;
    const result = await loadCheck(repo, maxStale, { progressLabel: t('cli:progress.reading'), tree: (read) => (tree = read) });
    // Documents that cannot be read at all (binary, too large, a folder): one line each, exit 1.
    const unreadable = tree ? reportSkipped(skippedDocuments(tree, t), t) : 0;
    if (update) {
      const file = resolve(baselineFile!);
      writeFileAtomic(file, formatBaseline(createBaseline(result.findings)));
      if (json) print(JSON.stringify({ baseline: file, accepted: result.findings.length }));
      else print(t('cli:check.baselineWritten', { count: result.findings.length, file: baselineFile }));
      return 0;
    }
    const comparison = baseline ? compareWithBaseline(result.findings, baseline) : { fresh: result.findings, accepted: [] as Finding[], ok: result.ok };
    if (json) {
      // The plain result, extended: which findings the baseline accepts, and `ok` judged on the rest.
      const accepted = new Set(comparison.accepted);
      const findings = baseline ? result.findings.map((f) => ({ ...f, accepted: accepted.has(f) })) : result.findings;
      print(JSON.stringify(baseline ? { findings, ok: comparison.ok, baseline: { file: resolve(baselineFile!), accepted: comparison.accepted.length, new: comparison.fresh.length }, signedOff: result.signedOff } : result));
    } else if (format === 'github') {
      for (const f of comparison.fresh) print(annotation(f, message(f, t)));
      for (const s of result.signedOff) print(notice(s, signedOffMessage(s, t)));
    } else {
      for (const f of comparison.fresh) {
        const where = f.path ? `${f.path}${f.line > 0 ? `:${f.line}` : ''}` : t('cli:check.repository');
        const level = f.severity === 'error' ? colors.red(t('cli:check.error')) : colors.yellow(t('cli:check.warning'));
        print(`${where}  ${level}  ${message(f, t)} ${colors.dim(`(${f.code})`)}`);
      }
      // Passed, but said: a removed marker is the translator's sign-off, not yet re-pinned (as status says).
      for (const s of result.signedOff) {
        print(`${s.path}${s.line > 0 ? `:${s.line}` : ''}  ${colors.green(t('cli:check.signedOffLabel'))}  ${signedOffMessage(s, t)}`);
      }
      const errors = comparison.fresh.filter((f) => f.severity === 'error').length;
      const warnings = comparison.fresh.length - errors;
      print(comparison.ok ? colors.green(t('cli:check.ok', { count: warnings, warnings })) : colors.red(t('cli:check.failed', { errors, warnings })));
      if (baseline) print(colors.dim(t('cli:check.accepted', { count: comparison.accepted.length, file: baselineFile })));
    }
    return comparison.ok && unreadable === 0 ? 0 : 1;
  } finally {
    repo.host.close();
  }
};

/** @throws UsageError naming the file: missing (say how to create it) or unreadable. */
function readBaseline(file: string, t: T): Baseline {
  if (!existsSync(file)) throw new UsageError(t('cli:error.noBaseline', { file }));
  try {
    return parseBaseline(readFileSync(file, 'utf8'));
  } catch (e) {
    if (e instanceof BaselineError) throw new UsageError(t('cli:error.badBaseline', { file, reason: e.reason }));
    throw e;
  }
}

/** The finding in the user's language, from the `check` namespace; English as given otherwise. */
function message(f: Finding, t: (k: string, v?: Record<string, unknown>) => string): string {
  const text = t(`check:${f.code}`, f.params);
  return text === `${f.code}` || text === `check:${f.code}` ? f.message : text;
}

/** A signed-off section in the user's language: its heading (its id when it has none) and the pinned commit. */
function signedOffMessage(s: SignOff, t: T): string {
  return t('cli:check.signedOff', { section: s.heading ?? s.id, commit: s.commit.slice(0, 7) });
}

/** `::error file=…,line=…,title=…::message`, escaped as the Actions runner expects. */
export function annotation(f: Finding, text: string): string {
  return workflowCommand(f.severity === 'error' ? 'error' : 'warning', f.path, f.line, `i18n-drift ${f.code}`, text);
}

/** `::notice …::message` for a signed-off section: shown on the pull request, failing nothing. */
function notice(s: SignOff, text: string): string {
  return workflowCommand('notice', s.path, s.line, 'i18n-drift signed-off', text);
}

function workflowCommand(level: 'error' | 'warning' | 'notice', path: string, line: number, title: string, text: string): string {
  const esc = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const prop = (s: string) => esc(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const props = [path ? `file=${prop(path)}` : null, line > 0 ? `line=${line}` : null, `title=${prop(title)}`].filter(Boolean).join(',');
  return `::${level} ${props}::${esc(text)}`;
}
