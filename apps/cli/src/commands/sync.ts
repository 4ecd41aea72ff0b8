/**
 * `i18n-drift sync [--from REV] [--to REV] [--branch]`: apply the English changes to
 * every translation. Without `--branch` the working tree is edited (refusing to
 * overwrite uncommitted edits); with `--branch` each locale gets one commit on
 * `<branchPrefix><locale>` and a pull request stored under `.git/i18n-drift/pulls/`.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { documentOf, pathFor, syncRepository, TranslationBranch, type LocaleSyncResult, type SyncFailure, type SyncResult } from '@i18n-drift/core';
import { UsageError, type LocalizedHostError } from '../cli-error.js';
import { syncOutputKey, writeSyncOutput } from '../cache/sync-noop-cache.js';
import { colorEnabled, requestedLanguage } from '../fast-status.js';
import { targetProblem, writeDocuments } from '../fs/write-set.js';
import { colors, print, progressBar } from '../output.js';
import { openRepository, requireHead, type Repository } from '../repository.js';
import type { Command } from './context.js';
import type { Messages } from '../i18n-setup.js';

export const runSync: Command = async ({ root, json, args, m }) => {
  const { t } = m;
  const repo = await openRepository(root, t);
  try {
    const from = args.values['from'] as string | undefined;
    const to = args.values['to'] as string | undefined;
    const branch = Boolean(args.values['branch']);
    const mode = json ? 'json' : 'human';
    const keyInput = { dir: root ?? process.cwd(), mode, lang: requestedLanguage(args.values['lang'] as string | undefined), color: colorEnabled() } as const;
    const before = branch && !from && !to ? syncOutputKey(keyInput) : null;
    const result = await sync(repo, { from, to, branch, m, fill: Boolean(args.values['fill']) });
    const stdout = json ? JSON.stringify(result) + '\n' : syncSummary(result, repo, t).map((line) => line + '\n').join('');
    process.stdout.write(stdout);
    // The rest is done; each translation skipped gets one line, and the exit code says so.
    const failures = result.failures ?? [];
    const stderr = failures.map((f) => `i18n-drift: ${failureLine(f, t)}\n`).join('');
    process.stderr.write(stderr);
    const code = failures.length > 0 ? 1 : 0;
    // Nothing to do, and nothing moved meanwhile: the next such run is answered from the store.
    if (before !== null && result.locales.every((l) => l.action === 'unchanged') && syncOutputKey(keyInput)?.key === before.key) {
      writeSyncOutput(before, mode, { stdout, stderr, code });
    }
    return code;
  } finally {
    repo.host.close();
  }
};

/** Run the workflow; in working-tree mode, write the files (all or none). */
export async function sync(repo: Repository, options: { from?: string | undefined; to?: string | undefined; branch: boolean; m: Messages; dashboardUrl?: string | null; fill?: boolean }): Promise<SyncResult> {
  const { t, localize } = options.m;
  const head = requireHead(repo, t);
  const bar = progressBar(t('cli:progress.syncing'));
  const common = {
    config: repo.config,
    t: localize,
    dashboardUrl: options.dashboardUrl ?? null,
    onProgress: (done: number, total: number) => bar.update(done, total),
    ...(options.from ? { from: options.from } : {}),
    ...(options.fill ? { fill: true } : {}),
  };
  if (options.branch) {
    // The PRs are described against the checked-out branch: a translation branch there
    // would rewrite every PR body against a translation.
    const current = await repo.host.defaultBranch();
    if (TranslationBranch.parse(current, repo.config.branchPrefix) !== null) throw new UsageError(t('cli:sync.onTranslationBranch', { branch: current }));
    try {
      return await syncRepository(repo.host, { ...common, mode: 'branch', ...(options.to ? { to: options.to } : {}) });
    } finally {
      bar.done();
    }
  }
  let result: SyncResult;
  try {
    result = await syncRepository(repo.host, { ...common, mode: 'plan', to: options.to ?? 'HEAD' });
  } finally {
    bar.done();
  }
  const files = result.locales.flatMap((l) => l.files);
  // Never overwrite what the user has not committed: the plan was computed from Git.
  // Uncommitted means unlike HEAD — not unlike `--to`: with an older `--to`, a file a
  // later commit changed is committed all the same (Git keeps it), not an edit in the way.
  // And never drop committed work either: a translation a later commit changed (after
  // an older `--to`) would lose that change from the working tree; sync it to HEAD instead.
  // A target that is a folder, a symbolic link or a device, or that resolves outside the
  // repository (a locale folder linked elsewhere), is never read nor written: skipped.
  const realRoot = realpathSync(repo.root);
  const refused = new Map<string, LocalizedHostError>();
  for (const f of files) {
    const problem = targetProblem(repo.root, realRoot, f.path);
    if (problem) {
      refused.set(f.path, problem);
      continue;
    }
    const abs = join(repo.root, f.path);
    const committed = await repo.host.readFile(f.path, head);
    const current = existsSync(abs) ? readFileSync(abs, 'utf8') : null;
    if (current !== committed) throw new UsageError(t('cli:sync.dirty', { path: f.path }));
    if (result.to !== head && (await repo.host.readFile(f.path, result.to)) !== committed) {
      throw new UsageError(t('cli:sync.changedAfterTo', { path: f.path, to: result.to.slice(0, 7) }));
    }
  }
  const outcome = await writeDocuments(repo.root, repo.host.gitDir, files.filter((f) => !refused.has(f.path)));
  for (const r of outcome.refused) refused.set(r.path, r.error);
  for (const l of result.locales) {
    l.action = 'working-tree';
    for (const f of l.files) {
      const error = refused.get(f.path);
      if (error) (result.failures ??= []).push({ locale: l.locale, path: f.path, code: error.code as SyncFailure['code'], line: null, message: error.message });
    }
    l.files = l.files.filter((f) => !refused.has(f.path));
  }
  return result;
}

/** One line for a translation the sync skipped: locale, file, line when known, what is wrong. */
export function failureLine(f: SyncFailure, t: (k: string, v?: Record<string, unknown>) => string): string {
  const values = { locale: f.locale, path: f.path, line: f.line, message: f.message };
  return f.line === null ? t('cli:sync.failed', values) : t('cli:sync.failedAtLine', values);
}

/** Human summary of a sync: per locale, what changed and the PR (title, where its body is). */
export function syncSummary(result: SyncResult, repo: Repository, t: (k: string, v?: Record<string, unknown>) => string): string[] {
  const lines: string[] = [];
  const range = `${result.from ? result.from.slice(0, 7) : t('cli:sync.pins')}..${result.to.slice(0, 7)}`;
  lines.push(colors.bold(t('cli:sync.title', { range })));
  if (result.locales.length === 0) lines.push(`  ${colors.dim(t('cli:sync.nothing'))}`);
  for (const l of result.locales) lines.push(...localeLines(l, repo, t));
  for (const p of result.unpinned ?? []) lines.push(colors.yellow(t('cli:sync.unpinned', { path: p })));
  // Without pins and without English: nothing to adopt against, said as what it is.
  for (const p of result.orphans ?? []) {
    const found = documentOf(p, repo.config);
    const expected = found ? pathFor(found.key, repo.config.sourceLocale, repo.config) : p;
    lines.push(colors.yellow(t('cli:status.orphan', { path: p, expected })));
  }
  return lines;
}

function localeLines(l: LocaleSyncResult, repo: Repository, t: (k: string, v?: Record<string, unknown>) => string): string[] {
  const count = (s: string) => l.sections.filter((x) => x.state === s && !x.resolved).length;
  const removed = l.sections.filter((x) => x.state === 'removed').length;
  // Sections a translator finished (marker removed) that this run pinned to the English.
  const repinned = l.repinned?.length ?? 0;
  const counts = `  ${colors.yellow(t('cli:count.stale', { count: count('stale') }))} · ${colors.red(t('cli:count.missing', { count: count('missing') }))} · ${colors.dim(t('cli:count.removed', { count: removed }))}`;
  const lines = [
    '',
    `${colors.bold(l.locale)}  ${t(`cli:sync.action.${l.action}`, { branch: l.branch, commit: l.commit?.slice(0, 7) ?? '', number: l.pullRequest?.number ?? '' })}`,
    repinned > 0 ? `${counts} · ${colors.green(t('cli:sync.repinned', { count: repinned }))}` : counts,
  ];
  if (l.adopted && l.adopted.length > 0) lines.push(`  ${colors.cyan(t('cli:sync.adopted', { count: l.adopted.length }))}`);
  for (const f of l.files) lines.push(`  ${f.content === null ? colors.red('D') : f.created ? colors.green('A') : colors.green('M')} ${join(f.path)}`);
  if (l.pullRequest) {
    lines.push(`  ${t('cli:sync.pullRequest', { title: l.pullRequest.title })}`);
    lines.push(`  ${colors.dim(t('cli:sync.body', { path: l.pullRequest.url.startsWith(repo.root) ? l.pullRequest.url.slice(repo.root.length + 1) : l.pullRequest.url }))}`);
  }
  return lines;
}
