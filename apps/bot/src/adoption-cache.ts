/**
 * What the adoption probe learnt, per repository: blob sha -> whether that content is a
 * translation not adopted yet (no pins). A blob id names its content, so an answer never
 * goes stale; the caches only forget to stay small. With `REDIS_URL` every worker shares
 * the answers (and they outlive a restart), so a blob is read once per repository, not
 * once per process.
 */
import type { Redis } from 'ioredis';
import { adoptionRedisKey } from './redis-keys.js';
import { createRepositoryLru } from './repository-lru.js';

export interface AdoptionCache {
  /** The answers known among `blobs` (blob sha -> not adopted yet). */
  get(repository: string, blobs: readonly string[]): Promise<Map<string, boolean>>;
  /** Remember answers; never throws (a cache that cannot be written only costs reads later). */
  set(repository: string, answers: ReadonlyMap<string, boolean>): Promise<void>;
}

export interface MemoryAdoptionCacheLimits {
  /** Repositories remembered, least recently used forgotten first. Default 1,000. */
  repositories?: number;
  /** Blobs remembered per repository, least recently used forgotten first. Default 50,000. */
  blobsPerRepository?: number;
}

/** An in-process LRU cache (what the single-process app uses). */
export function createMemoryAdoptionCache(limits: MemoryAdoptionCacheLimits = {}): AdoptionCache {
  const lru = createRepositoryLru<boolean>({ repositories: limits.repositories ?? 1_000, entriesPerRepository: limits.blobsPerRepository ?? 50_000 });
  return {
    async get(repository, blobs) {
      const found = new Map<string, boolean>();
      for (const blob of blobs) {
        // Asked on every push, the blobs of the current tree stay; old versions are forgotten first.
        const unadopted = lru.get(repository, blob);
        if (unadopted !== undefined) found.set(blob, unadopted);
      }
      return found;
    },
    async set(repository, answers) {
      for (const [blob, unadopted] of answers) lru.set(repository, blob, unadopted);
    },
  };
}

export interface RedisAdoptionCacheOptions {
  /** Asked first, filled from Redis. Default: a fresh in-process cache. */
  local?: AdoptionCache;
  /** A repository's answers are dropped after this long without a new one. Default 30 days. */
  ttlSeconds?: number;
  /** Above this many answers a repository's hash is dropped and refilled by later probes. Default 200,000. */
  maxBlobs?: number;
}

/** Fields per HMGET, so that a repository of many thousand translations is not one huge reply. */
const HMGET_CHUNK = 1_000;

/**
 * The in-process cache in front of one Redis hash per repository (`HMGET` for what the
 * process does not know, one `MULTI` per write). A Redis failure never fails a sync: the
 * answer is then unknown, and the blob is read from GitHub.
 */
export function createRedisAdoptionCache(redis: Redis, options: RedisAdoptionCacheOptions = {}): AdoptionCache {
  const local = options.local ?? createMemoryAdoptionCache();
  const ttlSeconds = options.ttlSeconds ?? 30 * 24 * 3600;
  const maxBlobs = options.maxBlobs ?? 200_000;

  return {
    async get(repository, blobs) {
      const found = await local.get(repository, blobs);
      const missing = [...new Set(blobs.filter((blob) => !found.has(blob)))];
      const fetched = new Map<string, boolean>();
      try {
        for (let start = 0; start < missing.length; start += HMGET_CHUNK) {
          const chunk = missing.slice(start, start + HMGET_CHUNK);
          const values = await redis.hmget(adoptionRedisKey(repository), ...chunk);
          chunk.forEach((blob, i) => {
            if (values[i] === '1' || values[i] === '0') fetched.set(blob, values[i] === '1');
          });
        }
      } catch {
        // Unknown then: read from GitHub.
      }
      if (fetched.size > 0) await local.set(repository, fetched);
      for (const [blob, unadopted] of fetched) found.set(blob, unadopted);
      return found;
    },
    async set(repository, answers) {
      await local.set(repository, answers);
      if (answers.size === 0) return;
      const key = adoptionRedisKey(repository);
      try {
        const fields = Object.fromEntries([...answers].map(([blob, unadopted]) => [blob, unadopted ? '1' : '0']));
        const replies = await redis.multi().hset(key, fields).expire(key, ttlSeconds).hlen(key).exec();
        const size = Number(replies?.[2]?.[1] ?? 0);
        if (size > maxBlobs) await redis.del(key);
      } catch {
        // Not remembered across processes: those blobs are read again by the next process that asks.
      }
    },
  };
}
