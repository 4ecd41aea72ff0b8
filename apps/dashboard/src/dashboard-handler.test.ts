import { createServer, request, type Server } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
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

/** Fixture data counting the pages rendered from it. */
function countingRenders() {
  let renders = 0;
  // `generatedAt` is read by every page's footer, and by nothing else.
  const data = new Proxy(fixtureData(), {
    get(target, key, receiver) {
      if (key === 'generatedAt') renders += 1;
      return Reflect.get(target, key, receiver);
    },
  });
  return { data, renders: () => renders };
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
    const { data, renders } = countingRenders();
    const base = await serve(createDashboardHandler(async () => data));
    const first = await (await fetch(`${base}/doc/locales/en/your-data.md?lang=en`)).text();
    const counted = renders();
    expect(counted).toBeGreaterThan(0);
    const again = await Promise.all(Array.from({ length: 20 }, () => fetch(`${base}/doc/locales/en/your-data.md?lang=en`).then((r) => r.text())));
    expect(again.every((page) => page === first)).toBe(true);
    expect(renders()).toBe(counted);
    await fetch(`${base}/doc/locales/en/your-data.md?lang=fr`);
    expect(renders()).toBeGreaterThan(counted);
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

  it('sends each kept page compressed as the client accepts (Brotli first, gzip, or plain), with an ETag per representation and 304 for any of them', async () => {
    const base = await serve(createDashboardHandler(async () => fixtureData()));
    const get = (path: string, headers: Record<string, string>, method = 'GET') =>
      new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((done, fail) => {
        request(`${base}${path}`, { headers, method }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        })
          .on('error', fail)
          .end();
      });
    for (const path of ['/?lang=en', '/coverage.json', '/dashboard.css', '/dashboard.js']) {
      const plain = await get(path, {});
      expect(plain.status).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers['vary']).toContain('Accept-Encoding');
      expect(Number(plain.headers['content-length'])).toBe(plain.body.length);
      const br = await get(path, { 'accept-encoding': 'gzip, deflate, br' });
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.body.length).toBeLessThan(plain.body.length);
      expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
      const gzip = await get(path, { 'accept-encoding': 'gzip;q=1, br;q=0.5' });
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);
      expect((await get(path, { 'accept-encoding': 'br;q=0, gzip;q=0' })).headers['content-encoding']).toBeUndefined();
      expect((await get(path, { 'accept-encoding': 'identity' })).body.equals(plain.body)).toBe(true);
      // A strong ETag names one representation's bytes; all three are the same page.
      const tags = [plain, gzip, br].map((r) => String(r.headers.etag));
      expect(tags[0]).toMatch(/^"[\w-]{16}"$/);
      expect(tags.slice(1)).toEqual([tags[0]!.replace(/"$/, '-gzip"'), tags[0]!.replace(/"$/, '-br"')]);
      for (const tag of tags) {
        const again = await get(path, { 'if-none-match': `"other", W/${tag}`, 'accept-encoding': 'br' });
        expect([again.status, again.body.length, again.headers.etag]).toEqual([304, 0, tags[2]]);
      }
      expect((await get(path, { 'if-none-match': '"0123456789abcdef"' })).status).toBe(200);
      const head = await get(path, { 'accept-encoding': 'br' }, 'HEAD');
      expect([head.status, head.body.length, head.headers['content-length']]).toEqual([200, 0, String(br.body.length)]);
    }
  });

  it('never serves a page of older data: a new data object re-renders, with a new ETag', async () => {
    let data = fixtureData();
    const base = await serve(createDashboardHandler(async () => data));
    const before = await fetch(`${base}/?lang=en`);
    const etag = before.headers.get('etag')!;
    expect(await before.text()).toContain('2 of 2 documents shown.');
    const json = await (await fetch(`${base}/coverage.json`)).json();
    // The repository changed: one document fewer.
    data = { ...fixtureData(), report: { ...data.report, documents: data.report.documents.slice(0, 1) } };
    const after = await fetch(`${base}/?lang=en`, { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(await after.text()).toContain('1 of 1 documents shown.');
    expect(((await (await fetch(`${base}/coverage.json`)).json()) as { documents: unknown[] }).documents).toHaveLength(json.documents.length - 1);
  });

  it('asks loadData on every request, also those answered from memory, and answers a promise it already settled in the same way', async () => {
    const { data, renders } = countingRenders();
    let calls = 0;
    const settled = Promise.resolve(data);
    // The same promise every time, as the CLI and the bot hand it back per revision.
    const base = await serve(
      createDashboardHandler(() => {
        calls += 1;
        return settled;
      }),
    );
    const pages = await Promise.all(Array.from({ length: 10 }, () => fetch(`${base}/locale/nl?lang=nl`).then((r) => r.text())));
    expect(new Set(pages).size).toBe(1);
    expect(pages[0]).toContain('<html lang="nl">');
    const counted = renders();
    const more = await Promise.all(Array.from({ length: 10 }, () => fetch(`${base}/locale/nl?lang=nl`).then((r) => r.text())));
    expect(more.every((page) => page === pages[0])).toBe(true);
    expect(renders()).toBe(counted);
    expect(calls).toBe(20);
    // Remembered per Accept-Language too: the same target, another language.
    const fr = await fetch(`${base}/locale/nl`, { headers: { 'accept-language': 'fr' } });
    const frAgain = await fetch(`${base}/locale/nl`, { headers: { 'accept-language': 'fr' } });
    const en = await fetch(`${base}/locale/nl`, { headers: { 'accept-language': 'en' } });
    expect([fr.headers.get('content-language'), frAgain.headers.get('content-language'), en.headers.get('content-language')]).toEqual(['fr', 'fr', 'en']);
    // A method other than GET and HEAD is refused even for a remembered target.
    expect((await fetch(`${base}/locale/nl?lang=nl`, { method: 'POST' })).status).toBe(405);
  });

  it('reads a remembered search again against new data: a language the repository no longer has is dropped', async () => {
    let data = fixtureData();
    const base = await serve(createDashboardHandler(async () => data));
    for (let i = 0; i < 2; i++) expect(await (await fetch(`${base}/?lang=en&locale=nl`)).text()).toContain('<option value="nl" selected>');
    data = { ...fixtureData(), report: { ...data.report, locales: ['fr'] } };
    const page = await (await fetch(`${base}/?lang=en&locale=nl`)).text();
    // Exactly what a server that never saw the older data answers.
    const fresh = createDashboardHandler(async () => data);
    await new Promise<void>((done) => server!.close(() => done()));
    const other = await serve(fresh);
    expect(page).toBe(await (await fetch(`${other}/?lang=en&locale=nl`)).text());
    expect(page).toBe(await (await fetch(`${other}/?lang=en`)).text());
  });

  it('keeps a bounded number of pages, least recently used out', async () => {
    const { data, renders } = countingRenders();
    const base = await serve(createDashboardHandler(async () => data, { cache: { pages: 3 } }));
    const page = async (q: string) => {
      const before = renders();
      await (await fetch(`${base}/?lang=en&q=${q}`)).text();
      return renders() > before ? 'rendered' : 'kept';
    };
    expect([await page('a'), await page('b'), await page('c'), await page('a')]).toEqual(['rendered', 'rendered', 'rendered', 'kept']);
    // d pushes out the least recently used, b; a was just used.
    expect([await page('d'), await page('a'), await page('c'), await page('b')]).toEqual(['rendered', 'kept', 'kept', 'rendered']);
    // Searches are not normalised beyond their meaning: the same search, spelled two ways, is one page.
    expect([await page('b+'), await page('%20b')]).toEqual(['kept', 'kept']);
  });
});
