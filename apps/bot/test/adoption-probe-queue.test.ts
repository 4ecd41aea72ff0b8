/**
 * The adoption probe in queue mode: workers share its answers through Redis, so a worker
 * that never saw the repository reads no translation the other one already read.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { adoptionRedisKey, connectRedis } from '../src/redis-keys.js';
import { OWNER, REPO, seedFiles } from './harness.js';
import { startQueueHarness, type QueueHarness } from './queue-harness.js';

const EN = 'locales/en/your-data.md';
const FR = 'locales/fr/your-data.md';
const NL = 'locales/nl/your-data.md';

let q: QueueHarness | undefined;
afterEach(async () => {
  await q?.close();
  q = undefined;
});

describe('adoption probe with REDIS_URL', () => {
  test('a worker onboards a translation added while the app was down on a README push; a fresh worker then reads none of the translations again', async () => {
    const seeds = seedFiles();
    q = await startQueueHarness({ files: { [EN]: seeds[EN]!, [FR]: seeds[FR]! } });
    const { h } = q;
    const dutch = await h.offline(() => h.push({ branch: 'main', files: { [NL]: seeds[NL]! }, message: 'Dutch translation' }));

    const first = await q.startWorker();
    await h.push({ branch: 'main', files: { 'README.md': 'one\n' }, message: 'Readme' });
    await q.drain();
    const pulls = await h.pulls();
    expect(pulls.map((p) => [p.head, p.state])).toEqual([['i18n-drift/nl', 'open']]);
    expect(await h.readFile(NL, 'i18n-drift/nl')).toContain(`commit: ${dutch}`);
    const redis = connectRedis(q.redis.url);
    try {
      expect(Object.values(await redis.hgetall(adoptionRedisKey(`${OWNER}/${REPO}`))).sort()).toEqual(['0', '1']);
    } finally {
      redis.disconnect();
    }

    await first.close();
    await q.startWorker();
    const branches = await h.branches();
    h.proxy.reset();
    await h.push({ branch: 'main', files: { 'README.md': 'two\n' }, message: 'Readme again' });
    await q.drain();
    const frBlob = (await h.api<{ sha: string }>('GET', `/repos/${OWNER}/${REPO}/contents/${FR}?ref=main`)).sha;
    const blobs = h.proxy.apiRequests().reads.filter((r) => r.path.includes('/git/blobs/')).map((r) => r.path.split('/git/blobs/')[1]!.split('?')[0]);
    expect(blobs).not.toContain(frBlob);
    expect(h.proxy.apiRequests().writes).toEqual([]);
    const { main: _main, ...after } = await h.branches();
    const { main: _before, ...expected } = branches;
    expect(after).toEqual(expected);
    expect((await h.pulls()).map((p) => [p.head, p.state])).toEqual([['i18n-drift/nl', 'open']]);
  });
});
