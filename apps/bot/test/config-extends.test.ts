/**
 * The configuration is read through Probot's config plugin: `_extends` pulls shared
 * settings from another repository of the organisation, the repository's own keys win,
 * a bad key in the extended file is a failing check naming the key and that file, and
 * the organisation's `.github` repository alone opts no repository in.
 */
import { afterEach, expect, test } from 'vitest';
import { changeEnglish as pushEnglishChange, expectNothingSynced, expectOneCheckRun } from './check-runs.js';
import { OWNER, startHarness, type Harness } from './harness.js';

const CONFIG = '.github/i18n-drift.yml';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** Create `OWNER/name` holding `files` on its default branch. */
async function createRepository(name: string, files: Record<string, string>): Promise<void> {
  await h.api('POST', `/orgs/${OWNER}/repos`, { name, auto_init: true });
  for (const [path, text] of Object.entries(files)) {
    await h.api('PUT', `/repos/${OWNER}/${name}/contents/${path}`, { message: `Add ${path}`, content: Buffer.from(text).toString('base64') });
  }
}

const changeEnglish = () => pushEnglishChange(h);

const OWN = `_extends: i18n-settings
sourceLocale: en
files:
  - locales/{locale}/**/*.md
labels:
  fr: [policy]
`;

test('_extends: the shared file supplies translators and labels, the repository’s own keys win', async () => {
  h = await startHarness({ config: OWN });
  await createRepository('i18n-settings', {
    [CONFIG]: `translators:
  fr: [translator-fr]
  nl: [translator-nl]
labels:
  fr: [shared-label]
  nl: [legal]
branchPrefix: translations/
`,
  });
  await changeEnglish();
  await h.settle();

  const pulls = await h.pulls();
  expect(pulls.map((p) => [p.head, p.labels, p.reviewers])).toEqual([
    ['translations/fr', ['i18n', 'lang:fr', 'policy'], ['translator-fr']],
    ['translations/nl', ['i18n', 'lang:nl', 'legal'], ['translator-nl']],
  ]);
});

test('a bad key in the extended file is a failing check naming the key and the file it comes from', async () => {
  h = await startHarness({ config: OWN });
  await createRepository('i18n-settings', { [CONFIG]: 'branchPrefix: 42\n' });
  const sha = await changeEnglish();
  await h.settle();

  await expectOneCheckRun(h, sha, { conclusion: 'failure', title: 'branchPrefix', summary: `set in ${OWNER}/i18n-settings:${CONFIG}` });
  await expectNothingSynced(h);
});

test('an _extends value that names no repository is a failing check on _extends', async () => {
  h = await startHarness({ config: OWN.replace('_extends: i18n-settings', '_extends: "not a repo!"') });
  const sha = await changeEnglish();
  await h.settle();

  await expectOneCheckRun(h, sha, { conclusion: 'failure', title: '_extends', summary: 'not a repo!' });
  await expectNothingSynced(h);
});

test('the organisation’s .github repository alone opts no repository in', async () => {
  h = await startHarness({ config: null });
  await createRepository('.github', { [CONFIG]: 'sourceLocale: en\nfiles:\n  - locales/{locale}/**/*.md\n' });
  await h.settle();
  h.proxy.reset();
  const sha = await changeEnglish();
  await h.settle();

  expect(h.proxy.apiRequests().writes).toEqual([]);
  // It was looked at (Probot's fallback), and ignored.
  expect(h.proxy.apiRequests().reads.map((r) => r.path)).toContainEqual(expect.stringMatching(/^\/repos\/acme\/\.github\/contents\//));
  await expectNothingSynced(h);
  expect(await h.checkRuns(sha)).toEqual([]);
});
