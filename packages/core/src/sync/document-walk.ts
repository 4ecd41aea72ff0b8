/**
 * One translated document brought up to date with its English source: walk the
 * source commits that touched the document, oldest first, and apply each with
 * `applySourceChange`, so every stale marker names the exact commit it waits for.
 * A commit whose message holds a skip keyword re-pins what it changed instead.
 */
import { diffParsedDocuments, parseDocument, type ChangeKind, type ParsedDocument, type WordChange } from '@i18n-drift/sections';
import { pinnedWhole, resolve } from '../resolve.js';
import { applyParsed, applySourceChange, type AppliedChange } from '../apply-source-change.js';
import { readPinsShared } from '../pins.js';
import { sourceHashes } from '../adopt.js';
import { pinMatches, unitById } from '../pin-hash.js';
import { findMarkers } from '../stale-marker.js';
import { isSkipped, repinSkipped } from '../catch-up.js';
import type { CommitInfo, Config, RepositoryHost, SourcePins } from '../types.js';

/** What a section of this document contributes to the locale's pull request. */
export interface SectionRecord {
  id: string;
  heading: string | null;
  state: 'stale' | 'missing' | 'removed';
  change: ChangeKind;
  /** Source commits that changed the section (not skipped), oldest first. */
  commits: string[];
  /** English word diff from the pinned version to the target, for stale sections. */
  words: WordChange[] | null;
}

export interface DocumentWalk {
  /** New translation text; null deletes the file (its English source was deleted). */
  text: string | null;
  /** The source commits applied (skipped ones included), oldest first. */
  commits: CommitInfo[];
  records: SectionRecord[];
  /** The translation has no pinned commit and no `from` was given: nothing can be applied. */
  unpinned: boolean;
  /** Sections re-pinned because a translator removed their marker (English order). */
  repinned: string[];
  /**
   * Sections whose pin, when the walk began, was the English at its starting commit: for
   * them `records[].words` is exactly the English change since the translated version.
   */
  exactWords: string[];
}

/** Shared reads of one sync run: every (path, rev) and (from, doc) is fetched once. */
export interface WalkContext {
  host: RepositoryHost;
  config: Config;
  /** Target source revision (a full sha). */
  to: string;
  read(path: string, rev: string): Promise<string | null>;
  commits(from: string | null, path: string): Promise<CommitInfo[]>;
  /** Parse with the config's frontmatter keys; each English version is parsed once per run, whatever the number of locales. */
  parse(text: string): ParsedDocument;
}

export function createWalkContext(host: RepositoryHost, config: Config, to: string): WalkContext {
  const reads = new Map<string, Promise<string | null>>();
  const logs = new Map<string, Promise<CommitInfo[]>>();
  const parses = new Map<string, ParsedDocument>();
  return {
    host,
    config,
    to,
    parse(text) {
      let doc = parses.get(text);
      if (!doc) parses.set(text, (doc = parseDocument(text, { frontmatterKeys: config.frontmatterKeys })));
      return doc;
    },
    read(path, rev) {
      const key = `${rev}\0${path}`;
      let p = reads.get(key);
      if (!p) reads.set(key, (p = host.readFile(path, rev)));
      return p;
    },
    commits(from, path) {
      const key = `${from}\0${path}`;
      let p = logs.get(key);
      if (!p) logs.set(key, (p = host.commitsBetween(from, to, [path])));
      return p;
    },
  };
}

// Shared with coverage's catch-up, which applies the same commits in memory.
export { isSkipped } from '../catch-up.js';

/**
 * Bring `translation` (null: no translation yet) of `source` up to `ctx.to`.
 * `from` overrides the pinned commit as the starting point (never reapplying commits
 * the translation is already pinned past). Pure over the host's reads; writes nothing.
 * @throws FrontmatterError (message prefixed with the path) for a malformed translation frontmatter.
 */
export async function walkDocument(
  ctx: WalkContext,
  input: { source: string; translationPath: string; translation: string | null; from: string | null },
): Promise<DocumentWalk> {
  const { config } = ctx;
  const keys = { frontmatterKeys: config.frontmatterKeys };
  const target = await ctx.read(input.source, ctx.to);

  if (input.translation === null) {
    if (target === null) return { text: null, commits: [], records: [], unpinned: false, repinned: [], exactWords: [] };
    const text = applySourceChange('', target, '', { sourceCommit: ctx.to, ...keys }).text;
    const doc = ctx.parse(target);
    const records: SectionRecord[] = [...doc.fields, ...doc.sections].filter((s) => !('raw' in s) || s.raw.trim() !== '').map((s) => ({
      id: s.id,
      heading: 'heading' in s ? s.heading : null,
      state: 'missing',
      change: 'added',
      commits: [],
      words: null,
    }));
    return { text, commits: [], records, unpinned: false, repinned: [], exactWords: [] };
  }

  let pins;
  try {
    pins = readPinsShared(input.translation);
  } catch (e) {
    if (e instanceof Error) e.message = `${input.translationPath}: ${e.message}`;
    throw e;
  }
  const { start, commits } = await startingPoint(ctx, input.source, input.from, pins?.commit ?? null);
  if (start === null) return { text: input.translation, commits: [], records: [], unpinned: true, repinned: [], exactWords: [] };
  // A section whose marker a translator deleted is done: pin it to the English its marker
  // waited for (the English at the pinned commit) before walking on, or the walk would
  // mark it stale again. Sections the English changed after that are marked as usual.
  const { text: resolved, resolved: repinned } = await resolveAtPin(ctx, input.source, input.translation, pins, keys.frontmatterKeys);
  if (commits.length === 0) return { text: resolved, commits: [], records: [], unpinned: false, repinned, exactWords: [] };

  let previous = (await ctx.read(input.source, start)) ?? '';
  const startPins = readPinsShared(resolved)?.sections ?? {};
  const startDoc = ctx.parse(previous);
  const exactWords = [...sourceHashes(startDoc)].filter(([id]) => pinMatches(startPins[id], unitById(startDoc, id))).map(([id]) => id);
  let text = resolved;
  const records = new Map<string, SectionRecord>();
  for (const commit of commits) {
    const next = (await ctx.read(input.source, commit.sha)) ?? '';
    const before = new Set(findMarkers(text).map((m) => `${m.kind}\0${m.section}`));
    // English versions are shared by every locale: parsed once (the translation changes each step).
    const result = applyParsed(ctx.parse(previous), ctx.parse(next), parseDocument(text, keys), text, { sourceCommit: commit.sha, ...keys });
    text = result.text;
    const skipped = isSkipped(commit, config);
    if (skipped) text = repinSkipped(text, next, before, commit.sha, keys.frontmatterKeys);
    record(records, result.changes, commit.sha, skipped);
    previous = next;
  }
  if (target === null) {
    // The English document is gone: so is its translation (the PR shows it; Git keeps it).
    for (const id of Object.keys(pins?.sections ?? {})) {
      if (!records.has(id)) records.set(id, { id, heading: null, state: 'removed', change: 'removed', commits: [], words: null });
    }
    return { text: null, commits, records: [...records.values()], unpinned: false, repinned: [], exactWords: [] };
  }
  await addWords(ctx, records, input.source, start, target);
  return { text, commits, records: [...records.values()], unpinned: false, repinned, exactWords };
}

/**
 * Re-pin the sections whose marker a translator removed, against the English at the
 * pinned commit (the English their markers waited for); returns their ids too.
 */
async function resolveAtPin(ctx: WalkContext, source: string, translation: string, pins: SourcePins | null, frontmatterKeys: string[]): Promise<{ text: string; resolved: string[] }> {
  const none = { text: translation, resolved: [] };
  if (pins === null || pins.commit === null) return none;
  let english: string | null;
  try {
    english = await ctx.read(source, pins.commit);
  } catch {
    return none; // a pin to a commit this host does not know: nothing to resolve against
  }
  if (english === null) return none;
  // Every translation adoption just pinned whole is here (status before `init`, `init`):
  // resolving it again would re-read its new frontmatter and align it a second time
  // (a tenth of a cold status on a 5,000-file corpus) to find nothing.
  if (pinnedWhole(ctx.parse(english), pins)) return none;
  return resolve(english, translation, { frontmatterKeys });
}

/**
 * Where to start: the pinned commit, or `from` when given — unless the translation is
 * already pinned past `from` (then its own pin, so no commit is applied twice).
 */
async function startingPoint(ctx: WalkContext, source: string, from: string | null, pinned: string | null) {
  if (from === null) {
    if (pinned === null) return { start: null, commits: [] as CommitInfo[] };
    return { start: pinned, commits: await ctx.commits(pinned, source) };
  }
  const sinceFrom = await ctx.commits(from, source);
  if (pinned === null || pinned === from) return { start: from, commits: sinceFrom };
  let sincePin: CommitInfo[];
  try {
    sincePin = await ctx.commits(pinned, source);
  } catch {
    return { start: from, commits: sinceFrom }; // a pin to a commit this host does not know
  }
  const fromShas = new Set(sinceFrom.map((c) => c.sha));
  return sincePin.every((c) => fromShas.has(c.sha)) ? { start: pinned, commits: sincePin } : { start: from, commits: sinceFrom };
}

/** Fold one commit's outcome into the per-section records (a later change refines an earlier one). */
function record(records: Map<string, SectionRecord>, changes: AppliedChange[], sha: string, skipped: boolean): void {
  rekey(records, changes);
  for (const change of changes) {
    const existing = records.get(change.id);
    const commits = [...(existing?.commits ?? []), sha];
    switch (change.state) {
      case 'missing':
        records.set(change.id, { id: change.id, heading: change.heading, state: 'missing', change: 'added', commits, words: null });
        break;
      case 'removed':
        // Added and removed within the range: it never reached the translators.
        if (existing?.state === 'missing') records.delete(change.id);
        else records.set(change.id, { id: change.id, heading: existing?.heading ?? change.heading, state: 'removed', change: 'removed', commits, words: null });
        break;
      case 'stale':
        if (skipped) break;
        if (existing?.state === 'missing') existing.commits.push(sha);
        else {
          const kind = existing?.change === 'renamed' ? 'renamed' : change.kind === 'unchanged' ? 'modified' : change.kind;
          records.set(change.id, { id: change.id, heading: change.heading, state: 'stale', change: kind, commits, words: null });
        }
        break;
      default:
        break;
    }
  }
}

/**
 * Records follow their sections to the ids this commit gave them, all at once: a renamed
 * heading, and sections with duplicate headings whose numbered ids swapped when they
 * were reordered (`answer` <-> `answer-1`), where one at a time would overwrite.
 */
function rekey(records: Map<string, SectionRecord>, changes: AppliedChange[]): void {
  const renamed = changes.filter((c) => c.kind !== 'removed' && c.oldId && c.oldId !== c.id && records.has(c.oldId));
  if (renamed.length === 0) return;
  const moving = renamed.map((c) => ({ change: c, previous: records.get(c.oldId!)! }));
  for (const { change } of moving) records.delete(change.oldId!);
  for (const { change, previous } of moving) {
    records.set(change.id, { ...previous, id: change.id, heading: change.kind === 'renamed' ? change.heading : previous.heading });
  }
}

/** English word diff from the pinned version to the target, per stale section. */
async function addWords(ctx: WalkContext, records: Map<string, SectionRecord>, source: string, start: string, target: string) {
  const stale = [...records.values()].filter((r) => r.state === 'stale');
  if (stale.length === 0) return;
  const changes = diffParsedDocuments(ctx.parse((await ctx.read(source, start)) ?? ''), ctx.parse(target));
  const byId = new Map(changes.map((c) => [c.id, c]));
  for (const r of stale) r.words = byId.get(r.id)?.words ?? null;
}
