/**
 * Failure isolation for the sync workflow: a document that cannot be read (malformed
 * frontmatter or pins, a binary, oversized or folder path, a pin to a commit missing
 * from the history) is skipped and reported, naming the file at fault — the English
 * one when the English is broken, for every locale at once — so one broken file never
 * blocks the others. The host failing (Git missing, a conflict) still stops the sync.
 */
import { FrontmatterError, parseDocument } from '@i18n-drift/sections';
import { HostError } from '../errors.js';
import { readPins } from '../pins.js';
import type { CommitInfo, RepositoryHost, SyncFailure } from '../types.js';

const UNREADABLE = new Set(['binary', 'too-large', 'not-a-file']);

/**
 * The failure for a translation read that the host refused as a document
 * (HostError 'binary', 'too-large' or 'not-a-file'); null for any other error (to be rethrown).
 */
export function unreadableTranslation(error: unknown, locale: string, path: string): SyncFailure | null {
  if (!(error instanceof HostError) || !UNREADABLE.has(error.code)) return null;
  return { locale, path, code: error.code as SyncFailure['code'], line: null, message: error.message };
}

/**
 * When the walk failed on the English side (its frontmatter, or a version the host
 * refused as a document), the failure naming the English file; null otherwise. Called
 * once the translation was found not to be at fault.
 */
export function brokenSource(error: unknown, sourceLocale: string, source: string): SyncFailure | null {
  if (error instanceof FrontmatterError) return { locale: sourceLocale, path: source, code: 'frontmatter', line: error.line, message: error.reason };
  return unreadableTranslation(error, sourceLocale, source);
}

/**
 * When the walk failed because a translation's pinned commit is not in the history (a
 * pin to a commit that never existed here, or a shallow clone), the failure naming the
 * translation and the line of its `commit:` pin, in the host's words (which say how to
 * fetch the history when it is missing). Null when every pin resolves.
 */
export async function unknownPin(
  error: unknown,
  host: RepositoryHost,
  input: { locale: string; path: string; texts: (string | null)[] },
): Promise<SyncFailure | null> {
  if (!(error instanceof HostError) || error.code !== 'not-found') return null;
  for (const text of input.texts) {
    if (text === null) continue;
    let commit: string | null;
    try {
      commit = readPins(text)?.commit ?? null;
    } catch {
      continue;
    }
    if (commit === null) continue;
    try {
      await host.resolveRevision(commit);
    } catch (e) {
      if (!(e instanceof HostError)) throw e;
      return { locale: input.locale, path: input.path, code: 'history', line: pinLine(text, commit), message: e.message };
    }
  }
  return null;
}

/** Why a translation whose last commit is a shallow clone's boundary is not adopted. */
export const SHALLOW_BOUNDARY = 'history unavailable: shallow clone; run git fetch --unshallow';

/**
 * The failure for a translation to adopt whose last commit (`last`) is a shallow clone's
 * boundary: pinning it there would call it current whatever English its translator saw.
 * Null for any other last commit (or none: never committed).
 */
export function shallowBoundary(last: CommitInfo | null | undefined, locale: string, path: string): SyncFailure | null {
  return last?.boundary ? { locale, path, code: 'history', line: null, message: SHALLOW_BOUNDARY } : null;
}

/** 1-based line of the `commit: <sha>` pin in `text`, or null. */
function pinLine(text: string, commit: string): number | null {
  const lines = text.split(/\r\n|\n|\r/);
  const i = lines.findIndex((l) => /^\s*commit:/.test(l) && l.includes(commit));
  return i < 0 ? null : i + 1;
}

/**
 * When `error` is a FrontmatterError met while walking a translation, find which text
 * is at fault: the first of `texts` (the translation's versions the walk started from)
 * whose frontmatter or pins cannot be read gives the failure, with its own line. Null
 * when every version reads fine — the English is at fault, which is not isolated.
 */
export function malformedTranslation(
  error: unknown,
  input: { locale: string; path: string; texts: (string | null)[]; frontmatterKeys: string[] },
): SyncFailure | null {
  if (!(error instanceof FrontmatterError)) return null;
  for (const text of input.texts) {
    if (text === null) continue;
    try {
      readPins(text);
      parseDocument(text, { frontmatterKeys: input.frontmatterKeys });
    } catch (e) {
      if (!(e instanceof FrontmatterError)) throw e;
      return { locale: input.locale, path: input.path, code: 'frontmatter', line: e.line, message: e.reason };
    }
  }
  return null;
}
