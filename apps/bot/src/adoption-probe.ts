/**
 * Which translations at a pushed commit are not adopted yet (no pins), found cheaply
 * enough to ask on every push: the recursive tree of the commit (read once per delivery,
 * and read by the configuration check and the sync anyway) gives every translation's
 * blob id; blob ids already answered (per repository, `AdoptionCache`) cost nothing.
 * Of the others, those the push touched (the translation or its English changed) are
 * the sync's own business — it reads and adopts them anyway — and are learnt from its
 * reads afterwards (`learn`); only the rest is read, 100 blobs per GraphQL query when
 * GitHub answers it, else one REST read each.
 *
 * The probe only says which files to include: core's sync workflow adopts them, in their
 * locale's usual commit and pull request, exactly as for a translation the push touched.
 * Markdown translations only: i18next catalogs carry their pins in a state file beside
 * them and are walked by every sync already.
 */
import { HostError, documentOf, isUnpinned, pathFor, targetLocales, type Config } from '@i18n-drift/core';
import type { AdoptionCache } from './adoption-cache.js';
import type { GitHubHost } from './github-host.js';

/** REST blob reads in flight at once, when GraphQL did not answer. */
const READS_AT_ONCE = 8;

export type ProbeHost = Pick<GitHubHost, 'listBlobIds' | 'readFile' | 'changedPaths'> & Partial<Pick<GitHubHost, 'prefetchBlobs'>>;

export interface AdoptionProbe {
  /** Translations not adopted yet, untouched by the push, whose source document exists at the commit; sorted. */
  unadopted: string[];
  /** Blobs the probe read (those neither the cache nor the sync answers). */
  read: number;
  /**
   * After the sync: remember what it read of the translations the push touched (from the
   * adapter's cache, so no request unless the sync skipped one). Never throws.
   */
  learn(): Promise<void>;
}

/**
 * Probe the translations at `rev`, pushed on top of `from`.
 * @throws HostError when GitHub fails; a translation that is binary or too large is no
 *   translation to adopt (the sync names it when its document is synced for another reason).
 */
export async function probeUnadopted(
  host: ProbeHost,
  input: { config: Config; from: string; rev: string; repository: string; cache: AdoptionCache },
): Promise<AdoptionProbe> {
  const { config, rev, repository, cache } = input;
  const ids = await host.listBlobIds!(rev);
  const locales = new Set(targetLocales(ids.keys(), config));
  // The same compare the sync starts from (the adapter answers it once per delivery).
  const changed = new Set(await host.changedPaths(input.from, rev));
  const candidates: { path: string; blob: string; touched: boolean }[] = [];
  for (const [path, blob] of ids) {
    const d = documentOf(path, config);
    if (!d || d.locale === config.sourceLocale || !locales.has(d.locale)) continue;
    const source = pathFor(d.key, config.sourceLocale, config);
    // Without its English a translation is an orphan: nothing to adopt it against.
    if (ids.has(source)) candidates.push({ path, blob, touched: changed.has(path) || changed.has(source) });
  }

  const known = await cache.get(repository, [...new Set(candidates.map((c) => c.blob))]);
  const unknown = (touched: boolean) => {
    const found = new Map<string, string>();
    for (const c of candidates) if (c.touched === touched && !known.has(c.blob) && !found.has(c.blob)) found.set(c.blob, c.path);
    return found;
  };
  const toRead = unknown(false);
  await host.prefetchBlobs?.([...toRead.keys()]);
  const fresh = await readAll(host, toRead, rev);
  await cache.set(repository, fresh);

  const answer = (blob: string) => known.get(blob) ?? fresh.get(blob) ?? false;
  return {
    unadopted: candidates.filter((c) => !c.touched && answer(c.blob)).map((c) => c.path).sort(),
    read: toRead.size,
    async learn() {
      const touched = unknown(true);
      for (const blob of fresh.keys()) touched.delete(blob);
      // The sync's work is done: a read failing here only leaves those blobs unknown.
      const answers = await readAll(host, touched, rev).catch(() => new Map<string, boolean>());
      await cache.set(repository, answers);
    },
  };
}

/** Blob -> not adopted yet, for each blob (one of its paths given), a few reads at a time. */
async function readAll(host: Pick<GitHubHost, 'readFile'>, blobs: Map<string, string>, rev: string): Promise<Map<string, boolean>> {
  const answers = new Map<string, boolean>();
  const queue = [...blobs];
  const reader = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [blob, path] = next;
      answers.set(blob, await readUnadopted(host, path, rev));
    }
  };
  await Promise.all(Array.from({ length: Math.min(READS_AT_ONCE, queue.length) }, reader));
  return answers;
}

async function readUnadopted(host: Pick<GitHubHost, 'readFile'>, path: string, rev: string): Promise<boolean> {
  try {
    return isUnpinned(await host.readFile(path, rev));
  } catch (error) {
    if (error instanceof HostError && (error.code === 'binary' || error.code === 'too-large')) return false;
    throw error;
  }
}
