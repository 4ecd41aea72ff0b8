/// <reference lib="dom" />
// (page.evaluate callbacks run in the browser)
/**
 * The dashboard in real headless Chromium (Debian's /usr/bin/chromium, driven by
 * playwright-core), served for a temporary Git repository built from the seeds after
 * an English change. Screenshots go to apps/dashboard/test-artifacts/.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { coverage, loadSnapshot, parseConfigText, type Config, type CoverageReport, type RepositoryHost } from '@i18n-drift/core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDashboardHandler, exportDashboard, loadDashboardData, type DashboardData } from '../src/index.js';
import { readOnlyGitHost } from './read-only-git-host.js';
import { EN, SCRIPT_HEADING, seedRepository, type SeedRepository } from './seed-repository.js';

const ARTIFACTS = fileURLToPath(new URL('../test-artifacts/', import.meta.url));
const NOW = new Date('2026-11-10T12:00:00Z');
const BASE = '/i18n-drift';

let repo: SeedRepository;
let host: RepositoryHost & { close(): void };
let config: Config;
let data: DashboardData;
let expected: CoverageReport;
let server: Server;
let origin: string;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  repo = seedRepository();
  host = readOnlyGitHost(repo.root);
  config = parseConfigText(readFileSync(join(repo.root, '.github/i18n-drift.yml'), 'utf8'));
  data = await loadDashboardData(host, config, {
    now: NOW,
    historySamples: 10,
    pullRequests: { fr: { number: 4, url: 'https://git.example.org/policies/pull/4' } },
    commitUrl: (sha) => `https://git.example.org/policies/commit/${sha}`,
  });
  // What the matrix must show, computed straight from core on the same repository.
  expected = coverage(await loadSnapshot(host, config, 'main', { history: true, now: NOW }), config);
  server = createServer(createDashboardHandler(async () => data, { basePath: BASE }));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  origin = `http://127.0.0.1:${address.port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // AxeBuilder needs a page from an explicit context.
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  // A heading that ran as script would open this dialog or set window.__pwned.
  page.on('dialog', (dialog) => {
    throw new Error(`unexpected dialog: ${dialog.message()}`);
  });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  host?.close();
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  if (repo) rmSync(repo.root, { recursive: true, force: true });
});

const percent = (value: number) => new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);

async function seriousViolations(target: Page) {
  const results = await new AxeBuilder({ page: target }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

describe('dashboard in Chromium', () => {
  it('shows the locales × documents matrix with the numbers core computes', async () => {
    await page.goto(`${origin}${BASE}/?lang=en`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Translation coverage');
    const headers = await page.locator('table.matrix thead th').allTextContents();
    expect(headers).toEqual(['Document', ...expected.locales]);
    const rows = page.locator('table.matrix tbody tr');
    await expect(rows.count()).resolves.toBe(expected.documents.length);
    for (const [i, doc] of expected.documents.entries()) {
      const row = rows.nth(i);
      await expect(row.locator('th .path').textContent()).resolves.toBe(doc.source);
      const cells = row.locator('td');
      for (const [j, t] of doc.translations.entries()) {
        const cell = cells.nth(j);
        if (!t.exists) {
          await expect(cell.locator('.pct').textContent()).resolves.toBe('— no translation file');
          continue;
        }
        await expect(cell.locator('.pct').textContent()).resolves.toBe(percent(t.totals.sections.percent));
        await expect(cell.locator('.words').textContent()).resolves.toBe(`${percent(t.totals.words.percent)} of words`);
        const s = t.totals.sections;
        const counts = [s.stale && `${s.stale} stale`, s.missing && `${s.missing} missing`, s.untranslated && `${s.untranslated} untranslated`].filter(Boolean).join(' · ');
        await expect(cell.locator('.counts').textContent()).resolves.toBe(counts);
      }
    }
    // The English change: the edited introduction is stale, the new section missing, in both locales.
    const yourData = expected.documents.find((d) => d.source === EN)!;
    for (const t of yourData.translations) {
      expect(t.sections.find((s) => s.id === 'intro')?.state).toBe('stale');
      expect(t.sections.find((s) => s.heading === SCRIPT_HEADING)?.state).toBe('missing');
    }
    // Per-locale totals and the oldest staleness (9 days: the update of 1 November, seen on the 10th).
    const frRow = page.locator('section[aria-labelledby="locales-heading"] tbody tr').first();
    const fr = expected.byLocale[0]!;
    await expect(frRow.locator('th').textContent()).resolves.toBe('French (fr)');
    await expect(frRow.locator('td').nth(3).textContent()).resolves.toBe(String(fr.totals.sections.missing));
    expect(fr.oldestStale).toMatchObject({ daysBehind: 9, commitsBehind: 1 });
    await expect(frRow.locator('td').nth(5).textContent()).resolves.toBe('9 days · 1 commit behind');
    await expect(frRow.locator('a.pr').getAttribute('href')).resolves.toBe('https://git.example.org/policies/pull/4');
    // Orphans and the coverage-over-time charts.
    await expect(page.locator('section[aria-labelledby="orphans-heading"] li').first().textContent()).resolves.toContain('locales/fr/privacy.md');
    await expect(page.locator('figure.chart svg[role="img"]').count()).resolves.toBe(expected.locales.length);
    await page.screenshot({ path: join(ARTIFACTS, 'overview-en.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('reaches a document page with the keyboard, showing the <script> heading as text and the English diff', async () => {
    await page.goto(`${origin}${BASE}/?lang=en`);
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Skip to content');
    await page.keyboard.press('Enter');
    const title = expected.documents.find((d) => d.source === EN)!.title!;
    let reached = false;
    for (let i = 0; i < 80 && !reached; i += 1) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate((text) => document.activeElement?.tagName === 'A' && document.activeElement.textContent === text, title);
    }
    expect(reached).toBe(true);
    await Promise.all([page.waitForURL(`**${BASE}/doc/locales/en/your-data.md?lang=en`), page.keyboard.press('Enter')]);
    await expect(page.locator('h1').textContent()).resolves.toBe(title);

    // Untrusted heading: shown as text, never run.
    const scriptRow = page.locator('tbody th', { hasText: SCRIPT_HEADING });
    await expect(scriptRow.count()).resolves.toBe(1);
    await expect(page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).resolves.toBeUndefined();
    await expect(page.locator('script').count()).resolves.toBe(0);

    // The stale introduction: English word diff since the pinned version, opened from the keyboard.
    const introRow = page.locator('tbody tr', { has: page.locator('code', { hasText: '#intro' }) });
    await expect(introRow.locator('td .state').allTextContents()).resolves.toEqual(['⚠ stale', '⚠ stale']);
    const summary = introRow.locator('summary');
    await expect(summary.textContent()).resolves.toBe(`English changes since ${repo.commits.imported.slice(0, 7)} (fr, nl)`);
    await summary.focus();
    await page.keyboard.press('Enter');
    await expect(introRow.locator('details').getAttribute('open')).resolves.toBe('');
    await expect(introRow.locator('.diff del').allTextContents()).resolves.toContain('[removed: are]');
    await expect(introRow.locator('.diff ins').allTextContents()).resolves.toContain('[added: add]');
    await expect(introRow.locator('td .meta a').first().getAttribute('href')).resolves.toBe(`https://git.example.org/policies/commit/${repo.commits.updated}`);
    await expect(page.locator('thead a.pr').getAttribute('href')).resolves.toBe('https://git.example.org/policies/pull/4');
    await page.screenshot({ path: join(ARTIFACTS, 'document-en.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('opens a locale page by clicking, listing what waits oldest first', async () => {
    await page.goto(`${origin}${BASE}/doc/locales/en/your-data.md?lang=en`);
    await Promise.all([page.waitForURL(`**${BASE}/locale/nl?lang=en`), page.locator('thead a', { hasText: 'Dutch (nl)' }).click()]);
    await expect(page.locator('h1').textContent()).resolves.toBe('Dutch (nl)');
    const nl = expected.byLocale.find((l) => l.locale === 'nl')!.totals.sections;
    const waiting = nl.stale + nl.missing + nl.untranslated;
    await expect(page.locator('#waiting-heading').textContent()).resolves.toBe(`${waiting} sections waiting`);
    // One row per waiting section, except a document with no translation file: one row for all of it.
    const missingFiles = expected.documents.flatMap((d) => d.translations.filter((t) => t.locale === 'nl' && !t.exists));
    const states = await page.locator('section[aria-labelledby="waiting-heading"] tbody td .state').allTextContents();
    expect(states).toHaveLength(waiting - missingFiles.reduce((n, t) => n + t.sections.length - 1, 0));
    await expect(page.locator('section[aria-labelledby="waiting-heading"] tbody th', { hasText: 'The whole document' }).count()).resolves.toBe(missingFiles.length);
    // Sections with a known age (9 days) come before those without.
    const ages = await page.locator('section[aria-labelledby="waiting-heading"] tbody tr td:nth-of-type(4)').allTextContents();
    const firstUnknown = ages.indexOf('—');
    expect(firstUnknown === -1 ? ages : ages.slice(0, firstUnknown)).toEqual(expect.arrayContaining(['9 days · 1 commit behind']));
    if (firstUnknown !== -1) expect(ages.slice(firstUnknown).every((a) => a === '—')).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'locale-nl-en.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('switches the interface language from the page and keeps it while navigating', async () => {
    await page.goto(`${origin}${BASE}/?lang=en`);
    await Promise.all([page.waitForURL(`**${BASE}/?lang=fr`), page.locator('nav a[hreflang="fr"]').click()]);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('fr');
    await expect(page.locator('h1').textContent()).resolves.toBe('Couverture des traductions');
    await expect(page.locator('nav a[aria-current="true"]').textContent()).resolves.toBe('Français');
    await page.screenshot({ path: join(ARTIFACTS, 'overview-fr.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await Promise.all([page.waitForURL(`**${BASE}/locale/fr?lang=fr`), page.locator('header nav a', { hasText: 'français (fr)' }).click()]);
    await expect(page.locator('#waiting-heading').textContent()).resolves.toMatch(/^\d+ sections en attente$/);
    // The switch keeps the page: from the French locale page to the same page in Dutch.
    await Promise.all([page.waitForURL(`**${BASE}/locale/fr?lang=nl`), page.locator('nav a[hreflang="nl"]').click()]);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('nl');
    await page.screenshot({ path: join(ARTIFACTS, 'locale-fr-nl.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('serves coverage.json with the report, readable from another origin', async () => {
    const response = await page.request.get(`${origin}${BASE}/coverage.json`);
    expect(response.headers()['access-control-allow-origin']).toBe('*');
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  it('works as a static export opened from disk', async () => {
    const out = mkdtempSync(join(tmpdir(), 'i18n-drift-export-'));
    try {
      await exportDashboard(data, out);
      await page.goto(pathToFileURL(join(out, 'nl/index.html')).href);
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('nl');
      await page.locator('table.matrix tbody th a').first().click();
      await expect(page.locator('h1').textContent()).resolves.toBe(expected.documents[0]!.title ?? expected.documents[0]!.source);
      await expect(page.evaluate(() => getComputedStyle(document.body).margin)).resolves.toBe('0px'); // the stylesheet loaded
      await page.screenshot({ path: join(ARTIFACTS, 'export-document-nl.png'), fullPage: true });
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
