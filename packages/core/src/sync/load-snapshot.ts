/**
 * A `RepositorySnapshot` read through the host port: what `coverage()` and `check`
 * need, for any host (local Git, GitHub, memory).
 */
import { sourceVersionsNeeded } from '../coverage.js';
import { documentOf, isTrackedPath, sourceDocuments } from '../file-patterns.js';
import { HostError } from '../errors.js';
import { parseDocument, type ParsedDocument } from '@i18n-drift/sections';
import type { CommitInfo, Config, RepositoryHost, RepositorySnapshot } from '../types.js';

export interface LoadSnapshotOptions {
  /**
   * Also read each source document's commit history and the English versions coverage
   * needs (`sourceVersionsNeeded`: translations caught up as sync would, commits counted
   * per section). Default false.
   */
  history?: boolean;
  /** Called after each file read, for progress bars: (done, total). */
  onProgress?: (done: number, total: number) => void;
  now?: Date;
}

/**
 * Every file matching the config's patterns at `rev` (text by path), and with
 * `history` each source document's commits, newest first.
 * Reads are issued together so an adapter can batch them (the CLI pipes them into one
 * `git cat-file --batch`).
 * A document the host refuses (binary, too large, a folder) is left out and listed in `unreadable`.
 * @throws HostError from the host (`not-found` revision, …).
 */
export async function loadSnapshot(
  host: RepositoryHost,
  config: Config,
  rev: string,
  options: LoadSnapshotOptions = {},
): Promise<RepositorySnapshot> {
  const revision = await host.resolveRevision(rev);
  const paths = (await host.listFiles(revision)).filter((p) => isTrackedPath(p, config));
  let done = 0;
  const unreadable: { path: string; reason: string }[] = [];
  const texts = await Promise.all(
    paths.map(async (p) => {
      let text: string | null;
      try {
        text = await host.readFile(p, revision);
      } catch (error) {
        // One document the host refuses (binary, too large, a folder) is left out and
        // listed; the others are read.
        if (!(error instanceof HostError) || !['binary', 'too-large', 'not-a-file'].includes(error.code)) throw error;
        unreadable.push({ path: p, reason: error.message });
        text = null;
      }
      options.onProgress?.(++done, paths.length);
      return text;
    }),
  );
  const files: Record<string, string> = {};
  paths.forEach((p, i) => {
    const text = texts[i];
    if (text !== null && text !== undefined) files[p] = text;
  });
  const snapshot: RepositorySnapshot = { files, revision };
  if (unreadable.length > 0) snapshot.unreadable = unreadable.sort((a, b) => (a.path < b.path ? -1 : 1));
  if (options.now) snapshot.now = options.now;
  if (options.history) {
    snapshot.history = await loadHistory(host, sourceDocuments(paths, config).map((d) => d.path), revision);
    snapshot.sourceVersions = await readSourceVersions(host, snapshot, config);
  }
  return snapshot;
}

/**
 * Per source path, the commits touching it up to `rev`, newest first. One host call
 * when the host reports each commit's paths; one per document otherwise.
 */
export async function loadHistory(host: RepositoryHost, sources: string[], rev: string): Promise<Record<string, CommitInfo[]>> {
  const history: Record<string, CommitInfo[]> = Object.fromEntries(sources.map((s) => [s, [] as CommitInfo[]]));
  if (sources.length === 0) return history;
  const all = await host.commitsBetween(null, rev, sources);
  if (all.every((c) => c.paths !== undefined)) {
    for (const c of all) for (const p of c.paths!) history[p]?.push(c);
  } else {
    await Promise.all(sources.map(async (s) => (history[s] = await host.commitsBetween(null, rev, [s]))));
  }
  for (const s of sources) history[s]!.reverse();
  return history;
}

/** Rounds of reads at most: a pin outside the history is placed a batch of versions at a time. */
const MAX_ROUNDS = 64;

/**
 * Every English version `coverage` needs for `snapshot` (`sourceVersionsNeeded`, asked
 * again after each round of reads until nothing is missing), read through the host:
 * path -> sha -> text. Extends `snapshot.sourceVersions` when it has some.
 * @throws HostError from the host.
 */
export async function readSourceVersions(
  host: RepositoryHost,
  snapshot: RepositorySnapshot,
  config: Config,
  options: { parse?: (text: string) => ParsedDocument } = {},
): Promise<Record<string, Record<string, string | null>>> {
  const versions: Record<string, Record<string, string | null>> = { ...(snapshot.sourceVersions ?? {}) };
  // Each text parsed once whatever the number of rounds.
  const parsed = new Map<string, ParsedDocument>();
  const parse = options.parse ?? ((text: string) => {
    let doc = parsed.get(text);
    if (!doc) parsed.set(text, (doc = parseDocument(text, { frontmatterKeys: config.frontmatterKeys })));
    return doc;
  });
  // A pin naming a commit the host does not know is asked for once: coverage then reads that translation as it is.
  const unreadable = new Set<string>();
  let files = snapshot.files;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const needed = Object.fromEntries(
      Object.entries(sourceVersionsNeeded({ ...snapshot, files, sourceVersions: versions }, config, { parse }))
        .map(([path, shas]) => [path, shas.filter((sha) => !unreadable.has(`${path}\0${sha}`))] as const)
        .filter(([, shas]) => shas.length > 0),
    );
    if (Object.keys(needed).length === 0) break;
    // Later rounds look only at the documents still placing a pin.
    const pending = new Set(Object.keys(needed).map((path) => documentOf(path, config)?.key));
    files = Object.fromEntries(Object.entries(files).filter(([path]) => pending.has(documentOf(path, config)?.key)));
    const read = await loadSourceVersions(host, needed);
    for (const [path, shas] of Object.entries(needed)) {
      for (const sha of shas) if (!Object.hasOwn(read[path] ?? {}, sha)) unreadable.add(`${path}\0${sha}`);
    }
    for (const [path, texts] of Object.entries(read)) versions[path] = { ...(versions[path] ?? {}), ...texts };
  }
  return versions;
}

/**
 * The English versions `coverage` needs (`sourceVersionsNeeded`), read through the host,
 * all reads issued together: path -> sha -> text (null when the file did not exist there).
 * A version the host cannot read (HostError: unknown commit, binary) is left out.
 */
export async function loadSourceVersions(host: RepositoryHost, needed: Record<string, string[]>): Promise<Record<string, Record<string, string | null>>> {
  const out: Record<string, Record<string, string | null>> = {};
  await Promise.all(
    Object.entries(needed).flatMap(([path, shas]) => {
      const versions: Record<string, string | null> = (out[path] = {});
      return shas.map(async (sha) => {
        try {
          versions[sha] = await host.readFile(path, sha);
        } catch (error) {
          // An unknown commit (a pin from another repository's history, a shallow clone): left out.
          if (!(error instanceof HostError)) throw error;
        }
      });
    }),
  );
  return out;
}
