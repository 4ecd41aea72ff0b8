import { describe, expect, test } from 'vitest';
import { adopt, createMemoryHost, parseConfig } from '@i18n-drift/core';
import { createMemoryAdoptionCache } from './adoption-cache.js';
import { probeUnadopted } from './adoption-probe.js';

const EN = '# Data\n\nWe keep logs.\n\n## Cookies\n\nNone.\n';
const FR = '# Données\n\nNous gardons les journaux.\n\n## Cookies\n\nAucun.\n';
const NL = '# Gegevens\n\nWe bewaren logboeken.\n\n## Cookies\n\nGeen.\n';

function repository(config = parseConfig({ files: ['docs/{locale}/*.md'] })) {
  const host = createMemoryHost();
  const english = host.commit('main', { 'docs/en/data.md': EN, 'README.md': 'readme\n' }, { message: 'English' });
  const rev = host.commit(
    'main',
    {
      'docs/fr/data.md': adopt(EN, FR, { sourceCommit: english }).text,
      'docs/nl/data.md': NL,
      // No English document: an orphan, nothing to adopt it against.
      'docs/nl/gone.md': NL,
    },
    { message: 'Translations' },
  );
  const reads: string[] = [];
  const probeHost = {
    listBlobIds: (r: string) => host.listBlobIds!(r),
    readFile: (path: string, r: string) => {
      reads.push(path);
      return host.readFile(path, r);
    },
  };
  return { host, rev, reads, probeHost, config };
}

describe('probeUnadopted', () => {
  test('finds the translations without pins, reading each blob once per repository', async () => {
    const { host, rev, reads, probeHost, config } = repository();
    const cache = createMemoryAdoptionCache();
    const input = { config, rev, repository: 'acme/docs', cache };
    expect(await probeUnadopted(probeHost, input)).toEqual({ unadopted: ['docs/nl/data.md'], read: 2 });
    expect(reads.sort()).toEqual(['docs/fr/data.md', 'docs/nl/data.md']);

    reads.length = 0;
    expect(await probeUnadopted(probeHost, input)).toEqual({ unadopted: ['docs/nl/data.md'], read: 0 });
    expect(reads).toEqual([]);

    // A new version of a translation is a new blob: read once, the others not.
    const next = host.commit('main', { 'docs/nl/data.md': NL.replace('Geen.', 'Geen enkele.') }, { message: 'nl' });
    expect(await probeUnadopted(probeHost, { ...input, rev: next })).toEqual({ unadopted: ['docs/nl/data.md'], read: 1 });
    expect(reads).toEqual(['docs/nl/data.md']);
  });

  test('only the configured locales; a binary translation is nothing to adopt', async () => {
    const { host, probeHost } = repository();
    const rev = host.commit('main', { 'docs/fr/data.md': 'binary\u0000data' }, { message: 'oops' });
    const config = parseConfig({ files: ['docs/{locale}/*.md'], locales: ['fr'] });
    const found = await probeUnadopted(probeHost, { config, rev, repository: 'acme/docs', cache: createMemoryAdoptionCache() });
    expect(found.unadopted).toEqual([]);
  });
});
