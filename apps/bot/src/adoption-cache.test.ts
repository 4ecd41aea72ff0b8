import { describe, expect, test } from 'vitest';
import { createMemoryAdoptionCache } from './adoption-cache.js';
import { createRepositoryLru } from './repository-lru.js';

describe('createRepositoryLru', () => {
  test('forgets the least recently used entry of a repository, then the least recently used repository', () => {
    const lru = createRepositoryLru<number>({ repositories: 2, entriesPerRepository: 2 });
    lru.set('a/x', 'one', 1);
    lru.set('a/x', 'two', 2);
    expect(lru.get('a/x', 'one')).toBe(1); // used: 'two' is now the oldest
    lru.set('a/x', 'three', 3);
    expect([lru.get('a/x', 'one'), lru.get('a/x', 'two'), lru.get('a/x', 'three')]).toEqual([1, undefined, 3]);

    lru.set('b/y', 'one', 10);
    lru.get('a/x', 'one'); // a/x used after b/y
    lru.set('c/z', 'one', 20);
    expect([lru.get('a/x', 'one'), lru.get('b/y', 'one'), lru.get('c/z', 'one')]).toEqual([1, undefined, 20]);
  });
});

describe('createMemoryAdoptionCache', () => {
  test('answers what it was told, per repository, and only that', async () => {
    const cache = createMemoryAdoptionCache();
    await cache.set('acme/docs', new Map([['b1', true], ['b2', false]]));
    expect(await cache.get('acme/docs', ['b1', 'b2', 'b3'])).toEqual(new Map([['b1', true], ['b2', false]]));
    expect(await cache.get('acme/other', ['b1'])).toEqual(new Map());
  });

  test('keeps the blobs still asked for when old versions overflow it', async () => {
    const cache = createMemoryAdoptionCache({ blobsPerRepository: 3 });
    await cache.set('acme/docs', new Map([['current', false], ['old1', true], ['old2', false]]));
    await cache.get('acme/docs', ['current']);
    await cache.set('acme/docs', new Map([['new', true]]));
    expect([...(await cache.get('acme/docs', ['current', 'old1', 'old2', 'new'])).keys()]).toEqual(['current', 'old2', 'new']);
  });
});
