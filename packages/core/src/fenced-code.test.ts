import { describe, expect, it } from 'vitest';
import { createFenceTracker } from './fenced-code.js';

const classify = (text: string) => {
  const fence = createFenceTracker();
  return text.split('\n').map(fence);
};

describe('createFenceTracker', () => {
  it('marks the opening, inside and closing lines of a fence, and nothing outside', () => {
    expect(classify('text\n```md\n# not a heading\n```\n# heading')).toEqual([null, 'open', 'inside', 'close', null]);
  });

  it('closes only on the same character, at least as long, with nothing after it (CommonMark)', () => {
    expect(classify('````\n```\n~~~~\n```` x\n`````\nafter')).toEqual(['open', 'inside', 'inside', 'inside', 'close', null]);
    expect(classify('~~~\n```\n~~~')).toEqual(['open', 'inside', 'close']);
  });

  it('ignores fences indented four spaces and backtick fences whose info string holds a backtick', () => {
    expect(classify('    ```\n# x')).toEqual([null, null]);
    expect(classify('``` a`b\n# x')).toEqual([null, null]);
  });

  it('leaves an unclosed fence open to the end of the text', () => {
    expect(classify('```\n[x](#y)\n')).toEqual(['open', 'inside', 'inside']);
  });
});
