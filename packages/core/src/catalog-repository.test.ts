import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyCatalogChange } from './formats/apply-catalog-change.js';
import { CATALOG_FINDING_CODES, CATALOG_MESSAGES } from './formats/check-catalog.js';
import { checkRepository } from './check.js';
import { parseConfig } from './config.js';
import { coverage } from './coverage.js';

const seed = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');
const CATALOG = (lng: string) => `locales/${lng}/i18n-drift.json`;
const config = parseConfig({ files: ['locales/{locale}/**/*.md', 'locales/{locale}/i18n-drift.json'], locales: ['fr', 'nl'] });

/** This repository's catalogs after one English string changed and fr/nl were synced; the Markdown seeds beside them. */
function snapshot(): Record<string, string> {
  const en = seed(CATALOG('en'));
  const changed = en.replace('"intro": "Introduction",', '"intro": "Text before the first heading",');
  const files: Record<string, string> = { [CATALOG('en')]: changed, 'locales/en/your-data.md': seed('locales/en/your-data.md'), 'locales/fr/your-data.md': seed('locales/fr/your-data.md') };
  for (const lng of ['fr', 'nl']) {
    const synced = applyCatalogChange({ oldSource: en, newSource: changed, translation: seed(CATALOG(lng)), state: null, locale: lng, sourceCommit: 'c1', catalogName: 'i18n-drift.json' });
    files[CATALOG(lng)] = synced.text!;
    files[`${CATALOG(lng)}.i18n-drift`] = synced.state!;
  }
  return files;
}

describe('catalogs in coverage and check', () => {
  it('coverage reports each catalog with its keys as sections beside the Markdown documents', () => {
    const report = coverage({ files: snapshot() }, config);
    expect(report.documents.map((d) => d.source)).toEqual([CATALOG('en'), 'locales/en/your-data.md']);
    const catalog = report.documents[0]!;
    for (const translation of catalog.translations) {
      expect(translation.sourceCommit).toBe('c1');
      expect(translation.sections.filter((s) => s.state !== 'current')).toEqual([
        { id: 'cli.intro', heading: 'cli.intro', level: 0, state: 'stale', words: 5, englishShare: 0, englishWords: 0, stale: { pinnedCommit: 'c1', since: 'c1', commitsBehind: null, daysBehind: null } },
      ]);
      expect(translation.totals.sections.stale).toBe(1);
    }
    // The Markdown document is reported as before; the locales' totals include the keys.
    expect(report.byLocale.find((l) => l.locale === 'fr')!.totals.sections.total).toBe(catalog.translations[0]!.totals.sections.total + report.documents[1]!.translations[0]!.totals.sections.total);
  });

  it('an unreadable catalog is invalid with its line, every key missing; a catalog without English is an orphan', () => {
    const files = { ...snapshot(), [CATALOG('nl')]: '{\n  "cli": \n}\n', 'locales/fr/extra/i18n-drift.json': '{}' };
    const report = coverage({ files }, parseConfig({ files: ['locales/{locale}/**/*.md', 'locales/{locale}/**/i18n-drift.json'], locales: ['fr', 'nl'] }));
    const nl = report.documents[0]!.translations.find((t) => t.locale === 'nl')!;
    expect(nl.invalid).toEqual({ line: 3, reason: "column 1: unexpected '}'" });
    expect(nl.sections.every((s) => s.state === 'missing')).toBe(true);
    expect(report.orphans).toEqual([{ locale: 'fr', path: 'locales/fr/extra/i18n-drift.json', expectedSource: 'locales/en/extra/i18n-drift.json' }]);
  });

  it("reads catalogs with their files entry's keySeparator in coverage and check", () => {
    const en = JSON.stringify({ nav: { home: 'Home', count_one: '{{count}} page', count_other: '{{count}} pages' } }, null, 2);
    const fr = JSON.stringify({ nav: { home: 'Accueil', count_one: '{{count}} page', count_many: '{{count}} de pages', count_other: '{{n}} pages' } }, null, 2);
    const files = { 'app/en.json': en, 'app/fr.json': fr };
    const colon = parseConfig({ files: [{ pattern: 'app/{locale}.json', keySeparator: ':' }] });
    expect(coverage({ files }, colon).documents[0]!.translations[0]!.sections.map((s) => s.id)).toEqual(['nav:home', 'nav:count']);
    expect(checkRepository({ files }, colon).findings.map((f) => [f.code, f.params['key']])).toEqual([['interpolation-mismatch', 'nav:count_other']]);
    const flat = parseConfig({ files: [{ pattern: 'app/{locale}.json', keySeparator: false }] });
    expect(coverage({ files }, flat).documents[0]!.translations[0]!.sections.map((s) => [s.id, s.state])).toEqual([['nav', 'current']]);
  });

  it('check reports catalog findings with the Markdown ones; --max-stale counts stale keys too', () => {
    const result = checkRepository({ files: snapshot() }, config);
    const catalog = result.findings.filter((f) => f.path.endsWith('.json'));
    expect(catalog.map((f) => [f.code, f.path, f.params['key']])).toEqual([
      ['stale-key', CATALOG('fr'), 'cli.intro'],
      ['stale-key', CATALOG('nl'), 'cli.intro'],
    ]);
    expect(result.ok).toBe(false);
    const allowed = checkRepository({ files: snapshot() }, config, { maxStale: 10 });
    expect(allowed.findings.filter((f) => f.code === 'stale-key').every((f) => f.severity === 'warning')).toBe(true);
    expect(allowed.findings.some((f) => f.code === 'too-many-stale')).toBe(false);
  });

  it('the check strings of every catalog finding, in English as built, in French and Dutch with the same placeholders', () => {
    const check = Object.fromEntries(['en', 'fr', 'nl'].map((lng) => [lng, (JSON.parse(seed(CATALOG(lng))) as { check: Record<string, string> }).check]));
    const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const code of CATALOG_FINDING_CODES) {
      expect(check['en']![code], code).toBe(CATALOG_MESSAGES[code]);
      for (const lng of ['fr', 'nl']) {
        expect(check[lng]![code], `${lng} ${code}`).toBeTypeOf('string');
        expect(placeholders(check[lng]![code]!)).toEqual(placeholders(CATALOG_MESSAGES[code]));
      }
    }
  });
});
