/**
 * `i18n-drift queue failed` and `i18n-drift queue retry <id>`: the GitHub App's jobs
 * that failed for good (scale-out mode, with Redis), listed and put back in the queue
 * through the bot's admin API, the same one its admin page uses. The bot's address comes
 * from `--url` or I18N_DRIFT_BOT_URL; its admin token only from I18N_DRIFT_ADMIN_TOKEN,
 * never the command line, where other users of the machine could read it.
 */
import { UsageError } from '../cli-error.js';
import { colors, print } from '../output.js';
import type { Command } from './context.js';

/** Where the bot serves its admin API (apps/bot ADMIN_PATH). */
const ADMIN_PATH = '/i18n-drift/_admin/queue';

interface FailedJob {
  id: string;
  repository: string;
  event: string;
  head: string;
  reason: string;
  attempts: number;
  failedAt: string | null;
}

type T = (k: string, v?: Record<string, unknown>) => string;

async function call(url: string, token: string, init: RequestInit, t: T): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...init.headers } });
  } catch (e) {
    const reason = (e as Error & { cause?: Error }).cause?.message ?? (e as Error).message;
    throw new UsageError(t('cli:error.queueUnreachable', { url, reason }));
  }
  if (response.status === 404 && init.method === 'POST') return response;
  if (!response.ok) {
    const reason = response.status === 401 ? t('cli:error.queueToken') : (await response.text()).trim().split('\n')[0];
    throw new UsageError(t('cli:error.queueAnswer', { url, status: response.status, reason }));
  }
  return response;
}

export const runQueue: Command = async ({ args, json, m: { t } }) => {
  const [action, id] = args.positionals;
  if (!(action === 'failed' && id === undefined) && !(action === 'retry' && id !== undefined)) throw new UsageError(t('cli:error.queueUsage'));
  const base = ((args.values['url'] as string | undefined) ?? process.env['I18N_DRIFT_BOT_URL'] ?? '').replace(/\/+$/, '');
  if (!/^https?:\/\/./.test(base)) throw new UsageError(t('cli:error.queueUrl'));
  const token = process.env['I18N_DRIFT_ADMIN_TOKEN'] ?? '';
  if (token === '') throw new UsageError(t('cli:error.queueToken'));

  if (action === 'retry') {
    const url = `${base}${ADMIN_PATH}/${encodeURIComponent(id!)}/retry`;
    const response = await call(url, token, { method: 'POST' }, t);
    if (response.status === 404) throw new UsageError(t('cli:queue.notFailed', { id }));
    print(json ? JSON.stringify({ id, retried: true }) : t('cli:queue.retried', { id }));
    return 0;
  }
  const url = `${base}${ADMIN_PATH}/failed.json`;
  const { failed } = (await (await call(url, token, { method: 'GET' }, t)).json()) as { failed: FailedJob[] };
  if (json) {
    print(JSON.stringify({ failed }));
    return 0;
  }
  if (failed.length === 0) {
    print(t('cli:queue.none'));
    return 0;
  }
  print(t('cli:queue.header', { count: failed.length }));
  for (const job of failed) {
    print(`${colors.bold(job.id)}  ${job.repository}  ${job.event} ${job.head.slice(0, 12)}  ${t('cli:queue.attempts', { count: job.attempts, at: job.failedAt ?? '' })}`);
    print(`    ${colors.red(job.reason)}`);
  }
  return 0;
};
