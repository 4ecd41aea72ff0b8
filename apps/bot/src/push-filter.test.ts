import { describe, expect, test } from 'vitest';
import { decidePush, type PushPayload } from './push-filter.js';

const BOT = 'i18n-drift[bot]';
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const ZERO = '0'.repeat(40);
const push = (patch: Partial<PushPayload> = {}): PushPayload => ({
  ref: 'refs/heads/main',
  before: A,
  after: B,
  repository: { name: 'docs', owner: { login: 'acme' }, default_branch: 'main', archived: false },
  sender: { login: 'maintainer', type: 'User' },
  ...patch,
});

describe('decidePush', () => {
  test('acts on a person’s push to the default branch', () => {
    expect(decidePush(push(), BOT)).toEqual({ act: true, from: A, to: B, forced: false });
    expect(decidePush(push({ forced: true }), BOT)).toMatchObject({ act: true, forced: true });
  });
  test('a new default branch (all-zero before) starts from the pins', () => {
    expect(decidePush(push({ before: ZERO }), BOT)).toEqual({ act: true, from: null, to: B, forced: false });
  });
  test('ignores other branches, tags, deletions, its own pushes and archived repositories', () => {
    expect(decidePush(push({ ref: 'refs/heads/feature' }), BOT)).toEqual({ act: false, reason: 'not-default-branch' });
    expect(decidePush(push({ ref: 'refs/tags/main' }), BOT)).toEqual({ act: false, reason: 'not-default-branch' });
    expect(decidePush(push({ ref: 'refs/heads/i18n-drift/fr' }), BOT)).toEqual({ act: false, reason: 'not-default-branch' });
    expect(decidePush(push({ deleted: true, after: ZERO }), BOT)).toEqual({ act: false, reason: 'deletion' });
    expect(decidePush(push({ after: ZERO }), BOT)).toEqual({ act: false, reason: 'deletion' });
    expect(decidePush(push({ sender: { login: 'I18N-Drift[bot]', type: 'Bot' } }), BOT)).toEqual({ act: false, reason: 'own-push' });
    expect(decidePush(push({ sender: null, pusher: { name: BOT } }), BOT)).toEqual({ act: false, reason: 'own-push' });
    expect(decidePush(push({ repository: { name: 'docs', owner: { login: 'acme' }, default_branch: 'main', archived: true } }), BOT)).toEqual({
      act: false,
      reason: 'archived',
    });
  });
  test('another bot’s push is a push like any other', () => {
    expect(decidePush(push({ sender: { login: 'dependabot[bot]', type: 'Bot' } }), BOT)).toMatchObject({ act: true });
  });
});
