import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { interfaceLanguages, pickLanguage, translator } from './interface-strings.js';

const dashboard = (lang: string) => JSON.parse(readFileSync(new URL(`../../../locales/${lang}/i18n-drift.json`, import.meta.url), 'utf8')).dashboard;

/** Flattened keys without plural suffixes. */
function keys(tree: Record<string, unknown>, prefix = ''): Set<string> {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(tree)) {
    if (v && typeof v === 'object') for (const sub of keys(v as Record<string, unknown>, `${prefix}${k}.`)) out.add(sub);
    else out.add(`${prefix}${k}`.replace(/_(zero|one|two|few|many|other)$/, ''));
  }
  return out;
}

describe('interface strings', () => {
  it('offers English, French and Dutch, English first', () => {
    expect(interfaceLanguages().slice(0, 1)).toEqual(['en']);
    expect(interfaceLanguages()).toEqual(expect.arrayContaining(['fr', 'nl']));
  });

  it('has every English key in French and Dutch, translated', () => {
    const en = dashboard('en');
    for (const lang of ['fr', 'nl']) {
      const other = dashboard(lang);
      expect([...keys(other)].sort()).toEqual([...keys(en)].sort());
      expect(other.overview.title).not.toBe(en.overview.title);
    }
  });

  it('picks a language from ?lang, then Accept-Language, else English', () => {
    expect(pickLanguage('fr')).toBe('fr');
    expect(pickLanguage('NL-be')).toBe('nl');
    expect(pickLanguage('xx', 'de;q=0.9, nl;q=0.8, fr;q=0.5')).toBe('nl');
    expect(pickLanguage(null, 'fr-CA,en;q=0.2')).toBe('fr');
    expect(pickLanguage(null, 'de, *;q=0.1')).toBe('en');
    expect(pickLanguage(undefined)).toBe('en');
  });

  it('pluralises with the language rules', () => {
    expect(translator('en').t('count.stale', { count: 1 })).toBe('1 stale');
    expect(translator('fr').t('count.stale', { count: 2 })).toBe('2 obsolètes');
    expect(translator('fr').t('count.stale', { count: 0 })).toBe('0 obsolète');
    expect(translator('nl').t('locale.waiting', { count: 1 })).toBe('1 sectie wacht');
  });
});
