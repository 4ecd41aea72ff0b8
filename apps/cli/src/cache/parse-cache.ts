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
  entries: Record<string, ParsedDocument>;
}

export function cacheDir(gitDir: string): string {
  return join(gitDir, 'i18n-drift', 'cache');
}

export function openParseCache(gitDir: string, key: { version: string; configHash: string }, frontmatterKeys: readonly string[]): ParseCache {
  const dir = cacheDir(gitDir);
  const name = `parse-${safe(key.version)}-${key.configHash}.json`;
  const file = join(dir, name);
  let stored: Record<string, ParsedDocument> = {};
  if (existsSync(file)) {
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
      if (data.version === key.version && data.configHash === key.configHash && data.entries && typeof data.entries === 'object') stored = data.entries;
    } catch {
      stored = {};
    }
  }
  const used: Record<string, ParsedDocument> = {};
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
      let doc = stored[oid] ? withRaw(stored[oid], text) : undefined;
      if (doc) hits++;
      else {
        misses++;
        changed = true;
        doc = parseDocument(text, { frontmatterKeys });
      }
      used[oid] = doc;
      byText.set(text, doc);
      return doc;
    },
    save() {
      if (!changed && Object.keys(used).length === Object.keys(stored).length) return;
      const entries = Object.fromEntries(Object.entries(used).map(([oid, doc]) => [oid, withoutRaw(doc)]));
      writeFileAtomic(file, JSON.stringify({ version: key.version, configHash: key.configHash, entries } satisfies CacheFile));
      // Caches of other tool versions or configs can never be read again.
      for (const other of readdirSync(dir)) if (other.startsWith('parse-') && other !== name && other.endsWith('.json')) rmSync(join(dir, other), { force: true });
    },
  };
}

// The text is at hand whenever a parse is looked up, and every `raw` is a slice of it:
// storing offsets only halves the cache. A stored entry whose offsets do not fit its
// text (it cannot happen: the blob id is the text's hash) is dropped, not trusted.
function withoutRaw(doc: ParsedDocument): ParsedDocument {
  return {
    ...doc,
    frontmatter: { ...doc.frontmatter, raw: String(doc.frontmatter.raw.length) },
    sections: doc.sections.map((s) => ({ ...s, raw: '' })),
  };
}

function withRaw(doc: ParsedDocument, text: string): ParsedDocument | undefined {
  const length = Number(doc.frontmatter.raw);
  if (!Number.isInteger(length) || length > text.length) return undefined;
  const sections = doc.sections.map((s) => ({ ...s, raw: text.slice(s.start, s.end) }));
  if (sections.length > 0 && sections[sections.length - 1]!.end !== text.length) return undefined;
  return { ...doc, frontmatter: { ...doc.frontmatter, raw: text.slice(0, length) }, sections };
}

function safe(s: string): string {
  return s.replace(/[^A-Za-z0-9.+-]/g, '_');
}
