/**
 * The operator's routes, on web processes and workers alike: `/healthz` (is Redis
 * reachable), `/metrics` (Prometheus text), and the queue's admin page under the
 * dashboard's path: the jobs that failed for good, each retryable. The admin routes are
 * served only with an admin token (`ADMIN_TOKEN`), because failed jobs name private
 * repositories and a retry writes to GitHub.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { html } from '@i18n-drift/dashboard';
import { DASHBOARD_PATH } from './dashboard-route.js';
import type { FailedJob, JobQueue } from './job-queue.js';
import type { Metrics } from './metrics.js';

/** `_` is not allowed in GitHub logins, so no repository dashboard ever lives here. */
export const ADMIN_PATH = `${DASHBOARD_PATH}/_admin/queue`;
const RETRY = new RegExp(`^${ADMIN_PATH}/([A-Za-z0-9_-]+)/retry$`);

export interface OpsOptions {
  metrics: Metrics;
  /** The shared queue (queue mode); without it `/healthz` says the process is up and `/metrics` has no queue depth. */
  queue?: JobQueue;
  /** Bearer token (or Basic password) for the admin routes; unset: they are not served. */
  adminToken?: string;
}

/** A request handler: true when it answered the request. */
export type OpsRoutes = (req: IncomingMessage, res: ServerResponse) => boolean;

function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers }).end(body);
}

function authorized(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? '';
  let given = '';
  if (header.startsWith('Bearer ')) given = header.slice('Bearer '.length);
  else if (header.startsWith('Basic ')) given = Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8').split(':').slice(1).join(':');
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A form post from another site would carry the browser's Basic credentials: refuse it. */
function crossSite(req: IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site && site !== 'same-origin' && site !== 'none') return true;
  const origin = req.headers.origin;
  if (!origin) return false;
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    return true; // "null" (a sandboxed page, a file) or garbage: not this site
  }
}

function page(failed: FailedJob[], counts: Record<string, number>): string {
  const rows = failed.map(
    (j) => html`<tr>
  <td><code>${j.id}</code></td><td>${j.repository}</td><td>${j.event}</td><td><code>${j.head.slice(0, 12)}</code></td>
  <td>${j.attempts}</td><td>${j.failedAt ?? ''}</td><td>${j.reason}</td>
  <td><form method="post" action="${ADMIN_PATH}/${j.id}/retry"><button type="submit">Retry</button></form></td>
</tr>`,
  );
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>i18n-drift queue</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}</style>
</head><body>
<h1>i18n-drift queue</h1>
<p>${Object.entries(counts).map(([state, n]) => `${state}: ${n}`).join(' · ')}</p>
<h2>Failed jobs</h2>
${failed.length === 0 ? html`<p>No failed job.</p>` : html`<table><thead><tr><th>Job</th><th>Repository</th><th>Event</th><th>Commit</th><th>Attempts</th><th>Failed at</th><th>Reason</th><th></th></tr></thead><tbody>${rows}</tbody></table>`}
</body></html>
`.__html;
}

export function createOpsRoutes(options: OpsOptions): OpsRoutes {
  const { metrics, queue, adminToken } = options;

  async function admin(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (!queue || !adminToken) return send(res, 404, 'text/plain; charset=utf-8', 'Not found\n');
    if (!authorized(req, adminToken)) {
      return send(res, 401, 'text/plain; charset=utf-8', 'The admin token is required.\n', { 'www-authenticate': 'Basic realm="i18n-drift admin"' });
    }
    const retry = RETRY.exec(path);
    if (retry && req.method === 'POST') {
      if (crossSite(req)) return send(res, 403, 'text/plain; charset=utf-8', 'Cross-site request refused.\n');
      const retried = await queue.retry(retry[1]!);
      if ((req.headers.accept ?? '').includes('application/json')) {
        return send(res, retried ? 200 : 404, 'application/json', `${JSON.stringify({ id: retry[1], retried })}\n`);
      }
      return send(res, 303, 'text/plain; charset=utf-8', '', { location: ADMIN_PATH });
    }
    if (req.method !== 'GET') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed\n');
    if (path === `${ADMIN_PATH}/failed.json`) return send(res, 200, 'application/json', `${JSON.stringify({ failed: await queue.failed() }, null, 2)}\n`);
    if (path === ADMIN_PATH || path === `${ADMIN_PATH}/`) return send(res, 200, 'text/html; charset=utf-8', page(await queue.failed(), await queue.counts()));
    send(res, 404, 'text/plain; charset=utf-8', 'Not found\n');
  }

  async function answer(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (path === '/healthz') {
      if (queue) await queue.ping();
      return send(res, 200, 'text/plain; charset=utf-8', 'ok\n');
    }
    if (path === '/metrics') return send(res, 200, 'text/plain; version=0.0.4; charset=utf-8', metrics.render(queue ? await queue.counts() : undefined));
    return admin(req, res, path);
  }

  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://ops.invalid').pathname;
    if (path !== '/healthz' && path !== '/metrics' && !path.startsWith(ADMIN_PATH)) return false;
    req.resume();
    answer(req, res, path).catch((error: unknown) => {
      // Redis unreachable: unhealthy, and no figures rather than wrong ones.
      if (!res.headersSent) send(res, 503, 'text/plain; charset=utf-8', `unavailable: ${error instanceof Error ? error.message : String(error)}\n`);
    });
    return true;
  };
}
