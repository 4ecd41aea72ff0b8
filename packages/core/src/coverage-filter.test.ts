import { outdent } from 'outdent';
import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.js';
import { coverage, rollUp } from './coverage.js';
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

describe('roll-ups leave out translations whose states are guesses', () => {
  it('rollUp and filterCoverage: a translation not adopted whose history is beyond a shallow clone counts in no percentage, and is counted as excluded', () => {
    const config = parseConfig({ files: ['docs/{locale}/*.md'] });
    const en = '# A\n\nText.\n\n## B\n\nMore.\n';
    const report = coverage({ files: { 'docs/en/a.md': en, 'docs/en/b.md': en, 'docs/fr/a.md': '# A\n\nTexte.\n\n## B\n\nPlus.\n', 'docs/fr/b.md': '# A\n\nTexte.\n\n## B\n\nPlus.\n' } }, config);
    const fr = report.byLocale.find((l) => l.locale === 'fr')!;
    expect(fr.excluded).toBeUndefined();
    expect(fr.totals.sections.total).toBe(4);
    const guessed = report.documents[1]!.translations[0]!;
    guessed.notAdopted = { pinnedTo: 'b'.repeat(40), pinnedDate: null };
    guessed.historyUnavailable = { commit: 'b'.repeat(40), reason: 'shallow-clone' };
    const rolled = rollUp(report);
    const locale = rolled.byLocale.find((l) => l.locale === 'fr')!;
    expect(locale.excluded).toBe(1);
    expect(locale.totals).toEqual(report.documents[0]!.translations[0]!.totals);
    expect(rolled.totals.sections.total).toBe(2);
    // Filtered views roll up the same way.
    const filtered = filterCoverage(rolled, { locales: ['fr'] });
    expect(filtered.byLocale[0]!.excluded).toBe(1);
    expect(filtered.totals.sections.total).toBe(2);
  });
});
