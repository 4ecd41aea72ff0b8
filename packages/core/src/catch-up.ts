/**
 * Catch-up: a translation brought to the current English in memory, exactly as the sync
 * walk would bring it, so that coverage of a branch `sync` has not run on yet reports
 * what it will report once it has (a heading renamed, an unchanged section moved up and
 * a new one added where it was, in one commit: the moved section is not `missing` and
 * the new one not `stale`). Pure: the English versions are handed in.
 *
 * The same steps as `walkDocument`: sections whose marker a translator removed are
 * signed off against the English at the pinned commit (their marker waited for that
 * English), then every later English commit is applied in order with
 * `applySourceChange`, a skipped commit re-pinning what it changed.
 */
import { diffParsedDocuments, parseDocument, type ParsedDocument } from '@i18n-drift/sections';
import { applyParsed } from './apply-source-change.js';
import { repin, resolve } from './resolve.js';
import { readPins } from './pins.js';
import { findMarkers, removeMarkers } from './stale-marker.js';
import { pinMatches, unitsById } from './pin-hash.js';
import type { CommitInfo, Config, Marker, SourcePins } from './types.js';

/** English text of one source document per commit sha (null: the document did not exist then). */
export type SourceVersions = Readonly<Record<string, string | null>>;

export interface CatchUpInput {
  /** The translated file as it is. */
  translation: string;
  /** The English document as it is now (the working tree's, possibly uncommitted). */
  source: string;
  /** Commits of the English document, newest first. */
  history: readonly CommitInfo[];
  versions: SourceVersions;
  config: Config;
  parse?: (text: string) => ParsedDocument;
}

export interface CatchUp {
  /** The translation as sync would write it (unchanged when nothing was to apply). */
  text: string;
  /** Sections the translator signed off by removing their marker, re-pinned here and at the next sync. */
  signedOff: string[];
}

/**
 * The translation caught up with the current English, or null when it cannot be: no
 * pinned commit, one `pinPosition` cannot place (its English or the versions that would
 * place it not in `versions`), or an English version after it missing (coverage then
 * judges the file as it is).
 * @throws FrontmatterError for malformed frontmatter or pins.
 */
export function catchUp(input: CatchUpInput): CatchUp | null {
  const { history, versions, config } = input;
  const pins = readPins(input.translation);
  if (!pins?.commit) return null;
  const pinIndex = pinPosition(history, versions, pins.commit);
  if (pinIndex === undefined || pinIndex < 0) return null;
  const atPin = versionAt(versions, history[pinIndex]!.sha);
  if (atPin === undefined) return null;
  for (let i = pinIndex - 1; i >= 0; i--) if (versionAt(versions, history[i]!.sha) === undefined) return null;

  const frontmatterKeys = config.frontmatterKeys;
  const parse = input.parse ?? ((text: string) => parseDocument(text, { frontmatterKeys }));
  const signed = resolve(atPin ?? '', input.translation, { frontmatterKeys });
  // Only sections edited in place (no rename, move, addition, removal, skipped commit):
  // sync would mark exactly the sections whose pin the current English no longer has,
  // which is what coverage reads from the pins anyway. One diff instead of a walk.
  const after = history.slice(0, pinIndex);
  if (!after.some((commit) => isSkipped(commit, config)) && editedInPlace(parse(atPin ?? ''), parse(input.source))) {
    return { text: signed.text, signedOff: signed.resolved };
  }
  let text = signed.text;
  let previous = atPin ?? '';
  const step = (next: string, sha: string | null, skipped: boolean) => {
    const before = new Set(findMarkers(text).map((m) => `${m.kind}\0${m.section}`));
    text = applyParsed(parse(previous), parse(next), parseDocument(text, { frontmatterKeys }), text, { sourceCommit: sha, frontmatterKeys }).text;
    if (skipped) text = repinSkipped(text, next, before, sha, frontmatterKeys);
    previous = next;
  };
  for (let i = pinIndex - 1; i >= 0; i--) {
    const commit = history[i]!;
    step(versionAt(versions, commit.sha) ?? '', commit.sha, isSkipped(commit, config));
  }
  // Uncommitted English edits (the CLI's working tree) are applied like one more commit.
  if (input.source !== previous) step(input.source, null, false);
  return { text, signedOff: signed.resolved };
}

/** True when every section and field of `after` is `before`'s, in the same order, its text changed at most. */
function editedInPlace(before: ParsedDocument, after: ParsedDocument): boolean {
  return diffParsedDocuments(before, after).every((change) => !change.moved && (change.kind === 'unchanged' || change.kind === 'formatting' || change.kind === 'modified'));
}

/**
 * A skipped commit marks nothing stale: drop the stale markers it added and pin those
 * sections to the new English hash (their translation still says the same thing).
 */
export function repinSkipped(text: string, source: string, before: ReadonlySet<string>, commit: string | null, frontmatterKeys: readonly string[]): string {
  const isNew = (m: { kind: string; section: string }) => m.kind === 'stale' && !before.has(`stale\0${m.section}`);
  const ids = findMarkers(text).filter(isNew).map((m) => m.section);
  if (ids.length === 0) return text;
  return repin(source, removeMarkers(text, (m) => !isNew(m)), ids, commit, { frontmatterKeys });
}

/** True when the commit message holds one of the configured skip keywords. */
export function isSkipped(commit: CommitInfo, config: Config): boolean {
  return config.skipKeywords.some((keyword) => keyword !== '' && commit.message.includes(keyword));
}

/** Versions asked for at once while looking for where a pin outside the history sits. */
const SCAN_BATCH = 8;

/**
 * The English versions coverage still needs for one translation (shas not in
 * `versions` yet): every version from the oldest the translation may still translate
 * (its pinned commit, or the one before a stale marker's `since`) up to the newest.
 * None when every pin matches the English now and no marker is left (current as it
 * stands). A pinned commit that did not touch the English (`init` pins HEAD) is placed
 * by its text: first it, then the newest versions, a batch at a time, until one equals
 * it — so a loader asks again until this is empty.
 */
export function versionsNeeded(input: { pins: SourcePins | null; markers: readonly Marker[]; source: ParsedDocument; history: readonly CommitInfo[]; versions?: SourceVersions }): string[] {
  const { pins, markers, history } = input;
  const versions = input.versions ?? {};
  if (!pins && markers.length === 0) return [];
  const unitOf = pins !== null ? unitsById(input.source) : null;
  const behind = pins !== null && Object.entries(pins.sections).some(([id, pin]) => !pinMatches(pin, unitOf!(id)));
  if (!behind && !markers.some((m) => m.kind === 'stale')) return [];
  const missing = (shas: string[]) => shas.filter((sha) => versionAt(versions, sha) === undefined);
  let oldest = -1;
  if (pins?.commit) {
    if (!history.some((c) => sameSha(c.sha, pins.commit!)) && versionAt(versions, pins.commit) === undefined) return [pins.commit, ...missing(history.slice(0, 1).map((c) => c.sha))];
    const at = pinPosition(history, versions, pins.commit);
    if (at === undefined) {
      const loaded = history.findIndex((c) => versionAt(versions, c.sha) === undefined);
      return missing(history.slice(loaded, loaded + SCAN_BATCH).map((c) => c.sha));
    }
    oldest = Math.max(oldest, at);
  }
  for (const marker of markers) {
    if (marker.kind !== 'stale' || !marker.since) continue;
    const at = history.findIndex((c) => sameSha(c.sha, marker.since!));
    if (at >= 0) oldest = Math.max(oldest, Math.min(at + 1, history.length - 1));
  }
  return missing(history.slice(0, oldest + 1).map((c) => c.sha));
}

/**
 * Where a pinned commit sits in a document's history (newest first): the index of the
 * version its English is. The commit itself when it touched the document; else the
 * newest version whose text equals the English at the pin (what applying the commits
 * after it needs, reverts included). -1 when none does; undefined when `versions` lacks
 * what would tell.
 */
export function pinPosition(history: readonly CommitInfo[], versions: SourceVersions, pin: string): number | undefined {
  const own = history.findIndex((c) => sameSha(c.sha, pin));
  if (own >= 0) return own;
  const atPin = versionAt(versions, pin);
  if (atPin === undefined) return undefined;
  for (let k = 0; k < history.length; k++) {
    const text = versionAt(versions, history[k]!.sha);
    if (text === undefined) return undefined;
    if (text === atPin) return k;
  }
  return -1;
}

/** The text at `sha` when `versions` has it (full or abbreviated sha), else undefined. */
export function versionAt(versions: SourceVersions, sha: string): string | null | undefined {
  if (Object.hasOwn(versions, sha)) return versions[sha];
  for (const key of Object.keys(versions)) if (sameSha(key, sha)) return versions[key];
  return undefined;
}

/** Full and abbreviated shas name the same commit (pins and markers may hold either). */
export function sameSha(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.length >= 7 && long.startsWith(short);
}
