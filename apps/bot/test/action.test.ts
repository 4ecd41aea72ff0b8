/**
 * The GitHub Action entry (`src/action.ts`) on a real event: the adapter reads the event
 * from GITHUB_EVENT_PATH, talks to GitHub with GITHUB_TOKEN (here the emulator, reached
 * as a GitHub Enterprise host), and the same app publishes the same check run.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, onTestFinished, test, vi } from 'vitest';
import { expectOneCheckRun } from './check-runs.js';
import { INSTALLATION_ID, OWNER, REPO, startHarness, type Harness } from './harness.js';

let h: Harness;
afterEach(async () => {
  vi.unstubAllEnvs();
  await h?.close();
});

test('the Action reports a bad configuration on the pushed commit', async () => {
  // The server's app does nothing here: only the Action may answer this push.
  h = await startHarness({ app: () => () => {} });
  const config = (await h.readFile('.github/i18n-drift.yml', 'main'))!;
  const before = (await h.branches()).main!;
  const after = await h.push({ branch: 'main', files: { '.github/i18n-drift.yml': `${config}locales: [fr, fr]\n` } });
  await h.settle();
  expect(await h.checkRuns(after)).toEqual([]);

  const token = (await (await h.probot.auth()).request('POST /app/installations/{installation_id}/access_tokens', { installation_id: INSTALLATION_ID })).data.token;
  const dir = mkdtempSync(join(tmpdir(), 'i18n-drift-action-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const event = join(dir, 'event.json');
  writeFileSync(event, JSON.stringify({ ref: 'refs/heads/main', before, after, repository: await h.api('GET', `/repos/${OWNER}/${REPO}`), sender: { login: 'maintainer', type: 'User' } }));
  vi.stubEnv('GITHUB_TOKEN', token);
  vi.stubEnv('GITHUB_RUN_ID', '1234');
  vi.stubEnv('GITHUB_EVENT_NAME', 'push');
  vi.stubEnv('GITHUB_EVENT_PATH', event);
  vi.stubEnv('GHE_HOST', new URL(h.proxy.url).host);
  vi.stubEnv('GHE_PROTOCOL', 'http');
  vi.stubEnv('LOG_LEVEL', 'fatal');

  await import('../src/action.js');

  await expectOneCheckRun(h, after, { conclusion: 'failure', title: 'locales.1' });
});
