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
