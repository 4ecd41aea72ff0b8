/**
 * The workflow goes through the formats: coverage, check, adoption and sync ask each
 * format of the config for its part (`format.repository`) and merge, never naming one.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkRepository } from '../check.js';
import { parseConfig } from '../config.js';
import { coverage } from '../coverage.js';
import { targetLocales } from '../file-patterns.js';
import { applyCatalogChange } from './apply-catalog-change.js';
import { formatsOf } from './markdown-format.js';

const file = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const seed = (path: string) => readFileSync(new URL(`../../../../${path}`, import.meta.url), 'utf8');
const CATALOG = (lng: string) => `locales/${lng}/i18n-drift.json`;

describe('the format seam', () => {
  it('formatsOf gives the formats a config uses, each once, Markdown first', () => {
    const names = (files: unknown[]) => formatsOf(parseConfig({ files })).map((f) => f.name);
    expect(names(['docs/{locale}/**/*.md', 'content/{locale}/*.mdx'])).toEqual(['markdown']);
    expect(names(['locales/{locale}/*.json'])).toEqual(['i18next']);
    expect(names(['locales/{locale}/*.json', 'docs/{locale}/*.md', { pattern: 'i18n/{locale}.txt', format: 'i18next' }])).toEqual(['markdown', 'i18next']);
  });

  it('coverage and check of a repository are what each format reports for its own documents, merged in path order', () => {
    const config = parseConfig({ files: ['locales/{locale}/**/*.md', 'locales/{locale}/i18n-drift.json'], locales: ['fr', 'nl'] });
    const en = seed(CATALOG('en'));
    const changed = en.replace('"intro": "Introduction",', '"intro": "Text before the first heading",');
    const files: Record<string, string> = { [CATALOG('en')]: changed };
    for (const path of ['locales/en/your-data.md', 'locales/fr/your-data.md', 'locales/nl/your-data.md', 'locales/fr/privacy.md']) files[path] = seed(path);
    for (const lng of ['fr', 'nl']) {
      const synced = applyCatalogChange({ oldSource: en, newSource: changed, translation: seed(CATALOG(lng)), state: null, locale: lng, sourceCommit: 'c1', catalogName: 'i18n-drift.json' });
      files[CATALOG(lng)] = synced.text!;
      files[`${CATALOG(lng)}.i18n-drift`] = synced.state!;
    }
    const locales = targetLocales(Object.keys(files), config);
    const [markdown, i18next] = formatsOf(config);
    const parts = [markdown!, i18next!].map((f) => f.repository.coverage({ files }, config, locales, {}));
    expect(parts.map((p) => p.documents.map((d) => d.source))).toEqual([['locales/en/your-data.md'], [CATALOG('en')]]);
    const report = coverage({ files }, config);
    expect(report.documents).toEqual([parts[1]!.documents[0], parts[0]!.documents[0]]);
    expect(report.orphans).toEqual([...parts[0]!.orphans, ...parts[1]!.orphans]);
    expect(report.orphans.map((o) => o.path)).toEqual(['locales/fr/privacy.md']);

    const findings = [markdown!, i18next!].flatMap((f) => f.repository.check({ files }, config, locales, {}));
    const result = checkRepository({ files }, config);
    expect(result.findings).toHaveLength(findings.length);
    expect(new Set(result.findings.map((f) => f.code))).toEqual(new Set(findings.map((f) => f.code)));
    expect(result.findings.some((f) => f.code === 'stale-key') && result.findings.some((f) => f.code === 'broken-heading')).toBe(true);
  });

  it('the workflow modules name no format and import no format implementation at run time', () => {
    for (const path of ['coverage.ts', 'check.ts', 'sync/sync-workflow.ts', 'sync/resolve-translation-branch.ts', 'sync/adopt-from-history.ts']) {
      const code = file(path)
        .split('\n')
        .filter((line) => !/^\s*(\/\/|\*|\/\*\*)/.test(line))
        .join('\n');
      expect(code, path).not.toMatch(/'i18next'|'markdown'|'stale-key'/);
      expect(code.match(/^import (?!type )[^;]*from '[^']*catalog[^']*';$/gm), path).toBeNull();
    }
  });
});
