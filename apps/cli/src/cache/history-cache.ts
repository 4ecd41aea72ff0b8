/**
 * Coverage over time cached per commit by its Git tree id, under `.git/i18n-drift/cache/`:
 * a commit's points are a function of the files in its tree, the config and the tool
 * (the file name carries the tool version and config hash), so two commits with the
 * same tree share them and a commit measured once is never measured again. Written
 * atomically; a corrupt or foreign file is ignored, never trusted.
 */
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { cacheDir } from './parse-cache.js';

/** Coverage of one locale at one commit: shares (0..100) of sections and of words up to date. */
export interface TreePoint {
  sections: number;
  words: number;
}

/** Locale -> its point; a locale without files in that tree has none. */
export type TreePoints = Record<string, TreePoint>;

export interface HistoryCache {
  get(tree: string): TreePoints | undefined;
  set(tree: string, points: TreePoints): void;
  /** Persist the entries used in this run, plus the most recent others up to a bound. */
  save(): void;
}

interface CacheFile {
  version: string;
  configHash: string;
  trees: Record<string, TreePoints>;
}

/** Trees kept: every sample of this run plus older ones up to this many (a history rewritten often). */
const MAX_TREES = 1_000;

export function openHistoryCache(gitDir: string, key: { version: string; configHash: string }): HistoryCache {
  const dir = cacheDir(gitDir);
  const name = `history-${key.version.replace(/[^A-Za-z0-9.+-]/g, '_')}-${key.configHash}.json`;
  const file = join(dir, name);
  let stored: Record<string, TreePoints> = {};
  if (existsSync(file)) {
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
      if (data.version === key.version && data.configHash === key.configHash && isRecord(data.trees)) stored = data.trees;
    } catch {
      stored = {};
    }
  }
  const used = new Map<string, TreePoints>();
  let changed = false;
  return {
    get(tree) {
      const points = stored[tree];
      if (!isPoints(points)) return undefined;
      used.set(tree, points);
      return points;
    },
    set(tree, points) {
      used.set(tree, points);
      changed = true;
    },
    save() {
      if (!changed) return;
      const trees: Record<string, TreePoints> = Object.fromEntries(used);
      for (const [tree, points] of Object.entries(stored)) {
        if (Object.keys(trees).length >= MAX_TREES) break;
        if (!(tree in trees) && isPoints(points)) trees[tree] = points;
      }
      writeFileAtomic(file, JSON.stringify({ version: key.version, configHash: key.configHash, trees } satisfies CacheFile));
      // Caches of other tool versions or configs can never be read again.
      for (const other of readdirSync(dir)) if (other.startsWith('history-') && other !== name && other.endsWith('.json')) rmSync(join(dir, other), { force: true });
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPoints(value: unknown): value is TreePoints {
  return isRecord(value) && Object.values(value).every((p) => isRecord(p) && typeof p.sections === 'number' && typeof p.words === 'number');
}
