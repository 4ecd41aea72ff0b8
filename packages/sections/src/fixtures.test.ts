// Golden files: every `fixtures/<case>.md` is parsed (and diffed against
// `<case>.old.md` when there is one); the result must equal `<case>.expected.json`.
// Regenerate after an intended behaviour change with `UPDATE=1 npx vitest run`,
// then review the JSON diff like any other change.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { diffDocuments, parseDocument, type DocumentUnit, type ParsedDocument, type SectionChange } from './index.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const locales = fileURLToPath(new URL('../../../locales/', import.meta.url));
const update = process.env.UPDATE === '1';

const cases = readdirSync(fixtures)
  .filter((file) => file.endsWith('.md') && !file.endsWith('.old.md'))
  .map((file) => file.slice(0, -'.md'.length))
  .sort();

function describeParse(doc: ParsedDocument) {
  return {
    frontmatter: doc.frontmatter,
    fields: doc.fields,
    sections: doc.sections.map(({ raw, ...section }) => ({ ...section, firstLine: raw.split(/\r?\n/)[0] })),
    warnings: doc.warnings,
  };
}

const unitId = (unit: DocumentUnit | null) => (unit ? `${unit.id}@${unit.kind === 'frontmatter' ? 'frontmatter' : unit.line}` : null);

function describeDiff(changes: SectionChange[]) {
  return changes.map((change) => ({
    kind: change.kind,
    id: change.id,
    oldId: change.oldId,
    moved: change.moved,
    old: unitId(change.old),
    new: unitId(change.new),
    words: change.words?.filter((w) => w.added || w.removed).map((w) => `${w.added ? '+' : '-'}${w.value}`) ?? null,
  }));
}

function golden(path: string, actual: unknown) {
  const json = `${JSON.stringify(actual, null, 2)}\n`;
  // A missing golden file fails: it is written only with UPDATE=1, never to make a test pass.
  if (!update && !existsSync(path)) throw new Error(`${path} is missing: run with UPDATE=1 to write it, then review it`);
  if (update) writeFileSync(path, json);
  expect(JSON.parse(json)).toEqual(JSON.parse(readFileSync(path, 'utf8')));
}

describe('golden fixtures', () => {
  it('has fixtures', () => expect(cases.length).toBeGreaterThanOrEqual(8));

  it.each(cases)('%s', (name) => {
    const text = readFileSync(join(fixtures, `${name}.md`), 'utf8');
    const oldPath = join(fixtures, `${name}.old.md`);
    const parsed = parseDocument(text);
    expect(parsed.frontmatter.raw + parsed.sections.map((s) => s.raw).join('')).toBe(text);
    const actual: Record<string, unknown> = { parse: describeParse(parsed) };
    if (existsSync(oldPath)) actual.diff = describeDiff(diffDocuments(readFileSync(oldPath, 'utf8'), text));
    golden(join(fixtures, `${name}.expected.json`), actual);
  });

  it('seeds (locales/**/*.md)', () => {
    const seeds = readdirSync(locales, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.md'))
      .sort();
    const actual = Object.fromEntries(seeds.map((file) => [file, describeParse(parseDocument(readFileSync(join(locales, file), 'utf8')))]));
    golden(join(fixtures, 'seeds.expected.json'), actual);
  });
});
