import { describe, expect, it } from 'vitest';
import { fileSlugs, normaliseBasePath, servedLinks, staticLinks, staticPagePath, type StaticLayout } from './links.js';

describe('servedLinks', () => {
  it('builds links under a base path with the language in the query', () => {
    const links = servedLinks('i18n-drift/');
    expect(links.page({ page: 'overview' }, 'fr')).toBe('/i18n-drift/?lang=fr');
    expect(links.page({ page: 'document', source: 'docs/a b/<x>.md' }, 'en')).toBe('/i18n-drift/doc/docs/a%20b/%3Cx%3E.md?lang=en');
    expect(links.page({ page: 'locale', locale: 'pt-BR' }, 'nl')).toBe('/i18n-drift/locale/pt-BR?lang=nl');
    expect(links.asset('coverage.json')).toBe('/i18n-drift/coverage.json');
  });

  it('normalises base paths', () => {
    expect([undefined, '', '/', 'x', '/x/', '/x//'].map(normaliseBasePath)).toEqual(['', '', '', '/x', '/x', '/x']);
  });
});

describe('fileSlugs', () => {
  it('keeps only safe characters, no leading dot, unique even ignoring case', () => {
    const slugs = fileSlugs(['docs/A.md', 'docs/a.md', 'docs-a.md', '../../etc/passwd', '.hidden', 'x', 'x']);
    expect([...slugs.values()]).toEqual(['docs-A.md', 'docs-a.md-2', 'docs-a.md-3', 'etc-passwd', 'hidden', 'x']);
    for (const slug of slugs.values()) expect(slug).toMatch(/^[A-Za-z0-9_][A-Za-z0-9._-]*$/);
  });
});

describe('static layout', () => {
  const layout: StaticLayout = { defaultLang: 'en', documents: fileSlugs(['docs/a.md']), locales: fileSlugs(['fr']) };

  it('puts the default language at the root and the others in a folder', () => {
    expect(staticPagePath(layout, { page: 'overview' }, 'en')).toBe('index.html');
    expect(staticPagePath(layout, { page: 'document', source: 'docs/a.md' }, 'fr')).toBe('fr/doc/docs-a.md.html');
    expect(staticPagePath(layout, { page: 'locale', locale: 'fr' }, 'nl')).toBe('nl/locale/fr.html');
  });

  it('links relatively from where the page is', () => {
    const links = staticLinks(layout, 'fr/doc/docs-a.md.html');
    expect(links.page({ page: 'overview' }, 'en')).toBe('../../index.html');
    expect(links.page({ page: 'locale', locale: 'fr' }, 'fr')).toBe('../../fr/locale/fr.html');
    expect(links.asset('dashboard.css')).toBe('../../dashboard.css');
    expect(staticLinks(layout, 'index.html').page({ page: 'document', source: 'docs/a.md' }, 'en')).toBe('doc/docs-a.md.html');
  });
});
