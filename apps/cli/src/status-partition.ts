/**
 * `status`'s coverage on two threads. Everything after reading the documents — adoption
 * in memory, the English versions since each pin, coverage — is per English document,
 * so the documents are split in two parts: this thread computes one, a worker thread the
 * other, and the parts are merged in path order. The worker reads Git with its own
 * `cat-file` and `git log` (asking this thread for each read stalled it whenever this
 * thread was busy computing), is handed the English history this thread read, and runs
 * the very same core functions on the very same inputs, so the report is the one a
 * single thread computes, byte for byte (checked on the 5,168-file corpus). Used from
 * three cores on (`MIN_PARALLEL_CORES`).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  adoptInMemory,
  createWalkContext,
  documentOf,
  hasFormat,
  markdownCoverage,
  mergeCoverage,
  readSourceVersions,
  sourceDocuments,
  targetLocales,
  type CommitInfo,
  type Config,
  type CoverageOptions,
  type CoverageReport,
  type DocumentCoverage,
  type NotAdopted,
  type RepositoryHost,
  type RepositorySnapshot,
} from '@i18n-drift/core';
import type { ParsedDocument } from '@i18n-drift/sections';
import type { LocalGitHost } from './git/local-git-host.js';

/** Below this many documents a worker thread costs more (its start, its own parses) than it saves. */
export const MIN_PARALLEL_DOCUMENTS = 600;

/**
 * Cores below which the worker is not started: a one-thread `status` on the corpus
 * already keeps 1.3 cores busy (its `cat-file` and `git log`, V8's garbage collector),
 * and on the 2-core VM the worker's start and parses ate what it saved (apps/cli
 * README, "Cold status on two threads").
 */
export const MIN_PARALLEL_CORES = 3;

/**
 * The worker takes the last 40 % of the English documents in path order, this thread the
 * rest (it also reads every document and runs the command). Neighbours stay together:
 * documents of one folder repeat sentences, and each thread remembers the language
 * detector's answers on its own.
 */
const WORKER_SHARE = 0.4;

export type History = Record<string, CommitInfo[]>;

/** One part: the documents (English and translations) of some English documents, and what they need. */
export interface PartInput {
  files: Record<string, string>;
  uncommitted: string[];
  locales: string[];
  head: string;
  /** `now` as a time (a Date does not cross to the worker as itself in every case). */
  now: number;
}

export interface PartResult {
  documents: DocumentCoverage[];
  notAdopted: [string, NotAdopted][];
}

/** The documents as adoption left them, and the history and time coverage needs. */
export interface AdoptedFiles {
  files: Record<string, string>;
  history: History;
  revision: string | null;
  now: Date;
}

/**
 * `cover` over the adopted documents with the English versions since each translation's
 * pin read first: `status` reads a translation as sync will leave it. Both the whole tree
 * (one thread, and `check`) and each part of it (two threads) are covered through here.
 */
export async function coverAdopted<T>(host: RepositoryHost, config: Config, { files, history, revision, now }: AdoptedFiles, cover: (snapshot: RepositorySnapshot, options: CoverageOptions) => T, parse?: (text: string) => ParsedDocument): Promise<T> {
  const options = parse ? { parse } : {};
  const snapshot: RepositorySnapshot = { files, history, revision, now };
  snapshot.sourceVersions = await readSourceVersions(host, snapshot, config, options);
  return cover(snapshot, options);
}

/**
 * Adoption in memory, English versions and coverage of one part, exactly as `status`
 * computes them for the whole tree, restricted to the part's English documents.
 */
export async function coverPart(host: RepositoryHost, config: Config, input: PartInput, history: () => Promise<History>, parse?: (text: string) => ParsedDocument): Promise<PartResult> {
  const { files, notAdopted } = await adoptInMemory(createWalkContext(host, config, input.head), { files: input.files, uncommitted: new Set(input.uncommitted) });
  const adopted = { files, history: await history(), revision: input.head, now: new Date(input.now) };
  const { documents } = await coverAdopted(host, config, adopted, (snapshot, options) => markdownCoverage(snapshot, config, input.locales, options), parse);
  return { documents, notAdopted: [...notAdopted] };
}

/** Where a large tree's documents go: `feed` each text as it is read, then `coverage`; `close` in any case. */
export interface Partition {
  /**
   * Hand a document's text over as soon as it is read; true when the worker takes it (and
   * parses it meanwhile: this thread need not, nor keep its parse in the parse cache).
   */
  feed(path: string, text: string): boolean;
  /**
   * The coverage report (before the `notAdopted` and `historyUnavailable` labels) and the
   * translations adopted in memory, with the worker; null when the worker failed, and the
   * caller computes on this thread alone (`I18N_DRIFT_THREADS=2`: an error instead).
   */
  coverage(input: PartitionInput): Promise<{ report: CoverageReport; notAdopted: Map<string, NotAdopted> } | null>;
  close(): void;
}

export interface PartitionInput {
  /** Every document read (`worktreeTexts`). */
  texts: Record<string, string>;
  dirty: ReadonlySet<string>;
  history: Promise<History>;
  now: Date;
  parse: (text: string) => ParsedDocument;
}

/**
 * Starts the worker for a tree worth two threads, before its documents are read; null
 * when it is not worth it (a small tree, fewer than three cores, no commit yet, i18next
 * catalogs, or `I18N_DRIFT_THREADS=1`) and status computes on this thread alone. With
 * `I18N_DRIFT_THREADS=2`, any tree with a commit is split (tests use it on small trees).
 */
export function startPartition(host: LocalGitHost, config: Config, head: string | null, paths: readonly string[]): Partition | null {
  const threads = process.env['I18N_DRIFT_THREADS'];
  if (!head || threads === '1' || hasFormat(config, 'i18next')) return null;
  const sources = sourceDocuments(paths, config);
  if (threads !== '2' && (sources.length < MIN_PARALLEL_DOCUMENTS || availableParallelism() < MIN_PARALLEL_CORES)) return null;
  const locales = targetLocales(paths, config);
  const firstOfWorker = Math.floor(sources.length * (1 - WORKER_SHARE));
  const workerKeys = new Set(sources.slice(firstOfWorker).map((s) => s.key));
  const sourceKeys = new Set(sources.map((s) => s.key));
  // Per path: 'worker', 'main', or 'orphan' (a translation whose English document is not there).
  const owner = new Map<string, 'worker' | 'main' | 'orphan'>();
  for (const path of paths) {
    const key = documentOf(path, config)?.key;
    if (key !== undefined) owner.set(path, !sourceKeys.has(key) ? 'orphan' : workerKeys.has(key) ? 'worker' : 'main');
  }
  const worker = startWorker(host.root, config);
  const fed = new Set<string>();
  return {
    feed(path, text) {
      if (owner.get(path) !== 'worker' || worker.failed()) return false;
      fed.add(path);
      worker.post({ type: 'text', path, text });
      return true;
    },
    async coverage({ texts, dirty, history, now, parse }) {
      const mine: Record<string, string> = {};
      const theirs: string[] = [];
      const extra: Record<string, string> = {};
      const orphans: Record<string, string> = {};
      for (const [path, text] of Object.entries(texts)) {
        const who = owner.get(path);
        if (who === 'main') mine[path] = text;
        else if (who === 'orphan') orphans[path] = text;
        else if (who === 'worker') {
          theirs.push(path);
          if (!fed.has(path)) extra[path] = text;
        }
      }
      const part = (files: readonly string[]) => ({ uncommitted: files.filter((p) => dirty.has(p)), locales, head, now: now.getTime() });
      const theirSources = new Set(sourceDocuments(theirs, config).map((d) => d.path));
      const result = worker.run({ ...part(theirs), paths: theirs, extra }, history.then((all) => Object.fromEntries(Object.entries(all).filter(([path]) => theirSources.has(path)))));
      result.catch(() => {});
      const own = await coverPart(host, config, { ...part(Object.keys(mine)), files: mine }, () => history, parse);
      let other: PartResult;
      try {
        other = await result;
      } catch (error) {
        if (threads === '2') throw error;
        return null;
      }
      const report = mergeCoverage(
        [
          { documents: own.documents, orphans: [] },
          { documents: other.documents, orphans: [] },
          { documents: [], orphans: markdownCoverage({ files: orphans }, config, locales).orphans },
        ],
        config,
        { locales, revision: head },
      );
      return { report, notAdopted: new Map([...own.notAdopted, ...other.notAdopted]) };
    },
    close() {
      worker.close();
    },
  };
}

/** Messages between this thread and the worker. */
export type ToWorker =
  | { type: 'start'; root: string; config: Config }
  | { type: 'text'; path: string; text: string }
  | { type: 'run'; input: Omit<PartInput, 'files'> & { paths: string[]; extra: Record<string, string> } }
  | { type: 'history'; history: History };
export type FromWorker = { type: 'done'; result: PartResult } | { type: 'failed'; message: string };

interface WorkerHandle {
  post(message: ToWorker): void;
  failed(): boolean;
  run(input: Extract<ToWorker, { type: 'run' }>['input'], history: Promise<History>): Promise<PartResult>;
  close(): void;
}

function startWorker(root: string, config: Config): WorkerHandle {
  let worker: Worker | null = null;
  let failure: Error | null = null;
  let settle: { resolve: (result: PartResult) => void; reject: (error: Error) => void } | null = null;
  const fail = (error: Error) => {
    failure ??= error;
    settle?.reject(failure);
    settle = null;
    stop();
  };
  const stop = () => {
    if (!worker) return;
    const w = worker;
    worker = null;
    w.removeAllListeners();
    w.on('error', () => {});
    void w.terminate();
  };
  try {
    worker = new Worker(new URL('./status-partition-worker.js', import.meta.url));
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'done') {
        settle?.resolve(message.result);
        settle = null;
        stop();
      } else fail(new Error(message.message));
    });
    worker.on('error', (error) => fail(error));
    worker.on('exit', (code) => fail(new Error(`the status worker exited with code ${code}`)));
    // Not what keeps the process alive: a command that ends early (an error) ends.
    worker.unref();
    worker.postMessage({ type: 'start', root, config } satisfies ToWorker);
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
  }
  return {
    post(message) {
      worker?.postMessage(message);
    },
    failed: () => failure !== null,
    run(input, history) {
      if (failure || !worker) return Promise.reject(failure ?? new Error('the status worker is gone'));
      const running = new Promise<PartResult>((resolve, reject) => (settle = { resolve, reject }));
      worker.ref();
      worker.postMessage({ type: 'run', input } satisfies ToWorker);
      history.then(
        (value) => worker?.postMessage({ type: 'history', history: value } satisfies ToWorker),
        (error: unknown) => fail(error instanceof Error ? error : new Error(String(error))),
      );
      return running;
    },
    close: stop,
  };
}
