/**
 * A Node HTTP handler serving the dashboard: `/` (with the search as query parameters:
 * `q`, `locale`, `state`, `sort`), `/doc/<source path>`, `/locale/<code>`,
 * `/coverage.json` (the CoverageReport, as `i18n-drift status --json` prints it,
 * readable cross-origin so a website can show an "outdated translation" banner),
 * `/dashboard.css` and `/dashboard.js`. Mountable under a base path (the bot serves it at
 * `/i18n-drift`) or as Express/Probot middleware.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DASHBOARD_CSS } from './dashboard-css.js';
import { DASHBOARD_JS } from './dashboard-js.js';
import { escapeHtml } from './html.js';
import { keepBody, sendBody, type KeptBody } from './http-body.js';
import { pickLanguage } from './interface-strings.js';
import { normaliseBasePath, servedLinks } from './links.js';
import { createPageCache, type PageCacheLimits } from './page-cache.js';
import { notFoundPage, renderRoute } from './render/render-route.js';
import type { DashboardData, DashboardRoute } from './types.js';
import { parseOverviewQuery, queryKey } from './view-models/overview-query.js';

export type { PageCacheLimits } from './page-cache.js';

export interface DashboardHandlerOptions {
  /** Path the dashboard is served under, e.g. `/i18n-drift`; default the root. */
  basePath?: string;
  /** Bounds of the rendered pages kept for the current data; default 2,000 pages, 256 MiB. */
  cache?: PageCacheLimits;
}

/** `(req, res, next?)`: a plain `http.createServer` listener, or Express-style middleware. */
export type DashboardHandler = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => void;

type Target = { kind: 'page'; route: DashboardRoute } | { kind: 'json' } | { kind: 'css' } | { kind: 'js' } | { kind: 'bad-request' } | null;

// Pages are built from untrusted repository text: even if escaping ever failed, no
// injected script could run (only the dashboard's own file, no inline script) and the
// one form can only ask this dashboard for a page.
const SECURITY_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

// The same for every handler and every data: made (and compressed) on first use.
let assets: { css: KeptBody; js: KeptBody } | null = null;

/**
 * Creates the handler. `loadData` is called once per request and should answer from
 * its own cache, handing back the same object until the repository changes (the CLI
 * and the bot do): each page is rendered once per data object, language and query,
 * compressed once, then served from memory (bounded by `options.cache`); a new data
 * object drops every page of the previous one. Unknown paths go to `next` when given,
 * else get a 404 page; a failing `loadData` goes to `next(error)` when given, else gets
 * a 500 page naming the error.
 */
export function createDashboardHandler(loadData: () => Promise<DashboardData>, options: DashboardHandlerOptions = {}): DashboardHandler {
  const base = normaliseBasePath(options.basePath);
  const links = servedLinks(base);
  const cache = createPageCache<DashboardData>(options.cache);
  const make = (data: DashboardData, route: DashboardRoute | null, lang: string) => () => {
    const made = route ? renderRoute(data, route, lang, links) : { status: 404, html: notFoundPage(data, null, lang, links), lang };
    const headers = { ...SECURITY_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Content-Language': made.lang, Vary: 'Accept-Language, Accept-Encoding', 'Cache-Control': 'no-cache' };
    return { status: made.status, body: keepBody(made.html, headers), lang: made.lang };
  };
  const makeReport = (data: DashboardData) => () => {
    const headers = { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-cache' };
    return { status: 200, body: keepBody(`${JSON.stringify(data.report, null, 2)}\n`, headers), lang: '' };
  };
  // What each request target (and Accept-Language) meant for the current data: a repeated
  // request goes straight to its kept page, without routing, decoding, negotiating the
  // language or parsing the search again. Under load, the server's share of two busy
  // cores is what bounds its slowest responses, so its CPU time per request is what counts.
  const answers = new Map<string, Answer>();
  let answersOf: DashboardData | null = null;
  // The last data `loadData` resolved with, and the promise it came in: when `loadData`
  // hands back the same promise (the CLI and the bot keep one per revision), a kept page
  // is sent in the same tick, without a promise reaction per request.
  let settled: { promise: Promise<DashboardData>; data: DashboardData } | null = null;

  const answer = (req: IncomingMessage, res: ServerResponse, data: DashboardData, found: Answer) => {
    const page = cache.get(data, found.key, found.route === 'json' ? makeReport(data) : make(data, found.route, found.lang));
    sendBody(req, res, page.status, page.body);
  };
  const withData = (req: IncomingMessage, res: ServerResponse, next: ((error?: unknown) => void) | undefined, then: (data: DashboardData) => void) => {
    const pending = loadData();
    if (settled !== null && pending === settled.promise) return then(settled.data);
    pending.then(
      (data) => {
        settled = { promise: pending, data };
        then(data);
      },
      (error: unknown) => {
        if (next) return next(error);
        const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        send(res, req, 500, 'text/html; charset=utf-8', `<!doctype html><html lang="en"><title>i18n-drift</title><main><h1>The dashboard could not be loaded</h1><pre>${escapeHtml(message)}</pre></main></html>\n`);
      },
    );
  };
  const remember = (data: DashboardData, key: string, found: Answer) => {
    if (answersOf !== data) {
      answersOf = data;
      answers.clear();
    }
    if (answers.size >= MAX_ANSWERS) answers.clear();
    answers.set(key, found);
  };

  return (req, res, next) => {
    const method = req.method;
    const raw = req.url ?? '/';
    const known = method === 'GET' || method === 'HEAD' ? answerKey(raw, req.headers['accept-language']) : null;
    if (known !== null && answersOf !== null) {
      const found = answers.get(known);
      if (found !== undefined) {
        return withData(req, res, next, (data) => {
          if (data === answersOf) return answer(req, res, data, found);
          // New data: its locales may change what the search means, so ask again.
          resolve(req, res, next, data, known);
        });
      }
    }
    const { pathname, searchParams } = parseRequestUrl(raw);
    const target = routeOf(stripBase(pathname, base));
    if (target === null) {
      if (next) return next();
    } else if (method !== 'GET' && method !== 'HEAD') {
      return send(res, req, 405, 'text/plain; charset=utf-8', 'Method Not Allowed\n', { Allow: 'GET, HEAD' });
    }
    if (target?.kind === 'css' || target?.kind === 'js') {
      assets ??= {
        css: keepBody(DASHBOARD_CSS, { ...SECURITY_HEADERS, 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=300' }),
        js: keepBody(DASHBOARD_JS, { ...SECURITY_HEADERS, 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=300' }),
      };
      return sendBody(req, res, 200, assets[target.kind]);
    }
    if (target?.kind === 'bad-request') return send(res, req, 400, 'text/plain; charset=utf-8', 'Bad Request: malformed path\n');
    withData(req, res, next, (data) => resolve(req, res, next, data, known, target, searchParams));
  };

  /** Works out which page answers the request for `data`, remembers it, and sends it. */
  function resolve(req: IncomingMessage, res: ServerResponse, next: ((error?: unknown) => void) | undefined, data: DashboardData, known: string | null, target?: Target, searchParams?: URLSearchParams) {
    if (target === undefined) {
      const parsed = parseRequestUrl(req.url ?? '/');
      target = routeOf(stripBase(parsed.pathname, base));
      searchParams = parsed.searchParams;
    }
    let found: Answer;
    if (target?.kind === 'json') found = { key: 'coverage.json', route: 'json', lang: '' };
    else if (target?.kind === 'page' || target === null) {
      const lang = pickLanguage(searchParams!.get('lang'), req.headers['accept-language']);
      let route = target?.kind === 'page' ? target.route : null;
      if (route?.page === 'overview') route = { page: 'overview', query: parseOverviewQuery(searchParams!, data.report.locales) };
      const key = `${lang}\0${route ? JSON.stringify(route.page === 'overview' ? { page: 'overview', q: route.query ? queryKey(route.query) : '' } : route) : '404'}`;
      found = { key, route, lang };
    } else {
      // Only pages and the report are remembered; the rest never reaches here.
      return send(res, req, 400, 'text/plain; charset=utf-8', 'Bad Request: malformed path\n');
    }
    // A path that is not the dashboard's reaches here only without `next` (a 404 page):
    // not remembered, so `next` is always asked again.
    if (known !== null && target !== null) remember(data, known, found);
    answer(req, res, data, found);
  }
}

/** Which kept page answers a request: its page cache key, and how to render it. */
interface Answer {
  key: string;
  /** The page's route, null for the "not found" page, 'json' for `coverage.json`. */
  route: DashboardRoute | null | 'json';
  lang: string;
}

/** Request targets remembered per data before starting over: bounds memory under a flood of distinct searches. */
const MAX_ANSWERS = 4_096;
/** A longer request target is answered without being remembered. */
const MAX_REMEMBERED_URL = 1_024;

/** The key a request is remembered by: its target and the language it asks for; null when too long to keep. */
function answerKey(raw: string, acceptLanguage: string | undefined): string | null {
  if (raw.length > MAX_REMEMBERED_URL || (acceptLanguage !== undefined && acceptLanguage.length > 256)) return null;
  return acceptLanguage === undefined ? raw : `${raw}\n${acceptLanguage}`;
}

/**
 * Path and query of a request target. Not `new URL`: that parse was a tenth of the
 * server's time per request; an absolute-form target (from a proxy) still takes it.
 */
function parseRequestUrl(raw = '/'): { pathname: string; searchParams: URLSearchParams } {
  if (!raw.startsWith('/')) {
    const url = new URL(raw, 'http://dashboard.invalid');
    return { pathname: url.pathname, searchParams: url.searchParams };
  }
  const at = raw.indexOf('?');
  return at < 0 ? { pathname: raw, searchParams: new URLSearchParams() } : { pathname: raw.slice(0, at), searchParams: new URLSearchParams(raw.slice(at + 1)) };
}

function stripBase(pathname: string, base: string): string {
  // Express strips a mount path from req.url, a plain server does not: accept both.
  if (base && (pathname === base || pathname.startsWith(`${base}/`))) return pathname.slice(base.length) || '/';
  return pathname;
}

/** The route of a path below the base path; null when the path is not the dashboard's. */
export function routeOf(path: string): Target {
  if (path === '/' || path === '' || path === '/index.html') return { kind: 'page', route: { page: 'overview' } };
  if (path === '/coverage.json') return { kind: 'json' };
  if (path === '/dashboard.css') return { kind: 'css' };
  if (path === '/dashboard.js') return { kind: 'js' };
  try {
    if (path.startsWith('/doc/') && path.length > 5) return { kind: 'page', route: { page: 'document', source: path.slice(5).split('/').map(decodeURIComponent).join('/') } };
    if (path.startsWith('/locale/') && path.length > 8) return { kind: 'page', route: { page: 'locale', locale: decodeURIComponent(path.slice(8)) } };
  } catch {
    return { kind: 'bad-request' }; // a malformed %-escape
  }
  return null;
}

/** Sends a one-off text answer (errors), not kept. */
function send(res: ServerResponse, req: IncomingMessage, status: number, type: string, content: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': String(Buffer.byteLength(content)), ...headers });
  res.end(req.method === 'HEAD' ? undefined : content);
}
