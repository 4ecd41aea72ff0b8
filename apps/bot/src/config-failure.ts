/**
 * A bad `.github/i18n-drift.yml` is never silence and never a crash: a failing
 * `i18n-drift` check run on the commit that holds it, naming the key and the problem.
 */
import type { ConfigError, Translate } from '@i18n-drift/core';
import { publishCheckRun } from './check-run.js';
import type { GitHubClient } from './github-host.js';
import { CONFIG_PATH } from './repository-config.js';

/** Publish the failing check for `error` on `headSha`. @throws HostError when GitHub refuses. */
export async function reportConfigError(
  octokit: GitHubClient,
  target: { owner: string; repo: string; headSha: string },
  error: ConfigError,
  text: string | null,
  t: Translate,
): Promise<void> {
  const values = { key: error.key, reason: error.reason, path: CONFIG_PATH };
  await publishCheckRun(octokit, {
    ...target,
    conclusion: 'failure',
    title: t('bot:config.title', values),
    summary: t('bot:config.summary', values),
    annotations: [{ path: CONFIG_PATH, line: lineOf(error, text), level: 'failure', title: error.key, message: t('bot:config.annotation', values) }],
  });
}

/**
 * Where to annotate: YAML errors carry "line N"; a bad key is annotated where its
 * top-level key is written (`translators` for `translators.fr`); otherwise line 1.
 */
export function lineOf(error: ConfigError, text: string | null): number {
  const fromReason = /\bline (\d+)/.exec(error.reason);
  if (fromReason) return Number(fromReason[1]);
  const top = error.key.split('.')[0] ?? '';
  if (!text || !/^[A-Za-z_][\w-]*$/.test(top)) return 1;
  const index = text.split('\n').findIndex((line) => new RegExp(`^${top}\\s*:`).test(line));
  return index === -1 ? 1 : index + 1;
}
