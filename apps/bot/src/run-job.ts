/**
 * Run one job (data) with what the running process provides: an installation client,
 * the bot's login, the tool's strings and a logger. The in-process app and the queue
 * worker both come through here, so a job means the same thing in either.
 */
import type { Localize } from '@i18n-drift/core';
import type { GitHubClient } from './github-host.js';
import { handlePullRequest, type PullRequestOutcome } from './handle-pull-request.js';
import { handlePush, type PushOutcome } from './handle-push.js';
import { onboardingJob } from './onboarding-job.js';
import type { QueuedJob } from './queued-job.js';
import type { RepositoryJob } from './repository-job.js';

export interface JobServices {
  octokit: GitHubClient;
  botLogin: string;
  localize: Localize;
  dashboardUrl?: string;
  log: RepositoryJob['log'];
  /** Shared by the jobs this process (or, over Redis, every worker) runs. */
  adoptionCache?: RepositoryJob['adoptionCache'];
}

/** What an onboarding finds when the repository is archived or empty: nothing to sync. */
export interface NothingToOnboard {
  kind: 'nothing-to-onboard';
}

/** @throws HostError when GitHub fails (see handlePush / handlePullRequest / onboardingJob). */
export async function runJob(job: QueuedJob, services: JobServices): Promise<PushOutcome | PullRequestOutcome | NothingToOnboard> {
  if (job.event === 'installation') {
    const push = await onboardingJob(services.octokit, job);
    return push ? runJob(push, services) : { kind: 'nothing-to-onboard' };
  }
  const common: RepositoryJob = {
    octokit: services.octokit,
    owner: job.owner,
    repo: job.repo,
    defaultBranch: job.defaultBranch,
    botLogin: services.botLogin,
    localize: services.localize,
    dashboardUrl: services.dashboardUrl,
    log: services.log,
    adoptionCache: services.adoptionCache,
  };
  return job.event === 'push' ? handlePush({ ...common, from: job.from, to: job.to }) : handlePullRequest({ ...common, pull: job.pull });
}
