import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkRepository, type Finding } from './check.js';
import { BaselineError, compareWithBaseline, createBaseline, formatBaseline, parseBaseline } from './check-baseline.js';
import { parseConfig } from './config.js';

const LOCALES = new URL('../../../locales/', import.meta.url);
const seed = (path: string) => readFileSync(new URL(path, LOCALES), 'utf8');
const config = parseConfig({});
const files = {
  'locales/en/your-data.md': seed('en/your-data.md'),
  'locales/fr/your-data.md': seed('fr/your-data.md'),
  'locales/nl/your-data.md': seed('nl/your-data.md'),
};
const check = (snapshot: Record<string, string>) => checkRepository({ files: snapshot }, config).findings;

describe('check baseline', () => {
  const before = check(files);
  const baseline = parseBaseline(formatBaseline(createBaseline(before)));

  it('accepts every finding it was made from', () => {
    expect(before.some((f) => f.severity === 'error')).toBe(true);
    const result = compareWithBaseline(before, baseline);
    expect(result).toMatchObject({ fresh: [], ok: true });
    expect(result.accepted).toHaveLength(before.length);
  });

  it('keeps accepting findings whose lines moved with an unrelated edit', () => {
    const shifted = { ...files, 'locales/fr/your-data.md': files['locales/fr/your-data.md'].replace(/\n\n/, '\n\nUne ligne ajoutée.\n\nUne autre.\n\n') };
    const after = check(shifted);
    expect(after.map((f) => f.line)).not.toEqual(before.map((f) => f.line));
    expect(compareWithBaseline(after, baseline)).toMatchObject({ fresh: [], ok: true });
  });

  it('fails on a new finding only, counting repeated ones', () => {
    const fr = files['locales/fr/your-data.md'];
    // A second link to the anchor already broken, and a link to a new broken anchor.
    const worse = { ...files, 'locales/fr/your-data.md': `${fr}\nVoir [profil](#profile-data) et [ailleurs](#nowhere).\n` };
    const result = compareWithBaseline(check(worse), baseline);
    expect(result.ok).toBe(false);
    expect(result.fresh.map((f: Finding) => `${f.code} ${f.params['anchor']}`).sort()).toEqual(['broken-anchor nowhere', 'broken-anchor profile-data']);
  });

  it('writes one sorted entry per identity, without line numbers', () => {
    const text = formatBaseline(createBaseline(before));
    expect(text).not.toMatch(/"line"/);
    const entries = JSON.parse(text).findings;
    expect(entries).toContainEqual({ path: 'locales/fr/your-data.md', code: 'broken-anchor', subject: 'profile-data', count: 1 });
    expect(entries.map((e: { path: string }) => e.path)).toEqual([...entries.map((e: { path: string }) => e.path)].sort());
  });

  it('accepts an unsynced section recorded when it carried no line, now at its heading', () => {
    const unsynced = (line: number): Finding => ({ code: 'unsynced-section', severity: 'error', path: 'locales/fr/a.md', line, message: '', params: { section: 'Cookies', id: 'cookies', pinned: 'abcdef1' } });
    // As the file an older version wrote: the finding is known by its section id, never its line.
    const older = parseBaseline(formatBaseline(createBaseline([unsynced(0)])));
    expect(compareWithBaseline([unsynced(12)], older)).toMatchObject({ fresh: [], ok: true });
  });

  it.each([
    ['not JSON', '{', /^not JSON: /],
    ['the wrong version', '{"version": 2, "findings": []}', /expected "version": 1, got 2/],
    ['a bad entry', '{"version": 1, "findings": [{"path": "a.md", "code": "broken-anchor", "count": 0}]}', /^findings\.0: expected/],
  ])('refuses %s', (_, text, reason) => {
    expect(() => parseBaseline(text)).toThrow(BaselineError);
    expect(() => parseBaseline(text)).toThrow(reason);
  });
});
