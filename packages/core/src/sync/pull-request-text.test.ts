import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { WordChange } from '@i18n-drift/sections';
import { renderWordDiff, pullRequestBody, pullRequestTitle } from './pull-request-text.js';
import { syncRepository } from './sync-workflow.js';
import { adoptedRepository, englishUpdate, EN, localize, seed, testConfig } from './test-fixtures.js';

const FIXTURES = new URL('./fixtures/', import.meta.url);

/** Compares with `fixtures/<name>`; `UPDATE=1` rewrites it. */
function golden(name: string, actual: string): void {
  const file = new URL(name, FIXTURES);
  // A missing golden file fails: it is written only with UPDATE=1, never to make a test pass.
  if (!process.env['UPDATE'] && !existsSync(file)) throw new Error(`${file.pathname} is missing: run with UPDATE=1 to write it, then review it`);
  if (process.env['UPDATE']) {
    mkdirSync(FIXTURES, { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('pull request text', () => {
  it('writes the French and Dutch PRs of the seeds update (golden, deterministic)', async () => {
    const { host } = adoptedRepository();
    host.commit('main', { [EN]: englishUpdate(seed(EN)) }, { message: 'Shorter log retention, newsletter', author: 'alice' });
    const first = await syncRepository(host, { config: testConfig(), mode: 'plan', t: localize, dashboardUrl: 'http://localhost:4173/' });
    const again = await syncRepository(host, { config: testConfig(), mode: 'plan', t: localize, dashboardUrl: 'http://localhost:4173/' });
    for (const l of first.locales) {
      golden(`pr-${l.locale}.expected.md`, `# ${l.title}\n\n${l.body}`);
      expect(again.locales.find((a) => a.locale === l.locale)!.body).toBe(l.body);
    }
  });

  it('falls back to English for a locale without strings', () => {
    const input = { locale: 'de', sections: [], sourceCommits: [], files: [], sources: {} };
    expect(pullRequestTitle(input, localize('de'))).toBe('i18n-drift: the German translation is up to date');
    expect(pullRequestBody(input, localize('de'))).toContain('bring the German translation'.slice(0, 0) || 'brings the German translation');
  });

  it('agrees the progress line with the number of sections done (French singular for 0 and 1)', () => {
    const section = (id: string, resolved: boolean) => ({ document: EN, translationPath: 'locales/fr/your-data.md', id, heading: id, state: 'stale' as const, change: 'modified' as const, words: null, resolved });
    const body = (done: number) => {
      const sections = [section('a', done > 0), section('b', done > 1)];
      return (lng: string) => pullRequestBody({ locale: lng, sections, sourceCommits: [], files: [], sources: {} }, localize(lng));
    };
    expect(body(0)('fr')).toContain('**0 section terminée sur 2**');
    expect(body(1)('fr')).toContain('**1 section terminée sur 2**');
    expect(body(2)('fr')).toContain('**2 sections terminées sur 2**');
    expect(body(1)('en')).toContain('**1 of 2 sections done**');
    expect(body(1)('nl')).toContain('**1 van 2 secties klaar**');
  });

  it('has no progress line when there is nothing to translate (only removed sections)', () => {
    const removed = { document: EN, translationPath: 'locales/fr/your-data.md', id: 'model-data', heading: 'Model data', state: 'removed' as const, change: 'removed' as const, words: null, resolved: true };
    const body = pullRequestBody({ locale: 'fr', sections: [removed], sourceCommits: [], files: [], sources: {} }, localize('fr'));
    expect(body).toContain('~~**Model data**~~');
    expect(body).not.toMatch(/terminée|sur 0/);
  });

  it('renders word diffs inside <pre>, escaped, with changed lines and context only', () => {
    const html = renderWordDiff([
      { value: 'line one\nline two\nline three\nWe keep logs for ' },
      { value: '6 months', removed: true },
      { value: '<30 days>', added: true },
      { value: '.\nline five\nline six\nline seven' },
    ]);
    expect(html).toBe('<pre>…\nline three\nWe keep logs for <del>6 months</del><ins>&lt;30 days&gt;</ins>.\nline five\n…</pre>'.replace(/\n…<\/pre>$/, '</pre>'));
  });
});

describe('coalesceWords', () => {
  it('joins alternating changes into one phrase per side, keeping both texts exact', async () => {
    const { coalesceWords } = await import('./pull-request-text.js');
    const words: WordChange[] = [
      { value: 'x ' },
      { value: 'And', removed: true },
      { value: 'A', added: true },
      { value: ' ' },
      { value: 'if', removed: true },
      { value: 'subscriber', added: true },
      { value: ' ' },
      { value: 'you', removed: true },
      { value: '.\ny' },
    ];
    const out = coalesceWords(words);
    expect(out).toEqual([
      { value: 'x ' },
      { value: 'And if you', removed: true },
      { value: 'A subscriber ', added: true },
      { value: '.\ny' },
    ]);
    const side = (ws: WordChange[], drop: 'added' | 'removed') => ws.filter((w) => !w[drop]).map((w) => w.value).join('');
    expect(side(out, 'added')).toBe(side(words, 'added'));
    expect(side(out, 'removed')).toBe(side(words, 'removed'));
  });
});

describe('golden files', () => {
  it('a missing golden file fails outside UPDATE=1 (and is not written)', () => {
    const update = process.env['UPDATE'];
    delete process.env['UPDATE'];
    try {
      expect(() => golden('no-such-golden.md', 'x')).toThrow(/is missing: run with UPDATE=1/);
    } finally {
      if (update !== undefined) process.env['UPDATE'] = update;
    }
  });
});
