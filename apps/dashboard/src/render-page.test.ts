import { describe, expect, it } from 'vitest';
import { fixtureData } from './test-report.js';
import { renderPage } from './render-page.js';
import { interfaceLanguages } from './interface-strings.js';
import type { DashboardRoute } from './types.js';

const routes: DashboardRoute[] = [
  { page: 'overview' },
  { page: 'document', source: 'locales/en/your-data.md' },
  { page: 'document', source: 'locales/en/<b>evil</b>.md' },
  { page: 'locale', locale: 'fr' },
  { page: 'locale', locale: 'nl' },
];

/** Text of the elements matching a simple `<tag class="x">…</tag>` (no nesting of the same tag). */
const texts = (page: string, re: RegExp) => [...page.matchAll(re)].map((m) => (m[1] as string).replace(/<[^>]+>/g, ''));

describe('renderPage', () => {
  it('escapes every repository text: no markup from headings, titles or paths', () => {
    for (const route of routes) {
      for (const lang of interfaceLanguages()) {
        const page = renderPage(fixtureData(), route, { lang, basePath: '' });
        expect(page).not.toContain('<script>');
        expect(page).not.toContain('<img');
        expect(page).not.toContain('<b>evil');
      }
    }
    const doc = renderPage(fixtureData(), { page: 'document', source: 'locales/en/<b>evil</b>.md' }, { lang: 'en', basePath: '' });
    expect(doc).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(doc).toContain('<h1>&lt;img src=x onerror=alert(1)&gt;</h1>');
  });

  it('shows each matrix cell with its section share, word share and counts', () => {
    const page = renderPage(fixtureData(), { page: 'overview' }, { lang: 'en', basePath: '' });
    const cells = texts(page, /<td class="cell band-[a-z]+" data-locale="[^"]+" data-current[^>]*>(.*?)<\/td>/g);
    expect(cells).toEqual([
      '60% 50.2% of words1 stale · 1 untranslated40 days · 3 commits behind',
      '60% 53.6% of words1 stale · 1 missing2 days · 1 commit behind',
      '50% 71.4% of words1 missing',
      '— no translation file2 missing',
    ]);
    expect(page).toContain('class="cell band-medium"');
    expect(page).toContain('class="cell band-absent"');
  });

  it('writes the interface in the requested language, with a switch to the others', () => {
    const fr = renderPage(fixtureData(), { page: 'overview' }, { lang: 'fr', basePath: '/i18n-drift' });
    expect(fr).toContain('<html lang="fr">');
    expect(fr).toContain('<h1>Couverture des traductions</h1>');
    expect(fr).toContain('<a href="/i18n-drift/?lang=nl" hreflang="nl" lang="nl">Nederlands</a>');
    const nl = renderPage(fixtureData(), { page: 'locale', locale: 'fr' }, { lang: 'nl', basePath: '/' });
    expect(nl).toContain('<html lang="nl">');
    expect(nl).toContain('3 secties wachten');
    expect(nl).toContain('<p class="lead">57,1% van de secties en 51,1% van de woorden actueel · 1 verouderd · 1 ontbrekend · 1 onvertaald · Oudste verouderde: 40 dagen · 3 commits achter · <a class="pr"');
    expect(nl).toContain('href="/locale/fr?lang=en"');
  });

  it('falls back to English for an unknown interface language', () => {
    expect(renderPage(fixtureData(), { page: 'overview' }, { lang: 'xx', basePath: '' })).toContain('<html lang="en">');
  });

  it('never shows a bare translation key in any language', () => {
    for (const route of routes) {
      for (const lang of interfaceLanguages()) {
        const visible = renderPage(fixtureData(), route, { lang, basePath: '' }).replace(/<[^>]+>/g, ' ').replaceAll('coverage.json', '');
        expect(visible).not.toMatch(/\b(app|nav|overview|column|coverage|count|state|stale|commit|diff|pullRequest|document|locale|chart|footer|warnings|notFound)\.[a-zA-Z-]+\b/);
      }
    }
  });

  it('puts the English word diff of a stale section in a details element with ins/del', () => {
    const doc = renderPage(fixtureData(), { page: 'document', source: 'locales/en/your-data.md' }, { lang: 'en', basePath: '' });
    const details = doc.match(/<details><summary>English changes since <code>a1b2c3d<\/code> \(fr, nl\)<\/summary>(.*?)<\/details>/s);
    expect(details).not.toBeNull();
    expect(details![1]).toContain('<del><span class="sr-only">[removed: </span>6<span class="sr-only">]</span></del>');
    expect(details![1]).toContain('<ins><span class="sr-only">[added: </span>3<span class="sr-only">]</span></ins>');
    expect(doc).toContain('<a class="pr" href="https://github.com/o/r/pull/12">Pull request #12</a>');
    expect(doc).toContain('href="https://github.com/o/r/commit/ffeeddccbbaa99887766554433221100ffeeddcc"');
  });

  it('lists the sections of a document in English order with a state per locale', () => {
    const doc = renderPage(fixtureData(), { page: 'document', source: 'locales/en/your-data.md' }, { lang: 'en', basePath: '' });
    const ids = [...doc.matchAll(/<code>#([^<]+)<\/code>/g)].map((m) => m[1]);
    expect(ids).toEqual(['frontmatter.title', 'intro', 'visitor-data', 'profile-data', 'model-data']);
    const states = [...doc.matchAll(/<span class="state state-([a-z]+)">/g)].map((m) => m[1]);
    expect(states).toEqual(['current', 'current', 'current', 'current', 'stale', 'stale', 'current', 'missing', 'untranslated', 'current']);
  });

  it('lists what waits for a locale oldest first', () => {
    const page = renderPage(fixtureData(), { page: 'locale', locale: 'fr' }, { lang: 'en', basePath: '' });
    const rows = [...page.matchAll(/<code>#([^<]+)<\/code>/g)].map((m) => m[1]);
    expect(rows).toEqual(['visitor-data', 'script', 'model-data']);
    expect(page).toContain('<h2 id="waiting-heading">3 sections waiting</h2>');
  });

  it('does not link a pull request or commit whose URL is not http(s)', () => {
    const data = fixtureData();
    data.pullRequests.fr = { number: 3, url: 'javascript:alert(1)' };
    data.commitUrls[Object.keys(data.commitUrls)[0]!] = 'javascript:alert(2)';
    for (const route of routes) expect(renderPage(data, route, { lang: 'en', basePath: '' })).not.toMatch(/href="javascript:/);
  });

  it('renders a not-found page naming (escaped) what was asked for', () => {
    const page = renderPage(fixtureData(), { page: 'document', source: '<x>.md' }, { lang: 'en', basePath: '' });
    expect(page).toContain('<h1>Page not found</h1>');
    expect(page).toContain('<code>&lt;x&gt;.md</code>');
  });

  it('shows a file whose frontmatter cannot be read', () => {
    const data = fixtureData();
    data.report.documents[0]!.translations[0]!.invalid = { line: 3, reason: 'bad YAML <here>' };
    const page = renderPage(data, { page: 'overview' }, { lang: 'en', basePath: '' });
    expect(page).toContain('Cannot be read (line 3): bad YAML &lt;here&gt;');
  });

  it('shows warnings in the page language', () => {
    const data = fixtureData();
    data.warnings.push({ code: 'history-unavailable', params: { reason: 'shallow clone' }, message: 'Coverage over time is not available: shallow clone' });
    expect(renderPage(data, { page: 'overview' }, { lang: 'fr', basePath: '' })).toContain('L’évolution de la couverture n’est pas disponible : shallow clone');
  });
});
