/**
 * Which jobs a webhook delivery asks for, read from its payload alone: the same rules
 * whether Probot's handlers (one process, or the Actions adapter) or the queue's webhook
 * intake (`webhook-intake.ts`) read it. Pure apart from the bot's login, which the push
 * rule needs (asked of GitHub once per process).
 */
import { addedRepositories } from './onboarding-job.js';
import { decidePush, type PushPayload } from './push-filter.js';
import type { QueuedJob } from './queued-job.js';

/** A job to run, or why the delivery asks for none (for a debug line). */
export type DeliveryWork = { jobs: { job: QueuedJob; part?: string }[] } | { ignored: string };

const PULL_REQUEST_ACTIONS = new Set(['opened', 'reopened', 'synchronize']);

interface AnyPayload {
  action?: string;
  installation?: { id?: number };
  repository?: { name: string; owner: { login: string }; default_branch: string; archived?: boolean };
  pull_request?: {
    number: number;
    user: { login: string; type?: string } | null;
    head: { ref: string; sha: string; repo: { full_name: string } | null };
    base: { ref: string; sha: string; repo: { full_name: string } };
  };
}

/**
 * The jobs of delivery `id` of event `event` (the `X-GitHub-Event` name). `part` is set
 * when one delivery asks for work on several repositories (an installation): each part
 * is claimed on its own.
 */
export async function deliveryJobs(event: string, id: string, payload: unknown, botLogin: () => Promise<string>): Promise<DeliveryWork> {
  const data = payload as AnyPayload;
  const installationId = data.installation?.id ?? null;
  if (event === 'installation' || event === 'installation_repositories') {
    // The payload names the repositories only: their default branch and head are read
    // when the job runs, so that the webhook is answered without asking GitHub anything.
    const added = addedRepositories(event, payload);
    if (added.length === 0) return { ignored: `${event}.${data.action ?? ''} adds no repository` };
    return { jobs: added.map(({ owner, repo }) => ({ job: { event: 'installation', installationId, owner, repo, deliveryId: id }, part: `${owner}/${repo}` })) };
  }
  const repository = data.repository;
  if (!repository) return { ignored: `${event} names no repository` };
  const base = { installationId, owner: repository.owner.login, repo: repository.name, defaultBranch: repository.default_branch, deliveryId: id };
  if (event === 'push') {
    const push = payload as PushPayload;
    const decision = decidePush(push, await botLogin());
    if (!decision.act) return { ignored: `push to ${push.ref} ignored: ${decision.reason}` };
    return { jobs: [{ job: { ...base, event: 'push', from: decision.from, to: decision.to } }] };
  }
  if (event === 'pull_request' && PULL_REQUEST_ACTIONS.has(data.action ?? '') && data.pull_request) {
    if (repository.archived) return { ignored: 'pull request of an archived repository' };
    const { number, user, head, base: into } = data.pull_request;
    // Only the fields the handler reads: a job stays small in Redis.
    const pull = {
      number,
      user: user ? { login: user.login, type: user.type } : null,
      head: { ref: head.ref, sha: head.sha, repo: head.repo ? { full_name: head.repo.full_name } : null },
      base: { ref: into.ref, sha: into.sha, repo: { full_name: into.repo.full_name } },
    };
    return { jobs: [{ job: { ...base, event: 'pull_request', pull } }] };
  }
  return { ignored: `${event}${data.action ? `.${data.action}` : ''} is not an event the app acts on` };
}
