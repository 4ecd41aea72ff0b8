import { describe, expect, it } from 'vitest';
import { outdent } from 'outdent';
import { adopt } from './adopt.js';
import { applySourceChange } from './apply-source-change.js';
import { checkRepository } from './check.js';
import { parseConfig } from './config.js';
import { coverage } from './coverage.js';
import { findMarkers } from './stale-marker.js';
import { createMemoryHost } from './sync/memory-host.js';
import { syncRepository } from './sync/sync-workflow.js';
import { localize } from './sync/test-fixtures.js';

const config = parseConfig({ locales: ['fr'] });
const english = outdent`
  ## Data

  We keep your data for 6 months.

  ## Logs

  We keep the logs for 30 days.

  ## Contact

  Write to privacy@example.org.

`;
const french = outdent`
  ## Données

  Nous gardons vos données 6 mois.

  ## Journaux

  Nous gardons les journaux 30 jours.

  ## Contact

  Écrivez à privacy@example.org.

`;
const newer = english.replace('6 months', '3 months');

/** The French synced to `newer` (data marked stale), then its marker's `-->` deleted by hand. */
function broken(): string {
  const adopted = adopt(english, french, { sourceCommit: 'c1' }).text;
  const synced = applySourceChange(english, newer, adopted, { sourceCommit: 'c2' }).text;
  expect(synced).toContain('<!-- i18n-drift:stale section="data" since="c2" -->');
  return synced.replace('since="c2" -->', 'since="c2"');
}

describe('a stale marker whose --> was deleted', () => {
  it('is flagged by check with its file and line', () => {
    const text = broken();
    const line = text.split('\n').findIndex((l) => l.startsWith('<!-- i18n-drift:stale')) + 1;
    const { findings, ok } = checkRepository({ files: { 'locales/en/a.md': newer, 'locales/fr/a.md': text } }, config);
    expect(ok).toBe(false);
    expect(findings.filter((f) => f.code === 'unterminated-marker')).toEqual([
      expect.objectContaining({ path: 'locales/fr/a.md', line, severity: 'error' }),
    ]);
    // It still counts as the stale marker it was, and nothing after it is unaligned.
    expect(findings.map((f) => f.code).sort()).toEqual(['stale-section', 'unterminated-marker']);
  });

  it('makes sync neither insert English sections again nor lose the translation; the marker is written anew', () => {
    const text = broken();
    const again = english.replace('6 months', '3 months').replace('30 days', '14 days');
    const out = applySourceChange(newer, again, text, { sourceCommit: 'c3' }).text;
    expect(out).not.toContain('We keep the logs');
    expect(out).not.toContain('Write to privacy');
    expect(out.match(/^## /gm)).toHaveLength(3);
    expect(out).toContain('Nous gardons les journaux 30 jours.');
    expect(findMarkers(out).map((m) => `${m.kind}:${m.section}:${m.since}`)).toEqual(['stale:data:c2', 'stale:logs:c3']);
    expect(out).toContain('<!-- i18n-drift:stale section="data" since="c2" -->\n');
  });

  it('keeps the section stale in coverage (a broken marker is no sign-off)', () => {
    const report = coverage({ files: { 'locales/en/a.md': newer, 'locales/fr/a.md': broken() } }, config);
    const states = report.documents[0]!.translations[0]!.sections.map((s) => `${s.id}:${s.state}`);
    expect(states).toEqual(['data:stale', 'logs:current', 'contact:current']);
  });
});

describe('sync over a translation whose marker lost its -->', () => {
  it('writes every section once, the marker closed again', async () => {
    const host = createMemoryHost();
    const first = host.commit('main', { 'locales/en/a.md': english }, { message: 'English' });
    const adopted = adopt(english, french, { sourceCommit: first }).text;
    const second = host.commit('main', { 'locales/en/a.md': newer }, { message: 'Three months' });
    const synced = applySourceChange(english, newer, adopted, { sourceCommit: second }).text;
    host.commit('main', { 'locales/fr/a.md': synced.replace(`since="${second}" -->`, `since="${second}"`) }, { message: 'Broken by hand' });
    host.commit('main', { 'locales/en/a.md': newer.replace('30 days', '14 days') }, { message: 'Two weeks' });
    const result = await syncRepository(host, { config, mode: 'plan', t: localize });
    const out = result.locales[0]!.files.find((f) => f.path === 'locales/fr/a.md')!.content!;
    expect(out.match(/^## /gm)).toHaveLength(3);
    expect(out).not.toContain('We keep');
    expect(out).toContain(`<!-- i18n-drift:stale section="data" since="${second}" -->\n`);
    expect(findMarkers(out).map((m) => m.section)).toEqual(['data', 'logs']);
  });
});
