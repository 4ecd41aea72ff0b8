/**
 * Run one job (data) with what the running process provides: an installation client,
 * the bot's login, the tool's strings and a logger. The in-process app and the queue
 * worker both come through here, so a job means the same thing in either.
 */
import type { Localize } from '@i18n-drift/core';
import type { GitHubClient } from './github-host.js';
import { handlePullRequest, type PullRequestOutcome } from './handle-pull-request.js';
import { handlePush, type PushOutcome } from './handle-push.js';
import type { QueuedJob } from './queued-job.js';
import type { RepositoryJob } from './repository-job.js';

export interface JobServices {
  octokit: GitHubClient;
  botLogin: string;
  localize: Localize;
  dashboardUrl?: string;
  log: RepositoryJob['log'];
}

/** @throws HostError when GitHub fails (see handlePush / handlePullRequest). */
export function runJob(job: QueuedJob, services: JobServices): Promise<PushOutcome | PullRequestOutcome> {
  const common: RepositoryJob = {
    octokit: services.octokit,
    owner: job.owner,
    repo: job.repo,
    defaultBranch: job.defaultBranch,
    botLogin: services.botLogin,
    localize: services.localize,
    dashboardUrl: services.dashboardUrl,
    log: services.log,
  };
  return job.event === 'push' ? handlePush({ ...common, from: job.from, to: job.to }) : handlePullRequest({ ...common, pull: job.pull });
}
