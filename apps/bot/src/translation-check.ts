/**
 * The findings of a translation branch, as the `i18n-drift` check run shows them: core's
 * `checkTranslation` (the same as `i18n-drift check`) on every translation of the locale
 * the branch changes, each against the English it was synced with (the branch's own).
 */
import {
  checkTranslation,
  documentOf,
  pathFor,
  plainLabel,
  readSignOffs,
  type Config,
  type Finding,
  type PullRequestSection,
  type RepositoryHost,
  type Translate,
} from '@i18n-drift/core';
import type { CheckAnnotation, CheckRunInput } from './check-run.js';

/** A section a translator signed off (deleted its stale or missing marker): passed, and said so. */
export interface CheckSignOff {
  path: string;
  id: string;
  heading: string | null;
}

/**
 * Findings for the `locale` translations that differ between `base` and `head`, and the
 * sections signed off in them that no sync has re-pinned yet (core's `readSignOffs`, as
 * `i18n-drift check` lists them).
 * @throws HostError when a file cannot be read.
 */
export async function translationFindings(
  host: RepositoryHost,
  input: { config: Config; locale: string; base: string; head: string },
): Promise<{ files: string[]; findings: Finding[]; signOffs: CheckSignOff[] }> {
  const { config, locale, head } = input;
  const files = (await host.changedPaths(input.base, head)).filter((path) => documentOf(path, config)?.locale === locale).sort();
  const findings: Finding[] = [];
  const texts: Record<string, string> = {};
  for (const translationPath of files) {
    const translation = await host.readFile(translationPath, head);
    if (translation === null) continue; // deleted with its English source
    const sourcePath = pathFor(translationPath, config.sourceLocale, config);
    const source = (await host.readFile(sourcePath, head)) ?? '';
    findings.push(...checkTranslation({ sourcePath, source, translationPath, translation, config }));
    texts[translationPath] = translation;
    texts[sourcePath] = source;
  }
  const signOffs = (await readSignOffs(host, texts, config)).map(({ path, id, heading }) => ({ path, id, heading }));
  return { files, findings, signOffs };
}

/**
 * Every sign-off of the pull request, each once: those the app re-pinned (the sections its
 * body ticks, so the list stays when the re-pin commit is checked again) and those not
 * re-pinned yet, by path.
 */
export function pullRequestSignOffs(ticked: readonly PullRequestSection[], pending: readonly CheckSignOff[]): CheckSignOff[] {
  const all = new Map<string, CheckSignOff>();
  for (const s of ticked) if (s.resolved) all.set(`${s.translationPath}\0${s.id}`, { path: s.translationPath, id: s.id, heading: s.heading });
  for (const s of pending) if (!all.has(`${s.path}\0${s.id}`)) all.set(`${s.path}\0${s.id}`, s);
  return [...all.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A finding in the reader's language (`check:<code>`), English when no string exists. */
export function findingMessage(finding: Finding, t: Translate): string {
  const key = `check:${finding.code}`;
  const text = t(key, finding.params);
  return text === key || text === finding.code ? finding.message : text;
}

/** The check run's content for a translation branch's findings. */
export function checkOutput(
  findings: Finding[],
  files: string[],
  t: Translate,
  signOffs: readonly CheckSignOff[] = [],
): Pick<CheckRunInput, 'conclusion' | 'title' | 'summary' | 'annotations'> {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const annotations: CheckAnnotation[] = findings
    .filter((f) => f.path !== '')
    .map((f) => ({
      path: f.path,
      line: Math.max(1, f.line),
      level: f.severity === 'error' ? 'failure' : 'warning',
      title: f.code,
      message: findingMessage(f, t),
    }));
  const stale = findings.filter((f) => f.code === 'stale-section' || f.code === 'missing-section').length;
  return {
    conclusion: errors > 0 ? 'failure' : 'success',
    title: errors > 0 ? t('bot:check.failTitle', { count: errors }) : t('bot:check.passTitle'),
    summary: [
      t('bot:check.summary', { files: files.length, errors, warnings }),
      ...(stale > 0 ? ['', t('bot:check.staleHint', { count: stale })] : []),
      ...(signOffs.length > 0
        ? ['', t('bot:check.signedOff', { count: signOffs.length }), ...signOffs.map((s) => t('bot:check.signedOffItem', { path: s.path, section: plainLabel(s, t) }))]
        : []),
    ].join('\n'),
    annotations,
  };
}
