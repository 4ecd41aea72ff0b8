import { describe, expect, test } from 'vitest';
import { adopt, createMemoryHost, parseConfig } from '@i18n-drift/core';
import { createMemoryAdoptionCache } from './adoption-cache.js';
import { probeUnadopted } from './adoption-probe.js';

const EN = '# Data\n\nWe keep logs.\n\n## Cookies\n\nNone.\n';
const FR = '# Données\n\nNous gardons les journaux.\n\n## Cookies\n\nAucun.\n';
const NL = '# Gegevens\n\nWe bewaren logboeken.\n\n## Cookies\n\nGeen.\n';

function repository(config = parseConfig({ files: ['docs/{locale}/*.md'] })) {
  const host = createMemoryHost();
  const english = host.commit('main', { 'docs/en/data.md': EN }, { message: 'English' });
  const translations = host.commit(
    'main',
    {
      'docs/fr/data.md': adopt(EN, FR, { sourceCommit: english }).text,
      'docs/nl/data.md': NL,
      // No English document: an orphan, nothing to adopt it against.
      'docs/nl/gone.md': NL,
    },
    { message: 'Translations' },
  );
  const readme = host.commit('main', { 'README.md': 'readme\n' }, { message: 'Readme' });
  const reads: string[] = [];
  const probeHost = {
    listBlobIds: (r: string) => host.listBlobIds!(r),
    changedPaths: (a: string | null, b: string) => host.changedPaths(a, b),
    readFile: (path: string, r: string) => {
      reads.push(path);
      return host.readFile(path, r);
    },
  };
  return { host, english, translations, readme, reads, probeHost, config };
}

describe('probeUnadopted', () => {
  test('finds the translations without pins a push did not touch, reading each blob once per repository', async () => {
    const { host, translations, readme, reads, probeHost, config } = repository();
    const cache = createMemoryAdoptionCache();
    const input = { config, from: translations, rev: readme, repository: 'acme/docs', cache };
    const first = await probeUnadopted(probeHost, input);
    expect(first).toMatchObject({ unadopted: ['docs/nl/data.md'], read: 2 });
    expect(reads.sort()).toEqual(['docs/fr/data.md', 'docs/nl/data.md']);

    reads.length = 0;
    expect(await probeUnadopted(probeHost, input)).toMatchObject({ unadopted: ['docs/nl/data.md'], read: 0 });
    expect(reads).toEqual([]);

    // A new version of a translation is a new blob: the push touched it, so the sync reads
    // and adopts it; the probe learns it from that read afterwards and never reads it itself.
    const next = host.commit('main', { 'docs/nl/data.md': NL.replace('Geen.', 'Geen enkele.') }, { message: 'nl' });
    const touched = await probeUnadopted(probeHost, { ...input, from: readme, rev: next });
    expect(touched).toMatchObject({ unadopted: [], read: 0 });
    expect(reads).toEqual([]);
    await touched.learn();
    expect(reads).toEqual(['docs/nl/data.md']);
    reads.length = 0;
    const after = host.commit('main', { 'README.md': 'again\n' }, { message: 'Readme again' });
    expect(await probeUnadopted(probeHost, { ...input, from: next, rev: after })).toMatchObject({ unadopted: ['docs/nl/data.md'], read: 0 });
    expect(reads).toEqual([]);
  });

  test('an English change leaves its translations to the sync; other documents are probed', async () => {
    const { host, readme, reads, probeHost, config } = repository();
    const rev = host.commit('main', { 'docs/en/data.md': EN.replace('None.', 'Some.'), 'docs/en/other.md': EN, 'docs/nl/other.md': NL }, { message: 'English' });
    const probe = await probeUnadopted(probeHost, { config, from: readme, rev, repository: 'acme/docs', cache: createMemoryAdoptionCache() });
    expect(probe).toMatchObject({ unadopted: [], read: 0 });
    const later = host.commit('main', { 'README.md': 'x\n' }, { message: 'Readme' });
    const cache = createMemoryAdoptionCache();
    expect(await probeUnadopted(probeHost, { config, from: rev, rev: later, repository: 'acme/docs', cache })).toMatchObject({
      unadopted: ['docs/nl/data.md', 'docs/nl/other.md'],
      read: 2, // one blob for both Dutch files (same text)
    });
    expect(reads).toHaveLength(2);
  });

  test('only the configured locales; a binary translation is nothing to adopt', async () => {
    const { host, probeHost } = repository();
    const rev = host.commit('main', { 'docs/fr/data.md': 'binary\u0000data' }, { message: 'oops' });
    const later = host.commit('main', { 'README.md': 'x\n' }, { message: 'Readme' });
    const config = parseConfig({ files: ['docs/{locale}/*.md'], locales: ['fr'] });
    const found = await probeUnadopted(probeHost, { config, from: rev, rev: later, repository: 'acme/docs', cache: createMemoryAdoptionCache() });
    expect(found).toMatchObject({ unadopted: [], read: 1 });
  });
});
