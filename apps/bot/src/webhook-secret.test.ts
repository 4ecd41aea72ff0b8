import { expect, test } from 'vitest';
import { webhookSecretProblem } from './webhook-secret.js';

test('production refuses an empty secret and Probot’s development default', () => {
  expect(webhookSecretProblem(undefined)).toMatch(/WEBHOOK_SECRET is empty/);
  expect(webhookSecretProblem('  ')).toMatch(/WEBHOOK_SECRET is empty/);
  expect(webhookSecretProblem('development')).toMatch(/"development" default/);
  expect(webhookSecretProblem('a-long-random-secret')).toBeNull();
});
