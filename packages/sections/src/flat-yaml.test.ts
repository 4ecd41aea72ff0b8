import { inspect, isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import jsYaml from 'js-yaml';
import { outdent } from 'outdent';
import { parseDocument as parseYamlDocument, visit } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadFlatYaml } from './flat-yaml.js';
import { seedDocumentTexts } from './test-seed-documents.js';

/** js-yaml's answer (gray-matter's engine), or the error it throws. */
function slow(yaml: string): unknown {
  try {
    return { data: jsYaml.safeLoad(yaml) };
  } catch (error) {
    return { error: String(error) };
  }
}

/** When the fast path answers, js-yaml must give the very same data (Dates, numbers, nulls and all). */
function expectSameAsJsYaml(yaml: string): boolean {
  const fast = loadFlatYaml(yaml);
  if (fast === undefined) return false;
  // node's deep equality: NaN equals NaN, prototypes and Dates compared, a `constructor` key is only a key.
  const expected = slow(yaml);
  expect(isDeepStrictEqual({ data: fast }, expected), `${JSON.stringify(yaml)}: ${inspect(fast)} vs ${inspect(expected)}`).toBe(true);
  return true;
}

const keys = fc.constantFrom('title', 'description', 'date', 'img', 'a-b', 'x_y', 'T1', 'null', 'Null', 'True', 'FALSE', 'on', 'yes', 'y', '1', '<<', '__proto__', 'constructor', 'title ', ' title', 'é', 'a b', '-a', '?a');
const scalars = fc.constantFrom(
  'Teams', 'Use of hashtags', 'a  b', 'x ', 'x\u00a0', '\u00a0x', '\u3000', 'é', '😀', 'C#', 'a #b', 'a#b', 'a: b', 'a:b', 'a:', 'https://x.y/p?q=1', 'bangkok.jpg',
  '2018-03-21', '2018-3-21', '2018-03-21T10:20:30Z', '2018-03-21 10:20:30.5 +02:00', '20180321', '12', '012', '0o17', '0x1F', '0b101', '1_000', '1:20', '-1', '+1',
  '.5', '1.', '1e3', '1.5e+3', '.inf', '-.Inf', '.NaN', '~', 'null', 'NULL', 'Null', 'nULL', 'true', 'True', 'TRUE', 'tRUE', 'false', 'yes', 'No', 'on', 'off', 'y',
  '<<', '=', '"quoted"', '"a \'b\' c"', '"with \\"escape\\""', '"a\\nb"', '"unclosed', '"a" b', '"a" #c', "'single'", "'it''s'", "''", '""', "'a' b", "'unclosed",
  '[a, b]', '{a: 1}', '&a x', '*a', '*a ', 'a *b', '[*a]', '{x: *a}', '"*a"', "'*a'", '!tag x', '!!str 12', '|', '>', '- x', '? x', '%x', '@x', '`x`', ',x', 'a, b', 'a [b]', 'x\ty', '-', '',
);
const quotedKeys = fc.constantFrom('"a b"', '"1"', '"x\\"y"', '"a\\\\b"', '"a\\nb"', '"__proto__"', '"t": ', '"u"x');
const pinIds = fc.constantFrom('frontmatter.title', 'intro', 'section-0-of-46', 'données-personnelles', 'step-1-close-seams', '1-introduction', '2018', 'true', 'a.b', '_x', 'x_', 'a:b', '__proto__');
const hashes = fc.constantFrom('00b0d9f6962e3626', '1234567890123456', '1e34567890123456', '0x12', '"1234567890123456"', '271eceea06e8932f', '');
const line = fc.oneof(
  fc.tuple(keys, fc.constantFrom(':', ': ', ':  ', ' :', ':\t'), scalars).map(([k, sep, v]) => k + sep + v),
  fc.tuple(keys, fc.array(fc.tuple(fc.constantFrom('  ', ' ', '    ', '\t'), fc.constantFrom('- ', '-  ', '-', '- - '), scalars), { minLength: 1, maxLength: 3 })).map(
    ([k, items]) => `${k}:\n${items.map(([indent, dash, v]) => indent + dash + v).join('\n')}`,
  ),
  fc.constantFrom('', '  ', '# comment', '  # indented comment', '...', '---', '  continued', '\r', 'a: b\r', '\uFEFF', '%YAML 1.2'),
  // Nested mappings, as the pins block and hand-written frontmatter nest them.
  fc.tuple(keys, fc.array(fc.tuple(fc.constantFrom('  ', '    ', ' ', '   '), fc.oneof(keys, quotedKeys), fc.constantFrom(': ', ':', ':\n      x: 1', ':\n        - a'), scalars), { minLength: 1, maxLength: 4 })).map(
    ([k, entries]) => `${k}:\n${entries.map(([indent, key, sep, v]) => indent + key + sep + (sep.startsWith(':\n') ? '' : v)).join('\n')}`,
  ),
  fc.tuple(fc.constantFrom(null, '2dda06630e5af164a7173f2293756913a619f0ac', '1234567', '"quoted"'), fc.array(fc.tuple(fc.oneof(pinIds, quotedKeys), hashes), { maxLength: 5 })).map(
    ([commit, entries]) => ['i18n:', ...(commit === null ? [] : [`  commit: ${commit}`]), entries.length === 0 ? '  sections: {}' : '  sections:', ...entries.map(([id, hash]) => `    ${id}: ${hash}`)].join('\n'),
  ),
);
const blocks = fc.tuple(fc.constantFrom('', ' ', '\u00a0'), fc.array(line, { minLength: 1, maxLength: 6 })).map(([opening, lines]) => `${opening}\n${lines.join('\n')}`);

// Frontmatter of the corpus `status` is measured on (one folder per document), by shape.
const corpusBlocks = [
  '\ntitle: Teams',
  '\ndate: 2018-03-21\ntitle: "Freesewing core 1.8: Jaeger Jacket is in, across back measurement is out"\nlinktitle: "Core 1.8: Jaeger and no more across back"\nimg: bangkok.jpg\ncaption: "This release brought to you from Bangkok"\nauthor: joost',
  "\ntitle: \"FreeSewing core 1.8: het Jaeger-jasje komt erbij en de 'across back'-afmeting verdwijnt\"\norder: 30",
  '\ntitle: Showcase\npatterns:\n  - simon\n  - bruce\nimg: showcase.jpg\ncaption: Simon & Bruce\nauthor: joost\ndate: 2021-07-26',
  '\ntitle: Nested\npatterns:\n  - hugo\n    - hugo',
  '\n- title: a list',
];

describe('loadFlatYaml (the fast path of frontmatter YAML)', () => {
  it('gives what js-yaml gives on generated blocks whenever it answers', () => {
    fc.assert(fc.property(blocks, (yaml) => void expectSameAsJsYaml(yaml)), { numRuns: 5000 });
  });

  it('answers for flat mappings of plain, quoted and listed scalars, typed as js-yaml types them', () => {
    for (const yaml of corpusBlocks.slice(0, 4)) expect(expectSameAsJsYaml(yaml), yaml).toBe(true);
    for (const yaml of ['\ntitle: x\u00a0', '\ntitle: \u00a0x  ', '\ntitle: a  b ', "\ntitle: 'a  '  ", '\nl:\n  - x\u3000']) expect(expectSameAsJsYaml(yaml), yaml).toBe(true);
    const pinned = '\ntitle: Policy 46\ni18n:\n  commit: 2dda06630e5af164a7173f2293756913a619f0ac\n  sections:\n    frontmatter.title: 00b0d9f6962e3626\n    intro: 271eceea06e8932f\n    "1": "1234567890123456"\n    données: 72d6817e29d65bc0';
    expect(expectSameAsJsYaml(pinned)).toBe(true);
    expect(loadFlatYaml(pinned)).toStrictEqual({
      title: 'Policy 46',
      i18n: { commit: '2dda06630e5af164a7173f2293756913a619f0ac', sections: { 'frontmatter.title': '00b0d9f6962e3626', intro: '271eceea06e8932f', '1': '1234567890123456', données: '72d6817e29d65bc0' } },
    });
    expect(expectSameAsJsYaml('\ni18n:\n  sections: {}\ntags: []')).toBe(true);
    expect(loadFlatYaml(corpusBlocks[1]!)!.date).toStrictEqual(new Date(Date.UTC(2018, 2, 21)));
    expect(loadFlatYaml('\nn: 12\nf: .5\nz: ~\nb: true\ns: \'it\'\'s\'\nl:\n  - 1\n  - x')).toStrictEqual({ n: 12, f: 0.5, z: null, b: true, s: "it's", l: [1, 'x'] });
  });

  it('answers only for blocks without an alias (splitFrontmatter then skips its alias search)', () => {
    const hasAlias = (yaml: string) => {
      let found = false;
      visit(parseYamlDocument(yaml, { uniqueKeys: false }), {
        Alias() {
          found = true;
          return visit.BREAK;
        },
      });
      return found;
    };
    let answered = 0;
    const starred = fc.constantFrom('Teams', 'a *b', 'x*', '2 * 3', '**bold**', '"*a"', "'*a'", '*a', '*a ', '&a x', '&a *b', '[*a]', '{x: *a}', '"a" *b');
    const starLine = fc.oneof(
      fc.tuple(fc.constantFrom('title', 'x', '*a', '"*a"', 'a*'), starred).map(([k, v]) => `${k}: ${v}`),
      fc.tuple(fc.constantFrom('list', 'i18n'), fc.array(starred, { minLength: 1, maxLength: 3 }), fc.boolean()).map(([k, vs, listed]) => `${k}:\n${vs.map((v, i) => (listed ? `  - ${v}` : `  k${i}: ${v}`)).join('\n')}`),
    );
    const starBlocks = fc.uniqueArray(starLine, { minLength: 1, maxLength: 5, selector: (l) => l.slice(0, l.indexOf(':')) }).map((ls) => `\n${ls.join('\n')}`);
    fc.assert(
      fc.property(fc.oneof(blocks, starBlocks), (yaml) => {
        if (loadFlatYaml(yaml) === undefined) return;
        answered++;
        expect(hasAlias(yaml), yaml).toBe(false);
      }),
      { numRuns: 3000 },
    );
    expect(answered).toBeGreaterThan(100);
  });

  it('reads a scalar met again (what it is is remembered by text) as js-yaml does, each Date a new object', () => {
    const yaml = '\ndate: 2018-03-21\nn: 12\nnull: x\n';
    expect(loadFlatYaml(yaml)).toBeUndefined();
    const block = '\ndate: 2018-03-21\nn: 12\nt: text\nz: ~\nf: 1e3\nk: .NaN\n';
    const first = loadFlatYaml(block)!;
    const second = loadFlatYaml(block)!;
    expect(second).toStrictEqual(first);
    expect(isDeepStrictEqual(second, jsYaml.safeLoad(block))).toBe(true);
    expect(second.date).not.toBe(first.date);
    // Met first as a value, then as a key: a key that a type resolves is still refused.
    expect(loadFlatYaml('\nx: true')).toStrictEqual({ x: true });
    expect(loadFlatYaml('\ntrue: x')).toBeUndefined();
    expect(loadFlatYaml('\nx: a *b\ny: a: b')).toBeUndefined();
    expect(loadFlatYaml('\na: x')).toStrictEqual({ a: 'x' });
  });

  it('leaves everything else to js-yaml', () => {
    for (const yaml of [
      corpusBlocks[4]!,
      corpusBlocks[5]!,
      '\n',
      '\n# only a comment',
      '\ntitle: a\ntitle: b',
      '\ntitle: a\n  continued',
      '\ntitle: "a\\tb"',
      '\ntitle: a # comment',
      '\nTrue: x',
      '\ntitle: [a, b]',
      '\ntitle: &a x',
      '\ntitle: |\n  block',
      '\ntitle:\ta',
      '\r\ntitle: a\r',
      '\n__proto__: x',
    ]) {
      expect(loadFlatYaml(yaml), yaml).toBeUndefined();
    }
  });

  it('gives what js-yaml gives on the frontmatter of every fixture and seed document', () => {
    let answered = 0;
    for (const seed of seedDocumentTexts()) {
      const text = seed.replace(/^\uFEFF/, '');
      const close = text.indexOf('\n---', 3);
      if (!text.startsWith('---') || close === -1) continue;
      if (expectSameAsJsYaml(text.slice(3, close))) answered++;
    }
    expect(answered).toBeGreaterThan(0);
  });

  it('answers for most generated flat frontmatter', () => {
    const flat = fc
      .uniqueArray(fc.constantFrom('title', 'description', 'date', 'img', 'caption', 'author', 'order', 'linktitle'), { minLength: 1 })
      .chain((ks) => fc.tuple(fc.constant(ks), fc.array(fc.constantFrom('Teams', '"Quoted: yes"', "'it''s'", '2021-07-26', '12', 'a.jpg', 'Simon & Bruce'), { minLength: ks.length, maxLength: ks.length })))
      .map(([ks, vs]) => '\n' + ks.map((k, i) => `${k}: ${vs[i]}`).join('\n'));
    let answered = 0;
    fc.assert(fc.property(flat, (yaml) => void (expectSameAsJsYaml(yaml) && answered++)), { numRuns: 300 });
    expect(answered).toBe(300);
  });
});

describe('splitFrontmatter with the fast path', () => {
  it('reads a typical frontmatter as before', async () => {
    const { splitFrontmatter } = await import('./split-frontmatter.js');
    const text = outdent`
      ---
      date: 2018-03-21
      title: "Core 1.8: Jaeger"
      patterns:
        - simon
      ---

      Body
    `;
    expect(splitFrontmatter(text).frontmatter.data).toStrictEqual({ date: new Date(Date.UTC(2018, 2, 21)), title: 'Core 1.8: Jaeger', patterns: ['simon'] });
  });
});
