/**
 * Which pushes the bot acts on: the default branch only, never a branch
 * deletion, never its own pushes, never an archived repository. Pure: payload in,
 * decision out.
 */

/** The fields of a `push` payload the decision reads (GitHub sends many more). */
export interface PushPayload {
  ref: string;
  before: string;
  after: string;
  deleted?: boolean;
  forced?: boolean;
  repository: { default_branch?: string; archived?: boolean; name: string; owner: { login?: string; name?: string | null } };
  sender?: { login?: string; type?: string } | null;
  pusher?: { name?: string } | null;
}

export type PushDecision =
  | { act: true; from: string | null; to: string; forced: boolean }
  | { act: false; reason: 'not-default-branch' | 'deletion' | 'own-push' | 'archived' };

const ZERO_SHA = /^0{40}$/;

/**
 * Decide on a push. `from` is null when the branch was just created (GitHub sends an
 * all-zero `before`): the workflow then starts from the pins.
 */
export function decidePush(payload: PushPayload, botLogin: string): PushDecision {
  if (payload.repository.archived) return { act: false, reason: 'archived' };
  if (payload.ref !== `refs/heads/${payload.repository.default_branch ?? 'main'}`) return { act: false, reason: 'not-default-branch' };
  if (payload.deleted || ZERO_SHA.test(payload.after)) return { act: false, reason: 'deletion' };
  const bot = botLogin.toLowerCase();
  if (payload.sender?.login?.toLowerCase() === bot || payload.pusher?.name?.toLowerCase() === bot) return { act: false, reason: 'own-push' };
  return { act: true, from: ZERO_SHA.test(payload.before) ? null : payload.before, to: payload.after, forced: Boolean(payload.forced) };
}
