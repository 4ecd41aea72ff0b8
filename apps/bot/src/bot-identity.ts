/**
 * The login the app commits and comments as (`<slug>[bot]`): how it recognises its own
 * pushes and commits. Asked of GitHub once per process.
 */
import type { Probot } from 'probot';
import { httpStatus } from './to-host-error.js';

/** Who commits when the app runs as a GitHub Action with the workflow's `GITHUB_TOKEN`. */
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]';

/**
 * A memoised lookup of the app's bot login. With an app token, `GET /app` gives the slug;
 * with a plain token (the Actions adapter) that call is refused and the Actions bot is meant.
 * Network failures are not remembered, so the next delivery asks again.
 */
export function createBotIdentity(app: Probot, override?: string): () => Promise<string> {
  let known: Promise<string> | undefined = override ? Promise.resolve(override) : undefined;
  return () => {
    known ??= (async () => {
      const octokit = await app.auth();
      try {
        const { data } = await octokit.request('GET /app');
        if (!data?.slug) throw new Error('GET /app answered without a slug');
        return `${data.slug}[bot]`;
      } catch (error) {
        const status = httpStatus(error);
        if (status === 401 || status === 403 || status === 404) return ACTIONS_BOT_LOGIN;
        throw error;
      }
    })().catch((error: unknown) => {
      known = undefined;
      throw error;
    });
    return known;
  };
}
