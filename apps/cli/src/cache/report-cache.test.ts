import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { cacheDir } from './parse-cache.js';
import { readReport, writeReport } from './report-cache.js';

function gitDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'i18n-drift-report-cache-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('writeReport', () => {
  it('writes the same bytes from a value serialised beforehand as from the value', () => {
    const key = 'a'.repeat(64);
    const values = [{ revision: 'abc', documents: [{ source: 'docs/en/é "q".md', title: null, share: 0.116, words: [1, 2] }] }, [], 'text\n\u2028', null];
    for (const value of values) {
      const plain = gitDir();
      const serialised = gitDir();
      writeReport(plain, 'status', key, value);
      writeReport(serialised, 'status', key, value, JSON.stringify(value));
      const [file] = readdirSync(cacheDir(plain));
      expect(readFileSync(join(cacheDir(serialised), file!), 'utf8')).toBe(readFileSync(join(cacheDir(plain), file!), 'utf8'));
      expect(readReport(serialised, 'status', key)).toEqual(value);
      expect(readReport(serialised, 'status', 'b'.repeat(64))).toBeNull();
    }
  });
});
