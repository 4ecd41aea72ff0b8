/**
 * The state of a translated catalog, kept beside it (JSON has no comments to hold pins):
 * `<catalog>.i18n-drift`, e.g. `locales/fr/common.json.i18n-drift`. Its name does not
 * end in `.json`, so no `*.json` pattern and no i18next backend ever loads it. One line
 * per key, sorted by key, so that two branches touching different keys merge cleanly:
 *
 * ```
 * # i18n-drift: the English each key of common.json translates (one line per key)
 * commit 3f2a9c0d…
 * "nav.home" 1a2b3c4d5e6f7a8b
 * "nav.pricing" 9f8e7d6c5b4a3f2e stale 3f2a9c0d…
 * "nav.blog" - missing 3f2a9c0d…
 * ```
 *
 * A line is the key (a JSON string: keys may hold spaces), the hash of the English its
 * translation translates (`-`: none, the value is the English copied by `fill`), and
 * optionally `stale <commit>` (English changed since, at that commit) or `missing
 * <commit>`. A translator who has updated a stale key deletes ` stale …` from its line:
 * that is their sign-off, and the next sync pins the key to the English they translated.
 */
import type { SourcePins } from '../types.js';

/** The file name suffix of a catalog's state file. */
export const STATE_SUFFIX = '.i18n-drift';

/** The state file of the catalog at `path`. */
export function statePathOf(catalogPath: string): string {
  return catalogPath + STATE_SUFFIX;
}

export interface KeyMark {
  kind: 'stale' | 'missing';
  /** The source commit since which (null: unknown). */
  since: string | null;
}

export interface KeyState {
  /** Hash of the English the translated value translates; null for none (English copied by `fill`). */
  pin: string | null;
  mark: KeyMark | null;
}

export interface CatalogState {
  /** The source commit the catalog was last synced to. */
  commit: string | null;
  keys: Map<string, KeyState>;
}

/** A state file that cannot be read: its 1-based line and what is wrong. */
export class CatalogStateError extends Error {
  override name = 'CatalogStateError';
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

const HASH = /^[0-9a-f]{16}$/;
const TOKEN = /^[^\s"]+$/;

/**
 * Reads a state file; null text (no file yet) gives an empty state.
 * @throws CatalogStateError naming the line.
 */
export function readCatalogState(text: string | null): CatalogState {
  const state: CatalogState = { commit: null, keys: new Map() };
  if (text === null) return state;
  text.split(/\r?\n/).forEach((raw, index) => {
    const lineNo = index + 1;
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    if (line.startsWith('commit ')) {
      const commit = line.slice(7).trim();
      if (!TOKEN.test(commit)) throw new CatalogStateError(lineNo, `expected "commit <sha>" or "commit -", got "${line}"`);
      state.commit = commit === '-' ? null : commit;
      return;
    }
    if (!line.startsWith('"')) throw new CatalogStateError(lineNo, `expected a key in double quotes, "commit", or a # comment, got "${truncate(line)}"`);
    const { key, rest } = splitKey(line, lineNo);
    const fields = rest.split(/\s+/).filter(Boolean);
    const [pin, kind, since, extra] = fields;
    if (pin === undefined || (pin !== '-' && !HASH.test(pin))) throw new CatalogStateError(lineNo, `expected the hash of the English (16 hex digits) or "-" after ${JSON.stringify(key)}`);
    if (extra !== undefined) throw new CatalogStateError(lineNo, `unexpected "${extra}" at the end of the line`);
    let mark: KeyMark | null = null;
    if (kind !== undefined) {
      if (kind !== 'stale' && kind !== 'missing') throw new CatalogStateError(lineNo, `expected "stale" or "missing" after the hash, got "${kind}"`);
      mark = { kind, since: since === undefined || since === '-' ? null : since };
    }
    if (state.keys.has(key)) throw new CatalogStateError(lineNo, `${JSON.stringify(key)} is listed twice`);
    state.keys.set(key, { pin: pin === '-' ? null : pin, mark });
  });
  return state;
}

function splitKey(line: string, lineNo: number): { key: string; rest: string } {
  let i = 1;
  while (i < line.length && line[i] !== '"') i += line[i] === '\\' ? 2 : 1;
  if (i >= line.length) throw new CatalogStateError(lineNo, 'unterminated key (a JSON string)');
  let key: unknown;
  try {
    key = JSON.parse(line.slice(0, i + 1));
  } catch {
    throw new CatalogStateError(lineNo, `the key ${truncate(line.slice(0, i + 1))} is not a valid JSON string`);
  }
  return { key: key as string, rest: line.slice(i + 1) };
}

const truncate = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}...` : s);

/** The text of a state file: a header naming the catalog, the commit, one sorted line per key. */
export function writeCatalogState(state: CatalogState, catalogName: string): string {
  const lines = [`# i18n-drift: the English each key of ${catalogName} translates (one line per key; written by i18n-drift sync)`, `commit ${state.commit ?? '-'}`];
  const keys = [...state.keys.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const key of keys) {
    const { pin, mark } = state.keys.get(key)!;
    lines.push(`${JSON.stringify(key)} ${pin ?? '-'}${mark ? ` ${mark.kind} ${mark.since ?? '-'}` : ''}`);
  }
  return lines.join('\n') + '\n';
}

/** The state as the pins Markdown translations carry (stale keys keep the hash of the English they translate). */
export function pinsOfState(state: CatalogState): SourcePins {
  const sections: Record<string, string> = {};
  for (const [key, { pin }] of state.keys) if (pin !== null) sections[key] = pin;
  return { commit: state.commit, sections };
}
