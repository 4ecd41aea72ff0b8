/**
 * The last coverage report, keyed by everything it is computed from: tool version,
 * config hash, HEAD (history), the blob id of every matching file (working-tree edits
 * included) and the day (`days behind` are counted at the start of the UTC day). Any
 * change to any of them changes the key, so a cached report is always the report a
 * fresh run would compute; nothing needs to be read when nothing changed.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { cacheDir } from './parse-cache.js';

export interface ReportKeyInput {
  version: string;
  configHash: string;
  head: string | null;
  files: Iterable<[string, { oid: string }]>;
  day: string;
  /** What is cached (`status`, `check:<options>`), so two commands never share an entry. */
  kind: string;
}

export function reportKey(input: ReportKeyInput): string {
  const hash = createHash('sha256');
  hash.update(`${input.kind}\n${input.version}\n${input.configHash}\n${input.head ?? '-'}\n${input.day}\n`);
  for (const [path, f] of input.files) hash.update(`${path}\0${f.oid}\n`);
  return hash.digest('hex');
}

/** The cached value for `key`, or null (missing, other key, unreadable). */
export function readReport<T>(gitDir: string, kind: string, key: string): T | null {
  const file = join(cacheDir(gitDir), `${kind.replace(/[^a-z0-9-]/gi, '_')}.json`);
  if (!existsSync(file)) return null;
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { key: string; value: T };
    return data.key === key ? data.value : null;
  } catch {
    return null;
  }
}

/** Store `value` under `key`; `json`, when given, is `JSON.stringify(value)` already made (the report `status --json` prints). */
export function writeReport(gitDir: string, kind: string, key: string, value: unknown, json?: string): void {
  // The same bytes as JSON.stringify({ key, value }), without serialising the value twice.
  const text = json === undefined ? JSON.stringify({ key, value }) : `{"key":${JSON.stringify(key)},"value":${json}}`;
  writeFileAtomic(join(cacheDir(gitDir), `${kind.replace(/[^a-z0-9-]/gi, '_')}.json`), text);
}

/** Start of the current UTC day: the `now` of cached reports. */
export function startOfDay(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}
