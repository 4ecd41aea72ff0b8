/**
 * A unit of work as plain data (JSON): which installation and repository, which event,
 * the commit range of a push or the head of a pull request, and the delivery it came
 * from. Whoever runs it builds its own authenticated client, strings and logger, so a
 * job can wait in Redis and run in another process on another machine.
 */
import type { PullRequestPayload } from './handle-pull-request.js';

interface JobBase {
  /** Null only where no installation exists (the GitHub Action, run in-process). */
  installationId: number | null;
  owner: string;
  repo: string;
  defaultBranch: string;
  /** `X-GitHub-Delivery` of the webhook that asked for the work. */
  deliveryId: string;
}

export interface PushWork extends JobBase {
  event: 'push';
  from: string | null;
  to: string;
}

export interface PullRequestWork extends JobBase {
  event: 'pull_request';
  pull: PullRequestPayload;
}

/**
 * A repository the app starts seeing (installed, or added to an installation). Those
 * payloads name the repository only: its default branch and head are read by whoever
 * runs the job, so that the webhook is answered without asking GitHub anything.
 */
export interface OnboardingWork extends Omit<JobBase, 'defaultBranch'> {
  event: 'installation';
}

export type QueuedJob = PushWork | PullRequestWork | OnboardingWork;

/** Thrown when data read back from the queue is not a job (a foreign or corrupted entry). */
export class JobDataError extends Error {
  constructor(readonly field: string, readonly reason: string) {
    super(`queued job: ${field}: ${reason}`);
    this.name = 'JobDataError';
  }
}

/** `owner/repo`, lower-cased: GitHub names are case-insensitive, a lock must not be. */
export function repositoryKey(job: Pick<QueuedJob, 'owner' | 'repo'>): string {
  return `${job.owner}/${job.repo}`.toLowerCase();
}

/**
 * Jobs in the same slot of a repository may be merged into one run: every push of the
 * default branch (a sync to the newest head covers the older ones), and the events of one
 * pull request (checking its newest head covers the older heads).
 */
export function coalescingSlot(job: QueuedJob): string {
  if (job.event === 'pull_request') return `pull-${job.pull.number}`;
  return job.event === 'push' ? 'push' : 'onboarding';
}

/**
 * Merge the jobs of one slot, oldest first, into the one run that covers them all. Pushes
 * become one sync to the newest head; its `from` (which only narrows the documents looked
 * at) is the oldest push's when the pushes form one chain, null (every document) when a
 * force-push or a lost delivery breaks it. Pull request events and onboardings: the newest one.
 */
export function coalesce(jobs: readonly QueuedJob[]): QueuedJob {
  const newest = jobs.at(-1);
  if (!newest) throw new RangeError('coalesce: no job');
  if (newest.event !== 'push') return newest;
  const pushes = jobs as readonly PushWork[];
  const chained = pushes.every((push, i) => i === 0 || push.from === pushes[i - 1]!.to);
  return { ...newest, from: chained ? pushes[0]!.from : null };
}

const SHA = /^[0-9a-f]{40}$/i;

function text(value: Record<string, unknown>, field: string): string {
  const v = value[field];
  if (typeof v !== 'string' || v === '') throw new JobDataError(field, `expected a non-empty string, got ${JSON.stringify(v)}`);
  return v;
}

function sha(value: Record<string, unknown>, field: string): string {
  const v = text(value, field);
  if (!SHA.test(v)) throw new JobDataError(field, `expected a 40-character commit sha, got ${JSON.stringify(v)}`);
  return v;
}

function object(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new JobDataError(field, 'expected an object');
  return value as Record<string, unknown>;
}

/**
 * Check data read back from the queue and return it typed.
 * @throws JobDataError naming the first field that is wrong.
 */
export function parseQueuedJob(value: unknown): QueuedJob {
  const data = object(value, 'job');
  const installationId = data['installationId'];
  if (installationId !== null && !(Number.isSafeInteger(installationId) && (installationId as number) > 0)) {
    throw new JobDataError('installationId', `expected a positive integer, got ${JSON.stringify(installationId)}`);
  }
  const where = { installationId: installationId as number | null, owner: text(data, 'owner'), repo: text(data, 'repo'), deliveryId: text(data, 'deliveryId') };
  if (data['event'] === 'installation') return { ...where, event: 'installation' };
  const base: JobBase = { ...where, defaultBranch: text(data, 'defaultBranch') };
  if (data['event'] === 'push') {
    const from = data['from'] === null ? null : sha(data, 'from');
    return { ...base, event: 'push', from, to: sha(data, 'to') };
  }
  if (data['event'] === 'pull_request') {
    const pull = object(data['pull'], 'pull');
    if (!Number.isSafeInteger(pull['number'])) throw new JobDataError('pull.number', 'expected an integer');
    const head = object(pull['head'], 'pull.head');
    const base_ = object(pull['base'], 'pull.base');
    sha(head, 'sha');
    sha(base_, 'sha');
    return { ...base, event: 'pull_request', pull: pull as unknown as PullRequestPayload };
  }
  throw new JobDataError('event', `expected "push", "pull_request" or "installation", got ${JSON.stringify(data['event'])}`);
}
