import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { outdent } from 'outdent';
import { describe, expect, it } from 'vitest';
import { FrontmatterError, parseDocument } from './index.js';

const locales = fileURLToPath(new URL('../../../locales/', import.meta.url));
const seeds = readdirSync(locales, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.md'))
  .sort();
const read = (file: string) => readFileSync(join(locales, file), 'utf8');
const rejoin = (text: string) => {
  const doc = parseDocument(text);
  return doc.frontmatter.raw + doc.sections.map((s) => s.raw).join('');
};

describe('parseDocument on the seeds', () => {
  it('finds every seed', () => {
    expect(seeds).toEqual(expect.arrayContaining(['en/your-data.md', 'fr/your-data.md', 'nl/your-data.md', 'en/passbolt-privacy.md', 'fr/privacy.md']));
  });

  it.each(seeds)('%s is split losslessly, offsets and lines match', (file) => {
    const text = read(file);
    const doc = parseDocument(text);
    expect(rejoin(text)).toBe(text);
    for (const section of doc.sections) {
      expect(text.slice(section.start, section.end)).toBe(section.raw);
      expect(text.split('\n')[section.line - 1]).toBe(section.raw.split('\n')[0]);
    }
    expect(new Set(doc.sections.map((s) => s.id)).size).toBe(doc.sections.length);
  });

  it('cuts en/your-data.md at the headings after <Note>, not at $####', () => {
    const doc = parseDocument(read('en/your-data.md'));
    expect(doc.frontmatter.data).toEqual({ title: 'How we use your personal data' });
    expect(doc.fields.map((f) => [f.id, f.value])).toEqual([['frontmatter.title', 'How we use your personal data']]);
    expect(doc.sections.map((s) => [s.id, s.level, s.heading, s.line])).toEqual([
      ['intro', 0, null, 4],
      ['visitor-data', 5, 'Visitor data', 15],
      ['model-data', 5, 'Model data', 53],
    ]);
    expect(doc.sections[1]!.raw).toContain('$#### Profile data');
    expect(doc.warnings).toEqual([expect.objectContaining({ code: 'broken-heading', line: 32 })]);
  });

  it('gives equal body hashes to the same English text indented differently', () => {
    const en = parseDocument(read('en/your-data.md'));
    const fr = parseDocument(read('fr/privacy.md'));
    const model = (doc: typeof en) => doc.sections.find((s) => s.id === 'model-data')!;
    expect(model(fr).bodyHash).toBe(model(en).bodyHash);
  });
});

describe('parseDocument on small cases', () => {
  it('reads ATX, setext, custom ids and duplicates', () => {
    const doc = parseDocument(outdent`
      # Intro
      Setext *title*
      ==============

      \`\`\`md
      # not a heading
      \`\`\`

      ## Details
      ## Details
      ### Renamed later {#keep-me}
      - # nested heading takes a slug
      ## Nested heading takes a slug
    `);
    expect(doc.sections.map((s) => [s.id, s.level, s.heading, s.explicitId])).toEqual([
      ['intro-1', 1, 'Intro', null],
      ['setext-title', 1, 'Setext title', null],
      ['details', 2, 'Details', null],
      ['details-1', 2, 'Details', null],
      ['keep-me', 3, 'Renamed later', 'keep-me'],
      ['nested-heading-takes-a-slug-1', 2, 'Nested heading takes a slug', null],
    ]);
    expect(doc.warnings.map((w) => [w.code, w.line])).toEqual([
      ['duplicate-id', 10],
      ['duplicate-id', 13],
    ]);
  });

  it('has an intro whenever the body has bytes before the first heading', () => {
    expect(parseDocument('\n# A\n').sections.map((s) => [s.id, s.raw])).toEqual([
      ['intro', '\n'],
      ['a', '# A\n'],
    ]);
    expect(parseDocument('# A\n').sections.map((s) => s.id)).toEqual(['a']);
    expect(parseDocument('---\ntitle: T\n---\n# A').sections.map((s) => s.id)).toEqual(['a']);
    expect(parseDocument('').sections).toEqual([]);
  });

  it('keeps BOM, CRLF and a missing final newline', () => {
    const text = '\uFEFF---\r\ntitle: T\r\n---\r\n\r\nHello  \r\n# A\r\ntext';
    const doc = parseDocument(text);
    expect(doc.frontmatter.raw).toBe('\uFEFF---\r\ntitle: T\r\n---\r\n');
    expect(doc.sections.map((s) => [s.id, s.raw, s.line])).toEqual([
      ['intro', '\r\nHello  \r\n', 4],
      ['a', '# A\r\ntext', 6],
    ]);
    expect(rejoin(text)).toBe(text);
  });

  it('warns about broken headings, empty headings and unclosed fences', () => {
    const doc = parseDocument(outdent`
      ####Heading
      #

      \`\`\`
      # inside
    `);
    expect(doc.warnings.map((w) => [w.code, w.line])).toEqual([
      ['broken-heading', 1],
      ['empty-heading', 2],
      ['unclosed-fence', 4],
    ]);
  });

  it('throws FrontmatterError naming the line of bad YAML', () => {
    const bad = '---\ntitle: ok\ndescription: [unclosed\nother: x\n---\n# A\n';
    expect(() => parseDocument(bad)).toThrow(FrontmatterError);
    try {
      parseDocument(bad);
    } catch (error) {
      expect((error as FrontmatterError).line).toBeGreaterThanOrEqual(3);
      expect((error as FrontmatterError).line).toBeLessThanOrEqual(5);
    }
    expect(() => parseDocument('---\ntitle: x\n# never closed\n')).toThrow(/line 1/);
  });
});

describe('an i18n-drift marker whose --> a translator deleted', () => {
  it('does not swallow the headings after it (sync would insert them again)', () => {
    const text = outdent`
      ## Données

      <!-- i18n-drift:stale section="data" since="abc1234"
      Nous gardons vos données 6 mois.

      ## Journaux

      Nous gardons les journaux 30 jours.

    `;
    const doc = parseDocument(text);
    expect(doc.sections.map((s) => s.id)).toEqual(['données', 'journaux']);
    expect(doc.frontmatter.raw + doc.sections.map((s) => s.raw).join('')).toBe(text);
  });
});

describe('one body under another frontmatter (the parse of the body is reused)', () => {
  const body = ['Intro line.', '', '#', '', '## Same', 'Text.', '', '## Same', '', '```js', 'never closed', ''].join('\n');
  const placed = (text: string) => {
    const doc = parseDocument(text);
    return {
      sections: doc.sections.map((s) => ({ id: s.id, start: s.start, end: s.end, line: s.line, raw: s.raw, hash: s.hash })),
      warnings: doc.warnings,
    };
  };

  it('places sections and warnings where they are in each text', () => {
    const bare = placed(body);
    const framed = `---\ntitle: A title\ndescription: Two keys\n---\n`;
    const withFrontmatter = placed(framed + body);
    const withBom = placed('\uFEFF' + body);
    for (const [text, doc] of [[body, bare], [framed + body, withFrontmatter], ['\uFEFF' + body, withBom]] as const) {
      for (const section of doc.sections) {
        expect(text.slice(section.start, section.end)).toBe(section.raw);
        expect(section.line).toBe(text.slice(0, section.start).split('\n').length);
      }
    }
    expect(withFrontmatter.sections.map((s) => s.hash)).toEqual(bare.sections.map((s) => s.hash));
    expect(withFrontmatter.warnings.map((w) => w.line)).toEqual(bare.warnings.map((w) => w.line + 4));
    expect(withFrontmatter.warnings.find((w) => w.code === 'empty-heading')?.message).toBe('heading on line 7 has no text');
    expect(withFrontmatter.warnings.find((w) => w.code === 'unclosed-fence')?.message).toBe('code fence ``` opened on line 14 is never closed; everything after it is code');
    expect(bare.warnings.find((w) => w.code === 'unclosed-fence')?.message).toBe('code fence ``` opened on line 10 is never closed; everything after it is code');
    expect(withFrontmatter.warnings.find((w) => w.code === 'duplicate-id')?.message).toBe('heading id "same" is already used; this heading gets "same-1"');
  });

  it('gives the frontmatter of each text its own fields', () => {
    expect(parseDocument(`---\ntitle: One\n---\n${body}`).fields.map((f) => f.value)).toEqual(['One']);
    expect(parseDocument(`---\ntitle: Two\n---\n${body}`).fields.map((f) => f.value)).toEqual(['Two']);
  });
});
