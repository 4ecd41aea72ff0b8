import { describe, expect, it } from 'vitest';
import { syncRepository } from './sync-workflow.js';
import type { PullRequest } from '../types.js';
import { adoptedRepository, englishUpdate, EN, localize, seed, testConfig } from './test-fixtures.js';

const config = testConfig();

/** The memory host with GitHub's label bookkeeping: what an open pull request carries. */
function labelledHost(labelsOf: (pull: PullRequest) => string[]) {
  const { host } = adoptedRepository();
  const decorated: { number: number; labels: string[]; reviewers: string[] }[] = [];
  const findPullRequest = host.findPullRequest.bind(host);
  host.findPullRequest = async (head) => {
    const pull = await findPullRequest(head);
    return pull && { ...pull, labels: labelsOf(pull) };
  };
  host.decoratePullRequest = async (number, decoration) => {
    decorated.push({ number, ...decoration });
  };
  return { host, decorated };
}

describe('an open pull request without labels', () => {
  it('is labelled and its reviewers asked when the run that opened it stopped before doing so', async () => {
    const { host, decorated } = labelledHost(() => []);
    host.commit('main', { [EN]: englishUpdate(seed(EN)) }, { message: 'update' });
    await syncRepository(host, { config: testConfig(), mode: 'branch', t: localize });
    decorated.length = 0; // the opening run decorates through openPullRequest, not this path
    await syncRepository(host, { config, mode: 'branch', t: localize });
    expect(decorated.map((d) => [d.labels, d.reviewers])).toEqual([
      [['i18n', 'lang:fr', 'docs'], ['marie']],
      [['i18n', 'lang:nl'], ['joost']],
    ]);
  });

  it('is left alone once it carries a label (reviews are not asked for again on every push)', async () => {
    const { host, decorated } = labelledHost(() => ['i18n']);
    host.commit('main', { [EN]: englishUpdate(seed(EN)) }, { message: 'update' });
    await syncRepository(host, { config, mode: 'branch', t: localize });
    await syncRepository(host, { config, mode: 'branch', t: localize });
    expect(decorated).toEqual([]);
  });
});
