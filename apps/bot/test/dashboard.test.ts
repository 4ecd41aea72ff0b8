/**
 * The dashboard served by the bot at /i18n-drift/<owner>/<repo>/, read from the emulator
 * through the GitHub adapter, and linked from the translation pull requests.
 */
import { afterEach, expect, test } from 'vitest';
import { OWNER, REPO, startHarness, type Harness } from './harness.js';

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
