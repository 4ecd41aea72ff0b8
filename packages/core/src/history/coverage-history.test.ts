import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adopt } from '../adopt.js';
import { parseConfig } from '../config.js';
import { coverage } from '../coverage.js';
import { HostError } from '../errors.js';
import { loadSnapshot } from '../sync/load-snapshot.js';
import { createMemoryHost } from '../sync/memory-host.js';
import { coverageHistory } from './coverage-history.js';

const seed = (path: string) => readFileSync(new URL(`../../../../${path}`, import.meta.url), 'utf8');
const EN = 'locales/en/your-data.md';
const FR = 'locales/fr/your-data.md';
const NL = 'locales/nl/your-data.md';
const config = parseConfig({ files: ['locales/{locale}/**/*.md'] });

/** English, then fr and nl adopted, then an unrelated commit, then an English edit. */
function repository() {
  const host = createMemoryHost();
  const english = host.commit('main', { [EN]: seed(EN) }, { message: 'English' });
  const keys = { sourceCommit: english, frontmatterKeys: config.frontmatterKeys };
  host.commit('main', { [FR]: adopt(seed(EN), seed(FR), keys).text, [NL]: adopt(seed(EN), seed(NL), keys).text }, { message: 'adopt' });
  host.commit('main', { 'src/app.js': 'x' }, { message: 'code only' });
  host.commit('main', { [EN]: seed(EN).replace('These roles are cumulative.', 'These roles add up.') }, { message: 'intro edit' });
  return host;
}

describe('coverageHistory', () => {
  it('measures coverage at each commit touching tracked files, oldest first', async () => {
    const host = repository();
    const history = await coverageHistory(host, config, { revision: 'main', samples: 10 });
    expect(history.revision).toBe(await host.resolveRevision('main'));
    expect(history.samples.map((c) => c.message)).toEqual(['English', 'adopt', 'intro edit']);
    expect(history.commitsConsidered).toBe(3);
    // Before adoption no translation exists: the locales appear from the adopt commit on.
    expect(Object.keys(history.byLocale).sort()).toEqual(['fr', 'nl']);
    expect(history.byLocale.fr!.map((p) => p.sha)).toEqual(history.samples.slice(1).map((c) => c.sha));
  });

  it('ends with the coverage the report gives at the revision', async () => {
    const host = repository();
    const history = await coverageHistory(host, config, { revision: 'main', samples: 10 });
    const now = coverage(await loadSnapshot(host, config, 'main'), config);
    for (const locale of now.byLocale) {
      const last = history.byLocale[locale.locale]!.at(-1)!;
      expect([last.sections, last.words]).toEqual([locale.totals.sections.percent, locale.totals.words.percent]);
    }
    // the English edit made the (translated) intro stale: coverage went down after adoption
    for (const locale of ['fr', 'nl']) {
      const points = history.byLocale[locale]!;
      expect(points.at(-1)!.sections).toBeLessThan(points[0]!.sections);
    }
  });

  it('samples no more than asked, keeping the newest commit', async () => {
    const history = await coverageHistory(repository(), config, { revision: 'main', samples: 2 });
    expect(history.samples.map((c) => c.message)).toEqual(['English', 'intro edit']);
    expect(history.commitsConsidered).toBe(3);
  });

  it('passes on the host error for an unknown revision', async () => {
    await expect(coverageHistory(repository(), config, { revision: 'nope' })).rejects.toBeInstanceOf(HostError);
  });
});
