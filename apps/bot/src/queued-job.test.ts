import { expect, test } from 'vitest';
import { coalesce, coalescingSlot, parseQueuedJob, repositoryKey, type PushWork, type QueuedJob } from './queued-job.js';

const sha = (c: string) => c.repeat(40);
const push = (from: string | null, to: string, deliveryId = to): PushWork => ({
  event: 'push',
  installationId: 7,
  owner: 'Acme',
  repo: 'Docs',
  defaultBranch: 'main',
  deliveryId,
  from: from && sha(from),
  to: sha(to),
});
const pull = (number: number, head: string): QueuedJob => ({
  event: 'pull_request',
  installationId: 7,
  owner: 'acme',
  repo: 'docs',
  defaultBranch: 'main',
  deliveryId: `d-${head}`,
  pull: { number, user: { login: 'mia' }, head: { ref: 'feature', sha: sha(head), repo: { full_name: 'acme/docs' } }, base: { ref: 'main', sha: sha('0'), repo: { full_name: 'acme/docs' } } },
});

test('a job survives JSON and is checked field by field when read back', () => {
  const job = push('a', 'b');
  expect(parseQueuedJob(JSON.parse(JSON.stringify(job)))).toEqual(job);
  expect(parseQueuedJob(JSON.parse(JSON.stringify(pull(3, 'c'))))).toEqual(pull(3, 'c'));
  expect(() => parseQueuedJob({ ...job, to: 'main' })).toThrow('queued job: to: expected a 40-character commit sha, got "main"');
  expect(() => parseQueuedJob({ ...job, installationId: -1 })).toThrow('installationId: expected a positive integer');
  expect(() => parseQueuedJob({ ...job, event: 'issues' })).toThrow('event: expected "push", "pull_request" or "installation"');
  expect(() => parseQueuedJob('push')).toThrow('queued job: job: expected an object');
  // An onboarding names the repository only (its default branch is read when it runs).
  const onboarding: QueuedJob = { event: 'installation', installationId: 7, owner: 'acme', repo: 'docs', deliveryId: 'd-1' };
  expect(parseQueuedJob(JSON.parse(JSON.stringify(onboarding)))).toEqual(onboarding);
  expect(() => parseQueuedJob({ ...onboarding, repo: '' })).toThrow('queued job: repo: expected a non-empty string');
  expect(coalescingSlot(onboarding)).toBe('onboarding');
});

test('pushes coalesce into one sync to the newest head, from the oldest when they form one chain', () => {
  expect(coalesce([push('a', 'b'), push('b', 'c'), push('c', 'd')])).toMatchObject({ from: sha('a'), to: sha('d'), deliveryId: 'd' });
  // A force-push (or a lost delivery) breaks the chain: look at every document.
  expect(coalesce([push('a', 'b'), push('x', 'c')])).toMatchObject({ from: null, to: sha('c') });
  expect(coalesce([push(null, 'b')])).toMatchObject({ from: null, to: sha('b') });
});

test('pull request events coalesce per pull request to the newest head; keys ignore case', () => {
  expect(coalesce([pull(3, 'a'), pull(3, 'b')])).toEqual(pull(3, 'b'));
  expect(coalescingSlot(pull(3, 'a'))).toBe('pull-3');
  expect(coalescingSlot(push('a', 'b'))).toBe('push');
  expect(repositoryKey(push('a', 'b'))).toBe('acme/docs');
});
