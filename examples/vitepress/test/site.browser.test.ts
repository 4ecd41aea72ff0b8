/**
 * The example VitePress site, built from this repository's locales/ after the demo's English
 * update, in real headless Chromium: the French page shows the stale notice under "Visitor
 * data" linking to the English section, the Dutch page (publish.nl: stale english, missing
 * hide) shows the current English text instead, and axe-core finds no serious violations.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
// @ts-expect-error a plain ES module without types
import { preparePages } from '../prepare-pages.mjs';

const example = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
// The package exports no bin path: find it beside its package.json.
const vitepress = join(require.resolve('vitepress/package.json'), '../bin/vitepress.js');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let out: string;
let server: Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'i18n-drift-example-'));
  preparePages();
  await run(process.execPath, [vitepress, 'build', 'site'], { cwd: example, env: { ...process.env, I18N_DRIFT_EXAMPLE_OUT: out } });
  server = createServer((request, response) => {
    // cleanUrls: /fr/your-data is fr/your-data.html.
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const candidates = [join(out, path), join(out, `${path}.html`), join(out, path, 'index.html')];
    const file = candidates.find((candidate) => candidate.startsWith(out) && isFile(candidate));
    if (!file) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  if (out) rmSync(out, { recursive: true, force: true });
});

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.woff2': 'font/woff2', '.svg': 'image/svg+xml' };

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`vitepress build exited with ${code}:\n${output}`))));
  });
}

async function open(path: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${base}${path}`, { waitUntil: 'load' });
  await page.waitForSelector('#visitor-data');
  return page;
}

/** The element right after the "Visitor data" heading, and the one after it. */
async function underVisitorData(page: Page) {
  return page.evaluate(() => {
    const heading = document.getElementById('visitor-data')!;
    const notice = heading.nextElementSibling as HTMLElement | null;
    const next = notice?.nextElementSibling as HTMLElement | null;
    const link = notice?.querySelector('a');
    return {
      heading: heading.textContent?.replace(/\u200b/g, '').trim(),
      notice: notice && {
        tag: notice.tagName.toLowerCase(),
        role: notice.getAttribute('role'),
        kind: notice.dataset['i18nDrift'],
        section: notice.dataset['section'],
        fallback: notice.dataset['fallback'] ?? null,
        lang: notice.lang,
        text: notice.textContent,
        href: link?.getAttribute('href'),
        visible: notice.getBoundingClientRect().height > 0,
      },
      next: next && { lang: next.lang, text: next.textContent },
    };
  });
}

/** axe-core's serious and critical violations on the page. */
async function seriousViolations(page: Page) {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: () => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run();
    return result.violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('the example VitePress site', () => {
  it('shows French readers a notice right under “Visitor data” that links to the English section', async () => {
    const page = await open('/fr/your-data');
    const { heading, notice, next } = await underVisitorData(page);
    expect(heading).toBe('Visitor data');
    expect(notice).toMatchObject({ tag: 'aside', role: 'note', kind: 'stale', section: 'visitor-data', fallback: null, lang: 'fr', href: '/en/your-data#visitor-data', visible: true });
    expect(notice!.text).toContain('Cette section a été modifiée en anglais depuis sa traduction. Version anglaise mise à jour le 20 novembre 2026.');
    expect(next!.text).toContain('Nous conservons ces données de suivi pendant 6 mois.');
    expect(await page.locator('aside[data-i18n-drift="missing"][data-section="newsletter-data"]').count()).toBe(1);
    // The theme shows the page's coverage from the data the plugin exposes.
    expect(await page.locator('.i18n-drift-coverage').textContent()).toBe('État de la traduction : 0 sections sur 4 à jour avec la version anglaise.');

    await page.click('aside[data-section="visitor-data"] a');
    await page.waitForURL(`${base}/en/your-data#visitor-data`);
    await page.waitForSelector('#visitor-data');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.locator('#visitor-data + ul').textContent()).toContain('We keep these logs for 30 days');
    await page.close();
  });

  it('shows Dutch readers the current English text of “Visitor data” and leaves out the untranslated section', async () => {
    const page = await open('/nl/your-data');
    const { notice, next } = await underVisitorData(page);
    expect(notice).toMatchObject({ tag: 'aside', kind: 'stale', section: 'visitor-data', fallback: 'english', lang: 'nl', href: '/en/your-data#visitor-data' });
    expect(notice!.text).toContain('De vertaling van deze sectie is verouderd, daarom wordt de huidige Engelse tekst getoond.');
    expect(next).toMatchObject({ lang: 'en' });
    expect(next!.text).toContain('We keep these logs for 30 days, after which they are deleted automatically.');
    expect(await page.locator('#newsletter-data').count()).toBe(0);
    expect(await page.locator('text=Which newsletters').count()).toBe(0);
    expect(await page.locator('.i18n-drift-coverage').textContent()).toMatch(/^Vertaalstatus: \d van de 4 secties bijgewerkt met de Engelse versie\.$/);
    await page.close();
  });

  it('has no serious accessibility violations on the French and Dutch pages (axe-core)', async () => {
    for (const path of ['/fr/your-data', '/nl/your-data']) {
      const page = await open(path);
      expect(await seriousViolations(page), path).toEqual([]);
      await page.close();
    }
  });
});
