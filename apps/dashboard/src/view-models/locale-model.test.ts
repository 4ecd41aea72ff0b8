import { describe, expect, it } from 'vitest';
import { fixtureData } from '../test-report.js';
import { localeModel } from './locale-model.js';

describe('localeModel', () => {
  it('returns null for a locale the report does not list', () => {
    expect(localeModel(fixtureData(), 'de')).toBeNull();
  });

  it('lists what waits for the translators, oldest first, stale before missing before untranslated', () => {
    const data = fixtureData();
    // an even older stale section in the second document
    const evil = data.report.documents[1]!.translations[0]!.sections[0]!;
    evil.state = 'stale';
    evil.stale = { pinnedCommit: null, since: null, commitsBehind: 9, daysBehind: 90 };
    const model = localeModel(data, 'fr')!;
    expect(model.items.map((i) => [i.id, i.state, i.stale?.daysBehind ?? null])).toEqual([
      ['intro', 'stale', 90],
      ['visitor-data', 'stale', 40],
      ['script', 'missing', null],
      ['model-data', 'untranslated', null],
    ]);
  });

  it('lists a translation file that does not exist as one item for the whole document', () => {
    const items = localeModel(fixtureData(), 'nl')!.items;
    const whole = items.filter((i) => i.wholeFile);
    expect(whole).toEqual([expect.objectContaining({ source: 'locales/en/<b>evil</b>.md', state: 'missing', sections: 2, words: 14, stale: null })]);
    expect(items.filter((i) => !i.wholeFile).map((i) => i.id)).toEqual(['visitor-data', 'profile-data']);
  });

  it('attaches the English word diff to stale items', () => {
    const item = localeModel(fixtureData(), 'nl')!.items.find((i) => i.id === 'visitor-data')!;
    expect(item.change?.map((w) => w.value).join('')).toBe('We keep these logs for 63 months.');
  });

  it('has the locale documents, totals, orphans and history', () => {
    const model = localeModel(fixtureData(), 'fr')!;
    expect(model.documents.map((d) => d.path)).toEqual(['locales/fr/your-data.md', 'locales/fr/<b>evil</b>.md']);
    expect(model.totals).toEqual(fixtureData().report.byLocale[0]!.totals);
    expect(model.orphans.map((o) => o.path)).toEqual(['locales/fr/privacy.md']);
    expect(model.history).toHaveLength(3);
    expect(localeModel(fixtureData(), 'nl')!.orphans).toEqual([]);
  });
});
