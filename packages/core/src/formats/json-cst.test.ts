import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJson, printJson, valueOf } from './json-cst.js';
import { detectStyle, insertValue, keysAt, removeAt, setValue } from './json-edit.js';

const seed = (locale: string) => readFileSync(new URL(`../../../../locales/${locale}/i18n-drift.json`, import.meta.url), 'utf8');

describe('parseJson / printJson', () => {
  it.each(['en', 'fr', 'nl'])('prints locales/%s/i18n-drift.json back byte for byte and reads what JSON.parse reads', (locale) => {
    const text = seed(locale);
    const doc = parseJson(text);
    expect(printJson(doc)).toBe(text);
    expect(valueOf(doc.root)).toEqual(JSON.parse(text));
  });

  it('is lossless and agrees with JSON.parse on any JSON, however spaced', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 0, 1, 4, '\t'), (value, indent) => {
        const text = JSON.stringify(value, null, indent) ?? 'null';
        const doc = parseJson(`\uFEFF ${text}\r\n`);
        expect(printJson(doc)).toBe(`\uFEFF ${text}\r\n`);
        expect(valueOf(doc.root)).toEqual(JSON.parse(text));
      }),
    );
  });

  it('names the line and column of the first problem', () => {
    const cases: [string, number, number, RegExp][] = [
      ['{\n  "a": "x",\n}\n', 3, 1, /trailing comma/],
      ['{\n  "a": "x"\n  "b": "y"\n}', 3, 3, /expected ',' or '}' after the value of "a"/],
      ['{\n  a: 1\n}', 2, 3, /expected a key in double quotes/],
      ['{"a": "line\nbreak"}', 1, 12, /line break inside a string/],
      ['{"a": "\\x"}', 1, 8, /invalid escape '\\x'/],
      ['{"a": 01}', 1, 8, /expected ',' or '}'/],
      ['{"a": "x"', 1, 10, /expected ',' or '}'.*the end of the file/],
      ['', 1, 1, /empty/],
      ['{} {}', 1, 4, /after the end of the JSON value/],
      ['[' .repeat(300), 1, 258, /nested deeper than 256/],
    ];
    for (const [text, line, column, reason] of cases) {
      expect(() => parseJson(text), text).toThrow(expect.objectContaining({ name: 'CatalogSyntaxError', line, column, reason: expect.stringMatching(reason) }));
    }
  });
});

describe('minimal edits', () => {
  const order = () => [] as string[];
  const edit = (text: string, change: (doc: ReturnType<typeof parseJson>) => void) => {
    const doc = parseJson(text);
    change(doc);
    return printJson(doc);
  };

  it('removes the first, a middle, the last and the only member with their commas', () => {
    const text = '{\n  "a": 1,\n  "b": 2,\n  "c": 3\n}\n';
    expect(edit(text, (d) => removeAt(d, ['a']))).toBe('{\n  "b": 2,\n  "c": 3\n}\n');
    expect(edit(text, (d) => removeAt(d, ['b']))).toBe('{\n  "a": 1,\n  "c": 3\n}\n');
    expect(edit(text, (d) => removeAt(d, ['c']))).toBe('{\n  "a": 1,\n  "b": 2\n}\n');
    expect(edit('{\n  "a": 1\n}\n', (d) => removeAt(d, ['a']))).toBe('{}\n');
  });

  it('removes an object its last key leaves empty, never the root', () => {
    expect(edit('{\n  "a": {\n    "b": {\n      "c": 1\n    }\n  },\n  "d": 2\n}\n', (d) => removeAt(d, ['a', 'b', 'c']))).toBe('{\n  "d": 2\n}\n');
  });

  it('inserts spaced like the neighbours: first, last, into {} and creating objects', () => {
    const text = '{\n  "a": 1,\n  "c": 3\n}\n';
    const doc = () => parseJson(text);
    const style = detectStyle(doc());
    expect(edit(text, (d) => insertValue(d, ['b'], 2, style, () => ['a', 'b', 'c']))).toBe('{\n  "a": 1,\n  "b": 2,\n  "c": 3\n}\n');
    expect(edit(text, (d) => insertValue(d, ['z'], 0, style, () => ['z', 'a']))).toBe('{\n  "z": 0,\n  "a": 1,\n  "c": 3\n}\n');
    expect(edit(text, (d) => insertValue(d, ['x', 'y'], 'v', style, order))).toBe('{\n  "a": 1,\n  "c": 3,\n  "x": {\n    "y": "v"\n  }\n}\n');
    expect(edit('{}\n', (d) => insertValue(d, ['a'], ['x', 'y'], { indent: '\t', eol: '\n', colon: ': ' }, order))).toBe('{\n\t"a": [\n\t\t"x",\n\t\t"y"\n\t]\n}\n');
    expect(edit('{"a":1}', (d) => insertValue(d, ['b', 'c'], 2, detectStyle(parseJson('{"a":1}')), order))).toBe('{"a":1,"b":{"c":2}}');
  });

  it('sets a value in place, keeping the member spacing', () => {
    expect(edit('{ "a" :  "x" , "b": 1 }', (d) => setValue(d, ['a'], 'y', detectStyle(d)))).toBe('{ "a" :  "y" , "b": 1 }');
    expect(keysAt(parseJson('{"a":{"b":1,"c":2}}'), ['a'])).toEqual(['b', 'c']);
  });

  it('detects tabs, CRLF and a minified file', () => {
    expect(detectStyle(parseJson('{\r\n\t"a": 1\r\n}'))).toEqual({ indent: '\t', eol: '\r\n', colon: ': ' });
    expect(detectStyle(parseJson('{"a":1}'))).toEqual({ indent: null, eol: '\n', colon: ':' });
  });
});
