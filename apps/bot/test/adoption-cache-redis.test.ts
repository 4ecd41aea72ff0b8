/**
 * The adoption cache shared through Redis by every worker, on a real redis-server: what one
 * process learnt another knows without asking GitHub, and Redis going away costs reads,
 * never a failed sync.
 */
import { afterEach, describe, expect, test } from 'vitest';
import type { Redis } from 'ioredis';
import { createMemoryAdoptionCache, createRedisAdoptionCache } from '../src/adoption-cache.js';
import { adoptionRedisKey, connectRedis } from '../src/redis-keys.js';
import { startRedisServer, type RedisServer } from './redis-server.js';

let server: RedisServer | undefined;
const clients: Redis[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.disconnect();
  await server?.close();
  server = undefined;
});

function connect(url: string): Redis {
  const client = connectRedis(url);
  clients.push(client);
  return client;
}

describe('createRedisAdoptionCache', () => {
  test('a second process gets the first one\'s answers from Redis, and remembers them locally', async () => {
    server = await startRedisServer();
    const first = createRedisAdoptionCache(connect(server.url));
    await first.set('acme/docs', new Map([['b1', true], ['b2', false]]));

    const redis = connect(server.url);
    expect(await redis.hgetall(adoptionRedisKey('acme/docs'))).toEqual({ b1: '1', b2: '0' });
    expect(await redis.ttl(adoptionRedisKey('acme/docs'))).toBeGreaterThan(0);

    const local = createMemoryAdoptionCache();
    const second = createRedisAdoptionCache(redis, { local });
    expect(await second.get('acme/docs', ['b1', 'b2', 'b3'])).toEqual(new Map([['b1', true], ['b2', false]]));
    expect(await local.get('acme/docs', ['b1', 'b2'])).toEqual(new Map([['b1', true], ['b2', false]]));
  });

  test('a repository hash grown past its bound is dropped (later probes refill it)', async () => {
    server = await startRedisServer();
    const redis = connect(server.url);
    const cache = createRedisAdoptionCache(redis, { maxBlobs: 2 });
    await cache.set('acme/docs', new Map([['b1', true], ['b2', false]]));
    expect(await redis.hlen(adoptionRedisKey('acme/docs'))).toBe(2);
    await cache.set('acme/docs', new Map([['b3', true]]));
    expect(await redis.exists(adoptionRedisKey('acme/docs'))).toBe(0);
  });

  test('with Redis gone, answers come from the process only and writes do not throw', async () => {
    server = await startRedisServer();
    const redis = connect(server.url);
    const local = createMemoryAdoptionCache();
    const cache = createRedisAdoptionCache(redis, { local });
    await server.kill();
    await cache.set('acme/docs', new Map([['b1', true]]));
    expect(await cache.get('acme/docs', ['b1', 'b2'])).toEqual(new Map([['b1', true]]));
  });
});
