/**
 * i18next catalogs through the GitHub App, end to end against the emulator: this
 * repository's own catalogs beside its Markdown seeds, tracked in the same pull requests.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { seedFiles, startHarness, type Harness } from './harness.js';

const EN = 'locales/en/your-data.md';
const CATALOG = (lng: string) => `locales/${lng}/i18n-drift.json`;
const catalogs = Object.fromEntries(['en', 'fr', 'nl'].map((lng) => [CATALOG(lng), readFileSync(new URL(`../../../${CATALOG(lng)}`, import.meta.url), 'utf8')]));
const CONFIG = 'sourceLocale: en\nfiles:\n  - locales/{locale}/**/*.md\n  - locales/{locale}/i18n-drift.json\n';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe('catalogs', () => {
  test('one push changing a Markdown section and a catalog key: one pull request per locale containing both', async () => {
    h = await startHarness({ config: CONFIG, files: { ...seedFiles(), ...catalogs } });
    const en = (await h.readFile(EN, 'main'))!;
    const push = await h.push({
      branch: 'main',
      files: {
        [EN]: en.replace('We keep these logs for 6 months.', 'We keep these logs for 12 months.'),
        [CATALOG('en')]: catalogs[CATALOG('en')]!.replace('"intro": "Introduction",', '"intro": "Text before the first heading",'),
      },
      message: 'Longer log retention; clearer intro label',
    });
    await h.settle();

    const pulls = await h.pulls();
    for (const lng of ['fr', 'nl']) {
      const branch = `i18n-drift/${lng}`;
      expect(pulls.filter((p) => p.head === branch)).toHaveLength(1);
      const pr = pulls.find((p) => p.head === branch)!;
      expect(pr.body).toContain('cli.intro');
      expect(pr.body).toContain('Visitor data');
      expect(await h.commitsAhead('main', branch)).toHaveLength(1);
      // The Markdown section is marked in the document, the key in the catalog's state file; the catalog is main's.
      expect(await h.readFile(`locales/${lng}/your-data.md`, branch)).toContain('<!-- i18n-drift:stale section="visitor-data"');
      const state = (await h.readFile(`${CATALOG(lng)}.i18n-drift`, branch))!;
      expect(state.split('\n').filter((line) => line.includes(' stale '))).toEqual([expect.stringMatching(new RegExp(`^"cli\\.intro" [0-9a-f]{16} stale ${push}$`))]);
      expect(await h.readFile(CATALOG(lng), branch)).toBe(catalogs[CATALOG(lng)]);
    }
  });
});
