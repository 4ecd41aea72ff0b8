/**
 * What `status` and `check` compute, with the caches in front: the whole result when
 * no input changed (nothing read but the tree listing), else the documents read in one
 * `cat-file --batch`, parses reused by blob id, and the result stored for next time.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { adoptInMemory, checkRepository, readSignOffs, coverage, createWalkContext, HostError, labelNotAdopted, labelTranslations, loadHistory, readPins, rollUp, sourceDocuments, type CheckResult, type CoverageReport, type HistoryUnavailable, type NotAdopted, type SignOff } from '@i18n-drift/core';
import { FrontmatterError, type ParsedDocument } from '@i18n-drift/sections';
import { originalLine } from './adopted-lines.js';
import { shallowBoundaries } from './git/shallow.js';
import { openParseCache } from './cache/parse-cache.js';
import { readReport, reportKey, startOfDay, writeReport } from './cache/report-cache.js';
import { toolVersion } from './cache/tool-version.js';
import { progressBar } from './output.js';
import type { Repository } from './repository.js';
import { coverAdopted, startPartition } from './status-partition.js';
import { readWorktree, worktreeTexts, type Worktree } from './worktree.js';

export interface LoadOptions {
  /** Label of the progress bar (shown on a terminal for large repositories). */
  progressLabel?: string;
  /** Called with the working tree read (its `unreadable` documents are complete once the load resolves). */
  tree?: (tree: Worktree) => void;
  /** The uncommitted paths, when `git status` was already asked (see readWorktree). */
  uncommitted?: readonly string[] | undefined;
}

/** The tree read, and the cache key of each of `kinds` (the reports a command may read or store). */
async function inputs<const K extends readonly string[]>(repo: Repository, kinds: K, uncommitted?: readonly string[]) {
  const tree = await readWorktree(repo.host, repo.config, repo.head, uncommitted ? { uncommitted } : {});
  const version = toolVersion();
  const now = startOfDay();
  const day = now.toISOString().slice(0, 10);
  const keys = kinds.map((kind) => reportKey({ kind, version, configHash: repo.configHash, head: repo.head, files: tree.files, day })) as { [I in keyof K]: string };
  return { tree, version, now, keys };
}

async function compute<T>(
  repo: Repository,
  tree: Worktree,
  version: string,
  label: string | undefined,
  run: (texts: Record<string, string>, parse: (text: string) => ParsedDocument) => Promise<T>,
  /** Given each text as it is read; true when another thread parses it (this one then does not). */
  onText?: (path: string, text: string) => boolean,
): Promise<T> {
  const bar = progressBar(label ?? '');
  const cache = openParseCache(repo.host.gitDir, { version, configHash: repo.configHash }, repo.config.frontmatterKeys);
  try {
    // Each document is parsed as soon as `cat-file` hands it over, while git keeps
    // reading the next ones in its own process (the floor overlaps the same way).
    const texts = await worktreeTexts(repo.host, tree, (d, n) => bar.update(d, n), (path, text) => {
      cache.know(text, tree.files.get(path)!.oid);
      if (onText?.(path, text)) return;
      try {
        cache.parse(text);
      } catch (e) {
        // Only a head start: a document that cannot be parsed is core's to report
        // (an `invalid` translation, a finding), not a reason to stop here.
        if (!(e instanceof FrontmatterError)) throw e;
      }
    });
    bar.done();
    const value = await run(texts, (text) => cache.parse(text));
    cache.save();
    return value;
  } finally {
    bar.done();
  }
}

/**
 * The documents as `init` would leave them: translations without pins adopted from
 * history in memory (pinned at their last commit, English changes since marked), so
 * `status` and `check` tell the truth before any setup. Nothing is written.
 */
async function adoptedInMemory(repo: Repository, tree: Worktree, texts: Record<string, string>) {
  if (!repo.head) return { files: texts, notAdopted: new Map<string, NotAdopted>() };
  return adoptInMemory(createWalkContext(repo.host, repo.config, repo.head), { files: texts, uncommitted: tree.dirty });
}

/** The coverage report of the working tree (HEAD + uncommitted edits), cached. */
export async function loadCoverage(repo: Repository, options: LoadOptions = {}): Promise<{ report: CoverageReport; cached: boolean; tree: Worktree; json: () => string }> {
  const {
    tree,
    version,
    now,
    keys: [key],
  } = await inputs(repo, ['status'], options.uncommitted);
  const hit = readReport<CoverageReport>(repo.host.gitDir, 'status', key);
  if (hit) return { report: hit, cached: true, tree, json: () => JSON.stringify(hit) };
  const history = startHistory(repo, tree);
  // A large tree on two threads (the same report); else, or when the worker fails, on this one.
  const partition = startPartition(repo.host, repo.config, repo.head, [...tree.files.keys()]);
  let report: CoverageReport;
  try {
    report = await compute(
      repo,
      tree,
      version,
      options.progressLabel,
      async (texts, parse) => {
        const parallel = await partition?.coverage({ texts, dirty: tree.dirty, history, now, parse });
        if (parallel) return labelled(repo, texts, parallel.report, parallel.notAdopted);
        return coverageOfRead(repo, { tree, texts, parse, adopted: await adoptedInMemory(repo, tree, texts), history, now });
      },
      partition?.feed,
    );
  } finally {
    partition?.close();
  }
  // Serialised once: for the report cache, and for `status --json`, which prints the same.
  let text: string | undefined;
  const json = () => (text ??= JSON.stringify(report));
  storeCoverage(repo, tree, key, report, json);
  return { report, cached: false, tree, json };
}

type History = Awaited<ReturnType<typeof loadHistory>>;

/** The English documents' history from `git log`, started while the documents stream out of `cat-file`. */
function startHistory(repo: Repository, tree: Worktree): Promise<History> {
  const sources = sourceDocuments(tree.files.keys(), repo.config).map((d) => d.path);
  const history = repo.head ? loadHistory(repo.host, sources, repo.head) : Promise.resolve({});
  history.catch(() => {});
  return history;
}

/** The working tree as read once, adopted in memory once: what `status`'s coverage and `check` both start from. */
interface ReadTree {
  tree: Worktree;
  /** The documents as on disk. */
  texts: Record<string, string>;
  parse: (text: string) => ParsedDocument;
  adopted: Awaited<ReturnType<typeof adoptedInMemory>>;
  history: Promise<History>;
  now: Date;
}

/**
 * The coverage report `status` prints, from a tree already read and adopted: `check`
 * computes its `unsynced-section` findings from it without reading and adopting twice.
 */
async function coverageOfRead(repo: Repository, { texts, parse, adopted: { files, notAdopted }, history, now }: ReadTree): Promise<CoverageReport> {
  const report = await coverAdopted(repo.host, repo.config, { files, history: await history, revision: repo.head, now }, (snapshot, options) => coverage(snapshot, repo.config, options), parse);
  return labelled(repo, texts, report, notAdopted);
}

/** `report` with the translations adopted in memory and those whose history is missing labelled, and rolled up again. */
async function labelled(repo: Repository, texts: Record<string, string>, report: CoverageReport, notAdopted: ReadonlyMap<string, NotAdopted>): Promise<CoverageReport> {
  const unavailable = await unknownPins(repo, texts, report);
  // Adopted in memory at the clone's boundary commit: a guess, said as such.
  const boundaries = shallowBoundaries(repo.host.gitDir);
  for (const [path, adopted] of notAdopted) {
    if (boundaries.has(adopted.pinnedTo)) unavailable.set(path, { commit: adopted.pinnedTo, reason: 'shallow-clone' });
  }
  // Rolled up again once labelled: a translation whose states would be guesses counts in no percentage.
  return rollUp(labelTranslations(labelNotAdopted(report, notAdopted), 'historyUnavailable', unavailable));
}

/** Keeps `report` for the next `status` (or `check`) on the same inputs, unless the run was incomplete. */
function storeCoverage(repo: Repository, tree: Worktree, key: string, report: CoverageReport, json?: () => string): void {
  // A document left out is said on every run, so such a run is not kept; nor is one
  // missing history, which `git fetch --unshallow` brings without changing the key.
  const incomplete = report.documents.some((d) => d.translations.some((tr) => tr.historyUnavailable));
  if (tree.unreadable.length === 0 && !incomplete) writeReport(repo.host.gitDir, 'status', key, report, json?.());
}

/**
 * Translations pinned to a commit the history does not hold (a shallow clone, a pin
 * naming a commit that never existed here): their English at the pin cannot be read,
 * so coverage judges them from their pins alone, and they are labelled so (never left
 * out: that made a translated file read `not translated yet`).
 */
async function unknownPins(repo: Repository, texts: Readonly<Record<string, string>>, report: CoverageReport): Promise<Map<string, HistoryUnavailable>> {
  const unavailable = new Map<string, HistoryUnavailable>();
  const shallow = existsSync(join(repo.host.gitDir, 'shallow'));
  const known = new Map<string, Promise<Error | null>>();
  const check = (commit: string) => {
    let answer = known.get(commit);
    if (!answer) {
      answer = repo.host.resolveRevision(commit).then(
        () => null,
        (error: unknown) => {
          if (error instanceof HostError && error.code === 'not-found') return error;
          throw error;
        },
      );
      known.set(commit, answer);
    }
    return answer;
  };
  // Only a translation of the report can carry the label: the English and orphans are not looked at.
  const translations = report.documents.flatMap((document) => document.translations.flatMap(({ path }) => (texts[path] === undefined ? [] : [[path, texts[path]] as const])));
  await Promise.all(
    translations.map(async ([path, text]) => {
      let commit: string | null;
      try {
        commit = readPins(text)?.commit ?? null;
      } catch {
        return; // malformed pins are coverage's to report
      }
      if (commit === null) return;
      const error = await check(commit);
      if (error) unavailable.set(path, { commit, reason: shallow ? 'shallow-clone' : 'unknown-commit' });
    }),
  );
  return unavailable;
}

/** `check`'s findings, and the sections translators signed off (passed, re-pinned at the next sync). */
export interface CheckReport extends CheckResult {
  signedOff: SignOff[];
}

/** `check` findings of the working tree, cached per `--max-stale`. */
export async function loadCheck(repo: Repository, maxStale: number | undefined, options: LoadOptions = {}): Promise<CheckReport> {
  const kind = `check-${maxStale ?? 'none'}`;
  const {
    tree,
    version,
    now,
    keys: [key, statusKey],
  } = await inputs(repo, [kind, 'status']);
  options.tree?.(tree);
  const hit = readReport<CheckReport>(repo.host.gitDir, kind, key);
  if (hit) return { ...hit, signedOff: hit.signedOff ?? [] };
  // The stale sections `status` shows, from its cache or computed here from the same read
  // and adoption as the findings: a section whose English changed since the pin fails
  // `check` before any sync marks it, as status says.
  const cachedCoverage = readReport<CoverageReport>(repo.host.gitDir, 'status', statusKey);
  const history = cachedCoverage ? null : startHistory(repo, tree);
  const result = await compute(repo, tree, version, options.progressLabel, async (texts, parse): Promise<CheckReport> => {
    const adopted = await adoptedInMemory(repo, tree, texts);
    const { files, notAdopted } = adopted;
    let coverageReport = cachedCoverage;
    if (!coverageReport) {
      coverageReport = await coverageOfRead(repo, { tree, texts, parse, adopted, history: history!, now });
      storeCoverage(repo, tree, statusKey, coverageReport);
    }
    const checked = checkRepository({ files }, repo.config, { ...(maxStale === undefined ? {} : { maxStale }), parse, coverage: coverageReport });
    // A translation judged as `init` would leave it is reported at its lines on disk.
    const findings = notAdopted.size === 0 ? checked.findings : checked.findings.map((f) => (notAdopted.has(f.path) ? { ...f, line: originalLine(texts[f.path]!, files[f.path]!, f.line) } : f));
    return { ...checked, findings, signedOff: await readSignOffs(repo.host, files, repo.config, { parse }) };
  });
  if (tree.unreadable.length === 0) writeReport(repo.host.gitDir, kind, key, result);
  return result;
}
