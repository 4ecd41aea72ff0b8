/**
 * Pull requests and configuration, end to end against the emulator: the `i18n-drift`
 * check run on translation PRs (and the re-pin commit when a translator removed a
 * marker), the preview comment on English PRs, and a bad configuration.
 * The emulator sends `pull_request.opened` but never `synchronize`, so the tests send
 * that one themselves, shaped as GitHub sends it and signed.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { annotationsOf as annotationsIn, expectNothingSynced, expectOneCheckRun } from './check-runs.js';
import { BOT_LOGIN, OWNER, REPO, TOKENS, seedFiles, startHarness, type Harness } from './harness.js';

const EN = 'locales/en/your-data.md';
const FR = 'locales/fr/your-data.md';
const NL = 'locales/nl/your-data.md';
const CONFIG = '.github/i18n-drift.yml';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const annotationsOf = (id: number) => annotationsIn(h, id);

async function pullPayload(number: number, action = 'synchronize') {
  const pull_request = await h.api('GET', `/repos/${OWNER}/${REPO}/pulls/${number}`);
  const head = (await h.branches())[pull_request.head.ref];
  // The emulator keeps the head sha of creation time; GitHub sends the current one.
  pull_request.head.sha = head;
  const repository = await h.api('GET', `/repos/${OWNER}/${REPO}`);
  return { action, number, pull_request, repository, sender: { login: 'translator-fr', type: 'User' }, installation: { id: 77 } };
}

describe('configuration', () => {
  test('a malformed .github/i18n-drift.yml gives a failing check that names the key', async () => {
    h = await startHarness();
    const config = (await h.readFile(CONFIG, 'main'))!;
    const sha = await h.push({ branch: 'main', files: { [CONFIG]: `${config}branchPrefix: 42\n`, [EN]: 'changed\n' }, message: 'Break the config' });
    await h.settle();

    const run = await expectOneCheckRun(h, sha, { conclusion: 'failure', title: 'branchPrefix', summary: 'branchPrefix' });
    const annotations = await annotationsOf(run.id);
    expect(annotations).toEqual([expect.objectContaining({ path: CONFIG, start_line: config.split('\n').length, annotation_level: 'failure' })]);
    // Nothing was synced from a configuration the app could not read.
    await expectNothingSynced(h);
  });

  test('a translation whose frontmatter cannot be read is skipped: the others get their PR, the failing check names the file and line', async () => {
    h = await startHarness();
    const nl = (await h.readFile(NL, 'main'))!;
    const broken = nl.replace(/^title: .*$/m, 'title: "How we use');
    expect(broken).not.toBe(nl);
    const line = broken.split('\n').findIndex((l) => l.startsWith('title: "How')) + 1;
    const en = (await h.readFile(EN, 'main'))!;
    const sha = await h.push({ branch: 'main', files: { [NL]: broken, [EN]: en.replace('6 months', '12 months') } });
    await h.settle();

    // French is not held back by the Dutch file.
    const pulls = await h.pulls();
    expect(pulls.map((p) => [p.head, p.state])).toEqual([['i18n-drift/fr', 'open']]);
    expect(await h.readFile(FR, 'i18n-drift/fr')).toContain('<!-- i18n-drift:stale section="visitor-data"');
    expect(Object.keys(await h.branches()).sort()).toEqual(['i18n-drift/fr', 'main']);
    expect(await h.readFile(NL, 'main')).toBe(broken);

    const run = await expectOneCheckRun(h, sha, { conclusion: 'failure', summary: ['The other translations were synced.', NL, `line ${line}`] });
    expect(run.output.title).toBe('i18n-drift skipped 1 translated file(s) of this commit');
    const annotations = await annotationsOf(run.id);
    expect(annotations).toEqual([expect.objectContaining({ path: NL, start_line: line, annotation_level: 'failure' })]);
    expect(annotations[0].message).toMatch(/YAML/);
  });

  test('invalid YAML names the line', async () => {
    h = await startHarness();
    const sha = await h.push({ branch: 'main', files: { [CONFIG]: 'files:\n  - locales/{locale}/**/*.md\n bad: [\n' } });
    await h.settle();
    const run = await expectOneCheckRun(h, sha, { conclusion: 'failure', title: '(yaml)' });
    expect(run.output.summary).toMatch(/line \d/);
  });
});

const COOKIES_EN = `---
title: Cookies
---

We use as few cookies as possible.

## Session cookie

We set one cookie to keep you signed in. It expires after 30 days.

## Analytics

We do not use analytics cookies.
`;
const COOKIES_FR = `---
title: Cookies
---

Nous utilisons aussi peu de cookies que possible.

## Cookie de session

Nous déposons un cookie pour que vous restiez connecté. Il expire au bout de 30 jours.

## Statistiques

Nous n’utilisons aucun cookie de statistiques.
`;
const COOKIES = 'locales/fr/cookies.md';

describe('translation pull requests', () => {
  test('the check run lists what is left; removing a marker gets one re-pin commit and a passing check', async () => {
    h = await startHarness({ files: { ...seedFiles(), 'locales/en/cookies.md': COOKIES_EN, [COOKIES]: COOKIES_FR } });
    await h.push({ branch: 'main', files: { 'locales/en/cookies.md': COOKIES_EN.replace('30 days', '90 days') }, message: 'Longer sessions' });
    await h.settle();

    // The emulator delivered pull_request.opened for the app's own PRs: each got a check.
    const fr = (await h.pulls()).find((p) => p.head === 'i18n-drift/fr')!;
    const opened = (await h.branches())['i18n-drift/fr']!;
    const [first] = await h.checkRuns(opened);
    expect(first.conclusion).toBe('failure');
    const annotations = await annotationsOf(first.id);
    expect(annotations).toEqual([expect.objectContaining({ path: COOKIES, annotation_level: 'failure', message: expect.stringContaining('session-cookie') })]);

    // The translator updates the section and deletes the marker.
    const text = (await h.readFile(COOKIES, 'i18n-drift/fr'))!;
    const done = text.replace(/<!-- i18n-drift:stale section="session-cookie"[^>]*-->\n\n?/, '').replace('30 jours', '90 jours');
    expect(done).not.toContain('i18n-drift:stale');
    const translator = await h.push({ branch: 'i18n-drift/fr', files: { [COOKIES]: done }, token: TOKENS.translatorFr, message: 'Traduire' });
    expect(await h.send('pull_request', await pullPayload(fr.number))).toBe(200);
    await h.settle();

    const ahead = await h.commitsAhead('main', 'i18n-drift/fr');
    expect(ahead.map((c) => c.author)).toEqual([BOT_LOGIN, 'translator-fr', BOT_LOGIN]);
    expect(ahead[2]!.parents).toEqual([translator]);
    const repinned = (await h.readFile(COOKIES, 'i18n-drift/fr'))!;
    expect(repinned).toContain('90 jours');
    expect(repinned).not.toBe(done); // the pins moved
    const [last] = await h.checkRuns(ahead[2]!.sha);
    expect(last.conclusion).toBe('success');
    // The checklist is ticked.
    const after = (await h.pulls()).find((p) => p.number === fr.number)!;
    expect(after.body).toMatch(/- \[x\]/);
    expect(after.body).not.toMatch(/- \[ \]/);

    // The synchronize GitHub sends for the re-pin commit: no new commit, no second check.
    h.proxy.reset();
    expect(await h.send('pull_request', await pullPayload(fr.number))).toBe(200);
    await h.settle();
    expect(h.proxy.apiRequests().writes).toEqual([]);
    expect(await h.checkRuns(ahead[2]!.sha)).toHaveLength(1);
  });

  test('the check run lists the sections a translator signed off, in the locale, also when the re-pin commit is checked again', async () => {
    h = await startHarness({ files: { ...seedFiles(), 'locales/en/cookies.md': COOKIES_EN, [COOKIES]: COOKIES_FR } });
    await h.push({ branch: 'main', files: { 'locales/en/cookies.md': COOKIES_EN.replace('30 days', '90 days').replace('We do not use analytics cookies.', 'We never use analytics cookies.') }, message: 'Longer sessions' });
    await h.settle();
    const fr = (await h.pulls()).find((p) => p.head === 'i18n-drift/fr')!;
    const [first] = await h.checkRuns((await h.branches())['i18n-drift/fr']!);
    expect(first.output.summary).not.toContain('validée');

    // One of the two stale sections done, its marker deleted; the other left.
    const text = (await h.readFile(COOKIES, 'i18n-drift/fr'))!;
    expect(text).toContain('section="analytics"');
    const done = text.replace(/<!-- i18n-drift:stale section="session-cookie"[^>]*-->\n\n?/, '').replace('30 jours', '90 jours');
    await h.push({ branch: 'i18n-drift/fr', files: { [COOKIES]: done }, token: TOKENS.translatorFr, message: 'Traduire' });
    expect(await h.send('pull_request', await pullPayload(fr.number))).toBe(200);
    await h.settle();
    const head = (await h.branches())['i18n-drift/fr']!;
    const [run] = await h.checkRuns(head);
    expect(run.output.summary).toContain('1 section validée par l’équipe de traduction (marqueur retiré ; i18n-drift la réépingle sur l’anglais attendu) :\n- `locales/fr/cookies.md` : « Session cookie »'); // named as the pull request's checklist names it
    expect(run.output.summary).not.toContain('Statistiques');

    // GitHub's synchronize for the re-pin commit: the same summary, so no second check run.
    expect(await h.send('pull_request', await pullPayload(fr.number))).toBe(200);
    await h.settle();
    expect(await h.checkRuns(head)).toHaveLength(1);
  });

  test("the check reports the seed's own problems (a broken heading and the link to it)", async () => {
    h = await startHarness();
    const en = (await h.readFile(EN, 'main'))!;
    await h.push({ branch: 'main', files: { [EN]: en.replace('We keep these logs for 6 months.', 'We keep these logs for 12 months.') } });
    await h.settle();
    const [run] = await h.checkRuns((await h.branches())['i18n-drift/fr']!);
    expect(run.conclusion).toBe('failure');
    const lines = (await annotationsOf(run.id)).map((a) => [a.path, a.start_line]);
    const fr = (await h.readFile(FR, 'i18n-drift/fr'))!.split('\n');
    expect(lines).toContainEqual([FR, fr.findIndex((l) => l.startsWith('$####')) + 1]);
    expect(lines).toContainEqual([FR, fr.findIndex((l) => l.includes('i18n-drift:stale')) + 1]);
  });
});

describe('English pull requests', () => {
  test('one preview comment, edited in place on later pushes', async () => {
    h = await startHarness();
    const en = (await h.readFile(EN, 'main'))!;
    const edited = en.replace('We keep these logs for 6 months.', 'We keep these logs for 12 months.');
    await h.push({ branch: 'policy-update', from: 'main', files: { [EN]: edited } });
    const pr = await h.api('POST', `/repos/${OWNER}/${REPO}/pulls`, { title: 'Longer retention', head: 'policy-update', base: 'main', body: '' });
    await h.settle();

    let [state] = (await h.pulls()).filter((p) => p.number === pr.number);
    expect(state!.comments).toHaveLength(1);
    const first = state!.comments[0]!;
    expect(first.user).toBe(BOT_LOGIN);
    expect(first.body).toMatch(/1 section stale in fr, nl/);

    await h.push({
      branch: 'policy-update',
      files: { [EN]: edited.replace('We never share personal model data', 'We never share or sell personal model data') },
    });
    const payload = await pullPayload(pr.number);
    payload.sender = { login: 'maintainer', type: 'User' };
    expect(await h.send('pull_request', payload)).toBe(200);
    await h.settle();

    [state] = (await h.pulls()).filter((p) => p.number === pr.number);
    expect(state!.comments).toHaveLength(1);
    expect(state!.comments[0]!.id).toBe(first.id);
    expect(state!.comments[0]!.body).toMatch(/2 sections stale in fr, nl/);
    // No translation branch comes from a PR that is not merged.
    expect(Object.keys(await h.branches()).sort()).toEqual(['main', 'policy-update']);
  });
});
