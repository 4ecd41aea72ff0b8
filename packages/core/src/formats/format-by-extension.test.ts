import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config.js';
import { documentOf, formatOfPattern, pathFor, sourceDocuments, surveyPaths } from '../file-patterns.js';
import { formatByExtension } from './format-by-extension.js';
import { catalogOptionsOf } from './i18next-format.js';

describe('formats of files patterns', () => {
  it('come from the extension: .md, .mdx, .markdown are Markdown, .json i18next, anything else none', () => {
    expect(['docs/**/{locale}.md', 'content/{locale}/*.mdx', 'a/{locale}/*.{md,mdx}', 'x/{locale}.markdown'].map(formatByExtension)).toEqual(['markdown', 'markdown', 'markdown', 'markdown']);
    expect(['locales/{locale}/*.json', 'locales/{locale}/common.JSON'].map(formatByExtension)).toEqual(['i18next', 'i18next']);
    expect(['docs/{locale}/**', 'data/{locale}/*.yml', 'a/{locale}/*.{md,json}', 'a/{locale}/*'].map(formatByExtension)).toEqual([null, null, null, null]);
  });

  it('are named by an entry {pattern, format}, which parseConfig records', () => {
    const config = parseConfig({ files: ['docs/{locale}/**/*.md', { pattern: 'locales/{locale}/app.json' }, { pattern: 'i18n/{locale}/strings.txt', format: 'i18next' }] });
    expect(config.files).toEqual(['docs/{locale}/**/*.md', 'locales/{locale}/app.json', 'i18n/{locale}/strings.txt']);
    expect(config.formats).toEqual({ 'i18n/{locale}/strings.txt': 'i18next' });
    expect(config.files.map((p) => formatOfPattern(p, config))).toEqual(['markdown', 'i18next', 'i18next']);
    expect(parseConfig({ files: ['docs/{locale}/*.md'] }).formats).toBeUndefined();
  });

  it('refuse a pattern no format handles, and bad entries, naming the key', () => {
    const error = (files: unknown[]) => {
      try {
        parseConfig({ files });
      } catch (e) {
        return `${(e as { key: string }).key}: ${(e as { reason: string }).reason}`;
      }
      return 'no error';
    };
    expect(error(['docs/{locale}/*.md', 'data/{locale}/*.yml'])).toBe(
      'files.1: "data/{locale}/*.yml" has no extension a format handles (.md, .mdx, .markdown: markdown; .json: i18next); name its format, e.g. {pattern: "data/{locale}/*.yml", format: markdown}',
    );
    expect(error([{ pattern: 'a/{locale}/x.json', format: 'po' }])).toBe('files.0.format: expected one of markdown, i18next, got "po"');
    expect(error([{ pattern: 'a/x.json' }])).toMatch(/^files\.0\.pattern: expected a path pattern with "\{locale\}" exactly once/);
    expect(error([{ pattern: 'a/{locale}/x.json', separator: ':' }])).toBe('files.0.separator: unknown key; expected pattern, format and keySeparator');
    expect(error([42])).toBe('files.0: expected a path pattern, or a mapping {pattern, format}, got the number 42');
  });

  it('take a keySeparator for i18next patterns only (a string, or false for flat keys), naming the key when it is wrong', () => {
    const config = parseConfig({ files: ['docs/{locale}/*.md', { pattern: 'a/{locale}/x.json', keySeparator: ':' }, { pattern: 'b/{locale}/y.txt', format: 'i18next', keySeparator: false }, 'c/{locale}/z.json'] });
    expect(config.keySeparators).toEqual({ 'a/{locale}/x.json': ':', 'b/{locale}/y.txt': false });
    expect(config.files).toEqual(['docs/{locale}/*.md', 'a/{locale}/x.json', 'b/{locale}/y.txt', 'c/{locale}/z.json']);
    expect(config.files.map((p) => catalogOptionsOf(p, config))).toEqual([{}, { keySeparator: ':' }, { keySeparator: false }, {}]);
    expect(parseConfig({ files: ['a/{locale}/x.json'] }).keySeparators).toBeUndefined();
    const error = (entry: unknown) => {
      try {
        parseConfig({ files: [entry] });
      } catch (e) {
        return `${(e as { key: string }).key}: ${(e as { reason: string }).reason}`;
      }
      return 'no error';
    };
    expect(error({ pattern: 'docs/{locale}/*.md', keySeparator: '.' })).toBe('files.0.keySeparator: applies to i18next catalogs only (a .json pattern, or format: i18next)');
    expect(error({ pattern: 'a/{locale}/x.json', keySeparator: '' })).toBe('files.0.keySeparator: expected the separator of nested keys such as "." or ":", or false for flat keys, got ""');
    expect(error({ pattern: 'a/{locale}/x.json', keySeparator: true })).toBe('files.0.keySeparator: expected the separator of nested keys such as "." or ":", or false for flat keys, got boolean true');
    expect(error({ pattern: 'a/{locale}/x.json', keySeparator: 3 })).toMatch(/^files\.0\.keySeparator: expected .* got the number 3$/);
    expect(error({ pattern: 'a/{locale}/x.json', keySeparator: null })).toBe('no error');
  });

  it('keep catalogs out of the Markdown lookups, which existing callers make, and in the format-aware ones', () => {
    const config = parseConfig({ files: ['locales/{locale}/**/*.md', 'locales/{locale}/*.json'] });
    const paths = ['locales/en/a.md', 'locales/fr/a.md', 'locales/en/app.json', 'locales/fr/app.json', 'locales/fr/app.json.i18n-drift'];
    expect(documentOf('locales/fr/app.json', config)).toBeNull();
    expect(documentOf('locales/fr/app.json', config, 'i18next')).toEqual({ locale: 'fr', key: 'locales/{locale}/app.json', pattern: 'locales/{locale}/*.json' });
    expect(documentOf('locales/fr/a.md', config, 'i18next')).toBeNull();
    expect(documentOf('locales/fr/app.json.i18n-drift', config, 'any')).toBeNull();
    expect(sourceDocuments(paths, config).map((d) => d.path)).toEqual(['locales/en/a.md']);
    expect(sourceDocuments(paths, config, 'i18next').map((d) => d.path)).toEqual(['locales/en/app.json']);
    expect(pathFor('locales/en/app.json', 'nl', config)).toBe('locales/nl/app.json');
    expect(surveyPaths(paths, config).patterns).toEqual([
      { pattern: 'locales/{locale}/**/*.md', files: 2, sourceDocuments: 1 },
      { pattern: 'locales/{locale}/*.json', files: 2, sourceDocuments: 1 },
    ]);
  });
});
