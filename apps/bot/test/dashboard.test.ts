/**
 * The dashboard served by the bot at /i18n-drift/<owner>/<repo>/, read from the emulator
 * through the GitHub adapter, and linked from the translation pull requests.
 */
import { afterEach, expect, test, vi } from 'vitest';
import { createI18nDriftApp } from '../src/app.js';
import { OWNER, REPO, startHarness, type Harness } from './harness.js';

// Counts the dashboard builds (each reads the whole repository through GitHub).
const builds = vi.hoisted(() => ({ count: 0 }));
vi.mock('@i18n-drift/dashboard', async (importOriginal) => {
  const original = await importOriginal<typeof import('@i18n-drift/dashboard')>();
  return {
    ...original,
    loadDashboardData: (...args: Parameters<typeof original.loadDashboardData>) => {
      builds.count += 1;
      return original.loadDashboardData(...args);
    },
  };
});

let h: Harness;
afterEach(async () => {
  await h?.close();
});

test('serves the coverage of an installed repository and links it from the PRs', async () => {
  h = await startHarness();
  const en = (await h.readFile('locales/en/your-data.md', 'main'))!;
  await h.push({ branch: 'main', files: { 'locales/en/your-data.md': en.replace('6 months', '12 months') } });
  await h.settle();

  const base = `${h.appUrl}/i18n-drift/${OWNER}/${REPO}`;
  const page = await fetch(`${base}/`);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toContain('text/html');
  expect(await page.text()).toContain('your-data.md');

  const json = (await (await fetch(`${base}/coverage.json`)).json()) as { documents: { source: string; translations: { locale: string }[] }[] };
  const document = json.documents.find((d) => d.source === "locales/en/your-data.md")!;
  expect(document.translations.map((t) => t.locale).sort()).toEqual(['fr', 'nl']);

  const [fr] = await h.pulls();
  expect(fr!.body).toContain(`${base}/`);

  expect((await fetch(`${h.appUrl}/i18n-drift/${OWNER}/not-installed/`)).status).toBe(404);
  expect((await fetch(`${h.appUrl}/elsewhere`)).status).toBe(404);
});

test('rebuilds a dashboard only when its repository changed: the same pages (and ETag) until a push, then the new coverage', async () => {
  // Checked on every request here (the default is at most once a minute).
  builds.count = 0;
  h = await startHarness({ app: (queue) => createI18nDriftApp({ queue, dashboardRecheckMs: 0 }) });
  await h.settle();
  const base = `${h.appUrl}/i18n-drift/${OWNER}/${REPO}`;
  const first = await fetch(`${base}/?lang=en`);
  const etag = first.headers.get('etag')!;
  const before = await first.text();
  const built = builds.count;
  expect(built).toBe(1);
  for (let i = 0; i < 5; i++) {
    const again = await fetch(`${base}/?lang=en`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    await new Promise((done) => setTimeout(done, 100));
  }
  expect(builds.count).toBe(built);
  const en = (await h.readFile('locales/en/your-data.md', 'main'))!;
  await h.push({ branch: 'main', files: { 'locales/en/your-data.md': en.replace('## ', '## Renamed: ') } });
  await h.settle();
  // The first request after the push starts the check and is answered from the old data.
  let after = before;
  for (let i = 0; i < 100 && after === before; i++) {
    await new Promise((done) => setTimeout(done, 100));
    after = await (await fetch(`${base}/?lang=en`)).text();
  }
  expect(after).not.toBe(before);
  expect(after).toMatch(/stale/i);
  expect(builds.count).toBe(built + 1);
}, 120_000);
