/// <reference lib="dom" />
// (page.evaluate callbacks run in the browser)
/**
 * The dashboard of a generated 1,500-document repository in headless Chromium: search
 * by path and by title, filters by locale and state, orders by coverage and by age —
 * served (answered by the server, with JavaScript off) and exported (pre-rendered views
 * without JavaScript, the page script with it) — and the layout at 1280 and 390 px
 * wide with 10 and with 4 locales, checked with axe-core.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { parseConfigText } from '@i18n-drift/core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDashboardHandler, exportDashboard, loadDashboardData, type DashboardData, type OverviewQuery } from '../src/index.js';
import { overviewModel } from '../src/view-models/overview-model.js';
import { DEFAULT_QUERY } from '../src/view-models/overview-query.js';
import { overviewView } from '../src/view-models/overview-view.js';
import { readOnlyGitHost } from './read-only-git-host.js';
import { SCALE_LOCALES, scaleRepository, type ScaleRepository } from './scale-repository.js';

let repo: ScaleRepository;
let data: DashboardData;
let four: DashboardData;
let server: Server;
let origin: string;
let browser: Browser;
let exported: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  repo = scaleRepository(1500);
  const config = parseConfigText(readFileSync(join(repo.root, '.github/i18n-drift.yml'), 'utf8'));
  const host = readOnlyGitHost(repo.root);
  try {
    data = await loadDashboardData(host, config, { historySamples: 3, now: new Date('2026-11-10T12:00:00Z') });
  } finally {
    host.close();
  }
  // The same repository seen with four locales: a document page four columns wide.
  const kept = SCALE_LOCALES.slice(0, 4);
  four = {
    ...data,
    report: {
      ...data.report,
      locales: kept,
      byLocale: data.report.byLocale.filter((l) => kept.includes(l.locale)),
      documents: data.report.documents.map((d) => ({ ...d, translations: d.translations.filter((t) => kept.includes(t.locale)) })),
    },
  };
  const full = createDashboardHandler(async () => data);
  const narrow = createDashboardHandler(async () => four, { basePath: '/four' });
  server = createServer((req, res) => (req.url?.startsWith('/four') ? narrow(req, res) : full(req, res)));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  origin = `http://127.0.0.1:${address.port}`;
  exported = mkdtempSync(join(tmpdir(), 'i18n-drift-scale-export-'));
  await exportDashboard(data, exported, { languages: ['en'] });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  if (repo) rmSync(repo.root, { recursive: true, force: true });
  if (exported) rmSync(exported, { recursive: true, force: true });
}, 120_000);

async function open(options: { width?: number; javaScript?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 }, javaScriptEnabled: options.javaScript ?? true });
  contexts.push(context);
  return context.newPage();
}

/** Paths of the documents listed (visible), in page order. */
async function listed(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLTableRowElement>('table.matrix tbody tr[data-search]'))
      .filter((row) => !row.hidden && !row.closest('details')!.hidden)
      .map((row) => row.getAttribute('data-search')!.split('\n')[0]!),
  );
}

/** What the server and the script must list for `query`, in order. */
function expected(query: Partial<OverviewQuery>, source = data): string[] {
  const view = overviewView(overviewModel(source), { ...DEFAULT_QUERY, ...query });
  return view.groups.flatMap((g) => g.rows.map((r) => r.row.source.toLowerCase()));
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')})`);
}

describe('the dashboard of 1,500 documents, served, without JavaScript', () => {
  it('lists every document in folders with roll-ups; a document without a title shows its path', async () => {
    const page = await open({ javaScript: false });
    await page.goto(`${origin}/?lang=en`);
    await expect(page.locator('#find-status').textContent()).resolves.toBe('1500 of 1500 documents shown.');
    const folders = new Set(overviewModel(data).rows.map((r) => r.folder));
    await expect(page.locator('details.folder').count()).resolves.toBe(folders.size);
    await expect(page.locator('details.folder[open]').count()).resolves.toBe(1); // the rest collapsed: one line per folder
    await expect(page.locator('details.folder summary .roll').first().textContent()).resolves.toMatch(/^fr \d+(\.\d)?%$/);
    expect(await listed(page)).toEqual(expected({}));
    const untitled = [...data.report.documents].find((d) => !repo.titles.has(d.source))!;
    expect(untitled.title).toBeNull();
    await expect(page.locator(`tr a[href="/doc/${untitled.source}?lang=en"]`).textContent()).resolves.toBe(untitled.source);
  });

  it('searches by title and by path through the form', async () => {
    const page = await open({ javaScript: false });
    await page.goto(`${origin}/?lang=en`);
    const [source, title] = [...repo.titles].find(([, t]) => t.startsWith('Page 17:'))!;
    await page.fill('#find-q', title);
    await Promise.all([page.waitForURL(/q=Page/), page.press('#find-q', 'Enter')]);
    expect(await listed(page)).toEqual([source]);
    await expect(page.locator(`tr a[href="/doc/${source}?lang=en"]`).textContent()).resolves.toBe(title);

    await page.fill('#find-q', 'topic-3/page-12');
    await Promise.all([page.waitForURL(/topic-3/), page.click('form.find button[type=submit]')]);
    const byPath = await listed(page);
    expect(byPath.length).toBeGreaterThan(1);
    expect(byPath).toEqual(expected({ q: 'topic-3/page-12' }));
    expect(byPath.every((p) => p.includes('topic-3/page-12'))).toBe(true);
  });

  it('filters by locale and state: only that column, only documents with such sections', async () => {
    const page = await open({ javaScript: false });
    await page.goto(`${origin}/?lang=en`);
    await page.selectOption('#find-locale', 'nl');
    await page.check('input[name=state][value=stale]');
    await Promise.all([page.waitForURL(/state=stale/), page.click('form.find button[type=submit]')]);
    expect(new URL(page.url()).searchParams.get('locale')).toBe('nl');
    const rows = await listed(page);
    expect(rows).toEqual(expected({ locale: 'nl', states: ['stale'] }));
    expect(rows.length).toBeGreaterThan(50);
    const stale = data.report.documents.filter((d) => d.translations.some((t) => t.locale === 'nl' && t.totals.sections.stale > 0));
    expect(rows.length).toBe(stale.length);
    await expect(page.locator('details.folder').first().locator('thead th').allTextContents()).resolves.toEqual(['Document', 'nl']);
    const states = await page.locator('table.matrix tbody td[data-locale]').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-locale') + ':' + c.getAttribute('data-states')));
    expect(states.every((s) => s.startsWith('nl:') && s.includes('stale'))).toBe(true);
  });

  it('orders by coverage and by the age of the oldest stale section', async () => {
    const page = await open({ javaScript: false });
    await page.goto(`${origin}/?lang=en&sort=coverage`);
    const byCoverage = await listed(page);
    expect(byCoverage).toEqual(expected({ sort: 'coverage' }));
    expect(byCoverage).not.toEqual(expected({}));
    await page.selectOption('#find-sort', 'age');
    await Promise.all([page.waitForURL(/sort=age/), page.click('form.find button[type=submit]')]);
    expect(await listed(page)).toEqual(expected({ sort: 'age' }));
    // The oldest stale section first: nothing listed is older than the first document.
    const oldest = Math.max(...data.report.byLocale.map((l) => l.oldestStale?.daysBehind ?? 0));
    const firstAge = await page.locator('table.matrix tbody tr').first().locator('.age').first().textContent();
    expect(firstAge).toMatch(new RegExp(`^${oldest} days · \\d+ commits? behind$`));
  });
});

describe('the static export of 1,500 documents', () => {
  it('without JavaScript: pre-rendered views, linked from the overview', async () => {
    const page = await open({ javaScript: false });
    await page.goto(pathToFileURL(join(exported, 'index.html')).href);
    await expect(page.locator('form.find').isVisible()).resolves.toBe(false); // a static page cannot answer a form
    await Promise.all([page.waitForURL(/index-state-untranslated\.html$/), page.click('nav.views a[href="index-state-untranslated.html"]')]);
    expect(await listed(page)).toEqual(expected({ states: ['untranslated'] }));
    await Promise.all([page.waitForURL(/index-locale-de\.html$/), page.click('nav.views a[href="index-locale-de.html"]')]);
    await expect(page.locator('details.folder').first().locator('thead th').allTextContents()).resolves.toEqual(['Document', 'de']);
  });

  it('with JavaScript: the form filters and orders in the page, and the address carries the query', async () => {
    const page = await open();
    await page.goto(`${pathToFileURL(join(exported, 'index.html')).href}?locale=fr&state=stale&sort=coverage`);
    await expect(page.locator('form.find').isVisible()).resolves.toBe(true);
    await expect(page.locator('#find-locale').inputValue()).resolves.toBe('fr');
    expect(await listed(page)).toEqual(expected({ locale: 'fr', states: ['stale'], sort: 'coverage' }));
    await page.fill('#find-q', 'topic-3/page-12');
    await page.waitForFunction(() => location.search.includes('q=topic-3'));
    expect(await listed(page)).toEqual(expected({ q: 'topic-3/page-12', locale: 'fr', states: ['stale'], sort: 'coverage' }));
    const status = await page.locator('#find-status').textContent();
    expect(status).toBe(`${(await listed(page)).length} of 1500 documents shown.`);
    await page.selectOption('#find-sort', 'age');
    expect(await listed(page)).toEqual(expected({ q: 'topic-3/page-12', locale: 'fr', states: ['stale'], sort: 'age' }));
  });
});

describe('layout at 1280 and 390 px wide', () => {
  for (const width of [1280, 390]) {
    it(`overview and document pages (10 and 4 locales) at ${width} px: no page overflow, first column in view, no serious axe violation`, async () => {
      const page = await open({ width });
      await page.goto(`${origin}/?lang=en&q=topic-3%2Fpage-12`);
      await expect(page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).resolves.toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
      const doc = data.report.documents.find((d) => d.translations.some((t) => t.totals.sections.stale > 0))!;
      for (const [base, columns] of [['', 10], ['/four', 4]] as const) {
        await page.goto(`${origin}${base}/doc/${doc.source}?lang=en`);
        await expect(page.locator('table.document thead th').count()).resolves.toBe(columns + 1);
        await expect(page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).resolves.toBe(true);
        const region = page.locator('section[aria-labelledby="sections-heading"] .scroll');
        const scrolls = await region.evaluate((el) => el.scrollWidth > el.clientWidth);
        if (columns === 10 || width === 390) expect(scrolls).toBe(true);
        if (scrolls) {
          // Scrolled sideways, the section names stay in view.
          await region.evaluate((el) => (el.scrollLeft = el.scrollWidth));
          const [regionBox, firstBox] = await Promise.all([region.boundingBox(), page.locator('table.document tbody th[scope=row]').first().boundingBox()]);
          expect(Math.abs(firstBox!.x - regionBox!.x)).toBeLessThan(2);
        }
        expect(await seriousViolations(page)).toEqual([]);
      }
    }, 300_000);
  }
});
