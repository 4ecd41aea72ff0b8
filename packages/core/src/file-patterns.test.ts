import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import picomatch from 'picomatch';
import { LOCALE_PATTERN_SOURCE, isLocaleCode, parseConfig } from './config.js';
import { ConfigError } from './errors.js';
import { assertPatternsMatch, discoverLocales, documentOf, isSafeRelativePath, pathFor, sourceDocuments, surveyPaths, targetLocales } from './file-patterns.js';

const seeds = [
  'locales/en/your-data.md',
  'locales/en/passbolt-privacy.md',
  'locales/en/i18n-drift.json',
  'locales/fr/your-data.md',
  'locales/fr/privacy.md',
  'locales/fr/i18n-drift.json',
  'locales/nl/your-data.md',
  'README.md',
];

describe('locales/{locale}/**/*.md', () => {
  const config = parseConfig({});

  it('maps a path to its locale and key', () => {
    expect(documentOf('locales/fr/your-data.md', config)).toEqual({
      locale: 'fr',
      key: 'locales/{locale}/your-data.md',
      pattern: 'locales/{locale}/**/*.md',
    });
    expect(documentOf('locales/pt-BR/legal/terms.md', config)?.key).toBe('locales/{locale}/legal/terms.md');
    expect(documentOf('locales/en/i18n-drift.json', config)).toBeNull();
    expect(documentOf('README.md', config)).toBeNull();
    expect(documentOf('locales/not_a_locale/a.md', config)).toBeNull();
  });

  it('replaces only the locale slot, not a look-alike elsewhere in the path', () => {
    expect(documentOf('locales/fr/fr/fr.md', config)?.key).toBe('locales/{locale}/fr/fr.md');
  });

  it('refuses unsafe paths', () => {
    for (const path of ['locales/fr/../../etc/passwd.md', '/locales/fr/a.md', 'locales\\fr\\a.md', 'locales/fr//a.md', './locales/fr/a.md']) {
      expect(isSafeRelativePath(path)).toBe(false);
      expect(documentOf(path, config), path).toBeNull();
    }
  });

  it('finds paths in another locale', () => {
    expect(pathFor('locales/en/your-data.md', 'fr', config)).toBe('locales/fr/your-data.md');
    expect(pathFor('locales/{locale}/a/b.md', 'nl', config)).toBe('locales/nl/a/b.md');
  });

  it('refuses locales that would escape and paths outside the patterns', () => {
    for (const locale of ['../x', '/abs', 'a/b', '']) {
      expect(() => pathFor('locales/en/your-data.md', locale, config)).toThrow(ConfigError);
    }
    expect(() => pathFor('README.md', 'fr', config)).toThrow(/matching one of the patterns/);
    expect(() => pathFor('locales/{locale}/../../x.md', 'fr', config)).toThrow(/inside the repository/);
  });

  it('discovers locales and source documents', () => {
    expect(discoverLocales(seeds, config)).toEqual(['fr', 'nl']);
    expect(targetLocales(seeds, config)).toEqual(['fr', 'nl']);
    expect(targetLocales(seeds, { ...config, locales: ['de'] })).toEqual(['de']);
    expect(sourceDocuments(seeds, config).map((document) => document.path)).toEqual(['locales/en/passbolt-privacy.md', 'locales/en/your-data.md']);
  });

  it('ignores locales the config does not manage', () => {
    const only = parseConfig({ locales: ['fr'] });
    expect(documentOf('locales/nl/your-data.md', only)).toBeNull();
    expect(documentOf('locales/en/your-data.md', only)?.locale).toBe('en');
  });
});

describe('docs/**/{locale}.md (one folder per document)', () => {
  const config = parseConfig({ files: ['docs/**/{locale}.md'] });
  const paths = ['docs/guide/en.md', 'docs/guide/fr.md', 'docs/api/auth/en.md', 'docs/api/auth/de.md', 'docs/guide/README.md', 'docs/fr.md', 'docs/en.md'];

  it('maps each folder to one document', () => {
    expect(documentOf('docs/api/auth/de.md', config)).toEqual({ locale: 'de', key: 'docs/api/auth/{locale}.md', pattern: 'docs/**/{locale}.md' });
    expect(documentOf('docs/guide/README.md', config)).toBeNull();
    expect(pathFor('docs/guide/en.md', 'pt-BR', config)).toBe('docs/guide/pt-BR.md');
  });

  it('discovers locales and source documents', () => {
    expect(discoverLocales(paths, config)).toEqual(['de', 'fr']);
    expect(sourceDocuments(paths, config).map((document) => [document.path, document.key])).toEqual([
      ['docs/api/auth/en.md', 'docs/api/auth/{locale}.md'],
      ['docs/en.md', 'docs/{locale}.md'],
      ['docs/guide/en.md', 'docs/guide/{locale}.md'],
    ]);
  });
});

describe('several patterns', () => {
  it('uses the first one that matches and keeps its key', () => {
    const config = parseConfig({ files: ['content/{locale}/*.{md,mdx}', 'docs/**/index.{locale}.md'] });
    expect(documentOf('content/fr/a.mdx', config)?.key).toBe('content/{locale}/a.mdx');
    expect(documentOf('docs/x/index.nl.md', config)).toEqual({ locale: 'nl', key: 'docs/x/index.{locale}.md', pattern: 'docs/**/index.{locale}.md' });
    expect(pathFor('docs/x/index.en.md', 'fr', config)).toBe('docs/x/index.fr.md');
  });

  it('compiles once per files list', () => {
    const config = parseConfig({});
    const paths = Array.from({ length: 20_000 }, (_, index) => `locales/${index % 2 ? 'fr' : 'en'}/doc-${index}.md`);
    expect(sourceDocuments(paths, config)).toHaveLength(10_000);
  });
});

describe('matches remembered per path', () => {
  it('gives each caller of documentOf its own copy, and every caller the same answer', () => {
    const config = parseConfig({ files: ['docs/**/{locale}.md'], locales: ['fr'] });
    const first = documentOf('docs/a/fr.md', config)!;
    first.locale = 'nl';
    first.key = 'changed';
    expect(documentOf('docs/a/fr.md', config)).toEqual({ locale: 'fr', key: 'docs/a/{locale}.md', pattern: 'docs/**/{locale}.md' });
    expect(documentOf('docs/a/fr.md', config, 'any')).toEqual({ locale: 'fr', key: 'docs/a/{locale}.md', pattern: 'docs/**/{locale}.md' });
    expect(pathFor('docs/a/fr.md', 'en', config)).toBe('docs/a/en.md');
    expect(sourceDocuments(['docs/a/en.md', 'docs/a/fr.md', 'docs/b/nl.md'], config)).toEqual([{ path: 'docs/a/en.md', locale: 'en', key: 'docs/a/{locale}.md', pattern: 'docs/**/{locale}.md' }]);
    expect(surveyPaths(['docs/a/en.md', 'docs/a/fr.md', 'docs/b/nl.md'], config).locales).toEqual([{ locale: 'fr', files: 1 }]);
    // A locale the config does not manage is no document, asked first or after its match was remembered.
    expect(documentOf('docs/b/nl.md', config)).toBeNull();
  });
});

describe('the locale of a path', () => {
  // The place of the locale as the `d` flag gives it, for any path: what documentOf's key must be built from.
  function reference(path: string, pattern: string): { locale: string; key: string } | null {
    const source = picomatch.makeRe(pattern.replace('{locale}', 'QzLOCALEzQ'), { dot: false }).source;
    const match = new RegExp(source.replace('QzLOCALEzQ', `(?<locale>${LOCALE_PATTERN_SOURCE})`), 'd').exec(path);
    const locale = match?.groups?.['locale'];
    if (!match || locale === undefined || !isLocaleCode(locale)) return null;
    const start = match.indices!.groups!['locale']![0];
    return { locale, key: `${path.slice(0, start)}{locale}${path.slice(start + locale.length)}` };
  }

  it('is found where the pattern puts it, also when the same letters occur elsewhere in the path', () => {
    const patterns = ['docs/**/{locale}.md', 'locales/{locale}/**/*.md', '{locale}/{locale}x/*.md'.replace('{locale}x', 'fr'), 'site/{locale}-*/**/*.md'];
    const segment = fc.constantFrom('fr', 'en', 'nl', 'pt-BR', 'fra', 'fr.md', 'en.md', 'frfr', 'docs', 'locales', 'site', 'fr-x', 'a.md', 'x', 'ffr');
    fc.assert(
      fc.property(fc.constantFrom(...patterns), fc.array(segment, { minLength: 1, maxLength: 6 }), (pattern, segments) => {
        const config = parseConfig({ files: [pattern] });
        const path = segments.join('/');
        const expected = reference(path, pattern);
        const found = documentOf(path, config, 'any');
        expect(found && { locale: found.locale, key: found.key }).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
    const config = parseConfig({ files: ['docs/**/{locale}.md'] });
    expect(documentOf('docs/fr/guide/fr.md', config)).toEqual({ locale: 'fr', key: 'docs/fr/guide/{locale}.md', pattern: 'docs/**/{locale}.md' });
    expect(documentOf('docs/frfr/fr.md', config)?.key).toBe('docs/frfr/{locale}.md');
  });
});

describe('properties', () => {
  it('never resolves a path outside the repository, whatever the locale or path', () => {
    const config = parseConfig({ files: ['locales/{locale}/**/*.md', 'docs/**/{locale}.md'] });
    const segment = fc.constantFrom('..', '.', '', 'fr', 'en', 'a', 'docs', 'locales', 'x.md', 'en.md', '/', '\\');
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 6 }), fc.string({ maxLength: 8 }), (segments, locale) => {
        const path = segments.join('/');
        let out: string | null = null;
        try {
          out = pathFor(path, locale, config);
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
        }
        if (out !== null) {
          expect(isSafeRelativePath(out)).toBe(true);
          expect(documentOf(out, config)?.locale).toBe(locale);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('misconfiguration is visible', () => {
  it('a folder whose files translate no source document is not a locale', () => {
    const config = parseConfig({ files: ['docs/{locale}/**/*.md'] });
    const paths = ['docs/en/a.md', 'docs/en/b.md', 'docs/fr/a.md', 'docs/fr/b.md', 'docs/faq/what.md', 'docs/faq/why.md', 'docs/nl/gone.md'];
    const survey = surveyPaths(paths, config);
    expect(survey.locales).toEqual([{ locale: 'fr', files: 2 }]);
    expect(survey.ignored).toEqual([
      { locale: 'faq', files: 2 },
      { locale: 'nl', files: 1 },
    ]);
    expect(survey.sourceFiles).toBe(2);
    expect(discoverLocales(paths, config)).toEqual(['fr']);
  });

  it('counts files per pattern, the first matching pattern taking the file', () => {
    const config = parseConfig({ files: ['locales/{locale}/*.md', 'locales/{locale}/**/*.md', 'docs/{locale}.md'] });
    const survey = surveyPaths(['locales/en/a.md', 'locales/fr/a.md', 'locales/en/deep/b.md', 'README.md'], config);
    expect(survey.patterns).toEqual([
      { pattern: 'locales/{locale}/*.md', files: 2, sourceDocuments: 1 },
      { pattern: 'locales/{locale}/**/*.md', files: 1, sourceDocuments: 1 },
      { pattern: 'docs/{locale}.md', files: 0, sourceDocuments: 0 },
    ]);
  });

  it.each([
    ['matches no file', ['docs/**/{locale}.md'], ['locales/en/a.md'], 'files.0', '"docs/**/{locale}.md" matches no file'],
    ['matches only translations', ['locales/{locale}/*.md', 'docs/{locale}/*.md'], ['locales/en/a.md', 'docs/fr/a.md'], 'files.1', '"docs/{locale}/*.md" matches 1 file(s) but none in the source locale "en"'],
  ])('a pattern that %s is an error naming it', (_, files, paths, key, reason) => {
    const config = parseConfig({ files });
    let error: unknown;
    try {
      assertPatternsMatch(surveyPaths(paths, config), config);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).key).toBe(key);
    expect((error as ConfigError).reason).toContain(reason);
  });

  it('accepts patterns that each match source documents', () => {
    const config = parseConfig({});
    expect(() => assertPatternsMatch(surveyPaths(seeds, config), config)).not.toThrow();
  });
});

describe('path matches remembered per config', () => {
  it('answers anew when a config gets other patterns, and hands each caller its own object', () => {
    const config = parseConfig({ files: ['docs/{locale}/**/*.md'] });
    const found = documentOf('docs/fr/a.md', config)!;
    found.key = 'changed';
    expect(documentOf('docs/fr/a.md', config)?.key).toBe('docs/{locale}/a.md');
    config.files = ['guide/{locale}/**/*.md'];
    expect(documentOf('docs/fr/a.md', config)).toBeNull();
    expect(documentOf('guide/fr/a.md', config)?.key).toBe('guide/{locale}/a.md');
  });
});

describe('isSafeRelativePath in one pass', () => {
  // The definition it replaced: no absolute or drive path, no backslash or NUL, no '', '.' or '..' segment.
  const bySegments = (path: string) => {
    if (path === '' || path.startsWith('/') || path.includes('\\') || path.includes('\0') || /^[A-Za-z]:/.test(path)) return false;
    return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
  };

  it('agrees with the segment-by-segment definition on any path', () => {
    const char = fc.constantFrom('a', 'é', '.', '/', '\\', '\0', 'C', ':', '-', ' ');
    fc.assert(
      fc.property(fc.array(char, { maxLength: 12 }), (chars) => {
        const path = chars.join('');
        expect(isSafeRelativePath(path)).toBe(bySegments(path));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('a path under patterns of several formats', () => {
  const files = ['locales/{locale}/app.json', { pattern: 'locales/{locale}/**/*', format: 'markdown' }, 'docs/{locale}/**/*.md'];
  // The first pattern that matches decides, and its format.
  const expected: Record<string, [string, 'markdown' | 'i18next'] | null> = {
    'locales/fr/app.json': ['locales/{locale}/app.json', 'i18next'],
    'locales/en/app.json': ['locales/{locale}/app.json', 'i18next'],
    'locales/fr/guide.md': ['locales/{locale}/**/*', 'markdown'],
    'locales/en/notes.txt': ['locales/{locale}/**/*', 'markdown'],
    'docs/en/a.md': ['docs/{locale}/**/*.md', 'markdown'],
    'docs/fr/a.md': ['docs/{locale}/**/*.md', 'markdown'],
    'other/x.md': null,
  };

  it('belongs to the first pattern that matches, asked for by any format and in any order', () => {
    const formats = fc.constantFrom('any', 'markdown', 'i18next') as fc.Arbitrary<'any' | 'markdown' | 'i18next'>;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...Object.keys(expected)), formats), { maxLength: 20 }), (asks) => {
        // A fresh config each run: nothing remembered from an earlier order.
        const config = parseConfig({ files });
        for (const [path, format] of asks) {
          const wanted = expected[path]!;
          expect(documentOf(path, config, format)?.pattern ?? null).toBe(wanted !== null && (format === 'any' || format === wanted[1]) ? wanted[0] : null);
        }
      }),
      { numRuns: 100 },
    );
  });
});
