/**
 * Golden pages: the whole HTML of each page for the hand-written fixture, so a reviewer
 * sees every change of markup as a diff. Regenerate with `UPDATE=1 npx vitest run`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderPage } from './render-page.js';
import { fixtureData } from './test-report.js';
import type { DashboardRoute } from './types.js';

const dir = new URL('./fixtures/pages/', import.meta.url);
const cases: [string, DashboardRoute, string][] = [
  ['overview.en', { page: 'overview' }, 'en'],
  ['document.fr', { page: 'document', source: 'locales/en/your-data.md' }, 'fr'],
  ['locale.nl', { page: 'locale', locale: 'nl' }, 'nl'],
];

describe('golden pages', () => {
  for (const [name, route, lang] of cases) {
    it(name, () => {
      const page = renderPage(fixtureData(), route, { lang, basePath: '/i18n-drift' });
      const file = new URL(`${name}.expected.html`, dir);
      if (process.env.UPDATE === '1' || !existsSync(file)) {
        if (process.env.UPDATE !== '1') throw new Error(`missing golden file ${file.pathname}: run with UPDATE=1`);
        mkdirSync(dir, { recursive: true });
        writeFileSync(file, page);
      }
      expect(page).toBe(readFileSync(file, 'utf8'));
    });
  }
});
