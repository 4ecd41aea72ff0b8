/**
 * A repository the app starts seeing (installed, or added to an installation): the work is
 * a sync of its default branch from the pins, like a push that created the branch, so its
 * translations without pins are adopted from history and the onboarding pull request of
 * each locale is opened. Payloads of these events name the repositories only: the default
 * branch and its head are read when the job runs (two requests per repository), never
 * while the webhook waits for its answer.
 */
import type { GitHubClient } from './github-host.js';
import type { PushWork } from './queued-job.js';
import { httpStatus, toHostError } from './to-host-error.js';

/** The repositories an `installation` or `installation_repositories` payload adds. */
export function addedRepositories(event: string, payload: unknown): { owner: string; repo: string }[] {
  const data = payload as { action?: string; repositories?: { full_name?: string }[]; repositories_added?: { full_name?: string }[] };
  const list = event === 'installation' ? (data.action === 'created' ? data.repositories : []) : data.action === 'added' ? data.repositories_added : [];
  return (list ?? []).flatMap((r) => {
    const [owner, repo, ...rest] = (r.full_name ?? '').split('/');
    return owner && repo && rest.length === 0 ? [{ owner, repo }] : [];
  });
}

/**
 * The sync job of one added repository, or null when there is nothing to sync (archived,
 * or empty: GitHub answers 409 for the commits of an empty repository).
 * @throws HostError when GitHub fails otherwise.
 */
export async function onboardingJob(
  octokit: GitHubClient,
  input: { owner: string; repo: string; installationId: number | null; deliveryId: string },
): Promise<PushWork | null> {
  const { owner, repo } = input;
  try {
    const { data: repository } = await octokit.request('GET /repos/{owner}/{repo}', { owner, repo });
    if (repository.archived) return null;
    const defaultBranch = repository.default_branch;
    const { data: head } = await octokit.request('GET /repos/{owner}/{repo}/commits/{ref}', { owner, repo, ref: defaultBranch, per_page: 1 });
    return { event: 'push', installationId: input.installationId, owner, repo, defaultBranch, deliveryId: input.deliveryId, from: null, to: head.sha };
  } catch (error) {
    if (httpStatus(error) === 409 || httpStatus(error) === 404) return null;
    throw toHostError(error, `read ${owner}/${repo}`);
  }
}
