import { describe, expect, it } from 'vitest';
import { fixtureData } from '../test-report.js';
import { overviewModel } from './overview-model.js';

describe('overviewModel', () => {
  it('lays out one row per document and one cell per locale, in report order', () => {
    const model = overviewModel(fixtureData());
    expect(model.locales.map((l) => l.locale)).toEqual(['fr', 'nl']);
    expect(model.rows.map((r) => r.source)).toEqual(['locales/en/your-data.md', 'locales/en/<b>evil</b>.md']);
    expect(model.rows[0]!.cells.map((c) => c?.locale)).toEqual(['fr', 'nl']);
  });

  it('gives each cell its tallies, band and oldest stale section', () => {
    const [fr, nl] = overviewModel(fixtureData()).rows[0]!.cells;
    expect(fr!.totals.sections).toMatchObject({ total: 5, current: 3, stale: 1, untranslated: 1, missing: 0, percent: 60 });
    expect(fr!.band).toBe('medium');
    expect(fr!.oldestStale).toMatchObject({ daysBehind: 40, commitsBehind: 3 });
    expect(nl!.totals.sections).toMatchObject({ stale: 1, missing: 1, percent: 60 });
  });

  it('marks a translation file that does not exist as absent whatever its percentage', () => {
    const nl = overviewModel(fixtureData()).rows[1]!.cells[1]!;
    expect(nl.exists).toBe(false);
    expect(nl.band).toBe('absent');
  });

  it('leaves a cell empty when a document has no entry for a locale', () => {
    const data = fixtureData();
    data.report.documents[1]!.translations.pop();
    expect(overviewModel(data).rows[1]!.cells[1]).toBeNull();
  });

  it('carries per-locale totals, pull requests and history points', () => {
    const [fr, nl] = overviewModel(fixtureData()).locales;
    expect(fr!.totals.sections.total).toBe(7);
    expect(fr!.pullRequest).toEqual({ number: 12, url: 'https://github.com/o/r/pull/12' });
    expect(nl!.pullRequest).toBeNull();
    expect(fr!.history).toHaveLength(3);
    expect(nl!.history).toHaveLength(2);
  });

  it('sums a locale missing from byLocale from its documents', () => {
    const data = fixtureData();
    const expected = data.report.byLocale[1]!.totals;
    data.report.byLocale.pop();
    expect(overviewModel(data).locales[1]!.totals).toEqual(expected);
  });

  it('lists orphans', () => {
    expect(overviewModel(fixtureData()).orphans).toEqual([{ locale: 'fr', path: 'locales/fr/privacy.md', expectedSource: 'locales/en/privacy.md' }]);
  });
});
