import { describe, expect, it } from 'vitest';
import { FrontmatterError, parseDocument } from './index.js';

const frontmatterOf = (text: string) => parseDocument(text).frontmatter;
const errorOf = (text: string) => {
  try {
    parseDocument(text);
  } catch (error) {
    return error as FrontmatterError;
  }
  throw new Error('expected a FrontmatterError');
};

describe('frontmatter', () => {
  it('keeps raw byte-exact: BOM, CRLF, trailing spaces on the delimiters, no final newline', () => {
    expect(frontmatterOf('\uFEFF---\r\ntitle: T\r\n---\r\nbody')).toEqual({ raw: '\uFEFF---\r\ntitle: T\r\n---\r\n', data: { title: 'T' } });
    expect(frontmatterOf('--- \ntitle: T\n---   \nbody').raw).toBe('--- \ntitle: T\n---   \n');
    expect(frontmatterOf('---\ntitle: T\n---')).toEqual({ raw: '---\ntitle: T\n---', data: { title: 'T' } });
    expect(frontmatterOf('\uFEFF# No frontmatter')).toEqual({ raw: '\uFEFF', data: {} });
    expect(frontmatterOf('---\n---\nbody')).toEqual({ raw: '---\n---\n', data: {} });
    expect(frontmatterOf('---\n# only a comment\n---\n').data).toEqual({});
  });

  it('is not frontmatter when `---` is followed by another dash', () => {
    expect(frontmatterOf('----\ntext\n').raw).toBe('');
  });

  it('reads JSON frontmatter and gray-matter values', () => {
    expect(frontmatterOf('---json\n{"title": "T"}\n---\n').data).toEqual({ title: 'T' });
    const doc = parseDocument('---\ntitle: 2024\ndescription: true\ndate: 2017-11-30\ntags: [a, b]\n---\n', {
      frontmatterKeys: ['title', 'description', 'date', 'tags', 'missing'],
    });
    expect(doc.fields.map((f) => [f.id, f.value])).toEqual([
      ['frontmatter.title', '2024'],
      ['frontmatter.description', 'true'],
      ['frontmatter.date', '2017-11-30T00:00:00.000Z'],
      ['frontmatter.tags', '["a","b"]'],
    ]);
  });

  it('names the line of a YAML error', () => {
    const error = errorOf('---\ntitle: ok\n  bad indent: x\n---\n# A\n');
    expect(error).toBeInstanceOf(FrontmatterError);
    expect(error.name).toBe('FrontmatterError');
    expect(error.line).toBe(3);
    expect(error.reason).toMatch(/invalid YAML: bad indentation/);
    expect(error.message).toMatch(/^frontmatter, line 3: /);
    expect(errorOf('---\ntitle: a\ntitle: b\n---\n').line).toBe(3);
    expect(errorOf('\uFEFF---\r\ntitle: "unterminated\r\n---\r\n').line).toBe(2);
  });

  it('rejects unclosed blocks, non-mappings and executable languages', () => {
    expect(errorOf('---\ntitle: x\n# never closed\n')).toMatchObject({ line: 1, reason: expect.stringMatching(/never closed/) });
    expect(errorOf('---\n- a\n- b\n---\n')).toMatchObject({ line: 2, reason: expect.stringMatching(/mapping/) });
    expect(errorOf('---js\n{ title: (() => "pwned")() }\n---\n')).toMatchObject({ line: 1, reason: expect.stringMatching(/unsupported/) });
  });
});

describe('hostile frontmatter', () => {
  it('refuses an alias bomb at once, naming the line of the first alias', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const name = String.fromCharCode(97 + i);
      const prev = String.fromCharCode(96 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const text = `---\n${levels.join('\n')}\ntitle: *i\n---\n# Policy\n`;
    expect(text.length).toBeLessThan(1000);
    const started = process.hrtime.bigint();
    const error = errorOf(text);
    // A refusal, not an expansion: far below the seconds the expansion takes.
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(2_000);
    expect(error).toBeInstanceOf(FrontmatterError);
    expect(error).toMatchObject({ line: 3, reason: expect.stringMatching(/YAML aliases are not allowed in frontmatter \(found \*a\)/) });
  });

  it('refuses a self-referencing alias and a merge key, and accepts anchors and stars inside text', () => {
    expect(errorOf('---\ntitle: T\nx: &a {y: *a}\n---\n')).toMatchObject({ line: 3, reason: expect.stringMatching(/\*a/) });
    expect(errorOf('\uFEFF---\r\nbase: &b {k: v}\r\nother:\r\n  <<: *b\r\n---\r\n')).toMatchObject({ line: 4 });
    expect(frontmatterOf('---\ntitle: &t Star *power* and a*b\ndescription: "*not an alias*"\n---\n').data).toEqual({
      title: 'Star *power* and a*b',
      description: '*not an alias*',
    });
  });

  it('says a frontmatter that is a string or a list is not a mapping, with its line', () => {
    expect(errorOf('---\ntitle:Fabric options\n---\n# Fabric\n')).toMatchObject({ line: 2, reason: expect.stringMatching(/mapping of keys to values, not string/) });
    expect(errorOf('---\n- title\n---\n')).toMatchObject({ line: 2, reason: expect.stringMatching(/not a list/) });
  });
});

describe('CR-only frontmatter (old Mac line endings)', () => {
  it('is split at `---\\r` fences, raw byte-exact, data read as from LF', () => {
    const text = '---\rtitle: T\ri18n:\r  commit: abc\r  sections:\r    intro: 9f8e\r---\r# Heading\r\rText.\r';
    const doc = parseDocument(text);
    expect(doc.frontmatter.raw).toBe('---\rtitle: T\ri18n:\r  commit: abc\r  sections:\r    intro: 9f8e\r---\r');
    expect(doc.frontmatter.data).toEqual({ title: 'T', i18n: { commit: 'abc', sections: { intro: '9f8e' } } });
    expect(doc.frontmatter.raw + doc.sections.map((s) => s.raw).join('')).toBe(text);
    expect(doc.sections.map((s) => s.heading)).toEqual(['Heading']);
    expect(frontmatterOf('\uFEFF---\rtitle: T\r---').raw).toBe('\uFEFF---\rtitle: T\r---');
  });

  it('names the file line of a YAML error, and of an alias, in CR-only frontmatter', () => {
    expect(errorOf('---\rtitle: T\rbad: [\r---\rbody\r').line).toBe(3);
    expect(errorOf('---\ra: &a x\rb: *a\r---\r').line).toBe(3);
    expect(errorOf('---\rtitle: T\rbody\r').reason).toMatch(/never closed/);
  });

  it('LF and CRLF files keep their detection: a lone `\\r` inside them is no fence', () => {
    expect(frontmatterOf('---\ntitle: "a\r---b"\n---\nbody').raw).toBe('---\ntitle: "a\r---b"\n---\n');
    expect(frontmatterOf('---\r\ntitle: T\r\n---\r\nbody').raw).toBe('---\r\ntitle: T\r\n---\r\n');
  });
});
