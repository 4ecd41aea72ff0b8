/**
 * The sync workflow, shared by `i18n-drift sync` and the GitHub App: which English
 * documents changed, each locale's new translation files, one commit per locale on
 * its branch, and the pull request for it — all through the `RepositoryHost` port,
 * so the workflow never knows whether it talks to Git or to GitHub.
 */
import { pathFor, sourceDocuments, targetLocales, documentOf } from '../file-patterns.js';
import { findMarkers } from '../stale-marker.js';
import { HostError } from '../errors.js';
import type {
  BranchState,
  CommitInfo,
  Config,
  FileChange,
  LocaleSyncResult,
  PullRequest,
  PullRequestSection,
  RepositoryHost,
  RepinnedSection,
  AdoptedTranslation,
  SyncFailure,
  SyncResult,
} from '../types.js';
import { createWalkContext, walkDocument, type DocumentWalk, type WalkContext } from './document-walk.js';
import type { Localize, Translate } from './i18n.js';
import { pullRequestBody, pullRequestTitle, updateComment } from './pull-request-text.js';
import { TranslationBranch } from './translation-branch.js';
import { brokenSource, malformedTranslation, shallowBoundary, unknownPin, unreadableTranslation } from './translation-failure.js';
import { gitBlobId } from './git-blob-id.js';
import { mergeCommitLists } from './commit-order.js';
import { withMarkedSections } from './marked-sections.js';
import { isUnpinned, lastCommitsOf, pinAtLastCommit } from './adopt-from-history.js';
import { formatsOf } from '../formats/markdown-format.js';
import type { FormatPlanInput, SyncScopeInput } from '../formats/document-format.js';

export interface SyncOptions {
  config: Config;
  /**
   * Start of the English range. In `plan` mode each translation is walked from here
   * (or from its pin if pinned later). In `branch` mode it only narrows which documents
   * are looked at: each translation is still walked from its own pin, so a rebuilt
   * locale branch never loses an earlier change. Default: each translation's pin.
   */
  from?: string | null;
  /** End of the English range. Default: the host's default branch. */
  to?: string;
  /** `branch`: commit and open/update PRs. `plan`: compute everything, write nothing. */
  mode: 'branch' | 'plan';
  /** Translation function per locale (see `createLocalizer`); PR text is written in the locale's language. */
  t: Localize;
  dashboardUrl?: string | null;
  /** Only these locales (default: the config's, or every locale found). */
  locales?: string[];
  /** Called after each document of each locale is planned: (done, total), for progress bars. */
  onProgress?: (done: number, total: number) => void;
  /** Copy new English keys of i18next catalogs into the translations, marked missing (default: left to i18next's fallback). */
  fill?: boolean;
  /**
   * Translation paths to sync in their own locale besides what changed since `from`: a
   * front end's probe of the translations not adopted yet, so that a push that did not
   * touch them still adopts them. A path matching no pattern, of another locale than a
   * target one, or whose source document does not exist at `to` is ignored.
   */
  include?: readonly string[];
}

/** Labels every locale PR gets, before the configured ones. */
export function pullRequestLabels(config: Config, locale: string): string[] {
  return [...new Set(['i18n', `lang:${locale}`, ...(config.labels[locale] ?? [])])];
}

/**
 * Run the sync workflow.
 *
 * Per locale with changes: when its branch holds a commit not made by the tool (a
 * translator's), the new commit goes on top of that head and nothing is forced; when
 * it holds only the tool's commits (or does not exist) it is rebuilt on `to`. One
 * commit per locale. The PR is opened (labels, reviewers) or updated; a comment is
 * added when new English commits arrived while it was open; an unchanged title and
 * body are not rewritten. Deterministic: the same state gives the same texts.
 *
 * A document that cannot be read (malformed frontmatter or pins, a binary, oversized
 * or folder path, a pin to a commit missing from the history) is skipped — nothing
 * written for it, its PR lists the rest — and reported once in `SyncResult.failures`,
 * naming the file at fault (the English one when the English is broken); every other
 * document and locale syncs.
 *
 * @throws HostError from the host (unknown `from`/`to` revision, conflict);
 *   HostError('conflict') in branch mode when the default branch is itself a
 *   translation branch; ConfigError for paths the patterns cannot place.
 */
export async function syncRepository(host: RepositoryHost, options: SyncOptions): Promise<SyncResult> {
  const { config } = options;
  const branchMode = options.mode === 'branch';
  const base = branchMode || options.to === undefined ? await host.defaultBranch() : null;
  // A translation branch as the base (the CLI on a checked-out `i18n-drift/nl`) would
  // describe every PR against a translation and rewrite their bodies: refused up front.
  if (branchMode && TranslationBranch.parse(base!, config.branchPrefix) !== null) {
    throw new HostError('conflict', `${base} is a translation branch: sync from the branch that holds the English (such as main)`);
  }
  const to = await host.resolveRevision(options.to ?? base!);
  const from = options.from ? await host.resolveRevision(options.from) : null;
  const paths = await host.listFiles(to);
  const locales = (options.locales ?? targetLocales(paths, config)).filter((l) => l !== config.sourceLocale);
  const ctx = createWalkContext(host, config, to);
  // Every format of the config walks its own documents; the workflow merges what they plan.
  const formats = formatsOf(config);

  // Documents in scope, per format: every source document, or those changed since `from`.
  const changed = from !== null ? await host.changedPaths(from, to) : null;
  const scopes = await Promise.all(formats.map((format) => format.repository.syncScope(ctx, { paths, changed, branchMode })));

  const results: LocaleSyncResult[] = [];
  const unpinned: string[] = [];
  const orphans: string[] = [];
  const failures: SyncFailure[] = [];
  let done = 0;
  const total = locales.length * scopes.reduce((sum, scope) => sum + scope.length, 0);
  const progress = options.onProgress ? () => options.onProgress!(Math.min(++done, total), total) : undefined;
  for (const locale of locales) {
    const branch = TranslationBranch.forLocale(config.branchPrefix, locale);
    const state = branchMode ? await host.getBranch(branch.name, to) : null;
    const onTop = state !== null && state.commits.some((c) => !c.byTool);
    const readRev = onTop ? state.head : to;
    const branchPaths = state !== null ? await host.changedPaths(to, state.head) : [];

    const plans: LocalePlan[] = [];
    for (const [index, format] of formats.entries()) {
      plans.push(
        await format.repository.planLocale(ctx, {
          locale,
          paths,
          scope: scopes[index]!,
          branchPaths,
          readRev,
          from: branchMode ? null : from,
          everyDocument: from === null,
          onTop,
          fill: options.fill ?? false,
          include: options.include ?? [],
          ...(progress ? { onDocument: progress } : {}),
        }),
      );
    }
    const plan = mergePlans(plans);
    unpinned.push(...plan.unpinned);
    orphans.push(...plan.orphans);
    // A broken English document fails the same way in every locale: said once.
    for (const f of plan.failures) if (!failures.some((g) => g.path === f.path && g.message === f.message)) failures.push(f);
    if (plan.files.length === 0 && plan.sections.length === 0 && state === null) continue;

    const t = options.t(locale);
    const text = describe(plan, locale, options.dashboardUrl ?? null, t);
    const result: LocaleSyncResult = {
      locale,
      branch: branch.name,
      files: plan.files,
      sections: plan.sections,
      sourceCommits: plan.sourceCommits,
      title: text.title,
      body: text.body,
      commit: null,
      pullRequest: null,
      action: 'dry-run',
      repinned: plan.repinned,
      adopted: plan.adopted,
    };
    if (branchMode) await publish(host, { config, base: base!, to, state, onTop, plan, result, t });
    if (result.action === 'unchanged' && plan.sections.length === 0 && plan.files.length === 0 && !result.pullRequest) continue;
    results.push(result);
  }
  return { from, to, skipped: results.every((r) => r.files.length === 0), locales: results, unpinned, orphans, failures };
}

/** One locale's computed state: files to write and the sections its PR lists. */
export interface LocalePlan {
  files: FileChange[];
  sections: PullRequestSection[];
  sourceCommits: CommitInfo[];
  /** Every translation path the PR carries (for the body's file list). */
  paths: string[];
  /** Translation paths with no pins that could not be adopted (none since adoption from history; kept for callers). */
  unpinned: string[];
  /** Translations without pins whose English document does not exist: left alone, reported. */
  orphans: string[];
  /** Translations without pins adopted from history in this plan (pinned at their last commit), in document order. */
  adopted: AdoptedTranslation[];
  /** Translations that could not be read: skipped (nothing written for them), in document order. */
  failures: SyncFailure[];
  /** Sections re-pinned because a translator removed their marker, in document order. */
  repinned: RepinnedSection[];
}

/** One plan of several formats' plans, in format order (sorted paths, source commits merged in history order). */
export function mergePlans(plans: readonly LocalePlan[]): LocalePlan {
  if (plans.length === 1) return plans[0]!;
  const all = <K extends keyof LocalePlan>(key: K) => plans.flatMap((p) => p[key] as unknown[]) as LocalePlan[K];
  return {
    files: all('files'),
    sections: all('sections'),
    sourceCommits: mergeCommitLists(plans.map((p) => p.sourceCommits)),
    paths: [...new Set(plans.flatMap((p) => p.paths))].sort(),
    unpinned: all('unpinned'),
    orphans: all('orphans'),
    adopted: all('adopted'),
    failures: all('failures'),
    repinned: all('repinned'),
  };
}

/** Markdown's `syncScope`: every English document, or those changed since `from` (and, in branch mode, those of translations pushed without pins). */
export async function markdownSyncScope(ctx: WalkContext, input: SyncScopeInput): Promise<string[]> {
  const { config } = ctx;
  if (input.changed === null) return sourceDocuments(input.paths, config).map((d) => d.path);
  const scope = new Set(input.changed.filter((p) => documentOf(p, config)?.locale === config.sourceLocale));
  // A translation pushed without pins (a repository starting to use the tool) is
  // adopted in this run, whatever English changed: its document is in scope too.
  if (input.branchMode) for (const source of await unpinnedChanged(ctx, input.changed, new Set(input.paths))) scope.add(source);
  return [...scope];
}

/**
 * Markdown's `planLocale`: the documents in scope, those of the translations `include`
 * names, those whose English is gone, and those the locale's pull request already
 * carries, walked.
 */
export async function planMarkdownLocale(ctx: WalkContext, input: FormatPlanInput): Promise<LocalePlan> {
  const { config } = ctx;
  const pathSet = new Set(input.paths);
  const documents = new Set(input.scope);
  for (const path of input.include) {
    const d = documentOf(path, config);
    const source = d && d.locale === input.locale ? pathFor(d.key, config.sourceLocale, config) : null;
    if (source !== null && pathSet.has(source)) documents.add(source);
  }
  if (input.everyDocument) {
    // Translations whose English source is gone (walked to their removal if pinned).
    for (const p of input.paths) {
      const d = documentOf(p, config);
      if (d?.locale === input.locale) {
        const source = pathFor(d.key, config.sourceLocale, config);
        if (!pathSet.has(source)) documents.add(source);
      }
    }
  }
  // Documents this PR already carries stay described in its body.
  for (const p of input.branchPaths) {
    const d = documentOf(p, config);
    if (d?.locale === input.locale) documents.add(pathFor(d.key, config.sourceLocale, config));
  }
  return planLocale(ctx, {
    locale: input.locale,
    documents: [...documents].sort(),
    readRev: input.readRev,
    from: input.from,
    onTop: input.onTop,
    ...(input.onDocument ? { onDocument: input.onDocument } : {}),
  });
}

/**
 * Compute one locale's new files (against `readRev`) and its PR sections (against the
 * translations at `ctx.to`, the base the PR is reviewed against).
 */
export async function planLocale(
  ctx: WalkContext,
  input: { locale: string; documents: string[]; readRev: string; from: string | null; onTop: boolean; onDocument?: () => void },
): Promise<LocalePlan> {
  // Translations without pins are adopted from history in this same commit: their last
  // commits are read once for all of them (one history pass), not per document.
  const last = input.from === null ? await lastCommitsOfUnpinned(ctx, input) : new Map<string, Map<string, CommitInfo>>();
  const outcomes = await Promise.all(
    input.documents.map(async (source) => {
      try {
        return await planDocument(ctx, { ...input, last }, source);
      } finally {
        input.onDocument?.();
      }
    }),
  );

  const files: FileChange[] = [];
  const sections: PullRequestSection[] = [];
  const commitLists: CommitInfo[][] = [];
  const paths = new Set<string>();
  const unpinned: string[] = [];
  const orphans: string[] = [];
  const adopted: AdoptedTranslation[] = [];
  const failures: SyncFailure[] = [];
  const repinned: RepinnedSection[] = [];
  for (const outcome of outcomes) {
    if (outcome.failure) {
      failures.push(outcome.failure);
      continue;
    }
    if (outcome.orphan !== undefined) {
      orphans.push(outcome.orphan);
      continue;
    }
    const { translationPath, current, walk, described } = outcome.walked;
    if (outcome.walked.adopted) adopted.push(outcome.walked.adopted);
    if (walk.unpinned) unpinned.push(translationPath);
    for (const id of walk.repinned) repinned.push({ path: translationPath, id });
    if (walk.text !== current) files.push({ path: translationPath, content: walk.text, ...(current === null ? { created: true } : {}) });
    sections.push(...outcome.walked.sections);
    commitLists.push(described.commits);
    if (walk.text !== current || described.records.length > 0) paths.add(translationPath);
  }
  const sourceCommits = mergeCommitLists(commitLists);
  return { files, sections, sourceCommits, paths: [...paths].sort(), unpinned, orphans, adopted, failures, repinned };
}

/**
 * A section the translator finished on the branch that English changed again is shown
 * with the English change since *their* version (the branch walk's, when its pin was the
 * English it started from), not since the base's older one: their text is what must now
 * be updated.
 */
function withLatestWords(sections: PullRequestSection[], walk: DocumentWalk): PullRequestSection[] {
  if (walk.exactWords.length === 0) return sections;
  const exact = new Set(walk.exactWords);
  const latest = new Map(walk.records.map((r) => [r.id, r]));
  return sections.map((s) => {
    const record = latest.get(s.id);
    return s.state === 'stale' && exact.has(s.id) && record?.state === 'stale' && record.words ? { ...s, words: record.words } : s;
  });
}

/**
 * One document of a locale: its walk, or the failure that skips it when the translation
 * itself cannot be read (only it: nothing written for it, the others carry on).
 */
async function planDocument(
  ctx: WalkContext,
  input: { locale: string; readRev: string; from: string | null; onTop: boolean; last: Map<string, Map<string, CommitInfo>> },
  source: string,
): Promise<
  | { failure: SyncFailure; orphan?: undefined }
  | { failure?: undefined; orphan: string }
  | {
      failure?: undefined;
      orphan?: undefined;
      walked: { source: string; translationPath: string; current: string | null; walk: DocumentWalk; described: DocumentWalk; sections: PullRequestSection[]; adopted: AdoptedTranslation | null };
    }
> {
  const { config } = ctx;
  const translationPath = pathFor(source, input.locale, config);
  let baseText: string | null;
  let current: string | null;
  try {
    baseText = await ctx.read(translationPath, ctx.to);
    current = input.readRev === ctx.to ? baseText : await ctx.read(translationPath, input.readRev);
  } catch (error) {
    const failure = unreadableTranslation(error, input.locale, translationPath);
    if (failure === null) throw error;
    return { failure };
  }
  try {
    // Without pins (and without `from`): adopted from history, pinned at its last commit,
    // then walked like any other. Without an English document it is an orphan, left alone.
    let start = current;
    let base = baseText;
    let adopted: AdoptedTranslation | null = null;
    if (input.from === null && (isUnpinned(current) || isUnpinned(baseText))) {
      if ((await ctx.read(source, ctx.to)) === null) return { orphan: translationPath };
      for (const [text, rev] of [[current, input.readRev], [baseText, ctx.to]] as const) {
        const boundary = isUnpinned(text) ? shallowBoundary(input.last.get(rev)?.get(translationPath), input.locale, translationPath) : null;
        if (boundary) return { failure: boundary };
      }
      const pin = async (text: string | null, rev: string) => {
        if (!isUnpinned(text)) return { text, pinned: null };
        const pinned = await pinAtLastCommit(ctx, { source, translation: text!, last: input.last.get(rev)?.get(translationPath) ?? null });
        return { text: pinned.text, pinned };
      };
      const atRead = await pin(current, input.readRev);
      start = atRead.text;
      base = input.readRev === ctx.to ? start : (await pin(baseText, ctx.to)).text;
      if (atRead.pinned) adopted = { path: translationPath, pinnedTo: atRead.pinned.pinnedTo, pinnedDate: atRead.pinned.pinnedDate };
    }
    // Sections whose marker a translator removed (on their branch, or committed on the
    // default branch) are re-pinned by the walk itself, in this same commit.
    const walk = await walkDocument(ctx, { source, translationPath, translation: start, from: input.from });
    // The PR lists what changed since the base's pins, not only since the branch's last sync.
    const described: DocumentWalk =
      input.readRev === ctx.to ? walk : await walkDocument(ctx, { source, translationPath, translation: base, from: null });
    let sections = withLatestWords(pullRequestSections(source, translationPath, described, walk.text), walk);
    // A document this PR touches lists every section still marked in its new text, also
    // those marked before this walk's start (a PR merged with markers left).
    if (walk.text !== current || described.records.length > 0) {
      sections = await withMarkedSections(ctx, { source, translationPath, pinsText: base ?? start, finalText: walk.text, listed: sections, exactWords: walk.exactWords });
    }
    return { walked: { source, translationPath, current, walk, described, sections, adopted } };
  } catch (error) {
    const texts = [current, baseText];
    // The English first: when it is broken, every translation of it is skipped for that.
    const failure =
      (await brokenEnglish(ctx, source)) ??
      malformedTranslation(error, { locale: input.locale, path: translationPath, texts, frontmatterKeys: config.frontmatterKeys }) ??
      (await unknownPin(error, ctx.host, { locale: input.locale, path: translationPath, texts })) ??
      brokenSource(error, config.sourceLocale, source);
    if (failure === null) throw error;
    return { failure };
  }
}

/**
 * Per revision the locale's translations are read at, the last commit of each translation
 * there that carries no pins: one `lastCommits` call per revision for all of them.
 */
async function lastCommitsOfUnpinned(ctx: WalkContext, input: { locale: string; documents: string[]; readRev: string }): Promise<Map<string, Map<string, CommitInfo>>> {
  const found = new Map<string, Map<string, CommitInfo>>();
  for (const rev of new Set([input.readRev, ctx.to])) {
    const paths = await Promise.all(
      input.documents.map(async (source) => {
        const path = pathFor(source, input.locale, ctx.config);
        const text = await ctx.read(path, rev).catch(() => null);
        return isUnpinned(text) ? path : null;
      }),
    );
    const wanted = paths.filter((p): p is string => p !== null);
    if (wanted.length > 0) found.set(rev, await lastCommitsOf(ctx.host, wanted, rev));
  }
  return found;
}

/** English documents of the translations among `changed` that carry no pins at `ctx.to` (and have an English source there). */
async function unpinnedChanged(ctx: WalkContext, changed: readonly string[], present: Set<string>): Promise<string[]> {
  const { config } = ctx;
  const sources = await Promise.all(
    changed.map(async (path) => {
      const d = documentOf(path, config);
      if (!d || d.locale === config.sourceLocale || !present.has(path)) return null;
      const source = pathFor(d.key, config.sourceLocale, config);
      if (!present.has(source)) return null;
      return isUnpinned(await ctx.read(path, ctx.to).catch(() => null)) ? source : null;
    }),
  );
  return [...new Set(sources.filter((s): s is string => s !== null))];
}

/** The failure naming the English document when its text at `ctx.to` cannot be read or parsed; null when it can. */
async function brokenEnglish(ctx: WalkContext, source: string): Promise<SyncFailure | null> {
  try {
    const text = await ctx.read(source, ctx.to);
    if (text !== null) ctx.parse(text);
    return null;
  } catch (error) {
    return brokenSource(error, ctx.config.sourceLocale, source);
  }
}

/**
 * The PR sections of one document: what the walk from the base translation recorded,
 * each resolved once `finalText` carries no marker for it (removed ones always are).
 */
export function pullRequestSections(source: string, translationPath: string, described: DocumentWalk, finalText: string | null): PullRequestSection[] {
  const open = new Set(finalText === null ? [] : findMarkers(finalText).map((m) => m.section));
  return described.records.map((r) => ({
    document: source,
    translationPath,
    id: r.id,
    heading: r.heading,
    state: r.state,
    change: r.change,
    words: r.words,
    resolved: r.state === 'removed' || !open.has(r.id),
    commits: r.commits,
  }));
}

function describe(plan: LocalePlan, locale: string, dashboardUrl: string | null, t: Translate) {
  const sources: Record<string, string> = {};
  for (const s of plan.sections) sources[s.translationPath] = s.document;
  const input = { locale, sections: plan.sections, sourceCommits: plan.sourceCommits, files: plan.paths, sources, dashboardUrl, adopted: plan.adopted };
  return { title: pullRequestTitle(input, t), body: pullRequestBody(input, t) };
}

/** The commit message of a locale sync commit (adapters may add their own trailer). */
export function syncCommitMessage(locale: string, to: string, files: FileChange[], commits: CommitInfo[]): string {
  const lines = [`i18n-drift(${locale}): sync ${files.length} file${files.length === 1 ? '' : 's'} with ${to.slice(0, 7)}`, ''];
  for (const c of commits) lines.push(`- ${c.sha.slice(0, 7)} ${c.message.split('\n')[0]}`);
  for (const f of files) lines.push(`${f.content === null ? 'D' : 'M'} ${f.path}`);
  return lines.join('\n').trimEnd() + '\n\nI18n-Drift-Sync: true\n';
}

/** Commit and open/update the PR for one locale (branch mode). Mutates `result`. */
async function publish(
  host: RepositoryHost,
  input: {
    config: Config;
    base: string;
    to: string;
    state: BranchState | null;
    onTop: boolean;
    plan: LocalePlan;
    result: LocaleSyncResult;
    t: Translate;
  },
): Promise<void> {
  const { result, plan, state, config } = input;
  // Looked up before committing: a host that tells a merged pull request by its branch
  // being merged into the base (local Git) must see the branch as it was merged.
  const existing: PullRequest | null = await host.findPullRequest(result.branch);
  let files = plan.files;
  if (!input.onTop && state !== null && files.length > 0) {
    // Rebuilding a tool-only branch: when it already holds exactly these files, a
    // redelivered push has nothing to do.
    if (await holdsAlready(host, state.head, files)) files = [];
  }
  if (files.length > 0) {
    result.commit = await host.commitFiles({
      branch: result.branch,
      parent: input.onTop ? state!.head : input.to,
      files,
      message: syncCommitMessage(result.locale, input.to, files, plan.sourceCommits),
      force: !input.onTop && state !== null,
    });
  }
  result.files = files;
  if (existing === null) {
    if (result.commit === null && state === null) {
      result.action = 'unchanged';
      return;
    }
    if (plan.sections.length === 0 && result.commit === null) {
      result.action = 'unchanged';
      return;
    }
    result.pullRequest = await host.openPullRequest({
      head: result.branch,
      base: input.base,
      title: result.title,
      body: result.body,
      labels: pullRequestLabels(config, result.locale),
      reviewers: [...(config.translators[result.locale] ?? [])],
    });
    result.action = 'opened';
    return;
  }
  let pr = existing;
  if (existing.labels?.length === 0 && host.decoratePullRequest) {
    // The tool's pull request always carries at least `i18n`: one without any label was opened by
    // a run killed before it could label it (a worker SIGKILLed mid-job, test/worker-process):
    // finish that run's work instead of leaving translators without labels and review requests.
    await host.decoratePullRequest(existing.number, {
      labels: pullRequestLabels(config, result.locale),
      reviewers: [...(config.translators[result.locale] ?? [])],
    });
  }
  if (existing.title !== result.title || existing.body !== result.body) {
    pr = await host.updatePullRequest(existing.number, { title: result.title, body: result.body });
  }
  if (result.commit !== null) {
    // New English commits are those the previous body did not list yet.
    const newCommits = plan.sourceCommits.filter((c) => !existing.body.includes(c.sha.slice(0, 7)));
    if (newCommits.length > 0) {
      const shas = new Set(newCommits.map((c) => c.sha));
      const added = plan.sections.filter((s) => sectionTouchedBy(s, shas));
      await host.comment(existing.number, updateComment({ locale: result.locale, newCommits, added }, input.t));
    }
  }
  result.pullRequest = pr;
  result.action = result.commit !== null || pr !== existing ? 'updated' : 'unchanged';
}

/**
 * True when `rev` holds every file exactly as `files` says (a deleted one absent).
 * Compared by Git blob id when the host lists them (one tree listing, no file read:
 * the bot's read budget, apps/bot/bench); by reading each file otherwise.
 */
async function holdsAlready(host: RepositoryHost, rev: string, files: FileChange[]): Promise<boolean> {
  if (host.listBlobIds) {
    const ids = await host.listBlobIds(rev);
    return files.every((f) => (f.content === null ? !ids.has(f.path) : ids.get(f.path) === gitBlobId(f.content)));
  }
  const same = await Promise.all(files.map(async (f) => (await host.readFile(f.path, rev)) === f.content));
  return same.every(Boolean);
}

function sectionTouchedBy(s: PullRequestSection, shas: Set<string>): boolean {
  return (s.commits ?? []).some((c) => shas.has(c));
}
