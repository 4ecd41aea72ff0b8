/**
 * The Probot application: webhook plumbing only. Each delivery is filtered cheaply,
 * claimed once (redeliveries do nothing), queued per repository (two deliveries for one
 * repository never run at once), then handed to a handler that runs core's workflow over
 * the GitHub adapter.
 */
import type { ApplicationFunction, Context, Probot } from 'probot';
import { createLocalizer, type Resources } from '@i18n-drift/core';
import { createBotIdentity } from './bot-identity.js';
import { createDeliveryLog, deliveryKey, type DeliveryLog } from './delivery-log.js';
import { handlePullRequest } from './handle-pull-request.js';
import { handlePush } from './handle-push.js';
import { loadResources } from './load-resources.js';
import { decidePush, type PushPayload } from './push-filter.js';
import { createRepositoryQueue, type RepositoryQueue } from './repository-queue.js';
import { dashboardUrl as dashboardLink, mountDashboard } from './dashboard-route.js';

export interface I18nDriftAppOptions {
  /** Shared with a test harness that waits for the queue to drain. Default: a fresh one. */
  queue?: RepositoryQueue;
  deliveries?: DeliveryLog;
  /** The tool's i18next strings; default `locales/<lng>/i18n-drift.json` of this install. */
  resources?: Resources;
  /** Public URL of this server (`PUBLIC_URL`), for dashboard links in pull requests. */
  publicUrl?: string;
  /** The app's bot login, when known without asking GitHub. */
  botLogin?: string;
}

const PULL_REQUEST_ACTIONS = ['pull_request.opened', 'pull_request.reopened', 'pull_request.synchronize'] as const;

/** Build the app function (the default export is one built with defaults). */
export function createI18nDriftApp(options: I18nDriftAppOptions = {}): ApplicationFunction {
  const queue = options.queue ?? createRepositoryQueue();
  const deliveries = options.deliveries ?? createDeliveryLog();

  return (app: Probot, appOptions) => {
    const localize = createLocalizer(options.resources ?? loadResources());
    const botLogin = createBotIdentity(app, options.botLogin);
    const publicUrl = (options.publicUrl ?? process.env.PUBLIC_URL ?? '').replace(/\/+$/, '');
    // The dashboard needs a server (not the Actions adapter); PRs link it only when
    // PUBLIC_URL says where that server is reachable.
    const mounted = mountDashboard(app, appOptions, { botLogin, localize });
    const dashboardUrl = (owner: string, repo: string) => (mounted && publicUrl ? dashboardLink(publicUrl, owner, repo) : undefined);

    /** Claim the delivery, then run `work` in the repository's queue; a failure releases the claim. */
    async function once(context: Context, repository: string, work: () => Promise<unknown>): Promise<void> {
      const key = deliveryKey(context.id, context.name, context.payload);
      if (!deliveries.claim(key)) {
        context.log.info(`delivery ${context.id} already handled; ignored`);
        return;
      }
      try {
        await queue.run(repository, work);
      } catch (error) {
        deliveries.release(key);
        throw error;
      }
    }

    app.on('push', async (context) => {
      const payload = context.payload as unknown as PushPayload;
      const login = await botLogin();
      const decision = decidePush(payload, login);
      if (!decision.act) {
        context.log.debug(`push to ${payload.ref} ignored: ${decision.reason}`);
        return;
      }
      const { owner, repo } = context.repo();
      await once(context, `${owner}/${repo}`, () =>
        handlePush({
          octokit: context.octokit,
          owner,
          repo,
          defaultBranch: context.payload.repository.default_branch,
          from: decision.from,
          to: decision.to,
          botLogin: login,
          localize,
          dashboardUrl: dashboardUrl(owner, repo),
          log: { info: (m) => context.log.info(m), warn: (m) => context.log.warn(m) },
        }),
      );
    });

    app.on([...PULL_REQUEST_ACTIONS], async (context) => {
      const { owner, repo } = context.repo();
      if (context.payload.repository.archived) return;
      const login = await botLogin();
      await once(context, `${owner}/${repo}`, () =>
        handlePullRequest({
          octokit: context.octokit,
          owner,
          repo,
          defaultBranch: context.payload.repository.default_branch,
          pull: context.payload.pull_request,
          botLogin: login,
          localize,
          dashboardUrl: dashboardUrl(owner, repo),
          log: { info: (m) => context.log.info(m), warn: (m) => context.log.warn(m) },
        }),
      );
    });
  };
}

/** The app with its defaults: what `probot run`, the Actions adapter and `main.ts` load. */
export default createI18nDriftApp();
