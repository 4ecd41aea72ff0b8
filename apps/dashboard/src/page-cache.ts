/**
 * The pages the server rendered for one data object, least recently used first out,
 * bounded by count and by bytes: searches are unbounded in number and an overview of
 * 1,000 documents is 2 MB of HTML. A different data object (the repository changed)
 * empties it, so a page is never served from older data.
 */
import type { KeptBody } from './http-body.js';

export interface CachedPage {
  status: number;
  body: KeptBody;
  /** The interface language the page was rendered in. */
  lang: string;
}

export interface PageCacheLimits {
  /** Most pages kept; default 2,000. */
  pages?: number;
  /** Most bytes kept (HTML and its compressed forms); default 256 MiB. */
  bytes?: number;
}

export interface PageCache<D extends object> {
  /** The page under `key` for `data`, made (and kept) by `make` when not kept. */
  get(data: D, key: string, make: () => CachedPage): CachedPage;
  /** Pages and bytes now kept, for tests and diagnostics. */
  stats(): { pages: number; bytes: number };
}

export function createPageCache<D extends object>(limits: PageCacheLimits = {}): PageCache<D> {
  const maxPages = limits.pages ?? 2_000;
  const maxBytes = limits.bytes ?? 256 * 1024 * 1024;
  let owner: D | null = null;
  const pages = new Map<string, { page: CachedPage; size: number; used: number }>();
  let bytes = 0;
  // A hit only stamps its entry with a number: re-inserting it in the Map would keep each
  // request's key string alive and make the garbage collector's young-generation passes
  // slower, which is where the server's slowest responses came from.
  let clock = 0;

  const evict = () => {
    while (pages.size > maxPages || (bytes > maxBytes && pages.size > 1)) {
      let oldest: string | undefined;
      let least = Infinity;
      for (const [key, entry] of pages) {
        if (entry.used < least) {
          least = entry.used;
          oldest = key;
        }
      }
      bytes -= pages.get(oldest!)!.size;
      pages.delete(oldest!);
    }
  };

  return {
    get(data, key, make) {
      if (data !== owner) {
        owner = data;
        pages.clear();
        bytes = 0;
      }
      const kept = pages.get(key);
      if (kept) {
        kept.used = ++clock;
        return kept.page;
      }
      const page = make();
      const entry = { page, size: page.body.size(), used: ++clock };
      pages.set(key, entry);
      bytes += entry.size;
      // Compressed forms arrive later: count them when they do, if the page is still kept.
      void page.body.compressed.then(() => {
        if (owner !== data || pages.get(key) !== entry) return;
        const size = page.body.size();
        bytes += size - entry.size;
        entry.size = size;
        evict();
      });
      evict();
      return page;
    },
    stats: () => ({ pages: pages.size, bytes }),
  };
}
