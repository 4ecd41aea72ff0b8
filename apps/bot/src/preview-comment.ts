/**
 * The one comment the app keeps on an English pull request: found by a hidden marker
 * and edited in place on later pushes, never posted twice.
 */
import type { GitHubClient } from './github-host.js';
import { guarded } from './to-host-error.js';

/** Hidden first line of the preview comment; how the app finds it again. */
export const PREVIEW_MARKER = '<!-- i18n-drift:preview -->';

export interface UpsertResult {
  action: 'created' | 'updated' | 'unchanged';
  id: number;
}

/**
 * Create the preview comment on pull request `number`, or edit the app's existing one
 * when its text differs. Only comments by `botLogin` carrying the marker are considered,
 * so a person quoting the marker is never edited. With `onlyIfExists`, nothing is
 * posted when there is no comment yet (returns null).
 * @throws HostError when GitHub refuses.
 */
export async function upsertPreviewComment(
  octokit: GitHubClient,
  target: { owner: string; repo: string; number: number; botLogin: string },
  text: string,
  options: { onlyIfExists?: boolean } = {},
): Promise<UpsertResult | null> {
  const { owner, repo, number } = target;
  const body = `${PREVIEW_MARKER}\n${text}`;
  const comments = await guarded(`list the comments of #${number}`, () =>
    octokit.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner, repo, issue_number: number, per_page: 100 }),
  );
  const mine = comments.find(
    (c) => c.user?.login?.toLowerCase() === target.botLogin.toLowerCase() && (c.body ?? '').startsWith(PREVIEW_MARKER),
  );
  if (mine) {
    if (mine.body === body) return { action: 'unchanged', id: mine.id };
    await guarded(`edit the preview comment on #${number}`, () =>
      octokit.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', { owner, repo, comment_id: mine.id, body }),
    );
    return { action: 'updated', id: mine.id };
  }
  if (options.onlyIfExists) return null;
  const { data } = await guarded(`comment on #${number}`, () =>
    octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner, repo, issue_number: number, body }),
  );
  return { action: 'created', id: Number(data.id) };
}
