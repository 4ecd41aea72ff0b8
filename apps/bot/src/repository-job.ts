/** What every webhook handler is handed: the repository, a client for it, and the app's context. */
import type { Localize } from '@i18n-drift/core';
import type { AdoptionCache } from './adoption-cache.js';
import type { GitHubClient } from './github-host.js';

export interface RepositoryJob {
  octokit: GitHubClient;
  owner: string;
  repo: string;
  defaultBranch: string;
  botLogin: string;
  localize: Localize;
  /** Where the coverage dashboard of this repository is served, for the PR body's link. */
  dashboardUrl?: string;
  log: { info: (message: string) => void; warn: (message: string) => void };
  /** What earlier pushes learnt about which translations are adopted; absent: nothing remembered between deliveries. */
  adoptionCache?: AdoptionCache;
}
