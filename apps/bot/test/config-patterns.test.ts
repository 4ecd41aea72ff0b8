/**
 * A `files` pattern that tracks nothing is a misconfiguration the App shows, as the CLI
 * does: a failing check naming the pattern, no branch and no pull request — never a
 * silent "100% current".
 */
import { afterEach, expect, test } from 'vitest';
import { startHarness, type Harness } from './harness.js';

const EN = 'locales/en/your-data.md';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

async function changeEnglish(): Promise<string> {
  const en = (await h.readFile(EN, 'main'))!;
  return h.push({ branch: 'main', files: { [EN]: en.replace('6 months', '12 months') }, message: 'Keep logs longer' });
}

test('a files pattern that matches no file is a failing check naming it; nothing is written', async () => {
  h = await startHarness({ config: 'files:\n  - locales/{locale}/**/*.md\n  - docs/{locale}/**/*.md\n' });
  const sha = await changeEnglish();
  await h.settle();

  const runs = await h.checkRuns(sha);
  expect(runs).toHaveLength(1);
  expect(runs[0].conclusion).toBe('failure');
  expect(runs[0].output.title).toContain('files.1');
  expect(runs[0].output.summary).toContain('"docs/{locale}/**/*.md" matches no file');
  expect(Object.keys(await h.branches())).toEqual(['main']);
  expect(await h.pulls()).toEqual([]);
});

test('a files pattern that matches translations but no English document is refused too', async () => {
  h = await startHarness({ config: 'files:\n  - locales/{locale}/your-data.md\n', files: { 'locales/en/other.md': '# Other\n', 'locales/fr/your-data.md': '# Vos données\n' }, adopt: false });
  const sha = await h.push({ branch: 'main', files: { 'locales/en/other.md': '# Other\n\nMore.\n' }, message: 'More' });
  await h.settle();

  const runs = await h.checkRuns(sha);
  expect(runs).toHaveLength(1);
  expect(runs[0].conclusion).toBe('failure');
  expect(runs[0].output.summary).toContain('none in the source locale "en"');
  expect(Object.keys(await h.branches())).toEqual(['main']);
});
