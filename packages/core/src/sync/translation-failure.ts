/**
 * Failure isolation for the sync workflow: a translation that cannot be read (malformed
 * frontmatter or pins, a binary or oversized file) is skipped for its locale and
 * reported, so one broken Dutch file never blocks the French translators. Only the
 * translation's own faults are isolated: a broken English document, or the host
 * failing, still stops the sync (issue 5: such input is refused with nothing written).
 */
import { FrontmatterError, parseDocument } from '@i18n-drift/sections';
import { HostError } from '../errors.js';
import { readPins } from '../pins.js';
import type { SyncFailure } from '../types.js';

/**
 * The failure for a translation read that the host refused as a document
 * (HostError 'binary' or 'too-large'); null for any other error (to be rethrown).
 */
export function unreadableTranslation(error: unknown, locale: string, path: string): SyncFailure | null {
  if (!(error instanceof HostError) || (error.code !== 'binary' && error.code !== 'too-large')) return null;
  return { locale, path, code: error.code, line: null, message: error.message };
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
