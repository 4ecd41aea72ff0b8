import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { parseDocument } from '@i18n-drift/sections';
import { blobId } from '../worktree.js';
import { cacheDir, openParseCache } from './parse-cache.js';

const text = '---\ntitle: Hello\n---\n\n# Hello\n\nWorld.\n';

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
});
