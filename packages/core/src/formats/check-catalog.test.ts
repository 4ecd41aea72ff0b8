import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyCatalogChange } from './apply-catalog-change.js';
import { checkCatalog, checkSourceCatalog, nestingRefsOf, variablesOf } from './check-catalog.js';

const json = (value: object) => JSON.stringify(value, null, 2) + '\n';
const check = (source: object, translation: string | object, locale = 'fr', state: string | null = null) =>
  checkCatalog({ source: json(source), translationPath: `locales/${locale}/app.json`, translation: typeof translation === 'string' ? translation : json(translation), statePath: `locales/${locale}/app.json.i18n-drift`, state, locale }).map(
    (f) => `${f.severity} ${f.code} ${f.path.split('/').pop()}:${f.line} ${f.message}`,
  );

describe('checkCatalog', () => {
  it('names the line and column of invalid JSON, and nothing else', () => {
    expect(check({ a: 'A' }, '{\n  "a": "x",\n}\n')).toEqual(["error invalid-json app.json:3 Invalid JSON at column 1: trailing comma before '}'."]);
  });

  it('compares interpolation variables and nesting references with the English form of the same plural category', () => {
    const source = {
      hello: 'Hello {{name}}, see $t(nav.home)',
      files_one: '{{count}} file in {{folder}}',
      files_other: '{{count}} files in {{folder}}',
    };
    expect(
      check(source, {
        hello: 'Bonjour {{nom}}, voir $t(nav.accueil)',
        files_one: 'Un fichier dans {{folder}}',
        files_many: '{{count}} de fichiers dans {{folder}}',
        files_other: '{{count}} fichiers',
      }),
    ).toEqual([
      'error interpolation-mismatch app.json:2 Key "hello" has other variables than the English: not in English: nom; missing: name.',
      'error nesting-mismatch app.json:2 Key "hello" nests other keys than the English: not in English: nav.accueil; missing: nav.home.',
      'error interpolation-mismatch app.json:5 Key "files_other" has other variables than the English: not in English: —; missing: folder.',
    ]);
  });

  it('reads {{- raw}}, {{value, format}} and $t(key, options) as the names they use', () => {
    expect([...variablesOf('{{- html}} {{ amount, currency(EUR) }} {{count}}')]).toEqual(['html', 'amount', 'count']);
    expect([...nestingRefsOf('$t(a.b) and $t(c, {"count": {{n}} })')]).toEqual(['a.b', 'c']);
  });

  it('requires every plural form the locale needs (fr: _many; pl: _few and _many; ja: _other), per context, and warns about forms it does not use', () => {
    const source = { item_one: '{{count}} item', item_other: '{{count}} items' };
    expect(check(source, { item_one: '{{count}} élément', item_other: '{{count}} éléments', item_female_one: '{{count}} x' })).toEqual([
      'error missing-plural-form app.json:2 Key "item" lacks plural forms the language fr needs: item_many.',
      'error missing-plural-form app.json:4 Key "item_female" lacks plural forms the language fr needs: item_female_many, item_female_other.',
    ]);
    expect(check(source, { item_one: '{{count}} element', item_other: '{{count}} elementów' }, 'pl')).toEqual([
      'error missing-plural-form app.json:2 Key "item" lacks plural forms the language pl needs: item_few, item_many.',
    ]);
    expect(check(source, { item_other: '{{count}} 件', item_zero: 'なし' }, 'ja')).toEqual([]);
    expect(check(source, { item_one: '{{count}} item', item_many: '{{count}} items', item_other: '{{count}} items' }, 'nl')).toEqual([
      'warning extra-plural-form app.json:3 Key "item_many" is a plural form the language nl does not use: i18next never shows it.',
    ]);
  });

  it('reports stale and missing keys from the state file, unknown and duplicate keys', () => {
    const before = json({ a: 'A', b: 'B', c: 'C' });
    const after = { a: 'A', b: 'B changed', c: 'C', d: 'D' };
    const translation = json({ a: 'A fr', b: 'B fr', c: 'C fr', old: 'x' });
    const synced = applyCatalogChange({ oldSource: before, newSource: json(after), translation, state: null, locale: 'fr', sourceCommit: 'abcdef123456' });
    expect(check(after, synced.text!, 'fr', synced.state)).toEqual([
      'error missing-key app.json:0 Key "d" is not translated: i18next shows the English.',
      'error stale-key app.json:3 Key "b" is stale: the English changed and the translation waits for an update.',
      'warning unknown-key app.json:5 Key "old" matches no English key.',
    ]);
    expect(check({ a: 'A' }, '{"a": "x", "a": "y"}')).toEqual(['warning duplicate-key app.json:1 Key "a" is defined twice; the later one wins.']);
  });

  it('names the line of an unreadable state file', () => {
    expect(check({ a: 'A' }, { a: 'x' }, 'fr', 'commit c1\n"a" nothex\n')).toEqual([
      'error invalid-state app.json.i18n-drift:2 The state file cannot be read: expected the hash of the English (16 hex digits) or "-" after "a".',
    ]);
  });

  it('finds nothing wrong in this repository’s Dutch catalog', () => {
    const read = (locale: string) => readFileSync(new URL(`../../../../locales/${locale}/i18n-drift.json`, import.meta.url), 'utf8');
    expect(checkCatalog({ source: read('en'), translationPath: 'nl.json', translation: read('nl'), statePath: 'nl.json.i18n-drift', state: null, locale: 'nl' })).toEqual([]);
  });
});

describe('checkSourceCatalog', () => {
  it('reports invalid JSON and duplicate keys in the English catalog', () => {
    expect(checkSourceCatalog('en.json', '{"a": 1,}')).toMatchObject([{ code: 'invalid-json', line: 1, params: { column: 9 } }]);
    expect(checkSourceCatalog('en.json', '{"a": {"b": 1}, "a.b": 2}')).toMatchObject([{ code: 'duplicate-key', severity: 'warning', params: { key: 'a.b' } }]);
  });
});
