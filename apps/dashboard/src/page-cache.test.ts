import { describe, expect, it } from 'vitest';
import { keepBody, pickEncoding } from './http-body.js';
import { createPageCache } from './page-cache.js';

describe('createPageCache', () => {
  it('drops the least recently used pages beyond its byte bound, counting compressed forms when they arrive, and empties on new data', async () => {
    const cache = createPageCache<object>({ bytes: 10_000 });
    const data = {};
    const page = (text: string) => () => ({ status: 200, body: keepBody(text), lang: 'en' });
    const a = cache.get(data, 'a', page('a'.repeat(4_000)));
    await a.body.compressed;
    expect(cache.stats().bytes).toBe(a.body.size());
    expect(a.body.size()).toBeGreaterThan(4_000);
    cache.get(data, 'b', page('b'.repeat(4_000)));
    cache.get(data, 'c', page('c'.repeat(4_000)));
    expect(cache.stats().pages).toBe(2);
    expect(cache.stats().bytes).toBeLessThanOrEqual(10_000);
    let made = 0;
    cache.get(data, 'a', () => (made++, { status: 200, body: keepBody('again'), lang: 'en' }));
    expect(made).toBe(1);
    // A page bigger than the bound is still served (and kept alone).
    cache.get(data, 'big', page('x'.repeat(50_000)));
    expect(cache.stats().pages).toBe(1);
    cache.get({}, 'a', page('new data'));
    expect(cache.stats()).toEqual({ pages: 1, bytes: 8 });
  });
});

describe('pickEncoding', () => {
  it.each([
    ['gzip, deflate, br', 'br'],
    ['br;q=0.5, gzip', 'gzip'],
    ['BR, GZIP', 'br'],
    ['*', 'br'],
    ['*;q=0, gzip', 'gzip'],
    ['identity', null],
    ['br;q=0, gzip;q=0', null],
    ['', null],
  ])('%j -> %s', (header, expected) => {
    expect(pickEncoding(header)).toBe(expected);
  });
});
