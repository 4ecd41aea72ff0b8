/**
 * Bad repository content met while syncing — a translation whose frontmatter cannot be
 * read, a binary or oversized file matching the patterns, a path the patterns cannot
 * place — is reported as a failing `i18n-drift` check run on the commit, naming the file
 * (and line when known). Retrying cannot help, so the delivery is not failed either.
 */
import { ConfigError, HostError, type Translate } from '@i18n-drift/core';
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
