import { readFileSync } from 'node:fs';
import { adopt, createMemoryHost, HostError, parseConfig } from '@i18n-drift/core';
import { describe, expect, it } from 'vitest';
import { loadDashboardData } from './load-dashboard-data.js';
import { renderPage } from './render-page.js';

const seed = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');
const EN = 'locales/en/your-data.md';
const FR = 'locales/fr/your-data.md';
const NL = 'locales/nl/your-data.md';
const config = parseConfig({ files: ['locales/{locale}/**/*.md'] });

/** The seeds, fr and nl adopted, then the English intro edited: the intro is stale in both. */
function repository(pin?: string) {
  const host = createMemoryHost({ startDate: new Date('2026-11-01T00:00:00Z') });
  const english = host.commit('main', { [EN]: seed(EN) }, { message: 'English' });
  const keys = { sourceCommit: pin ?? english, frontmatterKeys: config.frontmatterKeys };
  host.commit('main', { [FR]: adopt(seed(EN), seed(FR), keys).text, [NL]: adopt(seed(EN), seed(NL), keys).text }, { message: 'adopt' });
  const edit = host.commit('main', { [EN]: seed(EN).replace('These roles are cumulative.', 'These roles add up.') }, { message: 'intro' });
  return { host, english, edit };
}

describe('loadDashboardData', () => {
  it('reports coverage at the revision with the English word diff of each stale section since its pin', async () => {
    const { host, english, edit } = repository();
    const data = await loadDashboardData(host, config, { now: new Date('2026-11-10T00:00:00Z'), historySamples: 0 });
    expect(data.report.revision).toBe(edit);
    const intro = data.report.documents[0]!.translations.map((t) => t.sections.find((s) => s.id === 'intro')!);
    expect(intro.map((s) => s.state)).toEqual(['stale', 'stale']);
    expect(intro[0]!.stale).toMatchObject({ pinnedCommit: english, since: edit });
    const words = data.englishChanges[EN]![english]!.intro!;
    const side = (keep: (w: (typeof words)[number]) => boolean) => words.filter(keep).map((w) => w.value).join('');
    expect(side((w) => !w.added)).toContain('These roles are cumulative.');
    expect(side((w) => !w.removed)).toContain('These roles add up.');
    expect(words.filter((w) => w.removed).map((w) => w.value.trim()).filter(Boolean)).toEqual(['are', 'cumulative']);
    expect(data.history).toBeNull();
    expect(data.warnings).toEqual([]);
    expect(data.generatedAt).toBe('2026-11-10T00:00:00.000Z');
  });

  it('samples coverage over time and links every commit the pages show', async () => {
    const { host, english, edit } = repository();
    const data = await loadDashboardData(host, config, {
      revision: 'main',
      historySamples: 5,
      commitUrl: (sha) => `https://example.org/c/${sha}`,
      pullRequests: { fr: { number: 7, url: 'https://example.org/pull/7' } },
    });
    expect(data.history?.samples.map((c) => c.message)).toEqual(['English', 'adopt', 'intro']);
    expect(Object.keys(data.history!.byLocale).sort()).toEqual(['fr', 'nl']);
    expect(data.commitUrls[edit]).toBe(`https://example.org/c/${edit}`);
    expect(data.commitUrls[english]).toBe(`https://example.org/c/${english}`);
    expect(data.pullRequests).toEqual({ fr: { number: 7, url: 'https://example.org/pull/7' } });
  });

  it('turns a pinned version that cannot be read into a warning, worded by the caller’s t', async () => {
    const missing = 'f'.repeat(40);
    const { host } = repository(missing);
    const t = (key: string, vars?: Record<string, unknown>) => (key === 'dashboard:warnings.pinned-version-unreadable' ? `illisible ${String(vars?.path)}` : key);
    const data = await loadDashboardData(host, config, { historySamples: 0, t });
    expect(data.warnings).toEqual([
      { code: 'pinned-version-unreadable', params: { path: EN, commit: 'fffffff', reason: expect.stringContaining('unknown revision') }, message: `illisible ${EN}` },
    ]);
    expect(data.englishChanges[EN]).toEqual({});
  });

  it('falls back to English warnings when the caller’s t lacks the dashboard strings', async () => {
    const { host } = repository('f'.repeat(40));
    const data = await loadDashboardData(host, config, { historySamples: 0, t: (key) => key.replace('dashboard:', '') });
    expect(data.warnings[0]!.message).toMatch(/^Could not read locales\/en\/your-data.md at fffffff: /);
  });

  it('fails with the host error for an unknown revision', async () => {
    await expect(loadDashboardData(repository().host, config, { revision: 'nope' })).rejects.toMatchObject({ name: 'HostError', code: 'not-found' });
  });
});

describe('loadDashboardData before any adoption', () => {
  it('adopts translations without pins from history in memory and the pages badge them "not adopted yet"', async () => {
    const host = createMemoryHost({ startDate: new Date('2026-11-01T00:00:00Z') });
    const translated = host.commit('main', { [EN]: seed(EN), [FR]: seed(FR), [NL]: seed(NL) }, { message: 'documents' });
    host.commit('main', { [EN]: seed(EN).replace('We keep these logs for 6 months.', 'We keep these logs for 12 months.') }, { message: '12 months' });
    const data = await loadDashboardData(host, config, { now: new Date('2026-11-10T00:00:00Z'), historySamples: 0 });
    for (const t of data.report.documents[0]!.translations) {
      expect(t.notAdopted).toEqual({ pinnedTo: translated, pinnedDate: expect.any(String) });
      expect(t.sections.filter((s) => s.state === 'stale').map((s) => s.id)).toEqual(['visitor-data']);
    }
    const overview = renderPage(data, { page: 'overview' }, { lang: 'en', basePath: '' });
    expect(overview).toContain('class="meta not-adopted"');
    expect(overview).toContain('not adopted yet');
    const document = renderPage(data, { page: 'document', source: EN }, { lang: 'fr', basePath: '' });
    expect(document).toContain('pas encore adoptée');
  });
});

describe('loadDashboardData with documents that cannot be read', () => {
  it('shows the rest and names each one left out: a file the host refuses, a broken English frontmatter', async () => {
    const { host } = repository();
    const LOGO = 'locales/en/logo.md';
    const BROKEN = 'locales/en/broken.md';
    host.commit('main', { [LOGO]: 'binary', [BROKEN]: '---\ntitle:Fabric options\n---\n# Fabric\n' }, { message: 'two bad files' });
    const refusing = {
      ...host,
      readFile: async (path: string, rev: string) => {
        if (path === LOGO) throw new HostError('binary', `${LOGO} is a binary file, not a Markdown document`);
        return host.readFile(path, rev);
      },
    };
    const data = await loadDashboardData(refusing, config, { now: new Date('2026-11-10T00:00:00Z'), historySamples: 0 });
    expect(data.report.documents.find((d) => d.source === EN)!.translations).toHaveLength(2);
    expect(data.warnings.filter((w) => w.code === 'document-unreadable').map((w) => w.message)).toEqual([
      `${LOGO} cannot be read and is left out: ${LOGO} is a binary file, not a Markdown document`,
      `${BROKEN}:2 cannot be read and is left out: the frontmatter must be a mapping of keys to values, not string`,
    ]);
  });
});
