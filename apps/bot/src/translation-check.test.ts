import { describe, expect, test } from 'vitest';
import { adopt, createMemoryHost, parseConfig, type PullRequestSection } from '@i18n-drift/core';
import { checkOutput, pullRequestSignOffs, translationFindings } from './translation-check.js';

const EN = '# Data\n\nWe keep logs.\n\n## Cookies\n\nNone.\n';
const FR = '# Données\n\nNous gardons les journaux pendant un an.\n\n## Cookies\n\nAucun.\n';
const t = (key: string, values?: Record<string, unknown>) => `${key} ${JSON.stringify(values ?? {})}`;

describe('translationFindings', () => {
  test('lists the sections signed off on the branch and not re-pinned yet (marker removed, pin still the old English)', async () => {
    const config = parseConfig({ files: ['docs/{locale}/*.md'] });
    const host = createMemoryHost();
    const english = host.commit('main', { 'docs/en/data.md': EN }, { message: 'English' });
    host.commit('main', { 'docs/fr/data.md': adopt(EN, FR, { sourceCommit: english }).text }, { message: 'French' });
    const changed = host.commit('main', { 'docs/en/data.md': EN.replace('We keep logs.', 'We keep logs for a year.') }, { message: 'A year' });
    // What a translator's commit leaves once they delete the stale marker sync put under "Données":
    // pinned at the new English, the section's hash still the old English's.
    const head = host.commit('i18n-drift/fr', { 'docs/fr/data.md': adopt(EN, FR, { sourceCommit: changed }).text }, { message: 'Traduire', from: 'main' });

    const { files, findings, signOffs } = await translationFindings(host, { config, locale: 'fr', base: changed, head });
    expect(files).toEqual(['docs/fr/data.md']);
    expect(findings).toEqual([]);
    expect(signOffs).toEqual([{ path: 'docs/fr/data.md', id: 'data', heading: 'Données' }]);
    expect(checkOutput(findings, files, t, signOffs).summary.split('\n').slice(-2)).toEqual([
      'bot:check.signedOff {"count":1}',
      'bot:check.signedOffItem {"path":"docs/fr/data.md","section":"Données"}',
    ]);
  });

  test('the pull request sign-offs: the sections its body ticks and those not re-pinned yet, each once', () => {
    const ticked = [
      { translationPath: 'docs/fr/b.md', id: 'cookies', heading: 'Cookies', resolved: true },
      { translationPath: 'docs/fr/b.md', id: 'data', heading: 'Data', resolved: false },
    ] as PullRequestSection[];
    const pending = [
      { path: 'docs/fr/b.md', id: 'cookies', heading: 'Témoins' },
      { path: 'docs/fr/a.md', id: 'intro', heading: null },
    ];
    expect(pullRequestSignOffs(ticked, pending)).toEqual([
      { path: 'docs/fr/a.md', id: 'intro', heading: null },
      { path: 'docs/fr/b.md', id: 'cookies', heading: 'Cookies' },
    ]);
  });
});
