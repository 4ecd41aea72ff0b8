import { createServer, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createDashboardHandler, routeOf } from './dashboard-handler.js';
import { fixtureData } from './test-report.js';

let server: Server | null = null;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}

describe('routeOf', () => {
  it('maps paths to pages, decoding each segment', () => {
    expect(routeOf('/')).toEqual({ kind: 'page', route: { page: 'overview' } });
    expect(routeOf('/doc/locales/en/%3Cb%3E.md')).toEqual({ kind: 'page', route: { page: 'document', source: 'locales/en/<b>.md' } });
    expect(routeOf('/locale/pt-BR')).toEqual({ kind: 'page', route: { page: 'locale', locale: 'pt-BR' } });
    expect(routeOf('/coverage.json')).toEqual({ kind: 'json' });
    expect(routeOf('/doc/%E0%A4%A')).toEqual({ kind: 'bad-request' });
    expect(routeOf('/elsewhere')).toBeNull();
  });
});

describe('createDashboardHandler', () => {
  it('serves the pages, the CSS and coverage.json under a base path', async () => {
    const base = await serve(createDashboardHandler(async () => fixtureData(), { basePath: '/i18n-drift/' }));
    const overview = await fetch(`${base}/i18n-drift/?lang=fr`);
    expect(overview.status).toBe(200);
    expect(overview.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(overview.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(overview.headers.get('content-language')).toBe('fr');
    const html = await overview.text();
    expect(html).toContain('<h1>Couverture des traductions</h1>');
    expect(html).toContain('href="/i18n-drift/dashboard.css"');

    const doc = await fetch(`${base}/i18n-drift/doc/locales/en/your-data.md`);
    expect(doc.status).toBe(200);
    expect(await doc.text()).toContain('<code>#visitor-data</code>');

    const json = await fetch(`${base}/i18n-drift/coverage.json`);
    expect(json.headers.get('access-control-allow-origin')).toBe('*');
    expect(await json.json()).toEqual(fixtureData().report);

    const css = await fetch(`${base}/i18n-drift/dashboard.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('accepts a request URL already stripped of the base path (Express mount)', async () => {
    const base = await serve(createDashboardHandler(async () => fixtureData(), { basePath: '/i18n-drift' }));
    const page = await (await fetch(`${base}/locale/nl`)).text();
    expect(page).toContain('href="/i18n-drift/locale/nl?lang=fr"');
  });

  it('negotiates the interface language from Accept-Language when there is no ?lang', async () => {
    const base = await serve(createDashboardHandler(async () => fixtureData()));
    const res = await fetch(`${base}/`, { headers: { 'accept-language': 'nl-BE,nl;q=0.9,en;q=0.5' } });
    expect(await res.text()).toContain('<html lang="nl">');
    expect(res.headers.get('vary')).toBe('Accept-Language, Accept-Encoding');
  });

  it('answers 404 for an unknown document or path, and passes unknown paths to next', async () => {
    let base = await serve(createDashboardHandler(async () => fixtureData()));
    expect((await fetch(`${base}/doc/nope.md`)).status).toBe(404);
    expect((await fetch(`${base}/locale/de`)).status).toBe(404);
    expect((await fetch(`${base}/other`)).status).toBe(404);
    expect((await fetch(`${base}/doc/%E0%A4%A`)).status).toBe(400);
    await new Promise<void>((done) => server!.close(() => done()));
    const handler = createDashboardHandler(async () => fixtureData());
    base = await serve((req, res) =>
      handler(req, res, () => {
        res.writeHead(299).end('next');
      }),
    );
    const res = await fetch(`${base}/other`);
    expect([res.status, await res.text()]).toEqual([299, 'next']);
  });

  it('refuses methods other than GET and HEAD, and answers HEAD without a body', async () => {
    const base = await serve(createDashboardHandler(async () => fixtureData()));
    const post = await fetch(`${base}/`, { method: 'POST' });
    expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
    const head = await fetch(`${base}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('shows a failing load as a 500 page with the escaped error, or hands it to next', async () => {
    const failing = createDashboardHandler(async () => {
      throw new Error('git said <no>');
    });
    let base = await serve(failing);
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(500);
    expect(await res.text()).toContain('Error: git said &lt;no&gt;');
    await new Promise<void>((done) => server!.close(() => done()));
    base = await serve((req, res) => failing(req, res, (error) => res.writeHead(503).end(String((error as Error).message))));
    const handed = await fetch(`${base}/`);
    expect([handed.status, await handed.text()]).toEqual([503, 'git said <no>']);
  });

  it('renders a page once per data object and language, then serves it from memory', async () => {
    let renders = 0;
    // `generatedAt` is read by every page's footer, and by nothing else.
    const data = new Proxy(fixtureData(), {
      get(target, key, receiver) {
        if (key === 'generatedAt') renders += 1;
        return Reflect.get(target, key, receiver);
      },
    });
    const base = await serve(createDashboardHandler(async () => data));
    const first = await (await fetch(`${base}/doc/locales/en/your-data.md?lang=en`)).text();
    const counted = renders;
    expect(counted).toBeGreaterThan(0);
    const again = await Promise.all(Array.from({ length: 20 }, () => fetch(`${base}/doc/locales/en/your-data.md?lang=en`).then((r) => r.text())));
    expect(again.every((page) => page === first)).toBe(true);
    expect(renders).toBe(counted);
    await fetch(`${base}/doc/locales/en/your-data.md?lang=fr`);
    expect(renders).toBeGreaterThan(counted);
  });

  it('answers the overview search from query parameters, and serves the page script under a CSP allowing only it', async () => {
    const base = await serve(createDashboardHandler(async () => fixtureData()));
    const all = await (await fetch(`${base}/?lang=en`)).text();
    expect(all).toContain('2 of 2 documents shown.');
    const res = await fetch(`${base}/?lang=en&q=personal+DATA&locale=nl&state=stale&sort=age`);
    const page = await res.text();
    expect(page).toContain('1 of 2 documents shown.');
    expect(page).toContain('How we use your personal data');
    expect(page).not.toContain('evil');
    expect(page).toContain('<option value="nl" selected>');
    expect(page).toContain('<input type="checkbox" name="state" value="stale" checked>');
    expect(page).toContain('<option value="age" selected>');
    // Unknown values are dropped, not errors.
    expect(await (await fetch(`${base}/?lang=en&locale=xx&state=nope&sort=random`)).text()).toContain('2 of 2 documents shown.');
    const none = await (await fetch(`${base}/?lang=en&q=zzz`)).text();
    expect(none).toContain('No document matches.');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page).toMatch(/<script src="\/dashboard\.js" defer><\/script>/);
    expect(page).not.toMatch(/<script>|<script [^>]*>[^<]/);
    const script = await fetch(`${base}/dashboard.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toContain("querySelector('form.find')");
  });

  it('gzips a kept page for clients that accept it, and answers a known ETag with 304', async () => {
    const base = await serve(createDashboardHandler(async () => fixtureData()));
    const { request } = await import('node:http');
    const get = (headers: Record<string, string>) =>
      new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((done, fail) => {
        request(`${base}/?lang=en`, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        })
          .on('error', fail)
          .end();
      });
    const plain = await get({});
    expect(plain.headers['content-encoding']).toBeUndefined();
    const zipped = await get({ 'accept-encoding': 'gzip, deflate, br' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.body.length).toBeLessThan(plain.body.length);
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
    const etag = String(plain.headers.etag);
    expect(etag).toMatch(/^"[\w-]{16}"$/);
    const again = await get({ 'if-none-match': etag });
    expect([again.status, again.body.length]).toEqual([304, 0]);
  });
});
