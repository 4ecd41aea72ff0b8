/**
 * The operator's routes, on web processes and workers alike: `/healthz` (is Redis
 * reachable), `/metrics` (Prometheus text), and the queue's admin page under the
 * dashboard's path: the jobs that failed for good, each retryable. The admin routes are
 * served only with an admin token (`ADMIN_TOKEN`), because failed jobs name private
 * repositories and a retry writes to GitHub.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createLocalizer, type Localize } from '@i18n-drift/core';
import { html, interfaceLanguages, pickLanguage } from '@i18n-drift/dashboard';
import { DASHBOARD_PATH } from './dashboard-route.js';
import type { FailedJob, JobQueue } from './job-queue.js';
import { loadResources } from './load-resources.js';
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
  /** The tool's strings (the admin page is served in the operator's language); default this install's `locales/`. */
  localize?: Localize;
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

/** The admin page's strings in the language the operator's browser asks for (`?lang=`, then Accept-Language). */
function adminStrings(req: IncomingMessage, localize: Localize): { lang: string; t: (key: string, values?: Record<string, unknown>) => string } {
  const url = new URL(req.url ?? '/', 'http://ops.invalid');
  const lang = pickLanguage(url.searchParams.get('lang'), req.headers['accept-language']);
  const t = localize(lang);
  return { lang, t: (key, values) => t(`bot:queue.${key}`, values) };
}

/** The language travels in `?lang=` through the retry form and its redirect, like the dashboard's links. */
const withLang = (path: string, lang: string) => `${path}?lang=${encodeURIComponent(lang)}`;

function page(failed: FailedJob[], counts: Record<string, number>, strings: ReturnType<typeof adminStrings>): string {
  const { lang, t } = strings;
  const when = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'long', timeZone: 'UTC' });
  const rows = failed.map(
    (j) => html`<tr>
  <td><code>${j.id}</code></td><td>${j.repository}</td><td>${j.event}</td><td><code>${j.head.slice(0, 12)}</code></td>
  <td>${j.attempts}</td><td>${j.failedAt ? html`<time datetime="${j.failedAt}">${when.format(new Date(j.failedAt))}</time>` : ''}</td><td>${j.reason}</td>
  <td><form method="post" action="${withLang(`${ADMIN_PATH}/${j.id}/retry`, lang)}"><button type="submit" aria-label="${t('retryLabel', { id: j.id })}">${t('retry')}</button></form></td>
</tr>`,
  );
  const columns = ['job', 'repository', 'event', 'commit', 'attempts', 'failedAt', 'reason', 'action'].map((c) => html`<th scope="col">${t(`column.${c}`)}</th>`);
  const languages = interfaceLanguages().map(
    (l) => html`<li><a href="${withLang(ADMIN_PATH, l)}" hreflang="${l}" lang="${l}"${l === lang ? html` aria-current="true"` : ''}>${new Intl.DisplayNames([l], { type: 'language' }).of(l) ?? l}</a></li>`,
  );
  return html`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${t('title')}</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}nav ul{list-style:none;padding:0;display:flex;gap:1rem}</style>
</head><body>
<nav aria-label="${t('languages')}"><ul>${languages}</ul></nav>
<h1>${t('title')}</h1>
<p aria-label="${t('counts')}">${Object.entries(counts).map(([state, n]) => `${t(`state.${state}`)}: ${n}`).join(' · ')}</p>
<h2>${t('failedHeading')}</h2>
${failed.length === 0 ? html`<p>${t('none')}</p>` : html`<table><thead><tr>${columns}</tr></thead><tbody>${rows}</tbody></table>`}
</body></html>
`.__html;
}

export function createOpsRoutes(options: OpsOptions): OpsRoutes {
  const { metrics, queue, adminToken } = options;
  let localize = options.localize;

  async function admin(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (!queue || !adminToken) return send(res, 404, 'text/plain; charset=utf-8', 'Not found\n');
    // Read on the first admin request only: a worker (and /metrics) never needs the strings.
    localize ??= createLocalizer(loadResources());
    const strings = adminStrings(req, localize);
    if (!authorized(req, adminToken)) {
      return send(res, 401, 'text/plain; charset=utf-8', `${strings.t('tokenRequired')}\n`, { 'www-authenticate': 'Basic realm="i18n-drift admin"' });
    }
    const retry = RETRY.exec(path);
    if (retry && req.method === 'POST') {
      if (crossSite(req)) return send(res, 403, 'text/plain; charset=utf-8', `${strings.t('crossSite')}\n`);
      const retried = await queue.retry(retry[1]!);
      if ((req.headers.accept ?? '').includes('application/json')) {
        return send(res, retried ? 200 : 404, 'application/json', `${JSON.stringify({ id: retry[1], retried })}\n`);
      }
      return send(res, 303, 'text/plain; charset=utf-8', '', { location: withLang(ADMIN_PATH, strings.lang) });
    }
    if (req.method !== 'GET') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed\n');
    if (path === `${ADMIN_PATH}/failed.json`) return send(res, 200, 'application/json', `${JSON.stringify({ failed: await queue.failed() }, null, 2)}\n`);
    if (path === ADMIN_PATH || path === `${ADMIN_PATH}/`) return send(res, 200, 'text/html; charset=utf-8', page(await queue.failed(), await queue.counts(), strings), { 'content-language': strings.lang, vary: 'Accept-Language' });
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
