/**
 * The Markdown format says what the functions it is made of say: on this repository's
 * seeds, its units, pins, applied change, coverage and findings are theirs, unchanged.
 */
import { readFileSync } from 'node:fs';
import { parseDocument } from '@i18n-drift/sections';
import { describe, expect, it } from 'vitest';
import { adopt } from '../adopt.js';
import { applySourceChange } from '../apply-source-change.js';
import { checkTranslation } from '../check.js';
import { parseConfig } from '../config.js';
import { translationCoverage } from '../coverage.js';
import { formatFor, markdownFormat } from './markdown-format.js';
import { findMarkers } from '../stale-marker.js';

const seed = (path: string) => readFileSync(new URL(`../../../../locales/${path}`, import.meta.url), 'utf8');
const config = parseConfig({ files: ['locales/{locale}/**/*.md', 'locales/{locale}/*.json'] });
const format = markdownFormat(config);
const en = seed('en/your-data.md');
const changed = en.replace('We keep these logs for 6 months.', 'We keep these logs for 3 months.');

describe('markdownFormat', () => {
  it('is chosen for Markdown patterns, the i18next format for catalogs', () => {
    expect(formatFor('locales/{locale}/**/*.md', config).name).toBe('markdown');
    expect(formatFor('locales/{locale}/*.json', config).name).toBe('i18next');
    expect(format.statePath('locales/fr/your-data.md')).toBeNull();
  });

  it('cuts the English into the units parseDocument gives, frontmatter fields first', () => {
    const doc = parseDocument(en, { frontmatterKeys: config.frontmatterKeys });
    expect(format.units(en).map((u) => [u.id, u.hash, u.heading])).toEqual([
      ...doc.fields.map((f) => [f.id, f.hash, null]),
      ...doc.sections.map((s) => [s.id, s.hash, s.heading]),
    ]);
  });

  it.each(['fr', 'nl'])('applies a change, reads pins, coverage and findings exactly as the functions do (%s seed)', (locale) => {
    const adopted = adopt(en, seed(`${locale}/your-data.md`), { sourceCommit: 'c0' }).text;
    const direct = applySourceChange(en, changed, adopted, { sourceCommit: 'c1', frontmatterKeys: config.frontmatterKeys });
    const applied = format.applySourceChange({ oldSource: en, newSource: changed, translation: { text: adopted, state: null }, locale, sourceCommit: 'c1' });
    expect(applied.translation).toEqual({ text: direct.text, state: null });
    expect(applied.changes).toEqual(direct.changes.map((c) => ({ kind: c.kind, id: c.id, oldId: c.oldId, state: c.state, heading: c.heading, words: c.words })));
    expect(format.readPins(applied.translation)).toEqual(format.readPins({ text: direct.text, state: null }));
    expect(format.marks(applied.translation)).toEqual(findMarkers(direct.text).map((m) => ({ kind: m.kind, id: m.section })));
    expect(format.marks(applied.translation).length).toBeGreaterThan(0);

    const coverage = translationCoverage({ source: parseDocument(changed, { frontmatterKeys: config.frontmatterKeys }), locale, translationPath: '', translationText: direct.text, config });
    expect(format.coverage({ source: changed, translation: applied.translation, locale }).map((u) => [u.id, u.state])).toEqual(coverage.sections.map((s) => [s.id, s.state]));
    const path = `locales/${locale}/your-data.md`;
    expect(format.check({ sourcePath: 'locales/en/your-data.md', source: changed, translationPath: path, translation: applied.translation, locale })).toEqual(
      checkTranslation({ sourcePath: 'locales/en/your-data.md', source: changed, translationPath: path, translation: direct.text, config }),
    );
  });

  it('gives a locale without the document the English, every section missing, as the sync walk does', () => {
    const { translation, changes } = format.applySourceChange({ oldSource: en, newSource: en, translation: { text: null, state: null }, locale: 'fr', sourceCommit: 'c1' });
    expect(translation.text).toBe(applySourceChange('', en, '', { sourceCommit: 'c1', frontmatterKeys: config.frontmatterKeys }).text);
    expect(changes.length).toBeGreaterThan(2);
    expect(changes.every((c) => c.state === 'missing')).toBe(true);
  });

  it('reports the English document’s own problems (the seeds’ broken heading)', () => {
    expect(format.checkSource('locales/en/your-data.md', en).map((f) => f.code)).toEqual(expect.arrayContaining(['broken-heading', 'broken-anchor']));
  });
});
