/**
 * The Probot application: webhook plumbing only. Each delivery is filtered cheaply and
 * turned into a job (plain data). Without a job queue the job is claimed once
 * (redeliveries do nothing), queued per repository in this process (two deliveries for
 * one repository never run at once), then run here over the delivery's client; with one
 * (`enqueue`, Redis) it is handed over and the webhook answered at once.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApplicationFunction, Context, Probot } from 'probot';
import { createLocalizer, type Resources } from '@i18n-drift/core';
import { createBotIdentity } from './bot-identity.js';
import { createDeliveryLog, deliveryKey, type DeliveryLog } from './delivery-log.js';
import { loadResources } from './load-resources.js';
import { createRepositoryQueue, type RepositoryQueue } from './repository-queue.js';
import { dashboardUrl as dashboardLink, mountDashboard } from './dashboard-route.js';
import type { QueuedJob } from './queued-job.js';
import { runJob } from './run-job.js';
import { deliveryJobs } from './delivery-jobs.js';
import { createWebhookIntake } from './webhook-intake.js';
import { createMemoryAdoptionCache, type AdoptionCache } from './adoption-cache.js';

/** Hands a job to a shared queue: 'duplicate' when this delivery was already accepted (by any process). */
export type Enqueue = (job: QueuedJob, deliveryKey: string) => Promise<'queued' | 'duplicate'>;

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
  /** Hand jobs to a queue instead of running them in this process (`REDIS_URL`). */
  enqueue?: Enqueue;
  /** Extra routes served next to the webhooks (`/healthz`, `/metrics`, the queue's admin page). */
  routes?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** Which translations are adopted, as pushes found them. Default: a fresh in-process cache. */
  adoptionCache?: AdoptionCache;
  /** How often, at most, a served dashboard asks GitHub whether its repository changed; default 60 s. */
  dashboardRecheckMs?: number;
}

const PULL_REQUEST_ACTIONS = ['pull_request.opened', 'pull_request.reopened', 'pull_request.synchronize'] as const;

/** Build the app function (the default export is one built with defaults). */
export function createI18nDriftApp(options: I18nDriftAppOptions = {}): ApplicationFunction {
  const queue = options.queue ?? createRepositoryQueue();
  const deliveries = options.deliveries ?? createDeliveryLog();
  const adoptionCache = options.adoptionCache ?? createMemoryAdoptionCache();

  return (app: Probot, appOptions) => {
    const localize = createLocalizer(options.resources ?? loadResources());
    const botLogin = createBotIdentity(app, options.botLogin);
    const publicUrl = (options.publicUrl ?? process.env.PUBLIC_URL ?? '').replace(/\/+$/, '');
    if (options.routes && typeof appOptions.addHandler === 'function') appOptions.addHandler(options.routes);
    // The dashboard needs a server (not the Actions adapter); PRs link it only when
    // PUBLIC_URL says where that server is reachable.
    const mounted = mountDashboard(app, appOptions, { botLogin, localize, recheckMs: options.dashboardRecheckMs });
    const dashboardUrl = (owner: string, repo: string) => (mounted && publicUrl ? dashboardLink(publicUrl, owner, repo) : undefined);

    /** Enqueue the job, or claim the delivery and run it in this process's queue; a failure releases the claim. */
    async function dispatch(context: Context, job: QueuedJob, part?: string): Promise<void> {
      // One delivery may ask for work on several repositories (an installation): one key each.
      const key = deliveryKey(context.id, context.name, context.payload) + (part === undefined ? '' : `:${part}`);
      if (options.enqueue) {
        if ((await options.enqueue(job, key)) === 'duplicate') context.log.info(`delivery ${context.id} already queued; ignored`);
        return;
      }
      if (!deliveries.claim(key)) {
        context.log.info(`delivery ${context.id} already handled; ignored`);
        return;
      }
      try {
        await queue.run(`${job.owner}/${job.repo}`, async () =>
          runJob(job, {
            octokit: context.octokit,
            botLogin: await botLogin(),
            localize,
            dashboardUrl: dashboardUrl(job.owner, job.repo),
            log: { info: (m) => context.log.info(m), warn: (m) => context.log.warn(m) },
            adoptionCache,
          }),
        );
      } catch (error) {
        deliveries.release(key);
        throw error;
      }
    }

    // A web process in queue mode answers webhooks through its own intake, not Probot's
    // handlers below (which the Actions adapter and the single process still use).
    if (options.enqueue && typeof appOptions.addHandler === 'function') {
      // Asked now, not by the first deliveries: a push is told from the app's own by this
      // login, and a burst arriving at a fresh process would all wait on the one lookup.
      // A failure is not remembered (bot-identity.ts): the first delivery asks again.
      botLogin().catch((error: unknown) => app.log.warn(`the app's login could not be read yet; the first delivery will ask again: ${error instanceof Error ? error.message : String(error)}`));
      appOptions.addHandler(
        createWebhookIntake({ path: app.webhookPath, verify: (body, signature) => app.webhooks.verify(body, signature), botLogin, enqueue: options.enqueue, log: app.log }),
      );
    }

    // An installation's job is the payload's data only (each repository's default branch
    // and head are read when it runs): the onboarding sync adopts translations without pins
    // from history and opens each locale's onboarding pull request.
    app.on(['push', 'installation.created', 'installation_repositories.added', ...PULL_REQUEST_ACTIONS], async (context) => {
      const work = await deliveryJobs(context.name, context.id, context.payload, botLogin);
      if ('ignored' in work) {
        context.log.debug(work.ignored);
        return;
      }
      for (const { job, part } of work.jobs) await dispatch(context, job, part);
    });
  };
}

/** The app with its defaults: what `probot run`, the Actions adapter and `main.ts` load. */
export default createI18nDriftApp();
