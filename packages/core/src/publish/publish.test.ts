import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { parseConfigText } from '../config.js';
import { PUBLISH_MESSAGES } from './messages.js';
import { englishHref } from './notice.js';
import { englishPathOf, englishSourceLoader, localePagePath, pageText } from './page-source.js';
import { planPublication, publishRulesFor } from './publish-plan.js';
import { SEED_HISTORY, syncedSeeds, UPDATED_AT } from './test-seeds.js';

const LANGUAGES = ['en', 'fr', 'nl'];

/** messages.ts as generated from the `publish` namespace of locales/<lng>/i18n-drift.json. */
function generatedMessages(): string {
  const lines = [
    '// Generated from locales/<lng>/i18n-drift.json (the `publish` namespace) by publish.test.ts',
    "// with UPDATE=1: the plugins run inside other sites' builds, where this repository's locales/ is not.",
    '// Edit the JSON, not this file.',
    '',
    "/** The notices' strings per language, as in `locales/<lng>/i18n-drift.json` under `publish`. */",
    'export const PUBLISH_MESSAGES: Readonly<Record<string, Readonly<Record<string, string>>>> = {',
  ];
  for (const lng of LANGUAGES) {
    const json = JSON.parse(readFileSync(new URL(`../../../../locales/${lng}/i18n-drift.json`, import.meta.url), 'utf8')) as { publish: Record<string, string> };
    lines.push(`  ${lng}: {`, ...Object.entries(json.publish).map(([key, value]) => `    ${key}: ${JSON.stringify(value)},`), '  },');
  }
  return [...lines, '};', ''].join('\n');
}

describe('publish messages', () => {
  it('are the publish namespace of the tool’s i18n-drift.json files, in every language', () => {
    const file = new URL('./messages.ts', import.meta.url);
    if (process.env['UPDATE']) writeFileSync(file, generatedMessages());
    expect(readFileSync(file, 'utf8')).toBe(generatedMessages());
    const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();
    // Plural forms differ by language (French has `_many`): compare keys without them.
    const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');
    const englishOf = (key: string) => PUBLISH_MESSAGES['en']![key] ?? PUBLISH_MESSAGES['en']![`${base(key)}_other`]!;
    for (const lng of LANGUAGES) {
      expect(new Set(Object.keys(PUBLISH_MESSAGES[lng]!).map(base))).toEqual(new Set(Object.keys(PUBLISH_MESSAGES['en']!).map(base)));
      for (const [key, text] of Object.entries(PUBLISH_MESSAGES[lng]!)) {
        expect(placeholders(text), `${lng} ${key}`).toEqual(placeholders(englishOf(key)));
        if (lng !== 'en') expect(text, `${lng} ${key}`).not.toBe(englishOf(key));
      }
    }
  });
});

describe('planPublication', () => {
  const seeds = syncedSeeds();
  it('places the French stale and missing sections on the lines of their headings, with the date English changed', () => {
    const plan = planPublication({ translation: seeds.translations.fr, source: seeds.english, locale: 'fr', rules: publishRulesFor(null, 'fr'), history: SEED_HISTORY });
    const lines = seeds.translations.fr.split('\n');
    const visitor = plan.sections.find((s) => s.id === 'visitor-data')!;
    expect(lines[visitor.line - 1]).toBe('##### Visitor data');
    expect(lines[visitor.bodyLine - 1]).toMatch(/^<!-- i18n-drift:stale section="visitor-data"/);
    expect(visitor).toMatchObject({ kind: 'stale', action: 'notice', notice: true, since: UPDATED_AT, sinceDate: '2026-11-20T09:30:00Z', markerLines: [visitor.bodyLine] });
    expect(plan.sections.map((s) => [s.id, s.kind])).toEqual([
      ['intro', 'stale'],
      ['visitor-data', 'stale'],
      ['newsletter-data', 'missing'],
    ]);
  });

  it('falls back to a notice when the English section opens other raw HTML than the translation', () => {
    const translation = seeds.translations.fr.replace('</Note>\n\n<Note>\n\n$#### Profile data', '</div>\n\n<Note>\n\n$#### Profile data');
    const plan = planPublication({ translation, source: seeds.english, locale: 'fr', rules: publishRulesFor(null, 'fr', { stale: 'english' }) });
    expect(plan.sections.find((s) => s.id === 'visitor-data')).toMatchObject({ action: 'notice', englishBody: null });
    expect(plan.sections.find((s) => s.id === 'intro')).toMatchObject({ action: 'english' });
  });
});

describe('publishRulesFor', () => {
  it('layers defaults, the locale’s config and the plugin’s overrides, and checks overrides as the config', () => {
    const config = parseConfigText('publish:\n  fr: { stale: english, minCoverage: 0.5 }\n');
    expect(publishRulesFor(config, 'fr', { missing: 'hide', stale: undefined })).toEqual({ stale: 'english', missing: 'hide', minCoverage: 0.5 });
    expect(publishRulesFor(config, 'nl')).toEqual({ stale: 'notice', missing: 'notice', minCoverage: 0 });
    expect(() => publishRulesFor(config, 'fr', { stale: 'hide' as never })).toThrow(new ConfigError('publish.fr.stale', 'expected one of notice, english, keep, got "hide"'));
  });
});

describe('page sources and links', () => {
  it('rebuilds the document from a body and the frontmatter data a generator kept aside', () => {
    expect(pageText('---\ntitle: x\n---\nBody\n', { title: 'x' })).toEqual({ text: '---\ntitle: x\n---\nBody\n', lineOffset: 0 });
    expect(pageText('Body\n', { title: 'x', i18n: { commit: 'c1', sections: { intro: 'h' } } })).toEqual({
      text: '---\ntitle: x\ni18n:\n  commit: c1\n  sections:\n    intro: h\n---\nBody\n',
      lineOffset: 7,
    });
  });

  it('loads the English document a translation’s path maps to, through the caller’s readFile', () => {
    const config = parseConfigText('files: ["docs/{locale}/**/*.md"]\n');
    const read: string[] = [];
    const load = englishSourceLoader({
      config,
      root: '/site/',
      readFile: (path) => {
        read.push(path);
        if (path.endsWith('gone.md')) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
        if (path.endsWith('locked.md')) throw Object.assign(new Error(`EACCES: ${path}`), { code: 'EACCES' });
        return `english of ${path}`;
      },
    });
    expect(load({ path: '/site/docs/fr/guide/setup.md' })).toBe('english of docs/en/guide/setup.md');
    expect(load({ path: 'docs/en/guide/setup.md' })).toBeNull();
    expect(load({ path: '/elsewhere/notes.md' })).toBeNull();
    expect(load({ path: '/site/docs/fr/gone.md' })).toBeNull();
    expect(() => load({ path: '/site/docs/fr/locked.md' })).toThrow(/EACCES: docs\/en\/locked\.md/);
    expect(read).toEqual(['docs/en/guide/setup.md', 'docs/en/gone.md', 'docs/en/locked.md']);
    expect(englishPathOf({ config, root: '/site' })({ path: '/site/docs/nl/a.md' })).toBe('docs/en/a.md');
    expect(englishPathOf({ config })({ path: 'notes/a.md' })).toBeNull();
  });

  it('fills URL patterns, dropping the anchor for the page as a whole', () => {
    const plan = { locale: 'fr', sourceLocale: 'en' };
    expect(localePagePath('/site/docs/fr/guide/setup.md', 'fr')).toBe('guide/setup');
    expect(englishHref(plan, 'visitor-data', { path: 'your-data' })).toBe('/en/your-data#visitor-data');
    expect(englishHref(plan, null, { path: 'your-data' })).toBe('/en/your-data');
    expect(englishHref(plan, 'a b', { path: 'p', englishUrl: 'https://x.org/{sourceLocale}/{path}/?from={locale}#{id}' })).toBe('https://x.org/en/p/?from=fr#a%20b');
    expect(englishHref(plan, 'id', { englishUrl: (t) => `/docs/${t.id}` })).toBe('/docs/id');
  });
});
