import { describe, expect, it } from 'vitest';
import { rollUp, sumTotals } from '@i18n-drift/core';
import { fixtureData } from '../test-report.js';
import { folderOf, overviewModel } from './overview-model.js';
import { DEFAULT_QUERY, parseOverviewQuery, queryKey, type OverviewQuery } from './overview-query.js';
import { overviewView } from './overview-view.js';

const view = (query: Partial<OverviewQuery>) => overviewView(overviewModel(fixtureData()), { ...DEFAULT_QUERY, ...query });
const sources = (query: Partial<OverviewQuery>) => view(query).groups.flatMap((g) => g.rows.map((r) => r.row.source));

describe('folderOf', () => {
  it('lists a document named after its locale under the folder holding its folder, any other under its own folder', () => {
    expect(folderOf('org/docs/patterns/aaron/options/armhole/en.md', 'en')).toBe('org/docs/patterns/aaron/options');
    expect(folderOf('locales/en/legal/terms.md', 'en')).toBe('locales/en/legal');
    expect(folderOf('README.md', 'en')).toBe('');
    expect(folderOf('en.md', 'en')).toBe('');
  });
});

describe('parseOverviewQuery', () => {
  it('reads q, locale, states and sort, dropping what it does not know', () => {
    const params = new URLSearchParams('q=%20privacy%20&locale=nl&state=stale,missing&state=nope&sort=age');
    expect(parseOverviewQuery(params, ['fr', 'nl'])).toEqual({ q: 'privacy', locale: 'nl', states: ['stale', 'missing'], sort: 'age' });
    expect(parseOverviewQuery(new URLSearchParams('locale=de&sort=random'), ['fr'])).toEqual(DEFAULT_QUERY);
    expect(queryKey({ q: 'a b', locale: null, states: ['missing'], sort: 'path' })).toBe('q=a+b&state=missing');
  });
});

describe('overviewView', () => {
  it('finds documents by every word of the query in their path or title, case-insensitively', () => {
    expect(sources({ q: 'PERSONAL data' })).toEqual(['locales/en/your-data.md']);
    expect(sources({ q: 'evil' })).toEqual(['locales/en/<b>evil</b>.md']);
    expect(sources({ q: 'personal evil' })).toEqual([]);
  });

  it('filters by state in the locales shown, and shows only the chosen locale', () => {
    expect(sources({ states: ['untranslated'] })).toEqual(['locales/en/your-data.md']);
    expect(sources({ states: ['untranslated'], locale: 'nl' })).toEqual([]);
    expect(sources({ states: ['missing'], locale: 'fr' })).toEqual(['locales/en/<b>evil</b>.md']);
    expect(view({ locale: 'nl' }).columns).toEqual([1]);
    expect(sources({ states: ['complete'] })).toEqual([]);
  });

  it('orders by coverage either way and by the oldest stale section, folders by their roll-up', () => {
    // your-data: 60 % in both locales, 40 days stale in fr; evil: 50 % in fr, no nl file (0 %).
    expect(sources({ sort: 'coverage' })).toEqual(['locales/en/<b>evil</b>.md', 'locales/en/your-data.md']);
    expect(sources({ sort: 'coverage-desc' })).toEqual(['locales/en/your-data.md', 'locales/en/<b>evil</b>.md']);
    expect(sources({ sort: 'age' })).toEqual(['locales/en/your-data.md', 'locales/en/<b>evil</b>.md']);
    const groups = view({ sort: 'coverage' }).groups;
    expect(groups.map((g) => g.totals.sections.percent)).toEqual([...groups.map((g) => g.totals.sections.percent)].sort((a, b) => a - b));
    expect(view({ sort: 'age', locale: 'nl' }).groups[0]!.oldestStale).toMatchObject({ daysBehind: 2 });
  });

  it('leaves a translation whose states are guesses (not adopted, history beyond a shallow clone) out of row and folder roll-ups; the locale says how many', () => {
    const data = fixtureData();
    const doc = data.report.documents.find((d) => d.source === 'locales/en/your-data.md')!;
    const nl = doc.translations.find((t) => t.locale === 'nl')!;
    nl.notAdopted = { pinnedTo: 'b'.repeat(40), pinnedDate: null };
    nl.historyUnavailable = { commit: 'b'.repeat(40), reason: 'shallow-clone' };
    data.report = rollUp(data.report);
    const model = overviewModel(data);
    expect(model.locales.map((l) => [l.locale, l.excluded])).toEqual([['fr', 0], ['nl', 1]]);
    const fr = doc.translations.find((t) => t.locale === 'fr')!;
    const group = overviewView(model, DEFAULT_QUERY).groups.find((g) => g.rows.some((r) => r.row.source === doc.source))!;
    expect(group.rows.find((r) => r.row.source === doc.source)!.totals).toEqual(sumTotals([fr.totals]));
    expect(group.columns[1]!.sections.total).toBe(sumTotals(group.rows.filter((r) => r.row.source !== doc.source).map((r) => r.row.cells[1]!.totals)).sections.total);
  });

  it('rolls each folder up per locale over the documents listed', () => {
    const group = view({}).groups.find((g) => g.folder === 'locales/en')!;
    expect(group.rows).toHaveLength(1);
    expect(group.columns.map((t) => t.sections.percent)).toEqual([60, 60]);
    expect(view({}).shown).toBe(2);
    expect(view({ q: 'zzz' })).toMatchObject({ shown: 0, total: 2, groups: [] });
  });
});
