/**
 * The sync workflow's walk for i18next catalogs: each translated catalog and its state
 * file (`<catalog>.i18n-drift`) brought from the state's commit up to `ctx.to` by
 * applying, in order, every source commit that touched the English catalog, so each
 * stale key names the commit it waits for. A catalog without a state file is adopted at
 * its last commit first (the English its translator saw), like a Markdown translation
 * without pins. A commit whose message holds a skip keyword re-pins what it changed.
 */
import { diffWords } from '@i18n-drift/sections';
import { applyCatalogChange, type CatalogChange } from '../formats/apply-catalog-change.js';
import { CatalogStateError, readCatalogState, statePathOf, writeCatalogState, type KeyState } from '../formats/catalog-state.js';
import { readEnglishCatalog, type CatalogOptions } from '../formats/catalog-keys.js';
import { catalogOptionsOf } from '../formats/i18next-format.js';
import { CatalogSyntaxError } from '../formats/json-cst.js';
import { catalogCoverage } from '../formats/catalog-coverage.js';
import { isSkipped } from '../catch-up.js';
import { HostError } from '../errors.js';
import type { AdoptedTranslation, CommitInfo, Config, FileChange, PullRequestSection, RepositoryHost, SyncFailure } from '../types.js';
import { createWalkContext, type WalkContext } from './document-walk.js';
import type { LocalePlan } from './sync-workflow.js';
import type { FormatPlanInput, ResolveBranchInput, SyncScopeInput } from '../formats/document-format.js';
import { mergeCommitLists } from './commit-order.js';
import { documentOf, hasFormat, pathFor, sourceDocuments, targetLocales } from '../file-patterns.js';
import { shallowBoundary } from './translation-failure.js';
import { lastCommitsOf, type AdoptionBasis, type AdoptionFailure, type AdoptTranslationsInput, type AdoptTranslationsResult, type HistoryAdoption, type PreparedAdoption } from './adopt-from-history.js';

export interface CatalogPlanInput {
  locale: string;
  /** English catalogs to bring the locale's translations of up to date. */
  sources: string[];
  /** The revision the translations are read at (the locale branch's head when a translator committed on it). */
  readRev: string;
  /** Walk from here instead of each state's commit (plan mode's `--from`). */
  from: string | null;
  /** Copy new English keys into the catalogs (marked missing). */
  fill: boolean;
  /** The path of a source's translation in `locale`. */
  translationPathOf: (source: string) => string;
  /** Called after each catalog, for progress bars. */
  onDocument?: () => void;
}

export interface CatalogPlan {
  files: FileChange[];
  sections: PullRequestSection[];
  /** Source commits applied, per catalog, oldest first. */
  commits: CommitInfo[][];
  /** Translation paths the pull request carries. */
  paths: string[];
  failures: SyncFailure[];
  /** Catalogs without a state file adopted from history by this plan (pinned at their last commit). */
  adopted: AdoptedTranslation[];
}

/** Plans one locale's catalogs: the files to write and the keys its pull request lists. */
export async function planCatalogs(ctx: WalkContext, input: CatalogPlanInput): Promise<CatalogPlan> {
  const plan: CatalogPlan = { files: [], sections: [], commits: [], paths: [], failures: [], adopted: [] };
  // The catalogs without a state file are adopted at their last commits: one history read for all of them.
  const unadopted = await Promise.all(
    input.sources.map(async (source) => {
      const path = input.translationPathOf(source);
      const [text, state] = await Promise.all([ctx.read(path, input.readRev).catch(() => null), ctx.read(statePathOf(path), input.readRev).catch(() => null)]);
      if (text === null) return null;
      try {
        return readCatalogState(state).commit === null ? path : null;
      } catch {
        return null; // an unreadable state file fails the walk, which names it
      }
    }),
  );
  const last = input.from === null ? await lastCommitsOf(ctx.host, unadopted.filter((p): p is string => p !== null), input.readRev) : new Map<string, CommitInfo>();
  for (const source of input.sources) {
    const translationPath = input.translationPathOf(source);
    const boundary = shallowBoundary(last.get(translationPath), input.locale, translationPath);
    if (boundary) {
      plan.failures.push(boundary);
      input.onDocument?.();
      continue;
    }
    try {
      const walked = await walkCatalog(ctx, input, source, translationPath, { last });
      plan.files.push(...walked.files);
      plan.sections.push(...walked.sections);
      plan.commits.push(walked.commits);
      if (walked.adopted) plan.adopted.push(walked.adopted);
      if (walked.files.length > 0 || walked.sections.length > 0) plan.paths.push(translationPath);
    } catch (error) {
      const failure = catalogFailure(error, input.locale, source, translationPath, ctx.config.sourceLocale);
      if (failure === null) throw error;
      if (!plan.failures.some((f) => f.path === failure.path)) plan.failures.push(failure);
    } finally {
      input.onDocument?.();
    }
  }
  return plan;
}

interface KeyRecord {
  id: string;
  /** The key's id where the walk started, when a rename in the range changed it. */
  from?: string;
  state: 'stale' | 'missing' | 'removed';
  change: PullRequestSection['change'];
  commits: string[];
  words: PullRequestSection['words'];
}

/**
 * One catalog of one locale walked to `ctx.to`. `adopting` hands over a translation
 * without state (a working tree's text) and the commit to pin it at, instead of reading
 * both from the host.
 */
async function walkCatalog(
  ctx: WalkContext,
  input: CatalogPlanInput,
  source: string,
  translationPath: string,
  adopting: { last: ReadonlyMap<string, CommitInfo> } | { text: string; pinAt: string },
) {
  const given = 'pinAt' in adopting ? adopting : null;
  const statePath = statePathOf(translationPath);
  const catalogName = translationPath.slice(translationPath.lastIndexOf('/') + 1);
  const current = given ? given.text : await ctx.read(translationPath, input.readRev);
  const currentState = given ? null : await ctx.read(statePath, input.readRev);
  const target = await ctx.read(source, ctx.to);
  const stateCommit = withPath(statePath, () => readCatalogState(currentState)).commit;
  const options = optionsOf(source, ctx.config);

  let start: string | null = given?.pinAt ?? input.from ?? stateCommit;
  let adopted: AdoptedTranslation | null = null;
  if (start === null && current !== null) {
    // Adopted at its last commit: the English its translator saw. Never committed: at `to`.
    const last = 'last' in adopting ? adopting.last.get(translationPath) : undefined;
    start = last?.sha ?? ctx.to;
    adopted = { path: translationPath, pinnedTo: start, pinnedDate: last?.date ?? null };
  }
  const commits = start === null ? [] : await ctx.commits(start, source);
  const first = start === null ? target : await ctx.read(source, start);
  let previous = first;
  // The English is checked on its own first, so that its errors are not taken for the translation's.
  if (first !== null) withPath(source, () => readEnglishCatalog(first, options));
  let text = current;
  let state = currentState;
  const apply = (oldSource: string, newSource: string, sourceCommit: string) => {
    const result = withPath(translationPath, () =>
      applyCatalogChange({ oldSource, newSource, translation: text, state, locale: input.locale, sourceCommit, fill: input.fill, catalogName, options }),
    );
    text = result.text;
    state = result.state;
    return result.changes;
  };

  const records = new Map<string, KeyRecord>();
  // A catalog with no state yet is pinned first, where the walk starts.
  if (previous !== null && (state === null || start === null)) {
    const changes = apply(previous, previous, start ?? ctx.to);
    if (start === null) fold(records, changes, ctx.to);
  }
  for (const commit of commits) {
    const next = await ctx.read(source, commit.sha);
    if (next === null || previous === null) {
      previous = next;
      continue;
    }
    withPath(source, () => readEnglishCatalog(next, options));
    const changes = apply(previous, next, commit.sha);
    if (isSkipped(commit, ctx.config)) {
      state = repin(state, changes, next, catalogName, options);
      fold(records, changes.filter((c) => c.state !== 'stale'), commit.sha);
    } else fold(records, changes, commit.sha);
    previous = next;
  }

  const files: FileChange[] = [];
  // No English now nor where the walk started: an orphan, left alone (coverage lists it).
  if (target === null && first === null) return { files, sections: [], commits, state, adopted: null };
  if (target === null) {
    // The English catalog is gone: so are its translation and state (Git keeps them).
    if (current !== null) files.push({ path: translationPath, content: null });
    if (currentState !== null) files.push({ path: statePath, content: null });
    return { files, sections: [], commits, state: null, adopted: null };
  }
  if (text !== current) files.push({ path: translationPath, content: text, ...(current === null ? { created: true } : {}) });
  if (state !== currentState) files.push({ path: statePath, content: state, ...(currentState === null ? { created: true } : {}) });

  const finalState = readCatalogState(state);
  // The English change shown for a stale key: from the English the walk started from to the target.
  const before = first === null ? new Map() : readEnglishCatalog(first, options).units;
  const after = readEnglishCatalog(target, options).units;
  for (const r of records.values()) {
    const old = before.get(r.from ?? r.id);
    const now = after.get(r.id);
    if (r.state === 'stale') r.words = old && now && old.hash !== now.hash ? diffWords(old.text, now.text) : null;
  }
  const sections: PullRequestSection[] = [...records.values()].map((r) => ({
    document: source,
    translationPath,
    id: r.id,
    // A key has no heading: it is its own name in the pull request.
    heading: r.id,
    state: r.state,
    change: r.change,
    words: r.words,
    resolved: r.state === 'removed' || (r.state === 'stale' ? finalState.keys.get(r.id)?.mark?.kind !== 'stale' : false),
    commits: r.commits,
  }));
  return { files, sections, commits, state, adopted };
}

/** Folds one commit's changes into the per-key records (a later change refines an earlier one). */
function fold(records: Map<string, KeyRecord>, changes: CatalogChange[], sha: string): void {
  for (const change of changes) {
    const from = change.oldId !== null && change.oldId !== change.id ? records.get(change.oldId) : undefined;
    if (from) records.delete(change.oldId!);
    const existing = from ? { ...from, from: from.from ?? change.oldId! } : records.get(change.id);
    const commits = [...(existing?.commits ?? []), sha];
    if (change.state === 'removed') {
      // Added and removed within the range: it never reached the translators.
      if (existing?.state === 'missing') records.delete(change.id);
      else records.set(change.id, { id: change.id, state: 'removed', change: 'removed', commits, words: null });
    } else if (change.state === 'missing') {
      records.set(change.id, { id: change.id, state: 'missing', change: 'added', commits, words: null });
    } else if (change.state === 'stale') {
      if (existing?.state === 'missing') existing.commits.push(sha);
      else records.set(change.id, { ...(existing?.from ? { from: existing.from } : change.kind === 'renamed' && change.oldId ? { from: change.oldId } : {}), id: change.id, state: 'stale', change: existing?.change === 'renamed' ? 'renamed' : change.kind === 'unchanged' ? 'modified' : change.kind, commits, words: null });
    } else if (existing) records.set(change.id, { ...existing, id: change.id });
  }
}

/** Keys a skip-keyword commit marked stale are pinned to its English instead. */
function repin(stateText: string | null, changes: CatalogChange[], english: string, catalogName: string, options: CatalogOptions): string | null {
  if (stateText === null) return null;
  const stale = changes.filter((c) => c.state === 'stale').map((c) => c.id);
  if (stale.length === 0) return stateText;
  const state = readCatalogState(stateText);
  const units = readEnglishCatalog(english, options).units;
  for (const id of stale) {
    const unit = units.get(id);
    if (unit) state.keys.set(id, { pin: unit.hash, mark: null });
  }
  return writeCatalogState(state, catalogName);
}

/** Runs `read`, giving a syntax error the path of the file it is about. */
function withPath<T>(path: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof CatalogSyntaxError || error instanceof CatalogStateError) Object.assign(error, { path });
    throw error;
  }
}

/** The failure that skips one catalog (an unreadable catalog, state file or English); null for a host failure to rethrow. */
function catalogFailure(error: unknown, locale: string, source: string, translationPath: string, sourceLocale: string): SyncFailure | null {
  if (error instanceof CatalogSyntaxError || error instanceof CatalogStateError) {
    const path = (error as { path?: string }).path ?? source;
    const column = error instanceof CatalogSyntaxError ? `column ${error.column}: ` : '';
    return { locale: path === source ? sourceLocale : locale, path, code: 'invalid-catalog', line: error.line, message: column + error.reason };
  }
  if (error instanceof HostError && ['binary', 'too-large', 'not-a-file'].includes(error.code)) {
    return { locale, path: translationPath, code: error.code as SyncFailure['code'], line: null, message: error.message };
  }
  return null;
}

/** The i18next format's `syncScope`: every English catalog (a catalog is a few reads, whatever changed). */
export async function catalogSyncScope(ctx: WalkContext, input: SyncScopeInput): Promise<string[]> {
  if (!hasFormat(ctx.config, 'i18next')) return [];
  return sourceDocuments(input.paths, ctx.config, 'i18next').map((d) => d.path);
}

/**
 * The i18next format's `planLocale`: a locale's catalogs, their files, their keys among
 * the pull request's sections, their failures, their source commits. Every English
 * catalog is walked, and so is every translated catalog whose English is gone.
 */
export async function planCatalogLocale(ctx: WalkContext, input: FormatPlanInput): Promise<LocalePlan> {
  const { config } = ctx;
  const plan: LocalePlan = { files: [], sections: [], sourceCommits: [], paths: [], unpinned: [], orphans: [], adopted: [], failures: [], repinned: [] };
  const sources = catalogSources(config, input.locale, input.paths);
  if (sources.length === 0) return plan;
  const catalogs = await planCatalogs(ctx, { locale: input.locale, sources, readRev: input.readRev, from: input.from, fill: input.fill, translationPathOf: (source) => pathFor(source, input.locale, config), ...(input.onDocument ? { onDocument: input.onDocument } : {}) });
  return { ...plan, files: catalogs.files, sections: catalogs.sections, failures: catalogs.failures, paths: [...new Set(catalogs.paths)].sort(), sourceCommits: mergeCommitLists(catalogs.commits), adopted: catalogs.adopted };
}

/**
 * For `resolveTranslationBranch`: a locale branch's catalogs as its pull request lists
 * them (the keys sync found against the base, each resolved once the branch's state file
 * no longer marks it), and the state files to rewrite where a translator deleted a stale
 * mark on the branch (their sign-off: the key is pinned to the English of the state's commit).
 */
export async function resolveCatalogs(host: RepositoryHost, input: ResolveBranchInput): Promise<{ files: FileChange[]; plan: LocalePlan }> {
  const { config, locale } = input;
  const plan: LocalePlan = { files: [], sections: [], sourceCommits: [], paths: [], unpinned: [], orphans: [], adopted: [], failures: [], repinned: [] };
  const none = { files: [], plan };
  if (!hasFormat(config, 'i18next')) return none;
  const ctx = createWalkContext(host, config, input.base);
  const paths = await host.listFiles(input.base);
  const sources = catalogSources(config, locale, paths);
  if (sources.length === 0) return none;
  const translationPathOf = (source: string) => pathFor(source, locale, config);
  const described = await planCatalogs(ctx, { locale, sources, readRev: input.base, from: null, fill: false, translationPathOf });
  const files: FileChange[] = [];
  const marks = new Map<string, Map<string, KeyState>>();
  for (const source of sources) {
    const path = translationPathOf(source);
    const statePath = statePathOf(path);
    const [text, stateText] = await Promise.all([host.readFile(path, input.head), host.readFile(statePath, input.head)]);
    let state;
    try {
      state = readCatalogState(stateText);
    } catch (error) {
      if (error instanceof CatalogStateError) continue; // sync and check name it
      throw error;
    }
    marks.set(path, state.keys);
    const english = state.commit === null || text === null ? null : await host.readFile(source, state.commit).catch(() => null);
    if (english === null) continue;
    try {
      const repinned = applyCatalogChange({ oldSource: english, newSource: english, translation: text, state: stateText, locale, sourceCommit: state.commit, catalogName: path.slice(path.lastIndexOf('/') + 1), options: optionsOf(source, config) });
      if (repinned.state !== stateText) {
        files.push({ path: statePath, content: repinned.state });
        marks.set(path, readCatalogState(repinned.state).keys);
      }
    } catch (error) {
      if (!(error instanceof CatalogSyntaxError)) throw error;
    }
  }
  const sections = described.sections.map((s) => {
    const mark = marks.get(s.translationPath)?.get(s.id)?.mark?.kind;
    return { ...s, resolved: s.state === 'removed' || (s.state === 'stale' ? mark !== 'stale' : mark !== 'missing' && marks.get(s.translationPath)?.has(s.id) === true) };
  });
  return { files, plan: { ...plan, sections, sourceCommits: mergeCommitLists(described.commits), paths: described.paths, adopted: described.adopted } };
}

/** The English catalogs a locale's catalogs come from: every one, and those its translations point at. */
function catalogSources(config: Config, locale: string, paths: readonly string[]): string[] {
  if (!hasFormat(config, 'i18next')) return [];
  const sources = new Set(sourceDocuments(paths, config, 'i18next').map((d) => d.path));
  for (const path of paths) {
    const found = documentOf(path, config, 'i18next');
    if (found?.locale === locale) sources.add(pathFor(found.key, config.sourceLocale, config));
  }
  return [...sources].sort();
}

/** The catalog options (key separator) of the `files` pattern an English catalog is under. */
function optionsOf(source: string, config: Config): CatalogOptions {
  const found = documentOf(source, config, 'i18next');
  return found ? catalogOptionsOf(found.pattern, config) : {};
}

/**
 * The i18next format's `prepareAdoption`: adoption from history of every translated catalog in `input.files` without a state file:
 * pinned at the catalog's last commit (the English its translator saw) — at the target
 * when it was never committed, is edited in the working tree (`uncommitted`), when
 * `assumeCurrent` is asked, or when its English did not exist there — then walked to
 * `ctx.to` as sync walks it, so English changes since are stale or missing keys. The
 * catalog itself is not changed: what adoption writes is its state file.
 */
export function prepareCatalogAdoption(ctx: WalkContext, input: AdoptTranslationsInput): PreparedAdoption {
  const { config } = ctx;
  const wanted = catalogsToAdopt(config, input);
  const committed = input.assumeCurrent ? [] : wanted.filter((w) => !input.uncommitted?.has(w.path)).map((w) => w.path);
  const run = async (last: ReadonlyMap<string, CommitInfo>, onAdopted: () => void): Promise<AdoptTranslationsResult> => {
    // All at once, as Markdown translations are: the host's reads overlap; the order stays the input's.
    const outcomes = await Promise.all(
      wanted.map(async (w): Promise<HistoryAdoption | AdoptionFailure> => {
        try {
          const basis = input.assumeCurrent ? 'assumed-current' : input.uncommitted?.has(w.path) ? 'uncommitted' : (last.get(w.path) ?? null);
          return await adoptCatalog(ctx, w, basis);
        } catch (error) {
          const failure = catalogFailure(error, w.locale, w.source, w.path, config.sourceLocale);
          if (failure === null) throw error;
          return { locale: failure.locale, path: failure.path, line: failure.line ?? 0, reason: failure.message };
        } finally {
          onAdopted();
        }
      }),
    );
    return { adoptions: outcomes.filter((o): o is HistoryAdoption => 'pinnedTo' in o), failures: outcomes.filter((o): o is AdoptionFailure => !('pinnedTo' in o)) };
  };
  return { count: wanted.length, committed, run };
}

/** The translated catalogs of `files` that have no state file (a state file, readable or not, is the catalog's state). */
export function catalogsToAdopt(config: Config, input: { files: Record<string, string>; only?: ReadonlySet<string> }): { source: string; path: string; locale: string; text: string }[] {
  if (!hasFormat(config, 'i18next')) return [];
  const paths = Object.keys(input.files);
  const locales = targetLocales(paths, config);
  const wanted: { source: string; path: string; locale: string; text: string }[] = [];
  for (const { path: source } of sourceDocuments(paths, config, 'i18next')) {
    for (const locale of locales) {
      const path = pathFor(source, locale, config);
      const text = input.files[path];
      if (text === undefined || (input.only && !input.only.has(path))) continue;
      if (input.files[statePathOf(path)] === undefined) wanted.push({ source, path, locale, text });
    }
  }
  return wanted;
}

async function adoptCatalog(
  ctx: WalkContext,
  w: { source: string; path: string; locale: string; text: string },
  last: CommitInfo | 'assumed-current' | 'uncommitted' | null,
): Promise<HistoryAdoption> {
  let basis: AdoptionBasis = last === null ? 'uncommitted' : typeof last === 'string' ? last : 'history';
  let pinnedTo = typeof last === 'object' && last !== null ? last.sha : ctx.to;
  if (pinnedTo !== ctx.to && (await ctx.read(w.source, pinnedTo)) === null) {
    basis = 'source-missing';
    pinnedTo = ctx.to;
  }
  const input: CatalogPlanInput = { locale: w.locale, sources: [w.source], readRev: ctx.to, from: null, fill: false, translationPathOf: () => w.path };
  const walked = await walkCatalog(ctx, input, w.source, w.path, { text: w.text, pinAt: pinnedTo });
  // Counted as status counts them: a new English key left to i18next's fallback is missing without a mark.
  const english = await ctx.read(w.source, ctx.to);
  const text = walked.files.find((f) => f.path === w.path)?.content ?? w.text;
  const units = english === null ? [] : catalogCoverage({ source: english, translation: text, state: walked.state, locale: w.locale, options: optionsOf(w.source, ctx.config) });
  const files = walked.files.flatMap((f) => (f.content === null ? [] : [{ path: f.path, content: f.content }]));
  return {
    source: w.source,
    path: w.path,
    locale: w.locale,
    pinnedTo,
    pinnedDate: basis === 'history' ? (last as CommitInfo).date : null,
    basis,
    pinnedText: w.text,
    text,
    files,
    // Keys need no alignment: a key is its own id in every locale.
    alignment: { pairs: [], unalignedTranslation: [], unalignedSource: [] },
    commitsBehind: walked.commits.filter((c) => !isSkipped(c, ctx.config)).length,
    records: walked.sections.map((s) => ({ id: s.id, heading: s.heading, state: s.state, change: s.change, commits: s.commits ?? [], words: s.words })),
    stale: units.filter((u) => u.state === 'stale').length,
    missing: units.filter((u) => u.state === 'missing').length,
  };
}
