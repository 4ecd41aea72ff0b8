import MarkdownIt from 'markdown-it';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adopt, applySourceChange, type PublishPageData } from '@i18n-drift/core';
import { parseDocument } from '@i18n-drift/sections';
import { noticesIn, syncedSeeds } from '../../core/src/publish/test-seeds.js';
import { i18nDrift } from './index.js';

const seeds = syncedSeeds();
const plain = new MarkdownIt({ html: true });
const headingSections = parseDocument(seeds.oldEnglish).sections.filter((section) => section.kind === 'heading');

describe('markdown-it plugin properties', () => {
  it('with notices, only adds notices: the page without them is the page rendered without the plugin, one notice per stale or missing section shown', () => {
    let mostNotices = 0;
    const french = adopt(seeds.oldEnglish, seeds.translations.fr.replace(/^<!-- i18n-drift:.*\n/gm, ''), { sourceCommit: 'c0' }).text;
    fc.assert(
      fc.property(fc.subarray(headingSections.map((_, index) => index)), fc.boolean(), (edited, withSource) => {
        // An English update that changes a word in each chosen section.
        let english = seeds.oldEnglish;
        for (const index of edited) {
          const section = headingSections[index]!;
          english = english.replace(section.raw, section.raw.replace(/\bdata\b/, 'information'));
        }
        const synced = applySourceChange(seeds.oldEnglish, english, french, { sourceCommit: 'c1' }).text;
        const env: Record<string, unknown> = {};
        const md = new MarkdownIt({ html: true }).use(i18nDrift, { locale: 'fr', ...(withSource ? { englishSource: english } : {}) });
        const html = md.render(synced, env);
        const notices = noticesIn(html);
        mostNotices = Math.max(mostNotices, notices.length);
        expect(html.replace(/<aside role="note"[^>]*>[\s\S]*?<\/aside>\n/g, '')).toBe(plain.render(synced));
        const data = env['i18nDrift'] as PublishPageData | undefined;
        expect(notices).toHaveLength(data?.outdated.length ?? 0);
        for (const outdated of data?.outdated ?? []) expect(notices.some((n) => n.includes(`data-section="${outdated.id}"`))).toBe(true);
      }),
      { numRuns: 25 },
    );
    // The property held on pages that had notices, not only on untouched ones.
    expect(mostNotices).toBeGreaterThan(1);
  });
});
