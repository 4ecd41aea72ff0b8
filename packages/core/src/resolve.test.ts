import { describe, expect, it } from 'vitest';
import { adopt } from './adopt.js';
import { applySourceChange } from './apply-source-change.js';
import { readPins } from './pins.js';
import { repin, resolve } from './resolve.js';
import { findMarkers, removeMarkers } from './stale-marker.js';

const v1 = '---\ntitle: Policy\n---\n\nIntro.\n\n## Keep\n\nWe keep logs for 6 months.\n\n## Share\n\nNever.\n';
const v2 = v1.replace('6 months', '3 months').replace('title: Policy', 'title: Our policy');
const fr = '---\ntitle: Politique\n---\n\nIntro fr.\n\n## Garder\n\nNous gardons les journaux 6 mois.\n\n## Partager\n\nJamais.\n';

describe('resolve', () => {
  const adopted = adopt(v1, fr, { sourceCommit: 'c0' }).text;
  const stale = applySourceChange(v1, v2, adopted, { sourceCommit: 'c1' }).text;

  it('leaves marked sections alone and returns the same text', () => {
    expect(findMarkers(stale).map((m) => m.section)).toEqual(['frontmatter.title', 'keep']);
    const result = resolve(v2, stale);
    expect(result).toEqual({ text: stale, resolved: [] });
  });

  it('re-pins sections (and fields) whose markers the translator removed, changing only the pins', () => {
    const fixed = removeMarkers(stale).replace('6 mois', '3 mois');
    const { text, resolved } = resolve(v2, fixed);
    expect(resolved).toEqual(['frontmatter.title', 'keep']);
    expect(text.replace(/^i18n:\n(?: {2}.*\n)+/m, '')).toBe(fixed.replace(/^i18n:\n(?: {2}.*\n)+/m, ''));
    expect(applySourceChange(v1, v2, text, { sourceCommit: 'c1' }).text).toBe(text);
    expect(resolve(v2, text).text).toBe(text);
  });

  it('pins a formerly missing section once translated and unmarked', () => {
    const v3 = `${v2}\n## Contact\n\nWrite to us.\n`;
    const missing = applySourceChange(v2, v3, adopt(v2, fr, { sourceCommit: 'c1' }).text, { sourceCommit: 'c2' }).text;
    expect(readPins(missing)!.sections).not.toHaveProperty('contact');
    const translated = removeMarkers(missing).replace('## Contact\n\nWrite to us.', '## Contact\n\nÉcrivez-nous.');
    const { resolved, text } = resolve(v3, translated);
    expect(resolved).toEqual(['contact']);
    expect(Object.keys(readPins(text)!.sections)).toEqual(['frontmatter.title', 'intro', 'keep', 'share', 'contact']);
  });

  it('does nothing for a file without pins', () => {
    expect(resolve(v1, fr)).toEqual({ text: fr, resolved: [] });
  });
});

describe('repin', () => {
  it('re-pins the given sections without touching text or markers ([i18n skip])', () => {
    const adopted = adopt(v1, fr, { sourceCommit: 'c0' }).text;
    const text = repin(v2, adopted, ['frontmatter.title', 'keep'], 'c1');
    const before = readPins(adopted)!;
    const after = readPins(text)!;
    expect(after.commit).toBe('c1');
    expect(after.sections.keep).not.toBe(before.sections.keep);
    expect(after.sections.share).toBe(before.sections.share);
    expect(findMarkers(text)).toEqual([]);
    // The skipped change is not marked stale by a later apply from v2.
    expect(findMarkers(applySourceChange(v2, v2, text, { sourceCommit: 'c2' }).text)).toEqual([]);
    expect(repin(v2, text, ['frontmatter.title', 'keep'], 'c1')).toBe(text);
  });
});
