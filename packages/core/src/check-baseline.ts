/**
 * A check baseline: the findings a repository already had when it adopted the check,
 * accepted so that only new ones fail (`i18n-drift check --baseline FILE`). Each
 * finding is known by its file, code and what it is about (the section, the anchor,
 * the line's text) — never by its line number, so an unrelated edit that shifts lines
 * keeps it accepted — and counted, so a second broken link to the same anchor is new.
 */
import type { Finding } from './check.js';

type FindingCode = Finding['code'];

/** The file `--update-baseline` writes: sorted, one entry per identity, so it diffs well. */
export interface Baseline {
  version: 1;
  findings: BaselineEntry[];
}

export interface BaselineEntry {
  path: string;
  code: FindingCode;
  /** What the finding is about within its file (see `findingSubject`); '' when the file and code say it all. */
  subject: string;
  /** How many findings with this identity are accepted. */
  count: number;
}

/** A baseline file that cannot be read: `reason` says why (the caller names the file). */
export class BaselineError extends Error {
  override name = 'BaselineError';
  constructor(readonly reason: string) {
    super(reason);
  }
}

// What stays the same about a finding while unrelated text moves around it: not the
// line, not the commit a stale marker names (the section is still the thing to
// translate), not counts that grow. A code left out is about its file as a whole
// (at most `count` of them per file are accepted).
const SUBJECT: Partial<Record<FindingCode, (params: Finding['params']) => string>> = {
  'stale-section': (p) => String(p['section'] ?? ''),
  'missing-section': (p) => String(p['section'] ?? ''),
  'unsynced-section': (p) => String(p['id'] ?? ''),
  'unknown-marker': (p) => `${p['kind'] ?? ''}:${p['section'] ?? ''}`,
  'unaligned-section': (p) => String(p['heading'] ?? p['id'] ?? ''),
  'broken-anchor': (p) => String(p['anchor'] ?? ''),
  'broken-heading': (p) => String(p['text'] ?? ''),
  'duplicate-id': (p) => String(p['text'] ?? ''),
  'empty-heading': (p) => String(p['text'] ?? ''),
  'unclosed-fence': (p) => String(p['text'] ?? ''),
  // Catalog findings are about one key.
  'stale-key': (p) => String(p['key'] ?? ''),
  'missing-key': (p) => String(p['key'] ?? ''),
  'unknown-key': (p) => String(p['key'] ?? ''),
  'duplicate-key': (p) => String(p['key'] ?? ''),
  'interpolation-mismatch': (p) => String(p['key'] ?? ''),
  'nesting-mismatch': (p) => String(p['key'] ?? ''),
  'missing-plural-form': (p) => String(p['key'] ?? ''),
  'extra-plural-form': (p) => String(p['key'] ?? ''),
};

/** What a finding is about within its file, independent of its line. */
export function findingSubject(finding: Finding): string {
  return (SUBJECT[finding.code] ?? (() => ''))(finding.params);
}

function identity(path: string, code: string, subject: string): string {
  return JSON.stringify([path, code, subject]);
}

/** The baseline accepting exactly `findings` (errors and warnings alike). */
export function createBaseline(findings: readonly Finding[]): Baseline {
  const entries = new Map<string, BaselineEntry>();
  for (const finding of findings) {
    const subject = findingSubject(finding);
    const id = identity(finding.path, finding.code, subject);
    const entry = entries.get(id);
    if (entry) entry.count += 1;
    else entries.set(id, { path: finding.path, code: finding.code, subject, count: 1 });
  }
  const findingsOut = [...entries.values()].sort((a, b) => compare(a.path, b.path) || compare(a.code, b.code) || compare(a.subject, b.subject));
  return { version: 1, findings: findingsOut };
}

/** The baseline file's text: stable, indented JSON ending in a newline. */
export function formatBaseline(baseline: Baseline): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

/**
 * Read a baseline file's text.
 * @throws BaselineError for text that is not JSON or not a version 1 baseline (naming the entry).
 */
export function parseBaseline(text: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(`not JSON: ${(error as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new BaselineError('expected an object with "version": 1 and "findings"');
  const { version, findings } = data as Record<string, unknown>;
  if (version !== 1) throw new BaselineError(`expected "version": 1, got ${JSON.stringify(version) ?? 'nothing'}`);
  if (!Array.isArray(findings)) throw new BaselineError('expected "findings" to be a list');
  const entries = findings.map((entry, index): BaselineEntry => {
    const e = entry as Record<string, unknown>;
    const ok = typeof e === 'object' && e !== null && typeof e['path'] === 'string' && typeof e['code'] === 'string' && typeof e['subject'] === 'string' && Number.isInteger(e['count']) && (e['count'] as number) > 0;
    if (!ok) throw new BaselineError(`findings.${index}: expected { "path", "code", "subject", "count" } with a positive whole count`);
    return { path: e['path'] as string, code: e['code'] as FindingCode, subject: e['subject'] as string, count: e['count'] as number };
  });
  return { version: 1, findings: entries };
}

export interface BaselineComparison {
  /** Findings the baseline does not accept: these decide whether the check passes. */
  fresh: Finding[];
  /** Findings the baseline accepts. */
  accepted: Finding[];
  /** True when no fresh finding is an error. */
  ok: boolean;
}

/** Split findings into those the baseline accepts and fresh ones, in their order. */
export function compareWithBaseline(findings: readonly Finding[], baseline: Baseline): BaselineComparison {
  const remaining = new Map<string, number>();
  for (const entry of baseline.findings) {
    const id = identity(entry.path, entry.code, entry.subject);
    remaining.set(id, (remaining.get(id) ?? 0) + entry.count);
  }
  const fresh: Finding[] = [];
  const accepted: Finding[] = [];
  for (const finding of findings) {
    const id = identity(finding.path, finding.code, findingSubject(finding));
    const left = remaining.get(id) ?? 0;
    if (left > 0) {
      remaining.set(id, left - 1);
      accepted.push(finding);
    } else fresh.push(finding);
  }
  return { fresh, accepted, ok: !fresh.some((finding) => finding.severity === 'error') };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
