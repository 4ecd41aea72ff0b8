/**
 * Adoption from history: a translation without pins is aligned against the English as it
 * was at the translation's own last commit (the English its translator saw), pinned to that
 * commit, then brought to the target by the same document walk as `sync` — so English
 * changes made since are marked stale or missing, each with the commit it waits for,
 * instead of being declared current on day one.
 */
import { FrontmatterError } from '@i18n-drift/sections';
import { adopt } from '../adopt.js';
import { pathFor, sourceDocuments, targetLocales } from '../file-patterns.js';
import { findFrontmatter, PINS_KEY, readPinsShared } from '../pins.js';
import { findMarkers } from '../stale-marker.js';
import type { Alignment, CommitInfo, NotAdopted, RepositoryHost } from '../types.js';
import { isSkipped, walkDocument, type SectionRecord, type WalkContext } from './document-walk.js';
import { formatsOf } from '../formats/markdown-format.js';

/**
 * Why a translation was pinned where it was:
 * - `history`: its last commit (the English its translator saw);
 * - `uncommitted`: a new or edited file not committed yet, pinned at the target;
 * - `assumed-current`: the caller asked to pin at the target (`init --assume-current`);
 * - `source-missing`: its English did not exist at that path at its last commit (the
 *   English was moved there later): pinned at the target, as nothing older can be compared.
 */
export type AdoptionBasis = 'history' | 'uncommitted' | 'assumed-current' | 'source-missing';

/** One translation adopted: pinned at `pinnedTo`, then walked to the target revision. */
export interface HistoryAdoption {
  /** The English document. */
  source: string;
  /** The translation. */
  path: string;
  locale: string;
  /** The commit the translation was aligned against and pinned to. */
  pinnedTo: string;
  /** Date of `pinnedTo` when the history gave it (null when pinned at the target). */
  pinnedDate: string | null;
  basis: AdoptionBasis;
  /** The translation pinned at `pinnedTo`, before any later English change was applied. */
  pinnedText: string;
  /** The translation as of the target: pins plus the markers of every English change since `pinnedTo`. */
  text: string;
  /**
   * Every file adopting writes: the translation (`text`) for a format keeping its state
   * inside it (Markdown), the state file beside it for one keeping it there (an i18next
   * catalog's `<catalog>.i18n-drift`; the catalog itself only when it changed).
   */
  files: { path: string; content: string }[];
  /** How the translation aligned against the English at `pinnedTo` (unaligned sections are reported here). */
  alignment: Alignment;
  /** English commits after `pinnedTo` that touched the document (skip-keyword commits left out). */
  commitsBehind: number;
  /** What the English changes since `pinnedTo` did to the translation's sections. */
  records: SectionRecord[];
  /** Stale and missing markers in `text`. */
  stale: number;
  missing: number;
}

/** A translation that could not be adopted because its own frontmatter cannot be read. */
export interface AdoptionFailure {
  locale: string;
  path: string;
  line: number;
  reason: string;
}

/**
 * Per path, the last commit on `rev`'s first-parent history that changed it; paths never
 * changed there are absent. One pass over the history: the host's `lastCommits` when it
 * has one, else one `commitsBetween` listing whose commits name their paths.
 */
export async function lastCommitsOf(host: RepositoryHost, paths: readonly string[], rev: string): Promise<Map<string, CommitInfo>> {
  if (paths.length === 0) return new Map();
  if (host.lastCommits) return host.lastCommits([...paths], rev);
  const found = new Map<string, CommitInfo>();
  const commits = await host.commitsBetween(null, rev, [...paths]);
  if (commits.every((c) => c.paths !== undefined)) {
    const wanted = new Set(paths);
    for (const c of commits) for (const p of c.paths!) if (wanted.has(p)) found.set(p, c);
    return found;
  }
  // A host whose commits do not name their paths: one listing per path.
  await Promise.all(
    paths.map(async (p) => {
      const last = (await host.commitsBetween(null, rev, [p])).at(-1);
      if (last) found.set(p, last);
    }),
  );
  return found;
}

const PINS_LINE = new RegExp(`^${PINS_KEY}[ \\t]*:`, 'm');

/**
 * True for a translation text that carries no pins (an unreadable one is left to whoever
 * reports it). Decided from the text where it can be — no frontmatter, no `i18n` in it, or
 * a top-level `i18n:` line — so that every `status` of an adopted repository does not
 * parse thousands of frontmatters once more; YAML is parsed only when `i18n` appears
 * otherwise (a quoted or flow-style key).
 */
export function isUnpinned(text: string | null): boolean {
  if (text === null) return false;
  try {
    const block = findFrontmatter(text);
    if (block === null) return true;
    const yaml = text.slice(block.yamlStart, block.yamlEnd);
    if (!yaml.includes(PINS_KEY)) return true;
    if (PINS_LINE.test(yaml)) return false;
    return readPinsShared(text) === null;
  } catch {
    return false;
  }
}

/** A translation pinned where its translator left it, before any later English change is applied. */
export interface PinnedTranslation {
  text: string;
  alignment: Alignment;
  pinnedTo: string;
  pinnedDate: string | null;
  basis: AdoptionBasis;
}

/**
 * Align an unpinned `translation` of `source` against the English at its last commit
 * (`last`; null when never committed: the target) and pin it there. Reads only the English
 * at that commit. @throws FrontmatterError for a malformed frontmatter.
 */
export async function pinAtLastCommit(
  ctx: WalkContext,
  input: { source: string; translation: string; last: CommitInfo | null; assumeCurrent?: boolean; uncommitted?: boolean },
): Promise<PinnedTranslation> {
  let basis: AdoptionBasis = input.assumeCurrent ? 'assumed-current' : input.uncommitted || input.last === null ? 'uncommitted' : 'history';
  let pinnedTo = basis === 'history' ? input.last!.sha : ctx.to;
  let english = await ctx.read(input.source, pinnedTo);
  if (english === null && pinnedTo !== ctx.to) {
    basis = 'source-missing';
    pinnedTo = ctx.to;
    english = await ctx.read(input.source, pinnedTo);
  }
  const { text, alignment } = adopt(english ?? '', input.translation, { sourceCommit: pinnedTo, frontmatterKeys: ctx.config.frontmatterKeys });
  return { text, alignment, pinnedTo, pinnedDate: basis === 'history' ? input.last!.date : null, basis };
}

/**
 * Pin an unpinned `translation` of `source` at its last commit (`last`; null when never
 * committed) and walk it to `ctx.to` as `sync` would. Pure over the host's reads.
 * @throws FrontmatterError for a malformed translation (or English) frontmatter.
 */
export async function adoptFromHistory(
  ctx: WalkContext,
  input: { source: string; path: string; locale: string; translation: string; last: CommitInfo | null; assumeCurrent?: boolean; uncommitted?: boolean },
): Promise<HistoryAdoption> {
  const pinned = await pinAtLastCommit(ctx, input);
  const walk = await walkDocument(ctx, { source: input.source, translationPath: input.path, translation: pinned.text, from: null });
  // An English document gone at the target leaves nothing to adopt against: keep the pins at `pinnedTo`.
  const text = walk.text ?? pinned.text;
  const markers = findMarkers(text);
  return {
    source: input.source,
    path: input.path,
    locale: input.locale,
    pinnedTo: pinned.pinnedTo,
    pinnedDate: pinned.pinnedDate,
    basis: pinned.basis,
    pinnedText: pinned.text,
    text,
    files: [{ path: input.path, content: text }],
    alignment: pinned.alignment,
    commitsBehind: walk.commits.filter((c) => !isSkipped(c, ctx.config)).length,
    records: walk.records,
    stale: markers.filter((m) => m.kind === 'stale').length,
    missing: markers.filter((m) => m.kind === 'missing').length,
  };
}

export interface AdoptTranslationsInput {
  /** The documents described (path -> text): English sources and translations, e.g. a working tree. */
  files: Record<string, string>;
  /** Translations whose text is not the one committed at `ctx.to` (working-tree edits, new files): pinned at the target. */
  uncommitted?: ReadonlySet<string>;
  /** Pin every translation at the target, as if its translator had seen the latest English. */
  assumeCurrent?: boolean;
  /** Only these translation paths (default: every unpinned translation in `files`). */
  only?: ReadonlySet<string>;
  /** Called after each translation: (done, total). */
  onProgress?: (done: number, total: number) => void;
}

/** One format's translations to adopt (`DocumentFormat.repository.prepareAdoption`). */
export interface PreparedAdoption {
  count: number;
  /** The paths whose last commit adoption needs (read once for every format). */
  committed: readonly string[];
  /** Adopts them, given those last commits; `onAdopted` after each. */
  run(last: ReadonlyMap<string, CommitInfo>, onAdopted: () => void): Promise<AdoptTranslationsResult>;
}

export interface AdoptTranslationsResult {
  /** One per unpinned translation with an English source, in source then locale order. */
  adoptions: HistoryAdoption[];
  /** Translations skipped because their frontmatter or pins cannot be read. */
  failures: AdoptionFailure[];
}

/**
 * Adopt every unpinned translation in `input.files` from history: one history lookup for
 * all of them (`lastCommitsOf`), then each pinned at its last commit and walked to
 * `ctx.to`. Translations that already carry pins are left out (their pins are the truth);
 * one whose frontmatter cannot be read is reported, never stops the others; nor does a
 * malformed English document (reported, its translations left as they are).
 * @throws HostError from the host.
 */
export async function adoptTranslations(ctx: WalkContext, input: AdoptTranslationsInput): Promise<AdoptTranslationsResult> {
  // Each format finds its own translations not adopted yet (Markdown without pins, catalogs without a state file).
  const prepared = formatsOf(ctx.config).map((format) => format.repository.prepareAdoption(ctx, input));
  const total = prepared.reduce((sum, p) => sum + p.count, 0);
  // The history is read once for every format's translations (one `git log` pass, not one per format or file).
  const last = await lastCommitsOf(ctx.host, prepared.flatMap((p) => p.committed), ctx.to);
  let done = 0;
  const adoptions: HistoryAdoption[] = [];
  const failures: AdoptionFailure[] = [];
  for (const p of prepared) {
    const result = await p.run(last, () => input.onProgress?.(++done, total));
    adoptions.push(...result.adoptions);
    failures.push(...result.failures);
  }
  return { adoptions, failures };
}

/**
 * Markdown's `prepareAdoption`: the translations without pins whose frontmatter reads,
 * each adopted by `adoptFromHistory` (one history lookup for all of them). A broken English
 * document, or a translation whose frontmatter cannot be read, is a failure of its own.
 */
export function prepareMarkdownAdoption(ctx: WalkContext, input: AdoptTranslationsInput): PreparedAdoption {
  const { config } = ctx;
  const paths = Object.keys(input.files);
  const locales = targetLocales(paths, config);
  const wanted: { source: string; path: string; locale: string; text: string }[] = [];
  const failures: AdoptionFailure[] = [];
  for (const { path: source } of sourceDocuments(paths, config)) {
    // A broken English document leaves its translations as they are, named once (its
    // translations are not at fault); coverage and check report it in their own way.
    try {
      ctx.parse(input.files[source]!);
    } catch (error) {
      if (!(error instanceof FrontmatterError)) throw error;
      failures.push({ locale: config.sourceLocale, path: source, line: error.line, reason: error.reason });
      continue;
    }
    for (const locale of locales) {
      const path = pathFor(source, locale, config);
      const text = input.files[path];
      if (text === undefined || (input.only && !input.only.has(path))) continue;
      // Pinned (their pins are the truth), or pins that cannot be read (coverage and init report those).
      if (!isUnpinned(text)) continue;
      try {
        ctx.parse(text);
      } catch (error) {
        if (!(error instanceof FrontmatterError)) throw error;
        failures.push({ locale, path, line: error.line, reason: error.reason });
        continue;
      }
      wanted.push({ source, path, locale, text });
    }
  }
  const committed = input.assumeCurrent ? [] : wanted.filter((w) => !input.uncommitted?.has(w.path)).map((w) => w.path);
  const run = async (last: ReadonlyMap<string, CommitInfo>, onAdopted: () => void): Promise<AdoptTranslationsResult> => {
    const outcomes = await Promise.all(
      wanted.map(async (w): Promise<HistoryAdoption | AdoptionFailure> => {
        try {
          return await adoptFromHistory(ctx, {
            source: w.source,
            path: w.path,
            locale: w.locale,
            translation: w.text,
            last: last.get(w.path) ?? null,
            assumeCurrent: input.assumeCurrent ?? false,
            uncommitted: input.uncommitted?.has(w.path) ?? false,
          });
        } catch (error) {
          // The translation reads (checked above): the English at its last commit is what
          // cannot be read, which stops this translation only.
          if (!(error instanceof FrontmatterError)) throw error;
          return { locale: w.locale, path: w.path, line: error.line, reason: `${w.source} at its last commit: ${error.reason}` };
        } finally {
          onAdopted();
        }
      }),
    );
    const adoptions: HistoryAdoption[] = [];
    for (const o of outcomes) {
      if ('pinnedTo' in o) adoptions.push(o);
      else failures.push(o);
    }
    return { adoptions, failures };
  };
  return { count: wanted.length, committed, run };
}


/**
 * `files` as `init` would leave them: every unpinned translation replaced by its adoption
 * from history (in memory, nothing written), so coverage and check tell the truth before
 * any setup. `notAdopted` says, per translation replaced, where it was pinned (for the
 * "not adopted yet" label). Translations whose frontmatter cannot be read are left as
 * they are (coverage reports them).
 */
export async function adoptInMemory(
  ctx: WalkContext,
  input: Pick<AdoptTranslationsInput, 'files' | 'uncommitted' | 'onProgress'>,
): Promise<{ files: Record<string, string>; notAdopted: Map<string, NotAdopted>; adoptions: HistoryAdoption[] }> {
  const { adoptions } = await adoptTranslations(ctx, input);
  const notAdopted = new Map(adoptions.map((a) => [a.path, { pinnedTo: a.pinnedTo, pinnedDate: a.pinnedDate }]));
  if (adoptions.length === 0) return { files: input.files, notAdopted, adoptions };
  const files = { ...input.files };
  for (const a of adoptions) for (const f of a.files) files[f.path] = f.content;
  return { files, notAdopted, adoptions };
}

/** Label the translations of `report` that `notAdopted` names (`notAdopted: {pinnedTo, pinnedDate}`); returns the report. */
export function labelNotAdopted<T extends { documents: { translations: { path: string; notAdopted?: NotAdopted }[] }[] }>(
  report: T,
  notAdopted: ReadonlyMap<string, NotAdopted>,
): T {
  return labelTranslations(report, 'notAdopted', notAdopted);
}

/** Set `field` on each translation of `report` whose path `labels` names; returns the report. */
export function labelTranslations<K extends string, V, T extends { documents: { translations: ({ path: string } & { [key in K]?: V })[] }[] }>(
  report: T,
  field: K,
  labels: ReadonlyMap<string, V>,
): T {
  if (labels.size === 0) return report;
  for (const doc of report.documents) {
    for (const tr of doc.translations) {
      const label = labels.get(tr.path);
      if (label !== undefined) (tr as { [key in K]?: V })[field] = label;
    }
  }
  return report;
}
