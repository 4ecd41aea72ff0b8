import { describe, expect, it } from 'vitest';
import { PROGRESS_DELAY_MS, progressBar } from './output.js';

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  return { stream: { isTTY, write: (text: string) => written.push(text) }, written };
}

describe('progressBar', () => {
  it.each([
    ['a pipe, however long it takes', false, PROGRESS_DELAY_MS * 10, 0],
    ['a terminal, under a second', true, PROGRESS_DELAY_MS - 1, 0],
    ['a terminal, after a second', true, PROGRESS_DELAY_MS, 2],
  ])('on %s: %d writes', (_, isTTY, elapsed, writes) => {
    const { stream, written } = fakeStream(isTTY);
    let clock = 0;
    const bar = progressBar('Reading documents', { stream, now: () => clock });
    clock = elapsed;
    bar.update(5, 10);
    bar.update(5, 10); // same percentage: not redrawn
    bar.done();
    expect(written).toHaveLength(writes);
    if (writes > 0) {
      expect(written[0]).toBe(`\rReading documents [${'#'.repeat(15)}${'-'.repeat(15)}] 5/10`);
      expect(written[1]).toBe('\r\x1b[2K');
    }
  });
});
