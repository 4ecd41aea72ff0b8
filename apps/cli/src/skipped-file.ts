/**
 * A document a command could not read and left out, so that one bad file never stops
 * the others: said on one line naming the file, the line when known and the reason;
 * the command then exits 1 with everything else done.
 */
import { HostError } from '@i18n-drift/core';
import { FrontmatterError } from '@i18n-drift/sections';
import { LocalizedHostError } from './cli-error.js';

export interface SkippedFile {
  path: string;
  /** 1-based line of the problem, when known. */
  line: number | null;
  /** What is wrong, in the user's language when the tool has the words. */
  reason: string;
}

type T = (k: string, v?: Record<string, unknown>) => string;

/** The skip record for an error met reading or parsing `path`; null when it is no document fault (to be rethrown). */
export function skippedFile(path: string, error: unknown, t: T): SkippedFile | null {
  if (error instanceof FrontmatterError) return { path, line: error.line, reason: error.reason };
  if (error instanceof HostError && (error.code === 'binary' || error.code === 'too-large' || error.code === 'not-a-file' || error.code === 'outside-repository' || error.code === 'not-found')) {
    const text = error instanceof LocalizedHostError ? t(error.i18n.key, error.i18n.values) : error.message;
    return { path, line: null, reason: withoutPath(text, path) };
  }
  return null;
}

/** The messages name their file first; the line names it already. */
function withoutPath(text: string, path: string): string {
  return text.startsWith(`${path} `) ? text.slice(path.length + 1) : text;
}

/** `path:line: reason (skipped; …)` */
export function skippedLine(s: SkippedFile, t: T): string {
  return t('cli:skipped', { where: s.line === null ? s.path : `${s.path}:${s.line}`, reason: s.reason });
}

/** One line per skipped file on stderr; the exit code the command ends with (1 when any). */
export function reportSkipped(skipped: SkippedFile[], t: T): 0 | 1 {
  process.stderr.write(skippedText(skipped, t));
  return skipped.length > 0 ? 1 : 0;
}

/** What `reportSkipped` writes: `i18n-drift: <line>` per skipped file, duplicates once. */
export function skippedText(skipped: SkippedFile[], t: T): string {
  const lines = new Set(skipped.map((s) => `i18n-drift: ${skippedLine(s, t)}\n`));
  return [...lines].join('');
}
