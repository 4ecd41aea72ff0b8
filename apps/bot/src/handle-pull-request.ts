/**
 * `pull_request` opened/reopened/synchronize. Two kinds of pull requests matter:
 * - a translation PR (head `<branchPrefix><locale>` in the same repository): core re-pins
 *   the sections whose marker a translator removed (one commit on top, never forced) and
 *   ticks the checklist, then the `i18n-drift` check run reports what is left;
 * - an English PR opened by a person: one preview comment, edited in place, with what
 *   merging it will cost the translators.
 * Anything else (the app's own PRs on other heads, bots' PRs) is left alone.
 */
import { TranslationBranch, previewSourceChange, resolveTranslationBranch } from '@i18n-drift/core';
import { publishCheckRun } from './check-run.js';
import { reportConfigError } from './config-failure.js';
import { isInputError, reportInputError } from './input-failure.js';
import { createGitHubHost } from './github-host.js';
import { upsertPreviewComment } from './preview-comment.js';
import { previewIsEmpty, previewText } from './preview-text.js';
import { loadRepositoryConfig } from './repository-config.js';
import { checkOutput, pullRequestSignOffs, translationFindings } from './translation-check.js';
import type { RepositoryJob } from './repository-job.js';

/** The fields of a `pull_request` payload's `pull_request` the handler reads. */
export interface PullRequestPayload {
  number: number;
  user: { login: string; type?: string } | null;
  head: { ref: string; sha: string; repo: { full_name: string } | null };
  base: { ref: string; sha: string; repo: { full_name: string } };
}

export interface PullRequestJob extends RepositoryJob {
  pull: PullRequestPayload;
}

export type PullRequestOutcome =
  | { kind: 'ignored'; reason: 'no-config' | 'not-default-base' | 'bot-author' }
  | { kind: 'invalid-config'; key: string }
  | { kind: 'invalid-content'; message: string }
  | { kind: 'translation'; locale: string; repinned: string | null; conclusion: string }
  | { kind: 'preview'; action: 'created' | 'updated' | 'unchanged' | 'none' };

/**
 * Handle one pull request event.
 * @throws HostError when GitHub fails (also 'conflict' when the branch moved meanwhile).
 */
export async function handlePullRequest(job: PullRequestJob): Promise<PullRequestOutcome> {
  try {
    return await handle(job);
  } catch (error) {
    if (!isInputError(error)) throw error;
    const { owner, repo, pull } = job;
    await reportInputError(job.octokit, { owner, repo, headSha: pull.head.sha }, error, job.localize('en'));
    return { kind: 'invalid-content', message: error.message };
  }
}

async function handle(job: PullRequestJob): Promise<PullRequestOutcome> {
  const { octokit, owner, repo, pull } = job;
  const host = createGitHubHost(octokit, { owner, repo, defaultBranch: job.defaultBranch, botLogin: job.botLogin, warn: job.log.warn });
  const loaded = await loadRepositoryConfig(job, host, pull.head.sha);
  if (loaded.kind === 'missing') return { kind: 'ignored', reason: 'no-config' };
  if (loaded.kind === 'invalid') {
    await reportConfigError(octokit, { owner, repo, headSha: pull.head.sha }, loaded.error, loaded.text, job.localize('en'));
    return { kind: 'invalid-config', key: loaded.error.key };
  }
  const { config } = loaded;
  if (pull.base.ref !== job.defaultBranch) return { kind: 'ignored', reason: 'not-default-base' };

  const sameRepository = pull.head.repo?.full_name === pull.base.repo.full_name;
  const branch = sameRepository ? TranslationBranch.parse(pull.head.ref, config.branchPrefix) : null;
  if (branch) {
    const resolved = await resolveTranslationBranch(host, {
      config,
      locale: branch.locale,
      t: job.localize,
      dashboardUrl: job.dashboardUrl ?? null,
    });
    // After a re-pin commit the branch head is that commit: check what will be merged.
    const head = resolved?.commit ?? pull.head.sha;
    const t = job.localize(branch.locale);
    const { files, findings, signOffs } = await translationFindings(host, { config, locale: branch.locale, base: pull.base.sha, head });
    const output = checkOutput(findings, files, t, pullRequestSignOffs(resolved?.sections ?? [], signOffs));
    await publishCheckRun(octokit, { owner, repo, headSha: head, ...output });
    return { kind: 'translation', locale: branch.locale, repinned: resolved?.commit ?? null, conclusion: output.conclusion };
  }

  if (pull.user?.type === 'Bot' || pull.user?.login?.toLowerCase() === job.botLogin.toLowerCase()) {
    return { kind: 'ignored', reason: 'bot-author' };
  }
  const from = await host.mergeBase(pull.base.sha, pull.head.sha);
  const preview = await previewSourceChange(host, { config, from, to: pull.head.sha });
  const t = job.localize(config.sourceLocale);
  if (previewIsEmpty(preview)) {
    // Say nothing on PRs that never touched a translated document; correct an earlier comment.
    const existing = await upsertPreviewComment(octokit, { owner, repo, number: pull.number, botLogin: job.botLogin }, previewText(preview, t, config.sourceLocale), {
      onlyIfExists: true,
    });
    return { kind: 'preview', action: existing?.action ?? 'none' };
  }
  const posted = await upsertPreviewComment(octokit, { owner, repo, number: pull.number, botLogin: job.botLogin }, previewText(preview, t, config.sourceLocale));
  return { kind: 'preview', action: posted!.action };
}
