/**
 * Bad repository content met while syncing — a translation whose frontmatter cannot be
 * read, a binary or oversized file matching the patterns, a path the patterns cannot
 * place — is reported as a failing `i18n-drift` check run on the commit, naming the file
 * (and line when known). Retrying cannot help, so the delivery is not failed either.
 * A translation the workflow skipped (the rest synced) is reported the same way.
 */
import { ConfigError, HostError, type SyncFailure, type Translate } from '@i18n-drift/core';
import { FrontmatterError } from '@i18n-drift/sections';
import { publishCheckRun, type CheckAnnotation } from './check-run.js';
import type { GitHubClient } from './github-host.js';

/** True for errors caused by the repository's content rather than by GitHub or the app. */
export function isInputError(error: unknown): error is Error {
  return (
    error instanceof FrontmatterError ||
    error instanceof ConfigError ||
    (error instanceof HostError && (error.code === 'binary' || error.code === 'too-large' || error.code === 'outside-repository'))
  );
}

/** `locales/fr/x.md: frontmatter, line 3: …` -> the path, when the message starts with one. */
function pathOf(message: string): string | null {
  const match = /^([^\s:]+\.[A-Za-z0-9]+): /.exec(message);
  return match ? match[1]! : null;
}

/** Publish the failing check for `error` on `headSha`. @throws HostError when GitHub refuses. */
export async function reportInputError(
  octokit: GitHubClient,
  target: { owner: string; repo: string; headSha: string },
  error: Error,
  t: Translate,
): Promise<void> {
  const path = pathOf(error.message);
  const line = error instanceof FrontmatterError ? error.line : 1;
  const annotations: CheckAnnotation[] = path ? [{ path, line, level: 'failure', message: error.message }] : [];
  await publishCheckRun(octokit, {
    ...target,
    conclusion: 'failure',
    title: t('bot:failure.title'),
    summary: t('bot:failure.summary', { message: error.message }),
    annotations,
  });
}

/**
 * Publish the failing check for the translations the sync skipped (`SyncResult.failures`)
 * on `headSha`: one annotation per file, at its line when known. The other translations
 * were synced, so the text says that rather than "nothing was updated".
 * @throws HostError when GitHub refuses.
 */
export async function reportSyncFailures(
  octokit: GitHubClient,
  target: { owner: string; repo: string; headSha: string },
  failures: SyncFailure[],
  t: Translate,
): Promise<void> {
  // The same one-line wording the CLI prints (`cli:sync.failed*`), in the repository's source language.
  const lines = failures.map((f) => {
    const values = { locale: f.locale, path: f.path, line: f.line, message: f.message };
    return f.line === null ? t('cli:sync.failed', values) : t('cli:sync.failedAtLine', values);
  });
  await publishCheckRun(octokit, {
    ...target,
    conclusion: 'failure',
    title: t('bot:failure.partialTitle', { count: failures.length }),
    summary: t('bot:failure.partialSummary', { list: lines.map((l) => `- ${l}`).join('\n') }),
    annotations: failures.map((f, i) => ({ path: f.path, line: f.line ?? 1, level: 'failure', message: lines[i]! })),
  });
}
