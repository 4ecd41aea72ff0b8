import { describe, expect, it } from 'vitest';
import { gitBlobId } from './git-blob-id.js';

describe('gitBlobId', () => {
  it('is the id `git hash-object` gives: empty, ASCII, multi-byte UTF-8 (byte length, not string length)', () => {
    expect(gitBlobId('')).toBe('e69de29bb2d1d6434b8b29ae775ad8c2e48c5391'); // printf '' | git hash-object --stdin
    expect(gitBlobId('hello\n')).toBe('ce013625030ba8dba906f756967f9e9ca394464a'); // printf 'hello\n' | …
    expect(gitBlobId('é€\n')).toBe('81c40fca67c4b5307e78b82fe23150cc037aa059'); // printf 'é€\n' | …
  });
});
