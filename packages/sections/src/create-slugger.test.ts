import { slug as githubSlug } from 'github-slugger';
import { describe, expect, it } from 'vitest';
import { createSlugger } from './index.js';

describe('createSlugger', () => {
  it('gives GitHub slugs with -1, -2 for repeats and reserves intro', () => {
    const slugger = createSlugger();
    expect(['Visitor data', 'Visitor Data', 'Visitor data', 'Intro', 'Partie 1 : Données', '!!!'].map((t) => slugger.slug(t))).toEqual([
      { id: 'visitor-data', duplicate: false },
      { id: 'visitor-data-1', duplicate: true },
      { id: 'visitor-data-2', duplicate: true },
      { id: 'intro-1', duplicate: false },
      { id: 'partie-1--données', duplicate: false },
      { id: 'section', duplicate: false },
    ]);
    expect(slugger.claim('visitor-data')).toEqual({ id: 'visitor-data-3', duplicate: true });
    expect(slugger.claim('custom')).toEqual({ id: 'custom', duplicate: false });
    slugger.reset();
    expect(slugger.slug('Visitor data')).toEqual({ id: 'visitor-data', duplicate: false });
    expect(slugger.slug('Intro')).toEqual({ id: 'intro-1', duplicate: false });
  });

  it('skips a suffix that a heading already took literally', () => {
    const slugger = createSlugger();
    expect(['A', 'A 1', 'A'].map((t) => slugger.slug(t).id)).toEqual(['a', 'a-1', 'a-2']);
  });

  it('gives a heading text met again (slugs are remembered by text) the slug github-slugger gives it', () => {
    const texts = ['Visitor data', 'Données', '!!!', '', 'A  b', 'Ünïcödé 😀 x', 'C++ & C#', 'Intro', 'section'];
    for (let round = 0; round < 3; round++) {
      for (const text of texts) {
        const wanted = githubSlug(text) || 'section';
        expect(createSlugger().slug(text).id, text).toBe(wanted === 'intro' ? 'intro-1' : wanted);
      }
    }
  });
});
