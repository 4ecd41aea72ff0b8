import { outdent } from 'outdent';
import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.js';
import { coverage } from './coverage.js';
import { filterCoverage, isUnderPath } from './coverage-filter.js';

const english = outdent`
  # Guide

  ## Install

  Run the installer and follow the steps on the screen.

  ## Configure

  Open the settings page and choose your language.
`;

const french = outdent`
  # Guide

  ## Installer

  Lancez l'installateur et suivez les étapes affichées à l'écran.

  ## Configurer

  Ouvrez la page des réglages et choisissez votre langue.
`;

const config = parseConfig({ files: ['docs/{locale}/**/*.md'] });
// fr: the guide fully translated, the faq missing; nl: nothing translated.
const report = coverage(
  {
    files: {
      'docs/en/guide.md': english,
      'docs/en/faq/billing.md': english.replace('Guide', 'Billing'),
      'docs/fr/guide.md': french,
      'docs/nl/other.md': french,
    },
  },
  { ...config, locales: ['fr', 'nl'] },
);

describe('filterCoverage', () => {
  it('keeps the shape and recomputes the roll-ups over what is kept', () => {
    const fr = filterCoverage(report, { locales: ['fr'] });
    expect(Object.keys(fr).sort()).toEqual(Object.keys(report).sort());
    expect(fr.locales).toEqual(['fr']);
    expect(fr.byLocale.map((entry) => entry.locale)).toEqual(['fr']);
    expect(fr.documents.every((document) => document.translations.every((translation) => translation.locale === 'fr'))).toBe(true);
    expect(fr.totals).toEqual(fr.byLocale[0]!.totals);
    expect(fr.orphans).toEqual([]);
  });

  it('filters by state: only translations with a section in one of the states', () => {
    const missing = filterCoverage(report, { states: ['missing'] });
    const kept = missing.documents.flatMap((document) => document.translations.map((translation) => translation.path)).sort();
    expect(kept).toEqual(['docs/fr/faq/billing.md', 'docs/nl/faq/billing.md', 'docs/nl/guide.md']);
    const current = filterCoverage(report, { states: ['current'], locales: ['fr'] });
    expect(current.documents.map((document) => document.source)).toEqual(['docs/en/guide.md']);
    expect(current.byLocale[0]!.totals.sections.percent).toBe(100);
  });

  it('filters by path: the English path keeps every translation, a translation path only itself', () => {
    const faq = filterCoverage(report, { paths: ['docs/en/faq'] });
    expect(faq.documents.map((document) => [document.source, document.translations.length])).toEqual([['docs/en/faq/billing.md', 2]]);
    const frGuide = filterCoverage(report, { paths: ['docs/fr/guide.md'] });
    expect(frGuide.documents.map((document) => document.translations.map((translation) => translation.path))).toEqual([['docs/fr/guide.md']]);
    // nl has nothing under that path: it is no part of the answer.
    expect(frGuide.locales).toEqual(['fr']);
    expect(frGuide.byLocale.map((entry) => entry.locale)).toEqual(['fr']);
    expect(filterCoverage(report, { paths: ['docs/nl'] }).orphans.map((orphan) => orphan.path)).toEqual(['docs/nl/other.md']);
  });

  it('matches folders on whole segments', () => {
    expect(isUnderPath('docs/en/guide.md', 'docs/en')).toBe(true);
    expect(isUnderPath('docs/en/guide.md', 'docs/en/guide.md')).toBe(true);
    expect(isUnderPath('docs/english/guide.md', 'docs/en')).toBe(false);
  });
});
