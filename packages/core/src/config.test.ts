import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { outdent } from 'outdent';
import fc from 'fast-check';
import { DEFAULT_CONFIG, isLocaleCode, localeProblem, parseConfig, parseConfigText } from './config.js';
import { ConfigError } from './errors.js';

/** The ConfigError `fn` throws (fails the test if it throws anything else or nothing). */
function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfigText', () => {
  it('reads this repository’s own config', () => {
    const text = readFileSync(new URL('../../../.github/i18n-drift.yml', import.meta.url), 'utf8');
    expect(parseConfigText(text)).toEqual({ ...DEFAULT_CONFIG, files: ['locales/{locale}/**/*.md', 'locales/{locale}/i18n-drift.json'] });
  });

  it('gives the defaults for no file, an empty file and a comments-only file', () => {
    for (const text of [null, '', '   \n', '# nothing yet\n']) {
      expect(parseConfigText(text)).toEqual(DEFAULT_CONFIG);
    }
  });

  it('reads every key', () => {
    const config = parseConfigText(outdent`
      sourceLocale: en-GB
      locales: [fr, nl, pt-BR]
      files:
        - docs/**/{locale}.md
        - content/{locale}/*.mdx
      frontmatterKeys: [title]
      translators:
        fr: ['@octocat', hubot]
      labels:
        nl: [translation, dutch]
      branchPrefix: l10n/
      skipKeywords: ['[skip l10n]', '[i18n skip]']
    `);
    expect(config).toEqual({
      sourceLocale: 'en-GB',
      locales: ['fr', 'nl', 'pt-BR'],
      files: ['docs/**/{locale}.md', 'content/{locale}/*.mdx'],
      frontmatterKeys: ['title'],
      translators: { fr: ['octocat', 'hubot'] },
      labels: { nl: ['translation', 'dutch'] },
      branchPrefix: 'l10n/',
      skipKeywords: ['[skip l10n]', '[i18n skip]'],
    });
  });

  it('ignores Probot’s _extends (the GitHub App resolves it)', () => {
    expect(parseConfigText('_extends: .github\nlocales: [fr]\n')).toEqual({ ...DEFAULT_CONFIG, locales: ['fr'] });
  });

  it('treats an empty YAML value as left out', () => {
    expect(parseConfigText('locales:\ntranslators:\n')).toEqual(DEFAULT_CONFIG);
  });

  it('reports invalid YAML with key (yaml) and the line', () => {
    const error = configError(() => parseConfigText('sourceLocale: en\nlocales: [fr,\n  nl: x\n'));
    expect(error.key).toBe('(yaml)');
    expect(error.reason).toMatch(/line \d+/);
    const duplicate = configError(() => parseConfigText('sourceLocale: en\nsourceLocale: fr\n'));
    expect(duplicate.key).toBe('(yaml)');
    expect(duplicate.reason).toContain('line 2');
  });

  it.each([
    ['a glob item', 'files:\n  - **/{locale}.md\n', 'line 2: quote the pattern, - "**/{locale}.md"'],
    ['a bare alias item', 'files:\n  - *.md\n', 'line 2: quote the pattern, - "*.md"'],
    ['a glob value', 'sourceLocale: en\nfiles: {locale}/**/*.md\n', 'line 2: quote the pattern, files: "{locale}/**/*.md"'],
  ])('hints to quote an unquoted pattern (%s)', (_, yaml, hint) => {
    const error = configError(() => parseConfigText(yaml));
    expect(error.key).toBe('(yaml)');
    expect(error.reason).toContain(hint);
    expect(error.reason).toContain('YAML reads * as an alias and { as a mapping');
  });

  it('gives no quoting hint for other YAML errors', () => {
    expect(configError(() => parseConfigText('sourceLocale: en\nsourceLocale: fr\n')).reason).not.toContain('quote');
    expect(configError(() => parseConfigText('files:\n  - docs/**/{locale}.md\nlocales: [fr,\n  nl: x\n')).reason).not.toContain('quote');
  });

  it('refuses a document that is not a mapping', () => {
    expect(configError(() => parseConfigText('- fr\n- nl\n')).key).toBe('(root)');
    expect(configError(() => parseConfigText('just text')).key).toBe('(root)');
  });
});

describe('parseConfig errors name the key and what is expected', () => {
  const cases: [string, unknown, string, RegExp][] = [
    ['unknown key, with a suggestion', { locale: ['fr'] }, 'locale', /unknown key \(did you mean "locales"\?\)/],
    ['unknown key, no suggestion', { colour: 'red' }, 'colour', /unknown key; expected one of sourceLocale, locales/],
    ['locale with a path', { locales: ['fr', '../x'] }, 'locales.1', /BCP 47.*"\.\.\/x"/],
    ['absolute locale', { locales: ['/abs'] }, 'locales.0', /BCP 47/],
    ['locale with a slash', { locales: ['a/b'] }, 'locales.0', /BCP 47/],
    ['empty locale', { locales: [''] }, 'locales.0', /empty string/],
    ['underscore locale', { locales: ['pt_BR'] }, 'locales.0', /hyphens: "pt-BR"/],
    ['bad source locale', { sourceLocale: '..' }, 'sourceLocale', /BCP 47/],
    ['source locale not a string', { sourceLocale: 3 }, 'sourceLocale', /expected a string, got the number 3/],
    ['locales not a list', { locales: 'fr' }, 'locales', /expected a list, got "fr"/],
    ['source locale among targets', { locales: ['fr', 'en'] }, 'locales.1', /source locale/],
    ['duplicate locale', { locales: ['fr', 'fr'] }, 'locales.1', /twice/],
    ['pattern without placeholder', { files: ['docs/*.md'] }, 'files.0', /\{locale\}" exactly once/],
    ['pattern with two placeholders', { files: ['{locale}/{locale}.md'] }, 'files.0', /exactly once/],
    ['absolute pattern', { files: ['/etc/{locale}/*.md'] }, 'files.0', /relative/],
    ['pattern climbing out', { files: ['../{locale}/*.md'] }, 'files.0', /"\.\."/],
    ['pattern climbing out midway', { files: ['docs/../../{locale}.md'] }, 'files.0', /"\.\."/],
    ['no patterns', { files: [] }, 'files', /at least 1/],
    ['reserved frontmatter key', { frontmatterKeys: ['title', 'i18n'] }, 'frontmatterKeys.1', /pins/],
    ['translators for a bad locale', { translators: { '../x': ['octocat'] } }, 'translators.../x', /locale codes as keys/],
    ['translators for an unconfigured locale', { locales: ['fr'], translators: { de: ['octocat'] } }, 'translators.de', /configured locales \(fr\)/],
    ['translator not a login', { translators: { fr: ['not a login'] } }, 'translators.fr.0', /GitHub login/],
    ['translators not a list', { translators: { fr: 'octocat' } }, 'translators.fr', /expected a list/],
    ['labels not a mapping', { labels: ['x'] }, 'labels', /expected a mapping/],
    ['empty label', { labels: { fr: [''] } }, 'labels.fr.0', /label/],
    ['branch prefix with ..', { branchPrefix: 'a..b/' }, 'branchPrefix', /branch-name prefix/],
    ['branch prefix with a space', { branchPrefix: 'my prefix/' }, 'branchPrefix', /branch-name prefix/],
    ['empty skip keyword', { skipKeywords: [' '] }, 'skipKeywords.0', /empty/],
  ];
  for (const [name, input, key, reason] of cases) {
    it(name, () => {
      const error = configError(() => parseConfig(input));
      expect(error.key).toBe(key);
      expect(error.reason).toMatch(reason);
      expect(error.message).toBe(`${key}: ${error.reason}`);
    });
  }

  it('never crashes on odd input', () => {
    for (const input of [42, 'text', [1, 2], true, { files: [null] }, { translators: { fr: [null] } }, { locales: [{}] }]) {
      expect(() => parseConfig(input)).toThrow(ConfigError);
    }
  });
});

describe('locales', () => {
  it('fills discovered locales when locales is left out', () => {
    const config = parseConfig({}, { discoveredLocales: ['nl', 'en', 'fr', '../x', 'nl'] });
    expect(config.locales).toEqual(['fr', 'nl']);
  });

  it('keeps configured locales over discovered ones', () => {
    expect(parseConfig({ locales: ['de'] }, { discoveredLocales: ['fr'] }).locales).toEqual(['de']);
  });

  it('accepts real tags and refuses paths', () => {
    for (const code of ['en', 'fr', 'pt-BR', 'zh-Hant-TW', 'es-419', 'sr-Latn']) expect(isLocaleCode(code)).toBe(true);
    for (const code of ['../x', '/abs', 'a/b', '', '.', 'en/../..', 'fr ', 'x-private', 'english', 'fr-', 'en\0']) {
      expect(isLocaleCode(code), code).toBe(false);
      expect(localeProblem(code)).toMatch(/BCP 47/);
    }
  });
});

describe('properties', () => {
  it('gives a Config or a ConfigError naming a key, for any input', () => {
    const value = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }));
    const keys = fc.constantFrom('sourceLocale', 'locales', 'files', 'frontmatterKeys', 'translators', 'labels', 'branchPrefix', 'skipKeywords', 'other');
    fc.assert(
      fc.property(fc.dictionary(keys, value, { maxKeys: 5 }), (input) => {
        try {
          const config = parseConfig(input);
          expect(config.files.every((pattern) => pattern.split('{locale}').length === 2)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
          expect((error as ConfigError).key.length).toBeGreaterThan(0);
          expect((error as ConfigError).reason.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never accepts a locale code that could leave a folder', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (code) => {
        if (isLocaleCode(code)) expect(code).toMatch(/^[A-Za-z0-9-]+$/);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('publish', () => {
  it('reads per-locale rules and fills each left-out rule with its default', () => {
    const config = parseConfigText(outdent`
      locales: [fr, nl]
      publish:
        fr: { stale: english, missing: hide, minCoverage: 0.5 }
        nl: { minCoverage: 1 }
    `);
    expect(config.publish).toEqual({
      fr: { stale: 'english', missing: 'hide', minCoverage: 0.5 },
      nl: { stale: 'notice', missing: 'notice', minCoverage: 1 },
    });
    expect(parseConfigText('locales: [fr]\n').publish).toBeUndefined();
  });

  const cases: [string, unknown, string, RegExp][] = [
    ['unknown stale rule', { publish: { fr: { stale: 'hide' } } }, 'publish.fr.stale', /expected one of notice, english, keep, got "hide"/],
    ['unknown missing rule', { publish: { fr: { missing: 'english' } } }, 'publish.fr.missing', /expected one of notice, hide, got "english"/],
    ['coverage as a percentage', { publish: { fr: { minCoverage: 80 } } }, 'publish.fr.minCoverage', /between 0 and 1 such as 0\.8, got the number 80/],
    ['coverage not a number', { publish: { fr: { minCoverage: '50%' } } }, 'publish.fr.minCoverage', /expected a number, got "50%"/],
    ['unknown rule key', { publish: { fr: { stal: 'notice' } } }, 'publish.fr.stal', /unknown key/],
    ['rules not a mapping', { publish: { fr: 'english' } }, 'publish.fr', /expected a mapping, got "english"/],
    ['bad locale key', { publish: { '../x': {} } }, 'publish.../x', /locale codes as keys/],
    ['unconfigured locale', { locales: ['fr'], publish: { de: {} } }, 'publish.de', /configured locales \(fr\)/],
  ];
  for (const [name, input, key, reason] of cases) {
    it(`refuses ${name}, naming the key`, () => {
      const error = configError(() => parseConfig(input));
      expect(error.key).toBe(key);
      expect(error.reason).toMatch(reason);
    });
  }
});
