// Shared by the sync tests: the real seeds, the tool's strings and a realistic
// English update (a changed retention period, a new section, a removed one).
import { readFileSync } from 'node:fs';
import { adopt } from '../adopt.js';
import { parseConfig } from '../config.js';
import type { Config } from '../types.js';
import { createLocalizer, type Resources } from './i18n.js';
import { createMemoryHost, type MemoryHost } from './memory-host.js';

const root = new URL('../../../../', import.meta.url);
export const seed = (path: string) => readFileSync(new URL(path, root), 'utf8');

export const resources: Resources = Object.fromEntries(
  ['en', 'fr', 'nl'].map((lng) => [lng, JSON.parse(seed(`locales/${lng}/i18n-drift.json`))]),
);
export const localize = createLocalizer(resources);

export const EN = 'locales/en/your-data.md';
export const FR = 'locales/fr/your-data.md';
export const NL = 'locales/nl/your-data.md';

export function testConfig(extra: Record<string, unknown> = {}): Config {
  return parseConfig({
    files: ['locales/{locale}/**/*.md'],
    locales: ['fr', 'nl'],
    translators: { fr: ['marie'], nl: ['joost'] },
    labels: { fr: ['docs'] },
    ...extra,
  });
}

/** English v2 of your-data.md: logs kept 30 days instead of 6 months, a newsletter section, no model section. */
export function englishUpdate(text: string): string {
  let s = text
    .replace('-   For users with one or more models, we store [model data](#model-data)\n', '-   For newsletter subscribers, we store [newsletter data](#newsletter-data)\n')
    .replace('We keep these logs for 6 months.', 'We keep these logs for 30 days.');
  const i = s.indexOf('<Note>\n\n##### Model data');
  s = s.slice(0, i) + '<Note>\n\n##### Newsletter data\n\nWe store your e-mail address until you unsubscribe.\n\n</Note>\n';
  return s;
}

/** A memory repository with the seeds committed and fr/nl adopted at that commit. */
export function adoptedRepository(): { host: MemoryHost; english: string; adopted: string } {
  const host = createMemoryHost();
  const english = host.commit('main', { [EN]: seed(EN) }, { message: 'English policy', author: 'alice' });
  const keys = { frontmatterKeys: ['title', 'description'] };
  const adopted = host.commit(
    'main',
    {
      [FR]: adopt(seed(EN), seed(FR), { sourceCommit: english, ...keys }).text,
      [NL]: adopt(seed(EN), seed(NL), { sourceCommit: english, ...keys }).text,
    },
    { message: 'Adopt translations', author: 'alice' },
  );
  return { host, english, adopted };
}
