/**
 * Production start refuses a webhook secret that protects nothing: an empty one, or
 * Probot's `development` default (anyone could then forge deliveries that make the app
 * write to repositories).
 */

/** Probot's fallback when `WEBHOOK_SECRET` is unset. */
export const PROBOT_DEFAULT_SECRET = 'development';

/** Why `secret` cannot be used in production, or null when it can. */
export function webhookSecretProblem(secret: string | undefined): string | null {
  if (secret === undefined || secret.trim() === '') {
    return 'WEBHOOK_SECRET is empty: set it to the webhook secret of your GitHub App registration';
  }
  if (secret.trim() === PROBOT_DEFAULT_SECRET) {
    return `WEBHOOK_SECRET is Probot's "${PROBOT_DEFAULT_SECRET}" default: set it to the webhook secret of your GitHub App registration`;
  }
  return null;
}
