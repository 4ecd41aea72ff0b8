import { describe, expect, it } from 'vitest';
import { i18nextFormat } from './i18next-format.js';

const json = (value: object) => JSON.stringify(value, null, 2) + '\n';
const format = i18nextFormat();

describe('i18nextFormat (a DocumentFormat)', () => {
  const v1 = json({ nav: { home: 'Home', pricing: 'Pricing' }, files_one: '{{count}} file', files_other: '{{count}} files' });
  const v2 = json({ nav: { home: 'Home', pricing: 'Plans' }, files_one: '{{count}} file', files_other: '{{count}} files', footer: 'Bye' });
  const fr = json({ nav: { home: 'Accueil', pricing: 'Tarifs' }, files_one: '{{count}} fichier', files_many: '{{count}} de fichiers', files_other: '{{count}} fichiers' });

  it('cuts a catalog into keys, plural forms grouped, with lines and words', () => {
    expect(format.units(v1).map(({ id, heading, words, line }) => ({ id, heading, words, line }))).toEqual([
      { id: 'nav.home', heading: null, words: 1, line: 3 },
      { id: 'nav.pricing', heading: null, words: 1, line: 4 },
      { id: 'files', heading: null, words: 1, line: 6 },
    ]);
    expect(format.units(v1)[2]!.text).toBe('_one: {{count}} file\n_other: {{count}} files');
    expect(format.statePath('locales/fr/app.json')).toBe('locales/fr/app.json.i18n-drift');
  });

  it('joins nested keys with the configured separator, or keeps keys flat (a nested object one value) with false', () => {
    const catalog = json({ 'nav.home': 'Home', nav: { pricing: 'Pricing' }, welcome: 'Hi', welcome_female: 'Hi' });
    expect(i18nextFormat({ keySeparator: ':' }).units(catalog).map((u) => u.id)).toEqual(['nav.home', 'nav:pricing', 'welcome', 'welcome_female']);
    const flat = i18nextFormat({ keySeparator: false });
    expect(flat.units(catalog).map((u) => [u.id, u.text])).toEqual([
      ['nav.home', 'Home'],
      ['nav', '{"pricing":"Pricing"}'],
      ['welcome', 'Hi'],
      ['welcome_female', 'Hi'],
    ]);
    // A flat key's context variant still belongs to its key; a changed nested object is one stale unit.
    const frFlat = json({ 'nav.home': 'Accueil', nav: { pricing: 'Tarifs' }, welcome: 'Salut', welcome_male: 'Salut' });
    const changed = catalog.replace('"pricing": "Pricing"', '"pricing": "Plans"');
    const { translation, changes } = flat.applySourceChange({ oldSource: catalog, newSource: changed, translation: { text: frFlat, state: null }, locale: 'fr', sourceCommit: 'c2', translationPath: 'locales/fr/app.json' });
    expect(changes.map((c) => [c.id, c.state])).toEqual([['nav', 'stale']]);
    expect(translation.text).toBe(frFlat);
    expect(flat.coverage({ source: changed, translation, locale: 'fr' }).map((u) => [u.id, u.state])).toEqual([
      ['nav.home', 'current'],
      ['nav', 'stale'],
      ['welcome', 'current'],
      ['welcome_female', 'missing'],
    ]);
  });

  it('applies a change into the catalog and its state file; pins and coverage read the result', () => {
    const { translation, changes } = format.applySourceChange({ oldSource: v1, newSource: v2, translation: { text: fr, state: null }, locale: 'fr', sourceCommit: 'c2', translationPath: 'locales/fr/app.json' });
    expect(translation.text).toBe(fr);
    expect(translation.state).toContain('of app.json translates');
    expect(changes.map((c) => [c.kind, c.id, c.state])).toEqual([
      ['modified', 'nav.pricing', 'stale'],
      ['added', 'footer', 'missing'],
    ]);
    const pins = format.readPins(translation)!;
    expect(pins.commit).toBe('c2');
    expect(Object.keys(pins.sections).sort()).toEqual(['files', 'nav.home', 'nav.pricing']);
    expect(format.readPins({ text: fr, state: null })).toBeNull();
    expect(format.marks(translation)).toEqual([{ kind: 'stale', id: 'nav.pricing' }]);
    expect(format.marks({ text: fr, state: null })).toEqual([]);
    expect(format.coverage({ source: v2, translation, locale: 'fr' }).map((u) => [u.id, u.state, u.since])).toEqual([
      ['nav.home', 'current', null],
      ['nav.pricing', 'stale', 'c2'],
      ['files', 'current', null],
      ['footer', 'missing', null],
    ]);
  });

  it('reads an unsynced catalog as the next sync leaves it when given the English of its commit', () => {
    const adopted = format.applySourceChange({ oldSource: v1, newSource: v1, translation: { text: fr, state: null }, locale: 'fr', sourceCommit: 'c1' }).translation;
    expect(format.coverage({ source: v2, translation: adopted, locale: 'fr', baseSource: v1 }).map((u) => u.state)).toEqual(['current', 'stale', 'current', 'missing']);
    // Without it the pins are read as they are: a pin naming other English is stale all the same.
    expect(format.coverage({ source: v2, translation: adopted, locale: 'fr' }).map((u) => u.state)).toEqual(['current', 'stale', 'current', 'missing']);
  });

  it('checks a translation and an English catalog', () => {
    expect(format.check({ sourcePath: 'en.json', source: v1, translationPath: 'fr.json', translation: { text: '{', state: null }, locale: 'fr' })).toMatchObject([{ code: 'invalid-json', line: 1 }]);
    expect(format.check({ sourcePath: 'en.json', source: v1, translationPath: 'fr.json', translation: { text: null, state: null }, locale: 'fr' })).toEqual([]);
    expect(format.checkSource('en.json', '[]')).toMatchObject([{ code: 'invalid-json', params: { reason: 'a catalog is a JSON object of keys, found an array' } }]);
  });
});
