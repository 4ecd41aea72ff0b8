/**
 * Coverage over time for the dashboard, from what is already known: the same sample of
 * commits and the same figures as core's `coverageHistory`, but
 * - a commit measured before is read from the history cache by its tree id;
 * - a pair of files (English blob, locale, translation blob) is judged once: pairs the
 *   current `status` report already judged take its totals, and a pair unchanged
 *   between two sampled commits is not judged again;
 * - only the blobs of pairs still to judge are read (one `cat-file --batch`).
 * So a cold run costs what the files that changed between samples cost, and a warm one
 * one `git log` and the tree ids.
 */
import {
  documentOf,
  HostError,
  indexSource,
  pathFor,
  sampleCommits,
  sourceDocuments,
  sumTotals,
  targetLocales,
  translationCoverage,
  type CoverageHistory,
  type CoverageHistoryPoint,
  type CoverageReport,
  type Totals,
} from '@i18n-drift/core';
import { FrontmatterError, type ParsedDocument } from '@i18n-drift/sections';
import { openHistoryCache, type TreePoints } from './cache/history-cache.js';
import { toolVersion } from './cache/tool-version.js';
import { runGit } from './git/run-git.js';
import type { Repository } from './repository.js';
import type { Worktree } from './worktree.js';

export interface CoverageOverTimeOptions {
  /** Commits measured at most (default 20). */
  samples?: number;
  /** Parses a text (the CLI's parse cache); must honour the config's frontmatter keys. */
  parse: (text: string) => ParsedDocument;
  /** Progress over the file pairs still to judge: (done, total). */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Coverage over time up to HEAD, per locale, oldest first; null in a repository
 * without commits. `report` and `tree` are the current `status` report and the files
 * it was computed from: when the working tree is clean, HEAD's point is the report's.
 * @throws HostError from git (a shallow clone's missing objects, …).
 */
export async function coverageOverTime(repo: Repository, report: CoverageReport, tree: Worktree, options: CoverageOverTimeOptions): Promise<CoverageHistory | null> {
  const head = repo.head;
  if (!head) return null;
  const { config, host } = repo;
  const commits = await host.commitsBetween(null, head);
  const relevant = commits.filter((c) => c.paths === undefined || c.paths.some((p) => documentOf(p, config) !== null));
  const samples = sampleCommits(relevant, options.samples ?? 20);
  const trees = await treeIds(repo.root, samples.map((c) => c.sha));
  const cache = openHistoryCache(host.gitDir, { version: toolVersion(), configHash: repo.configHash });

  // Pairs already judged by the report, by blob ids.
  const judged = new Map<string, Totals>();
  const oid = (path: string) => tree.files.get(path)?.oid;
  for (const doc of report.documents) {
    const source = oid(doc.source);
    if (!source) continue;
    for (const t of doc.translations) {
      const translation = t.exists ? oid(t.path) : '-';
      if (translation) judged.set(pairKey(source, t.locale, translation), t.totals);
    }
  }

  const points = new Map<string, TreePoints>();
  if (tree.dirty.size === 0 && samples.at(-1)?.sha === head) points.set(head, pointsOf(report.byLocale.map((l) => [l.locale, l.totals])));
  const todo = samples.filter((c) => !points.has(c.sha) && !cachedPoints(cache, trees.get(c.sha), points, c.sha));

  // Every sample still to measure: its tracked files by blob id, and the pairs not judged yet.
  const listings = await Promise.all(todo.map(async (c) => [...(await host.listBlobs(c.sha))].filter(([p]) => documentOf(p, config) !== null)));
  const wanted = new Map<string, { source: string; sourcePath: string; locale: string; translation: string | null; path: string }>();
  const layouts = listings.map((files) => {
    const blobs = new Map(files);
    const locales = targetLocales(blobs.keys(), config);
    const pairs: { key: string; locale: string }[] = [];
    for (const { path, key } of sourceDocuments(blobs.keys(), config)) {
      const source = blobs.get(path)!;
      for (const locale of locales) {
        const translationPath = pathFor(key, locale, config);
        const translation = blobs.get(translationPath) ?? null;
        const k = pairKey(source, locale, translation ?? '-');
        pairs.push({ key: k, locale });
        if (!judged.has(k)) wanted.set(k, { source, sourcePath: path, locale, translation, path: translationPath });
      }
    }
    return { locales, pairs };
  });

  let done = 0;
  const texts = new Map<string, Promise<string>>();
  const read = (blob: string, path: string) => {
    let text = texts.get(blob);
    if (!text) texts.set(blob, (text = host.readBlob(blob, path)));
    return text;
  };
  // Ask for every blob at once: git answers while the first pairs are judged.
  const reads = [...wanted.values()].flatMap((pair) => [read(pair.source, pair.sourcePath), ...(pair.translation ? [read(pair.translation, pair.path)] : [])]);
  reads.forEach((r) => r.catch(() => {}));
  const sources = new Map<string, { doc: ParsedDocument; index: ReturnType<typeof indexSource> } | null>();
  for (const [key, pair] of wanted) {
    let source = sources.get(pair.source);
    if (source === undefined) {
      try {
        const doc = options.parse(await read(pair.source, pair.sourcePath));
        source = { doc, index: indexSource(doc) };
      } catch (error) {
        // An English file that cannot be read has no translations in the report either.
        if (!(error instanceof FrontmatterError) && !unreadableBlob(error)) throw error;
        source = null;
      }
      sources.set(pair.source, source);
    }
    if (source) {
      // A translation Git holds but that cannot be read counts as not there (status names it).
      const translationText = pair.translation ? await read(pair.translation, pair.path).catch((error: unknown) => {
        if (unreadableBlob(error)) return null;
        throw error;
      }) : null;
      judged.set(key, translationCoverage({ source: source.doc, sourceIndex: source.index, locale: pair.locale, translationPath: pair.path, translationText, config, parse: options.parse }).totals);
    }
    options.onProgress?.(++done, wanted.size);
  }

  todo.forEach((commit, i) => {
    const { locales, pairs } = layouts[i]!;
    const byLocale = new Map<string, Totals[]>(locales.map((l) => [l, []]));
    for (const pair of pairs) {
      const totals = judged.get(pair.key);
      if (totals) byLocale.get(pair.locale)!.push(totals);
    }
    const measured = pointsOf([...byLocale].map(([locale, list]) => [locale, sumTotals(list)]));
    points.set(commit.sha, measured);
    const treeId = trees.get(commit.sha);
    if (treeId) cache.set(treeId, measured);
  });
  cache.save();

  const byLocale: Record<string, CoverageHistoryPoint[]> = {};
  for (const commit of samples) {
    for (const [locale, point] of Object.entries(points.get(commit.sha) ?? {})) {
      (byLocale[locale] ??= []).push({ sha: commit.sha, date: commit.date, sections: point.sections, words: point.words });
    }
  }
  return { revision: head, commitsConsidered: relevant.length, samples, byLocale };
}

function pairKey(source: string, locale: string, translation: string): string {
  return `${source}\0${locale}\0${translation}`;
}

function pointsOf(entries: [string, Totals][]): TreePoints {
  return Object.fromEntries(entries.map(([locale, totals]) => [locale, { sections: totals.sections.percent, words: totals.words.percent }]));
}

function cachedPoints(cache: ReturnType<typeof openHistoryCache>, tree: string | undefined, points: Map<string, TreePoints>, sha: string): boolean {
  const hit = tree ? cache.get(tree) : undefined;
  if (hit) points.set(sha, hit);
  return hit !== undefined;
}

/** Commit sha -> its tree id, in one git call. */
async function treeIds(root: string, shas: string[]): Promise<Map<string, string>> {
  if (shas.length === 0) return new Map();
  const out = (await runGit(root, ['log', '--no-walk=unsorted', '--format=%H %T', ...shas])).stdout.toString('utf8');
  return new Map(out.split('\n').filter(Boolean).map((line) => line.split(' ') as [string, string]));
}

/** A blob the host refuses as a document (binary, too large): left out, never fatal. */
function unreadableBlob(error: unknown): boolean {
  return error instanceof HostError && (error.code === 'binary' || error.code === 'too-large' || error.code === 'not-a-file');
}
