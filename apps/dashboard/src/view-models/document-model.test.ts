import { describe, expect, it } from 'vitest';
import { FIXTURE_PIN, fixtureData } from '../test-report.js';
import { documentModel } from './document-model.js';

describe('documentModel', () => {
  it('returns null for a document the report does not have', () => {
    expect(documentModel(fixtureData(), 'nope.md')).toBeNull();
  });

  it('lists the English sections in order with a cell per locale', () => {
    const model = documentModel(fixtureData(), 'locales/en/your-data.md')!;
    expect(model.columns.map((c) => c.locale)).toEqual(['fr', 'nl']);
    expect(model.rows.map((r) => r.id)).toEqual(['frontmatter.title', 'intro', 'visitor-data', 'profile-data', 'model-data']);
    expect(model.rows.map((r) => r.cells.map((c) => c?.state))).toEqual([
      ['current', 'current'],
      ['current', 'current'],
      ['stale', 'stale'],
      ['current', 'missing'],
      ['untranslated', 'current'],
    ]);
  });

  it('groups locales pinned to the same English version under one word diff', () => {
    const row = documentModel(fixtureData(), 'locales/en/your-data.md')!.rows[2]!;
    expect(row.changes).toHaveLength(1);
    expect(row.changes[0]!.pinnedCommit).toBe(FIXTURE_PIN);
    expect(row.changes[0]!.locales).toEqual(['fr', 'nl']);
    expect(row.changes[0]!.words?.filter((w) => w.added).map((w) => w.value)).toEqual(['3']);
  });

  it('keeps separate groups for different pins, with null words when the pinned version is unknown', () => {
    const data = fixtureData();
    const nlSection = data.report.documents[0]!.translations[1]!.sections[2]!;
    nlSection.stale = { ...nlSection.stale!, pinnedCommit: null };
    const row = documentModel(data, 'locales/en/your-data.md')!.rows[2]!;
    expect(row.changes.map((g) => [g.pinnedCommit, g.locales, g.words === null])).toEqual([
      [FIXTURE_PIN, ['fr'], false],
      [null, ['nl'], true],
    ]);
  });

  it('links the locale pull request and keeps unaligned translation sections', () => {
    const data = fixtureData();
    data.report.documents[0]!.translations[1]!.unaligned.push({ translationIndex: 4, translationId: 'extra', heading: 'Extra', line: 60 });
    const model = documentModel(data, 'locales/en/your-data.md')!;
    expect(model.columns[0]!.pullRequest?.number).toBe(12);
    expect(model.columns[1]!.unaligned).toHaveLength(1);
  });
});
