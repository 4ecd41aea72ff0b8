/**
 * Which translations at a pushed commit are not adopted yet (no pins), found cheaply
 * enough to ask on every push: the recursive tree of the commit (read once per delivery,
 * and read by the configuration check and the sync anyway) gives every translation's
 * blob id; blob ids already answered (per repository, `AdoptionCache`) cost nothing;
 * only the others are read, and those reads are the host's, so the sync reads none of
 * them again. On a repository whose translations are all adopted, a push costs one read
 * per translation changed since the cache last saw it, and none otherwise.
 *
 * The probe only says which files to include: core's sync workflow adopts them, in their
 * locale's usual commit and pull request, exactly as for a translation the push touched.
 * Markdown translations only: i18next catalogs carry their pins in a state file beside
 * them and are walked by every sync already.
 */
import { HostError, documentOf, isUnpinned, pathFor, targetLocales, type Config } from '@i18n-drift/core';
import type { AdoptionCache } from './adoption-cache.js';
import type { GitHubHost } from './github-host.js';

/** Blob reads in flight at once for the unknown ones (GitHub has no batch read of blobs over REST). */
const READS_AT_ONCE = 8;

export interface AdoptionProbe {
  /** Translations not adopted yet whose source document exists at the commit, sorted. */
  unadopted: string[];
  /** Blobs read from GitHub to answer (those the cache did not know). */
  read: number;
}

/**
 * Probe the translations at `rev`.
 * @throws HostError when GitHub fails; a translation that is binary or too large is no
 *   translation to adopt (the sync names it when its document is synced for another reason).
 */
export async function probeUnadopted(
  host: Pick<GitHubHost, 'listBlobIds' | 'readFile'>,
  input: { config: Config; rev: string; repository: string; cache: AdoptionCache },
): Promise<AdoptionProbe> {
  const { config, rev, repository, cache } = input;
  const ids = await host.listBlobIds!(rev);
  const locales = new Set(targetLocales(ids.keys(), config));
  const candidates: { path: string; blob: string }[] = [];
  for (const [path, blob] of ids) {
    const d = documentOf(path, config);
    if (!d || d.locale === config.sourceLocale || !locales.has(d.locale)) continue;
    // Without its English a translation is an orphan: nothing to adopt it against.
    if (ids.has(pathFor(d.key, config.sourceLocale, config))) candidates.push({ path, blob });
  }

  const known = await cache.get(repository, [...new Set(candidates.map((c) => c.blob))]);
  const unknown = new Map<string, string>();
  for (const { path, blob } of candidates) if (!known.has(blob) && !unknown.has(blob)) unknown.set(blob, path);
  const fresh = new Map<string, boolean>();
  const queue = [...unknown];
  const reader = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [blob, path] = next;
      fresh.set(blob, await readUnadopted(host, path, rev));
    }
  };
  await Promise.all(Array.from({ length: Math.min(READS_AT_ONCE, queue.length) }, reader));
  await cache.set(repository, fresh);

  const answer = (blob: string) => known.get(blob) ?? fresh.get(blob) ?? false;
  const unadopted = candidates.filter((c) => answer(c.blob)).map((c) => c.path);
  return { unadopted: unadopted.sort(), read: unknown.size };
}

async function readUnadopted(host: Pick<GitHubHost, 'readFile'>, path: string, rev: string): Promise<boolean> {
  try {
    return isUnpinned(await host.readFile(path, rev));
  } catch (error) {
    if (error instanceof HostError && (error.code === 'binary' || error.code === 'too-large')) return false;
    throw error;
  }
}
