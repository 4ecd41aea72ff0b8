/**
 * Parses cached by Git blob id under `.git/i18n-drift/cache/`. The blob id is the
 * hash of the exact bytes parsed, and the file name carries the tool version and the
 * config hash, so an entry can only ever be found for the very same text, parser and
 * frontmatter keys: a stale parse cannot be served. Written atomically; a corrupt or
 * foreign cache file is ignored, never trusted.
 */
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, type ParsedDocument } from '@i18n-drift/sections';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { blobId } from '../worktree.js';

export interface ParseCache {
  parse(text: string): ParsedDocument;
  /** Tell the cache a text's blob id (known from `git ls-tree`), sparing it the hashing. */
  know(text: string, oid: string): void;
  readonly hits: number;
  readonly misses: number;
  /** Persist the entries used in this run (unused ones are dropped). */
  save(): void;
}

interface CacheFile {
  version: string;
  configHash: string;
  format: typeof FORMAT;
  entries: Record<string, Entry>;
}

// The shape of `entries`; a file of another shape is not read.
const FORMAT = 2;

/**
 * A parse as stored: arrays in place of objects, without what the text gives back (every
 * `raw`, a field's `kind` and `id`, a section's `kind`). Half the bytes of the parse as
 * JSON, and a cold `status` on a 5,000-file corpus serialised all of them.
 * `[frontmatter length, frontmatter data, fields, sections, warnings]`; fields, sections
 * and warnings are flat arrays of `FIELD`, `SECTION` and `WARNING` values each.
 */
type Entry = [number, Record<string, unknown>, unknown[], unknown[], unknown[]];
const FIELD = 5; // key, value, hash, words, legacyHash (null when none)
const SECTION = 11; // level (0: intro), id, heading, explicitId, start, end, line, hash, bodyHash, words, legacyHash (null when none)
const WARNING = 3; // code, line, message

export function cacheDir(gitDir: string): string {
  return join(gitDir, 'i18n-drift', 'cache');
}

export function openParseCache(gitDir: string, key: { version: string; configHash: string }, frontmatterKeys: readonly string[]): ParseCache {
  const dir = cacheDir(gitDir);
  const name = `parse-${safe(key.version)}-${key.configHash}.json`;
  const file = join(dir, name);
  let stored: Record<string, unknown> = {};
  if (existsSync(file)) {
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
      if (data.version === key.version && data.configHash === key.configHash && data.format === FORMAT && data.entries && typeof data.entries === 'object') stored = data.entries;
    } catch {
      stored = {};
    }
  }
  // What to store: the entry read (kept as it was) or the parse made, by blob id.
  const used = new Map<string, Entry | ParsedDocument>();
  const byText = new Map<string, ParsedDocument>();
  const oids = new Map<string, string>();
  let hits = 0;
  let misses = 0;
  let changed = false;
  return {
    get hits() {
      return hits;
    },
    get misses() {
      return misses;
    },
    know(text, oid) {
      oids.set(text, oid);
    },
    parse(text) {
      const known = byText.get(text);
      if (known) return known;
      const oid = oids.get(text) ?? blobId(Buffer.from(text, 'utf8'));
      const entry = Object.hasOwn(stored, oid) ? stored[oid] : undefined;
      let doc = entry === undefined ? undefined : decode(entry, text);
      if (doc) {
        hits++;
        used.set(oid, entry as Entry);
      } else {
        misses++;
        changed = true;
        doc = parseDocument(text, { frontmatterKeys });
        used.set(oid, doc);
      }
      byText.set(text, doc);
      return doc;
    },
    save() {
      if (!changed && used.size === Object.keys(stored).length) return;
      const entries: Record<string, Entry> = {};
      for (const [oid, value] of used) entries[oid] = Array.isArray(value) ? value : encode(value);
      writeFileAtomic(file, JSON.stringify({ version: key.version, configHash: key.configHash, format: FORMAT, entries } satisfies CacheFile));
      // Caches of other tool versions or configs can never be read again.
      for (const other of readdirSync(dir)) if (other.startsWith('parse-') && other !== name && other.endsWith('.json')) rmSync(join(dir, other), { force: true });
    },
  };
}

function encode(doc: ParsedDocument): Entry {
  const fields: unknown[] = [];
  for (const f of doc.fields) fields.push(f.key, f.value, f.hash, f.words, f.legacyHash ?? null);
  const sections: unknown[] = [];
  for (const s of doc.sections) sections.push(s.level, s.id, s.heading, s.explicitId, s.start, s.end, s.line, s.hash, s.bodyHash, s.words, s.legacyHash ?? null);
  const warnings: unknown[] = [];
  for (const w of doc.warnings) warnings.push(w.code, w.line, w.message);
  return [doc.frontmatter.raw.length, doc.frontmatter.data, fields, sections, warnings];
}

/**
 * The parse an entry stores, its texts sliced from `text` (the blob the id names), built
 * with the keys in the order `parseDocument` gives them; undefined for anything but an
 * entry `encode` could have written for this text (a corrupt or foreign file), which is
 * then parsed again, never trusted.
 */
function decode(entry: unknown, text: string): ParsedDocument | undefined {
  if (!Array.isArray(entry) || entry.length !== 5) return undefined;
  const [length, data, fieldValues, sectionValues, warningValues] = entry as unknown[];
  if (!isOffset(length, text) || data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  if (!isTable(fieldValues, FIELD) || !isTable(sectionValues, SECTION) || !isTable(warningValues, WARNING)) return undefined;
  const fields: ParsedDocument['fields'] = [];
  for (let i = 0; i < fieldValues.length; i += FIELD) {
    const key = fieldValues[i],
      value = fieldValues[i + 1],
      hash = fieldValues[i + 2],
      words = fieldValues[i + 3],
      legacyHash = fieldValues[i + 4];
    if (typeof key !== 'string' || typeof value !== 'string' || typeof hash !== 'string' || !isCount(words) || !isOptionalString(legacyHash)) return undefined;
    const field: ParsedDocument['fields'][number] = { kind: 'frontmatter', id: `frontmatter.${key}`, key, value, hash, words };
    if (legacyHash !== null) field.legacyHash = legacyHash;
    fields.push(field);
  }
  const sections: ParsedDocument['sections'] = [];
  let offset = length;
  for (let i = 0; i < sectionValues.length; i += SECTION) {
    const level = sectionValues[i],
      id = sectionValues[i + 1],
      heading = sectionValues[i + 2],
      explicitId = sectionValues[i + 3],
      start = sectionValues[i + 4],
      end = sectionValues[i + 5],
      line = sectionValues[i + 6],
      hash = sectionValues[i + 7],
      bodyHash = sectionValues[i + 8],
      words = sectionValues[i + 9],
      legacyHash = sectionValues[i + 10];
    if (!isCount(level) || level > 6 || typeof id !== 'string' || !isOptionalString(heading) || !isOptionalString(explicitId)) return undefined;
    // Contiguous from the end of the frontmatter to the end of the text, as every parse is.
    if (start !== offset || !isOffset(end, text) || end <= start || !isCount(line) || typeof hash !== 'string' || typeof bodyHash !== 'string' || !isCount(words) || !isOptionalString(legacyHash)) return undefined;
    offset = end;
    const section: ParsedDocument['sections'][number] = { kind: level === 0 ? 'intro' : 'heading', id, level, heading, explicitId, start, end, line, raw: text.slice(start, end), hash, bodyHash, words };
    if (legacyHash !== null) section.legacyHash = legacyHash;
    sections.push(section);
  }
  if (offset !== text.length) return undefined;
  const warnings: ParsedDocument['warnings'] = [];
  for (let i = 0; i < warningValues.length; i += WARNING) {
    const code = warningValues[i],
      line = warningValues[i + 1],
      message = warningValues[i + 2];
    if (!WARNING_CODES.has(code as string) || !isCount(line) || typeof message !== 'string') return undefined;
    warnings.push({ code: code as ParsedDocument['warnings'][number]['code'], line, message });
  }
  return { frontmatter: { raw: text.slice(0, length), data: data as Record<string, unknown> }, fields, sections, warnings };
}

const WARNING_CODES = new Set(['broken-heading', 'duplicate-id', 'empty-heading', 'unclosed-fence']);

function isTable(values: unknown, width: number): values is unknown[] {
  return Array.isArray(values) && values.length % width === 0;
}

function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function isOffset(value: unknown, text: string): value is number {
  return isCount(value) && value <= text.length;
}

function isOptionalString(value: unknown): value is string | null {
  return value === null || typeof value === 'string';
}

function safe(s: string): string {
  return s.replace(/[^A-Za-z0-9.+-]/g, '_');
}
