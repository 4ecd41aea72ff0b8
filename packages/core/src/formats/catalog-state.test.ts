import { describe, expect, it } from 'vitest';
import { readCatalogState, statePathOf, writeCatalogState } from './catalog-state.js';

describe('catalog state files', () => {
  it('sit beside the catalog under a name no *.json pattern matches', () => {
    expect(statePathOf('locales/fr/common.json')).toBe('locales/fr/common.json.i18n-drift');
  });

  it('write one sorted line per key and read back what they wrote', () => {
    const state = {
      commit: 'abc123',
      keys: new Map([
        ['nav.pricing', { pin: '0123456789abcdef', mark: { kind: 'stale' as const, since: 'abc123' } }],
        ['a key with "quotes" and spaces', { pin: '0123456789abcdef', mark: null }],
        ['nav.blog', { pin: null, mark: { kind: 'missing' as const, since: null } }],
      ]),
    };
    const text = writeCatalogState(state, 'common.json');
    expect(text).toBe(
      [
        '# i18n-drift: the English each key of common.json translates (one line per key; written by i18n-drift sync)',
        'commit abc123',
        '"a key with \\"quotes\\" and spaces" 0123456789abcdef',
        '"nav.blog" - missing -',
        '"nav.pricing" 0123456789abcdef stale abc123',
        '',
      ].join('\n'),
    );
    expect(readCatalogState(text)).toEqual(state);
    expect(readCatalogState(text.replace(/\n/g, '\r\n'))).toEqual(state);
  });

  it('name the line of what they cannot read', () => {
    const bad: [string, number, RegExp][] = [
      ['commit a b\n', 1, /expected "commit <sha>"/],
      ['\n"a" 0123456789abcdef fuzzy\n', 2, /expected "stale" or "missing"/],
      ['"a" 0123456789abcdef\n"a" 0123456789abcdef\n', 2, /listed twice/],
      ['"a 0123456789abcdef\n', 1, /unterminated key/],
      ['a 0123456789abcdef\n', 1, /expected a key in double quotes/],
      ['"a" 0123456789abcdef stale c1 extra\n', 1, /unexpected "extra"/],
    ];
    for (const [text, line, reason] of bad) expect(() => readCatalogState(text), text).toThrow(expect.objectContaining({ name: 'CatalogStateError', line, reason: expect.stringMatching(reason) }));
  });
});
