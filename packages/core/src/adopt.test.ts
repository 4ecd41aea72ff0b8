import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { FrontmatterError } from '@i18n-drift/sections';
import { adopt } from './adopt.js';
import { readPins } from './pins.js';
import { formatMarker } from './stale-marker.js';

const seed = (path: string) => readFileSync(new URL(`../../../locales/${path}`, import.meta.url), 'utf8');

describe('adopt', () => {
  it('pins the nl seed, keeping every byte of the body', () => {
    const en = seed('en/your-data.md');
    const nl = seed('nl/your-data.md');
    const { text } = adopt(en, nl, { sourceCommit: null });
    expect(readPins(text)!.commit).toBeNull();
    expect(text.slice(text.indexOf('\n---\n'))).toBe(nl.slice(nl.indexOf('\n---\n')));
  });

  it('keeps the pinned commit when none is given, and is idempotent', () => {
    const en = '## A\n\nx\n';
    const once = adopt(en, '## A\n\nx fr\n', { sourceCommit: 'c0' }).text;
    expect(adopt(en, once).text).toBe(once);
    expect(readPins(adopt(en, once, { sourceCommit: 'c1' }).text)!.commit).toBe('c1');
  });

  it('does not pin a section that carries a marker, nor frontmatter keys outside frontmatterKeys', () => {
    const en = '---\ntitle: T\nauthor: A\n---\n## A\n\nx\n\n## B\n\ny\n';
    const tr = `---\ntitle: T fr\nauthor: A\n---\n## A\n\nx fr\n\n## B\n${formatMarker({ kind: 'missing', section: 'b', since: null })}\n\ny\n`;
    expect(readPins(adopt(en, tr, { sourceCommit: 'c0' }).text)!.sections).toEqual({ 'frontmatter.title': expect.any(String), a: expect.any(String) });
    expect(Object.keys(readPins(adopt(en, tr, { sourceCommit: 'c0', frontmatterKeys: ['author'] }).text)!.sections)).toEqual(['frontmatter.author', 'a']);
  });

  it('reports what it cannot align: the French privacy.md against an unrelated English document', () => {
    const { alignment } = adopt(seed('en/passbolt-privacy.md'), seed('fr/privacy.md'));
    expect(alignment.unalignedTranslation.length + alignment.unalignedSource.length).toBeGreaterThan(0);
    for (const pair of alignment.pairs) expect(pair.confidence).toBeGreaterThanOrEqual(0.5);
  });

  it('throws FrontmatterError for a malformed i18n block', () => {
    expect(() => adopt('## A\n', '---\ni18n: [\n---\n## A\n')).toThrow(FrontmatterError);
  });
});
