/**
 * A `files` pattern that tracks nothing is a misconfiguration the App shows, as the CLI
 * does: a failing check naming the pattern, no branch and no pull request — never a
 * silent "100% current".
 */
import { afterEach, expect, test } from 'vitest';
import { changeEnglish, expectNothingSynced, expectOneCheckRun } from './check-runs.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

test('a files pattern that matches no file is a failing check naming it; nothing is written', async () => {
  h = await startHarness({ config: 'files:\n  - locales/{locale}/**/*.md\n  - docs/{locale}/**/*.md\n' });
  const sha = await changeEnglish(h);
  await h.settle();

  await expectOneCheckRun(h, sha, { conclusion: 'failure', title: 'files.1', summary: '"docs/{locale}/**/*.md" matches no file' });
  await expectNothingSynced(h);
  expect(await h.pulls()).toEqual([]);
});

test('a files pattern that matches translations but no English document is refused too', async () => {
  h = await startHarness({ config: 'files:\n  - locales/{locale}/your-data.md\n', files: { 'locales/en/other.md': '# Other\n', 'locales/fr/your-data.md': '# Vos données\n' }, adopt: false });
  const sha = await h.push({ branch: 'main', files: { 'locales/en/other.md': '# Other\n\nMore.\n' }, message: 'More' });
  await h.settle();

  await expectOneCheckRun(h, sha, { conclusion: 'failure', summary: 'none in the source locale "en"' });
  await expectNothingSynced(h);
});
