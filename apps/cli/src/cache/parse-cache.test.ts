import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { parseDocument } from '@i18n-drift/sections';
import { blobId } from '../worktree.js';
import { cacheDir, openParseCache } from './parse-cache.js';

const text = '---\ntitle: Hello\n---\n\n# Hello\n\nWorld.\n';

// Every shape a parse can take: fields with and without a legacy hash, dates and nested
// data, an intro, setext and duplicate headings, warnings, a BOM, CRLF, no body at all.
const documents = [
  text,
  '---\ntitle: Our _data_\ndescription: "A [link][d] and *more*"\ndate: 2021-07-26\ntags:\n  - a\n  - b\n---\nIntro [x][d].\n\nTitle\n=====\n\n## Dup\n\n## Dup\n\n####Broken\n\n```js\nnever closed\n\n[d]: https://example.org/d\n',
  '\uFEFF# Only\r\n\r\nCRLF __strong__ text.\r\n',
  '---\ntitle: Nothing else\n---\n',
  '',
  'No heading at all, _emphasis_ only.',
  '# {#custom}\n\n#\n\n## Custom {#custom}\n',
];

/** A parse as a cached one must read: what JSON keeps of it (dates become strings), keys in the same order. */
const asStored = (doc: unknown) => JSON.stringify(doc);

describe('openParseCache', () => {
  it('keys entries by the Git blob id of the exact text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'i18n-drift-blob-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'a.md'), text);
    expect(blobId(Buffer.from(text))).toBe(execFileSync('git', ['hash-object', join(dir, 'a.md')], { encoding: 'utf8' }).trim());
  });

  it('hits only for the same text, version and config; a corrupt file is ignored', () => {
    const gitDir = mkdtempSync(join(tmpdir(), 'i18n-drift-cache-'));
    onTestFinished(() => rmSync(gitDir, { recursive: true, force: true }));
    const key = { version: '1+abc', configHash: 'c1' };
    const first = openParseCache(gitDir, key, ['title']);
    expect(first.parse(text)).toEqual(parseDocument(text, { frontmatterKeys: ['title'] }));
    first.save();
    const second = openParseCache(gitDir, key, ['title']);
    expect(second.parse(text)).toEqual(parseDocument(text, { frontmatterKeys: ['title'] }));
    expect([second.hits, second.misses]).toEqual([1, 0]);
    expect(second.parse(`${text}More.\n`).sections.at(-1)!.raw).toContain('More.');
    expect(second.misses).toBe(1);

    const otherVersion = openParseCache(gitDir, { ...key, version: '2+def' }, ['title']);
    otherVersion.parse(text);
    expect([otherVersion.hits, otherVersion.misses]).toEqual([0, 1]);
    otherVersion.save();
    // The old version's file is gone: it could never be read again.
    expect(readdirSync(cacheDir(gitDir))).toEqual(['parse-2+def-c1.json']);

    writeFileSync(join(cacheDir(gitDir), 'parse-2+def-c1.json'), '{ not json');
    const afterCorruption = openParseCache(gitDir, { ...key, version: '2+def' }, ['title']);
    expect(afterCorruption.parse(text)).toEqual(parseDocument(text, { frontmatterKeys: ['title'] }));
    expect(afterCorruption.misses).toBe(1);
  });

  it('gives back, from the file, exactly what the parse gave (as JSON keeps it), for every shape of document', () => {
    const gitDir = mkdtempSync(join(tmpdir(), 'i18n-drift-cache-'));
    onTestFinished(() => rmSync(gitDir, { recursive: true, force: true }));
    const key = { version: '1+abc', configHash: 'c1' };
    const keys = ['title', 'description', 'tags'];
    const first = openParseCache(gitDir, key, keys);
    for (const doc of documents) first.parse(doc);
    first.save();
    const second = openParseCache(gitDir, key, keys);
    for (const doc of documents) expect(asStored(second.parse(doc)), JSON.stringify(doc)).toBe(asStored(parseDocument(doc, { frontmatterKeys: keys })));
    expect([second.hits, second.misses]).toEqual([documents.length, 0]);
    // Entries read are written back as they were, with the new ones.
    second.parse('# New\n');
    second.save();
    const third = openParseCache(gitDir, key, keys);
    for (const doc of [...documents, '# New\n']) expect(asStored(third.parse(doc))).toBe(asStored(parseDocument(doc, { frontmatterKeys: keys })));
    expect([third.hits, third.misses]).toEqual([documents.length + 1, 0]);
  });

  it('parses again, never trusts, a truncated file or an entry that does not fit its text', () => {
    const gitDir = mkdtempSync(join(tmpdir(), 'i18n-drift-cache-'));
    onTestFinished(() => rmSync(gitDir, { recursive: true, force: true }));
    const key = { version: '1+abc', configHash: 'c1' };
    const keys = ['title', 'description'];
    const first = openParseCache(gitDir, key, keys);
    for (const doc of documents) first.parse(doc);
    first.save();
    const file = join(cacheDir(gitDir), 'parse-1+abc-c1.json');
    const saved = readFileSync(file, 'utf8');
    const expectFresh = (contents: string, hits: number) => {
      writeFileSync(file, contents);
      const cache = openParseCache(gitDir, key, keys);
      for (const doc of documents) expect(asStored(cache.parse(doc))).toBe(asStored(parseDocument(doc, { frontmatterKeys: keys })));
      expect(cache.hits, contents.slice(0, 200)).toBe(hits);
    };
    for (const at of [0, 1, 10, saved.length / 2, saved.length - 1]) expectFresh(saved.slice(0, at), 0);

    // Valid JSON, wrong entries: each one is parsed again.
    const stored = JSON.parse(saved) as { entries: Record<string, unknown[]> };
    const oid = blobId(Buffer.from(documents[1]!));
    const entry = stored.entries[oid]!;
    const sections = entry[3] as unknown[];
    const broken: unknown[][] = [
      [...entry.slice(0, 4)],
      [entry[0] as number + 1, ...entry.slice(1)],
      [-1, ...entry.slice(1)],
      [entry[0], [], ...entry.slice(2)],
      [entry[0], entry[1], ['title'], ...entry.slice(3)],
      [...entry.slice(0, 3), sections.slice(0, -1), entry[4]],
      [...entry.slice(0, 3), sections.slice(0, -11), entry[4]],
      [...entry.slice(0, 3), sections.map((v, i) => (i === 4 ? (v as number) + 1 : v)), entry[4]],
      [...entry.slice(0, 3), sections.map((v, i) => (i === 0 ? 7 : v)), entry[4]],
      [...entry.slice(0, 3), sections.map((v, i) => (i === 7 ? 7 : v)), entry[4]],
      [...entry.slice(0, 4), ['no-such-code', 1, 'x']],
      { ...entry },
    ];
    for (const wrong of broken) expectFresh(JSON.stringify({ ...stored, entries: { ...stored.entries, [oid]: wrong } }), documents.length - 1);
    // A file of another format (the earlier one stored the objects) is not read at all.
    const { format: _format, ...unformatted } = stored as typeof stored & { format: number };
    expectFresh(JSON.stringify(unformatted), 0);
    expectFresh(saved, documents.length);
  });
});
