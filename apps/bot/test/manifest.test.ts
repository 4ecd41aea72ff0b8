/** app.yml asks only for what the app uses; action.yml runs the built Action entry. */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { parse } from 'yaml';

const read = (name: string) => parse(readFileSync(new URL(`../${name}`, import.meta.url), 'utf8'));

test('app.yml: contents, pull requests and checks write, metadata read; push and pull_request', () => {
  const manifest = read('app.yml');
  expect(manifest.default_permissions).toEqual({ contents: 'write', pull_requests: 'write', checks: 'write', metadata: 'read' });
  expect(manifest.default_events).toEqual(['push', 'pull_request']);
});

test('action.yml runs dist/action.js with the given token', () => {
  const action = read('action.yml');
  const steps = action.runs.steps as { run?: string; env?: Record<string, string> }[];
  expect(steps.at(-1)!.run).toContain('dist/action.js');
  expect(steps.at(-1)!.env!.GITHUB_TOKEN).toBe('${{ inputs.token }}');
});
