import { readFileSync } from 'node:fs';
import MarkdownIt from 'markdown-it';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { outdent } from 'outdent';
import { ConfigError, parseConfigText, type PublishPageData, type PublishWarning } from '@i18n-drift/core';
import { englishAndHideProblem, escapingCase, expectGoldenPage as golden, noticesIn as notices, retentionSynced, sectionAfter as after, SEED_HISTORY, syncedSeeds } from '../../core/src/publish/test-seeds.js';
import { i18nDrift, type MarkdownItI18nDriftOptions } from './index.js';

const seeds = syncedSeeds();


function render(text: string, options: MarkdownItI18nDriftOptions, env: Record<string, unknown> = {}): { html: string; env: Record<string, unknown> } {
  const md = new MarkdownIt({ html: true }).use(i18nDrift, options);
  return { html: md.render(text, env), env };
}

const base = (locale: 'fr' | 'nl'): MarkdownItI18nDriftOptions => ({ locale, englishSource: seeds.english, history: SEED_HISTORY });


describe('markdown-it plugin on the seeds synced after the demo’s English update', () => {
  it('puts a French stale notice right under “Visitor data”, linking to the English section, with the date English changed', () => {
    const { html } = render(seeds.translations.fr, base('fr'), { relativePath: 'fr/your-data.md' });
    golden('your-data.fr', html);
    const section = after(html, 'Visitor data');
    expect(section.trimStart().startsWith('<aside role="note" class="i18n-drift-notice" data-i18n-drift="stale" data-section="visitor-data" lang="fr">')).toBe(true);
    expect(section).toContain('Cette section a été modifiée en anglais depuis sa traduction. Version anglaise mise à jour le 20 novembre 2026.');
    expect(section).toContain('<a href="/en/your-data#visitor-data" hreflang="en">Lire « Visitor data » en anglais</a>');
    // The translation itself is still shown.
    expect(section).toContain('Nous conservons ces données de suivi pendant 6 mois.');
    const missing = after(html, 'Newsletter data');
    expect(missing).toContain('data-i18n-drift="missing" data-section="newsletter-data"');
    expect(missing).toContain('Cette section n’est pas encore traduite.');
  });

  it('speaks Dutch on the Dutch page', () => {
    const { html } = render(seeds.translations.nl, { ...base('nl'), englishUrl: 'https://example.org/{sourceLocale}/{path}.html#{id}' }, { path: '/site/docs/nl/your-data.md' });
    golden('your-data.nl', html);
    expect(after(html, 'Visitor data')).toContain('Deze sectie is in het Engels gewijzigd sinds ze werd vertaald. Engelse versie bijgewerkt op 20 november 2026.');
    expect(after(html, 'Visitor data')).toContain('href="https://example.org/en/your-data.html#visitor-data"');
  });

  it('shows the current English in place of the stale translation with `stale: english`, and drops the missing section with `missing: hide`', () => {
    const { html, env } = render(seeds.translations.fr, { ...base('fr'), stale: 'english', missing: 'hide' }, { relativePath: 'fr/your-data.md' });
    golden('your-data.fr.english-hide', html);
    expect(englishAndHideProblem(html)).toBeNull();
    expect(englishAndHideProblem(render(seeds.translations.fr, base('fr')).html)).toMatch(/lacks/);
    expect((env['i18nDrift'] as PublishPageData).outdated.map((o) => [o.id, o.action])).toEqual([
      ['intro', 'english'],
      ['visitor-data', 'english'],
      ['newsletter-data', 'hide'],
    ]);
  });

  it('takes the rules from the config’s publish key, plugin options winning', () => {
    const config = parseConfigText('publish:\n  fr: { stale: english, missing: hide }\n');
    expect(render(seeds.translations.fr, { ...base('fr'), config }).html).toBe(render(seeds.translations.fr, { ...base('fr'), stale: 'english', missing: 'hide' }).html);
    expect(render(seeds.translations.fr, { ...base('fr'), config, stale: 'keep', missing: 'notice' }).html).not.toContain('data-section="visitor-data"');
    expect(() => render(seeds.translations.fr, { ...base('fr'), minCoverage: 80 })).toThrow(ConfigError);
  });

  it('shows no notice where the translation is current', () => {
    const retention = retentionSynced();
    const { html, env } = render(retention.translation, { locale: 'fr', englishSource: retention.english });
    expect(notices(html).map((n) => /data-section="([^"]*)"/.exec(n)![1])).toEqual(['visitor-data']);
    expect(notices(html)[0]).toContain('Modification anglaise : c1.');
    expect((env['i18nDrift'] as PublishPageData).coverage?.sections).toEqual({ 'frontmatter.title': 'untranslated', intro: 'current', 'visitor-data': 'stale', 'model-data': 'untranslated' });
  });

  it('puts one notice at the top of a page below minCoverage instead of one per section, and exposes coverage in env and frontmatter', () => {
    const env: Record<string, unknown> = { frontmatter: {} };
    const { html } = render(seeds.translations.fr, { ...base('fr'), minCoverage: 0.5 }, env);
    expect(html.startsWith('<aside role="note" class="i18n-drift-notice" data-i18n-drift="coverage" lang="fr">')).toBe(true);
    expect(notices(html)).toHaveLength(1);
    expect(notices(html)[0]).toContain('0 section sur 4 correspond à la version anglaise actuelle.');
    expect(notices(html)[0]).toContain('<a href="/en/" hreflang="en">Lire la page en anglais</a>');
    const data = env['i18nDrift'] as PublishPageData;
    expect(data.pageNotice).toBe(true);
    expect(data.coverage).toMatchObject({ total: 4, current: 0, stale: 2, missing: 1, share: 0 });
    expect((env['frontmatter'] as Record<string, unknown>)['i18nDrift']).toBe(data);
  });

  it('places notices the same when the generator strips the frontmatter and passes its data in env (VitePress)', () => {
    const text = seeds.translations.fr;
    const end = text.indexOf('\n---\n') + 5;
    const frontmatter = { title: 'How we use your personal data', i18n: (readYamlPins(text)) };
    const whole = render(text, base('fr'), { relativePath: 'fr/your-data.md' }).html;
    const stripped = render(text.slice(end), base('fr'), { frontmatter, relativePath: 'fr/your-data.md' }).html;
    expect(notices(stripped)).toEqual(notices(whole));
    expect(notices(stripped)).toHaveLength(3);
    expect(after(stripped, 'Visitor data')).toBe(after(whole, 'Visitor data'));
    expect(after(stripped, 'Newsletter data')).toBe(after(whole, 'Newsletter data'));
  });

  it('reads the markers alone without the English source', () => {
    const { html, env } = render(seeds.translations.fr, { locale: 'fr' });
    expect(notices(html).map((n) => /data-i18n-drift="(\w+)" data-section="([^"]*)"/.exec(n)!.slice(1).join(' '))).toEqual(['stale intro', 'stale visitor-data', 'missing newsletter-data']);
    expect((env['i18nDrift'] as PublishPageData).coverage).toBeNull();
  });

  it('leaves English pages, pages without a locale and pages without pins or markers alone', () => {
    const plain = new MarkdownIt({ html: true });
    expect(render(seeds.english, { locale: 'en', englishSource: seeds.english }).html).toBe(plain.render(seeds.english));
    expect(render(seeds.translations.fr, {}).html).toBe(plain.render(seeds.translations.fr));
    const fr = readFileSync(new URL('../../../locales/fr/privacy.md', import.meta.url), 'utf8');
    expect(render(fr, { locale: 'fr' }).html).toBe(plain.render(fr));
  });

  it('escapes headings and attributes', () => {
    const escaping = escapingCase();
    const { html } = render(escaping.translation, { locale: 'fr', englishSource: escaping.english, englishUrl: escaping.englishUrl });
    const [notice] = notices(html);
    expect(notice).toContain('Lire « Data &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;you&quot; » en anglais');
    expect(notice).toContain('href="/en/page?x=&quot;1&quot;&amp;y=&lt;2&gt;#data-scriptalert1script--you"');
    expect(notice).not.toContain('<script>');
  });

  it('renders a page whose frontmatter cannot be read as it is, and says which file, line and why', () => {
    const broken = '---\ni18n: [\n---\n\n## A\n<!-- i18n-drift:stale section="a" -->\n';
    const warnings: PublishWarning[] = [];
    const { html } = render(broken, { locale: 'fr', onWarning: (warning) => warnings.push(warning) }, { path: 'docs/fr/a.md' });
    expect(html).toBe(new MarkdownIt({ html: true }).render(broken));
    expect(warnings).toMatchObject([{ path: 'docs/fr/a.md', document: 'translation', line: 2 }]);
    expect(warnings[0]!.message).toMatch(/^i18n-drift: docs\/fr\/a\.md: frontmatter, line 2: .+; the page is shown without notices$/);
    const english = render(seeds.translations.fr, { locale: 'fr', englishSource: '---\ntitle: [\n---\n', onWarning: (warning) => warnings.push(warning) }, { path: 'docs/fr/b.md' });
    expect(notices(english.html)).toEqual([]);
    expect(warnings[1]).toMatchObject({ path: 'docs/fr/b.md', document: 'english' });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    onTestFinished(() => warn.mockRestore());
    render(broken, { locale: 'fr' });
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/frontmatter, line 2/));
  });
});

/** The pins as the generator's YAML parser gives them. */
function readYamlPins(text: string): unknown {
  const commit = /commit: (\S+)/.exec(text)![1];
  const sections = Object.fromEntries([...text.matchAll(/^ {4}(\S+): (\S+)$/gm)].map((m) => [m[1], m[2]]));
  return { commit, sections };
}
