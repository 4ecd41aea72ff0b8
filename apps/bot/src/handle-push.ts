/**
 * A push to the default branch: load the configuration at the pushed commit, then run
 * core's sync workflow (the same one as `i18n-drift sync --branch`) over the GitHub
 * adapter. The bot decides nothing about sections, branches or pull requests itself;
 * it only adds the translations not adopted yet that the push did not touch (see
 * adoption-probe.ts), which the workflow then adopts like any other.
 */
import { HostError, syncRepository, type SyncResult } from '@i18n-drift/core';
import { createMemoryAdoptionCache } from './adoption-cache.js';
import { probeUnadopted } from './adoption-probe.js';
import { reportConfigError } from './config-failure.js';
import { isInputError, reportInputError, reportSyncFailures } from './input-failure.js';
import { createGitHubHost } from './github-host.js';
import { loadRepositoryConfig } from './repository-config.js';
import type { RepositoryJob } from './repository-job.js';

export interface PushJob extends RepositoryJob {
  from: string | null;
  to: string;
}

export type PushOutcome =
  | { kind: 'no-config' }
  | { kind: 'invalid-config'; key: string }
  | { kind: 'invalid-content'; message: string }
  | { kind: 'synced'; result: SyncResult };

/** Attempts when a locale branch moved while the workflow ran (a translator pushed meanwhile). */
const ATTEMPTS = 3;

/**
 * Handle one accepted push (see `decidePush`). When GitHub refuses a branch update
 * because someone pushed to it meanwhile, the whole workflow runs again on a fresh view:
 * this push's English changes are in no later push's range, so giving up would lose them.
 * @throws HostError when GitHub fails; the delivery is then released for a redelivery.
 */
export async function handlePush(job: PushJob): Promise<PushOutcome> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await syncOnce(job);
    } catch (error) {
      if (!(error instanceof HostError && error.code === 'conflict') || attempt >= ATTEMPTS) throw error;
      job.log.warn(`${job.owner}/${job.repo}: ${error.message}; syncing again`);
    }
  }
}

async function syncOnce(job: PushJob): Promise<PushOutcome> {
  const host = createGitHubHost(job.octokit, {
    owner: job.owner,
    repo: job.repo,
    defaultBranch: job.defaultBranch,
    botLogin: job.botLogin,
    warn: job.log.warn,
  });
  const loaded = await loadRepositoryConfig(job, host, job.to);
  if (loaded.kind === 'missing') return { kind: 'no-config' };
  const t = job.localize(loaded.kind === 'ok' ? loaded.config.sourceLocale : 'en');
  if (loaded.kind === 'invalid') {
    await reportConfigError(job.octokit, { owner: job.owner, repo: job.repo, headSha: job.to }, loaded.error, loaded.text, t);
    return { kind: 'invalid-config', key: loaded.error.key };
  }
  let result: SyncResult;
  try {
    // Translations not adopted yet are onboarded on any push, also one that did not touch
    // them (added before the app was installed, or while it was down). Without `from` every
    // document is synced anyway.
    const probe =
      job.from === null
        ? null
        : await probeUnadopted(host, {
            config: loaded.config,
            from: job.from,
            rev: job.to,
            repository: `${job.owner}/${job.repo}`,
            cache: job.adoptionCache ?? createMemoryAdoptionCache(),
          });
    result = await syncRepository(host, {
      config: loaded.config,
      from: job.from ?? undefined,
      to: job.to,
      mode: 'branch',
      t: job.localize,
      dashboardUrl: job.dashboardUrl,
      include: probe?.unadopted ?? [],
    });
    await probe?.learn();
  } catch (error) {
    if (!isInputError(error)) throw error;
    await reportInputError(job.octokit, { owner: job.owner, repo: job.repo, headSha: job.to }, error, t);
    return { kind: 'invalid-content', message: error.message };
  }
  for (const locale of result.locales) job.log.info(`${job.owner}/${job.repo} ${locale.locale}: ${locale.action}`);
  const failures = result.failures ?? [];
  if (failures.length > 0) {
    // The other translations are synced; the skipped ones fail the commit's check, by name.
    for (const f of failures) job.log.warn(`${job.owner}/${job.repo} ${f.locale}: ${f.path} skipped: ${f.message}`);
    await reportSyncFailures(job.octokit, { owner: job.owner, repo: job.repo, headSha: job.to }, failures, t);
  }
  return { kind: 'synced', result };
}
