import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import rehypeStringify from 'rehype-stringify';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import type { Root } from 'mdast';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { ConfigError, parseConfigText, type PublishPageData } from '@i18n-drift/core';
import { englishAndHideProblem, escapingCase, expectGoldenPage as golden, goldenPage, noticesIn as notices, retentionSynced, sectionAfter as after, SEED_HISTORY, syncedSeeds } from '../../core/src/publish/test-seeds.js';
import { remarkI18nDrift, type RemarkI18nDriftOptions } from './index.js';

const seeds = syncedSeeds();


/** The pipeline Astro runs on Markdown: remark, then rehype with raw HTML passed through. */
function render(value: string, options: RemarkI18nDriftOptions, file: Partial<VFile> = {}): { html: string; file: VFile } {
  const vfile = new VFile({ value, path: '/site/docs/fr/your-data.md', ...file });
  const processor = unified().use(remarkParse).use(remarkI18nDrift, options).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeStringify, { allowDangerousHtml: true });
  const html = String(processor.processSync(vfile));
  return { html, file: vfile };
}

const base = (locale: 'fr' | 'nl'): RemarkI18nDriftOptions => ({ locale, englishSource: seeds.english, history: SEED_HISTORY });

describe('remark plugin on the seeds synced after the demo’s English update', () => {
  it('puts a French stale notice right under “Visitor data”, linking to the English section, with the date English changed', () => {
    const { html } = render(seeds.translations.fr, base('fr'));
    golden('your-data.fr', html);
    const section = after(html, 'Visitor data');
    expect(section.trimStart().startsWith('<aside role="note" class="i18n-drift-notice" data-i18n-drift="stale" data-section="visitor-data" lang="fr">')).toBe(true);
    expect(section).toContain('Cette section a été modifiée en anglais depuis sa traduction. Version anglaise mise à jour le 20 novembre 2026.');
    expect(section).toContain('<a href="/en/your-data#visitor-data" hreflang="en">Lire « Visitor data » en anglais</a>');
    expect(section).toContain('Nous conservons ces données de suivi pendant 6 mois.');
    expect(after(html, 'Newsletter data')).toContain('data-i18n-drift="missing" data-section="newsletter-data" lang="fr"');
  });

  it('speaks Dutch on the Dutch page, and English for a locale it has no strings for', () => {
    const { html } = render(seeds.translations.nl, { ...base('nl'), englishUrl: 'https://example.org/{sourceLocale}/{path}.html#{id}' }, { path: '/site/docs/nl/your-data.md' });
    golden('your-data.nl', html);
    expect(after(html, 'Visitor data')).toContain('Deze sectie is in het Engels gewijzigd sinds ze werd vertaald. Engelse versie bijgewerkt op 20 november 2026.');
    const de = render(seeds.translations.nl, { ...base('nl'), locale: 'de' }, { path: '/site/docs/de/your-data.md' }).html;
    expect(after(de, 'Visitor data')).toContain('lang="en"><p>This section has changed in English since it was translated. English updated on November 20, 2026.');
  });

  it('uses the site’s own strings over the bundled ones', () => {
    const { html } = render(seeds.translations.fr, { ...base('fr'), messages: { fr: { stale: 'Section à revoir.' } } });
    expect(after(html, 'Visitor data')).toContain('<p>Section à revoir. Version anglaise mise à jour le 20 novembre 2026.');
  });

  it('shows the current English in place of the stale translation with `stale: english`, and drops the missing section with `missing: hide`', () => {
    const { html, file } = render(seeds.translations.fr, { ...base('fr'), stale: 'english', missing: 'hide' });
    golden('your-data.fr.english-hide', html);
    expect(englishAndHideProblem(html)).toBeNull();
    expect(file.data.i18nDrift?.outdated.map((o) => [o.id, o.action])).toEqual([
      ['intro', 'english'],
      ['visitor-data', 'english'],
      ['newsletter-data', 'hide'],
    ]);
  });

  it('renders the same notices as the markdown-it plugin', () => {
    const config = parseConfigText('publish:\n  fr: { stale: english, missing: hide }\n');
    const remark = notices(render(seeds.translations.fr, { ...base('fr'), config }).html);
    expect(remark).toHaveLength(2);
    expect(remark).toEqual(notices(goldenPage('your-data.fr.english-hide')));
    expect(() => render(seeds.translations.fr, { ...base('fr'), missing: 'english' as never })).toThrow(ConfigError);
  });

  it('shows no notice where the translation is current', () => {
    const retention = retentionSynced();
    const { html } = render(retention.translation, { locale: 'fr', englishSource: retention.english });
    expect(notices(html).map((n) => /data-section="([^"]*)"/.exec(n)![1])).toEqual(['visitor-data']);
  });

  it('puts one notice at the top of a page below minCoverage, and exposes coverage in file data and Astro’s frontmatter', () => {
    const frontmatter: Record<string, unknown> = {};
    const { html, file } = render(seeds.translations.fr, { ...base('fr'), minCoverage: 0.5 }, { data: { astro: { frontmatter } } });
    expect(notices(html)).toHaveLength(1);
    expect(html.indexOf('data-i18n-drift="coverage"')).toBeLessThan(html.indexOf('Pour plus de clarté'));
    expect(notices(html)[0]).toContain('0 section sur 4 correspond à la version anglaise actuelle.');
    const data = file.data.i18nDrift as PublishPageData;
    expect(data).toMatchObject({ locale: 'fr', pageNotice: true, coverage: { total: 4, current: 0, stale: 2, missing: 1, untranslated: 1, share: 0 } });
    expect(frontmatter['i18nDrift']).toBe(data);
  });

  it('places notices the same when the generator strips the frontmatter and keeps its data aside (Astro content collections, Docusaurus)', () => {
    const text = seeds.translations.fr;
    const end = text.indexOf('\n---\n') + 5;
    const pins = { commit: /commit: (\S+)/.exec(text)![1], sections: Object.fromEntries([...text.matchAll(/^ {4}(\S+): (\S+)$/gm)].map((m) => [m[1], m[2]])) };
    const whole = render(text, base('fr')).html;
    for (const data of [{ astro: { frontmatter: { title: 'x', i18n: pins } } }, { frontMatter: { title: 'x', i18n: pins } }]) {
      const stripped = render(text.slice(end), base('fr'), { data }).html;
      expect(notices(stripped)).toEqual(notices(whole));
      expect(after(stripped, 'Visitor data')).toBe(after(whole, 'Visitor data'));
    }
  });

  it('keeps the frontmatter node first with remark-frontmatter (Eleventy, plain unified), the page notice right after it', () => {
    const tree = unified().use(remarkParse).use(remarkFrontmatter).use(remarkI18nDrift, { ...base('fr'), minCoverage: 1 });
    const file = new VFile({ value: seeds.translations.fr, path: '/site/docs/fr/your-data.md' });
    const root = tree.runSync(tree.parse(file), file) as Root;
    expect(root.children.slice(0, 2).map((node) => node.type)).toEqual(['yaml', 'i18nDriftNotice']);
    const sectioned = unified().use(remarkParse).use(remarkFrontmatter).use(remarkI18nDrift, base('fr')).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeStringify, { allowDangerousHtml: true });
    const html = String(sectioned.processSync(new VFile({ value: seeds.translations.fr, path: '/site/docs/fr/your-data.md' })));
    expect(notices(html)).toEqual(notices(render(seeds.translations.fr, base('fr')).html));
  });

  it('takes the frontmatter from the `frontmatter` option when the generator keeps it elsewhere', () => {
    const text = seeds.translations.fr;
    const body = text.slice(text.indexOf('\n---\n') + 5);
    const pins = { commit: /commit: (\S+)/.exec(text)![1], sections: Object.fromEntries([...text.matchAll(/^ {4}(\S+): (\S+)$/gm)].map((m) => [m[1], m[2]])) };
    const { html } = render(body, { ...base('fr'), frontmatter: (file) => (file.data as { custom?: Record<string, unknown> }).custom }, { data: { custom: { title: 'x', i18n: pins } } });
    expect(notices(html)).toEqual(notices(render(text, base('fr')).html));
  });

  it('leaves English pages and pages without a locale alone', () => {
    const plain = (text: string) => String(unified().use(remarkParse).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeStringify, { allowDangerousHtml: true }).processSync(text));
    expect(render(seeds.english, { locale: 'en', englishSource: seeds.english }).html).toBe(plain(seeds.english));
    expect(render(seeds.translations.fr, {}, { path: '/somewhere/page.md' }).html).toBe(plain(seeds.translations.fr));
  });

  it('finds the locale from the config’s patterns and the English source with the loader', () => {
    const config = parseConfigText('files: ["docs/{locale}/**/*.md"]\n');
    const read: string[] = [];
    const { html } = render(seeds.translations.fr, {
      config,
      englishSource: (page) => (read.push(`${page.locale} ${page.path}`), seeds.english),
    });
    expect(read).toEqual(['fr /site/docs/fr/your-data.md']);
    expect(notices(html)).toHaveLength(3);
  });

  it('leaves a page whose frontmatter cannot be read as it is, with a vfile message naming the line', () => {
    const broken = '---\ni18n: [\n---\n\n## A\n<!-- i18n-drift:stale section="a" -->\n';
    const { html, file } = render(broken, { locale: 'fr' }, { path: '/site/docs/fr/a.md' });
    expect(notices(html)).toEqual([]);
    expect(file.messages.map((m) => [m.source, m.ruleId, m.fatal])).toEqual([['i18n-drift', 'frontmatter', false]]);
    expect(file.messages[0]!.reason).toMatch(/^i18n-drift: \/site\/docs\/fr\/a\.md: frontmatter, line 2: /);
  });

  it('escapes headings and attributes', () => {
    const escaping = escapingCase();
    const { html } = render(escaping.translation, { locale: 'fr', englishSource: escaping.english, englishUrl: escaping.englishUrl });
    const [notice] = notices(html);
    expect(notice).toContain('Lire « Data &#x3C;script>alert(1)&#x3C;/script> &#x26; "you" » en anglais');
    expect(notice).toContain('href="/en/page?x=&#x22;1&#x22;&#x26;y=<2>#data-scriptalert1script--you"');
    expect(notice).not.toContain('<script>');
  });
});

describe('i18n-drift.css', () => {
  it('is the same file in both plugin packages (they write the same notices)', () => {
    const css = (pkg: string) => readFileSync(new URL(`../../${pkg}/i18n-drift.css`, import.meta.url), 'utf8');
    expect(css('remark')).toBe(css('markdown-it'));
    expect(css('remark')).toContain('.i18n-drift-notice[data-i18n-drift="missing"]');
  });
});
