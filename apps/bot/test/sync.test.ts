/**
 * English pushes to the default branch, end to end over real HTTP: the emulator delivers
 * signed webhooks to the Probot app, the app runs core's workflow through the GitHub
 * adapter, and the assertions read the state the emulator ends in.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { BOT_LOGIN, TOKENS, startHarness, type Harness } from './harness.js';

const EN = 'locales/en/your-data.md';
const FR = 'locales/fr/your-data.md';
const NL = 'locales/nl/your-data.md';
const STALE = /<!-- i18n-drift:stale section="([^"]+)"/g;

let h: Harness;
afterEach(async () => {
  await h?.close();
});

async function editEnglish(find: string, replace: string, message = 'Update the retention period'): Promise<string> {
  const text = (await h.readFile(EN, 'main'))!;
  expect(text).toContain(find);
  return h.push({ branch: 'main', files: { [EN]: text.replace(find, replace) }, message });
}

/** A `push` payload for main as GitHub shapes it (the emulator sends none for some cases). */
async function pushPayload(input: { before: string; after: string; sender: string }) {
  const repository = await h.api('GET', `/repos/acme/privacy-docs`);
  return {
    ref: 'refs/heads/main',
    before: input.before,
    after: input.after,
    created: false,
    deleted: false,
    forced: false,
    repository,
    sender: { login: input.sender, type: input.sender.endsWith('[bot]') ? 'Bot' : 'User' },
    installation: { id: 77 },
  };
}

const staleIds = (text: string | null) => [...(text ?? '').matchAll(STALE)].map((m) => m[1]);

describe('push to the default branch', () => {
  test('the first English push opens one PR per locale with the right files, labels and reviewers', async () => {
    h = await startHarness();
    const sha = await editEnglish('We keep these logs for 6 months.', 'We keep these logs for 12 months.');
    await h.settle();

    const branches = await h.branches();
    expect(Object.keys(branches).sort()).toEqual(['i18n-drift/fr', 'i18n-drift/nl', 'main']);
    for (const [locale, path] of [['fr', FR], ['nl', NL]] as const) {
      const ahead = await h.commitsAhead('main', `i18n-drift/${locale}`);
      expect(ahead).toHaveLength(1);
      expect(ahead[0]!.author).toBe(BOT_LOGIN);
      expect(ahead[0]!.parents).toEqual([sha]);
      expect(staleIds(await h.readFile(path, `i18n-drift/${locale}`))).toEqual(['visitor-data']);
      // Nothing else on the branch changed: the English and the other locale are main's.
      expect(await h.readFile(EN, `i18n-drift/${locale}`)).toBe(await h.readFile(EN, 'main'));
    }
    expect(staleIds(await h.readFile(NL, 'i18n-drift/fr'))).toEqual([]);

    const pulls = await h.pulls();
    expect(pulls.map((p) => [p.head, p.base, p.state])).toEqual([
      ['i18n-drift/fr', 'main', 'open'],
      ['i18n-drift/nl', 'main', 'open'],
    ]);
    const [fr, nl] = pulls;
    expect(fr!.labels).toEqual(['i18n', 'lang:fr', 'policy']);
    expect(nl!.labels).toEqual(['i18n', 'lang:nl']);
    expect(fr!.reviewers).toEqual(['translator-fr']);
    expect(nl!.reviewers).toEqual(['translator-nl']);
    // Written in the locale's language, listing the stale section with its English diff.
    expect(fr!.title).not.toBe(nl!.title);
    for (const p of pulls) {
      expect(p.body).toContain('<!-- i18n-drift:pull-request -->');
      expect(p.body).toContain('12');
      expect(p.body).toContain(sha.slice(0, 7));
      expect(p.comments).toEqual([]);
    }
  });

  test('an executable (100755) translation stays executable on the locale branch the app commits', async () => {
    h = await startHarness();
    const english = (await h.readFile(EN, 'main'))!.replace('We keep these logs for 6 months.', 'We keep these logs for 12 months.');
    const fr = (await h.readFile(FR, 'main'))!;
    await h.push({ branch: 'main', files: { [EN]: english, [FR]: fr }, executable: [FR], message: 'Update the retention period' });
    await h.settle();

    const modes = async (ref: string) => {
      const commit = await h.api('GET', `/repos/acme/privacy-docs/commits/${encodeURIComponent(ref)}`);
      const tree = await h.api('GET', `/repos/acme/privacy-docs/git/trees/${commit.commit.tree.sha}?recursive=1`);
      return Object.fromEntries(tree.tree.filter((e: any) => e.path === FR || e.path === NL).map((e: any) => [e.path, e.mode]));
    };
    expect(await modes('main')).toEqual({ [FR]: '100755', [NL]: '100644' });
    expect(staleIds(await h.readFile(FR, 'i18n-drift/fr'))).toEqual(['visitor-data']);
    expect(await modes('i18n-drift/fr')).toEqual({ [FR]: '100755', [NL]: '100644' });
    expect(staleIds(await h.readFile(NL, 'i18n-drift/nl'))).toEqual(['visitor-data']);
    expect(await modes('i18n-drift/nl')).toEqual({ [FR]: '100755', [NL]: '100644' });
  });

  test('a second push updates the same PRs with one new commit each and one comment', async () => {
    h = await startHarness();
    await editEnglish('We keep these logs for 6 months.', 'We keep these logs for 12 months.');
    await h.settle();
    const before = await h.pulls();
    const headsBefore = await h.branches();

    const second = await editEnglish('We never share personal model data', 'We never share or sell personal model data', 'Never sell model data');
    await h.settle();

    const after = await h.pulls();
    expect(after.map((p) => p.number)).toEqual(before.map((p) => p.number));
    expect(after.every((p) => p.state === 'open')).toBe(true);
    const heads = await h.branches();
    for (const locale of ['fr', 'nl']) {
      expect(heads[`i18n-drift/${locale}`]).not.toBe(headsBefore[`i18n-drift/${locale}`]);
      const ahead = await h.commitsAhead('main', `i18n-drift/${locale}`);
      // Rebuilt on the new English head: one commit by the app, on top of `second`.
      expect(ahead).toHaveLength(1);
      expect(ahead[0]!.parents).toEqual([second]);
    }
    expect(staleIds(await h.readFile(FR, 'i18n-drift/fr')).sort()).toEqual(['model-data', 'visitor-data'].sort());
    for (const p of after) {
      expect(p.comments).toHaveLength(1);
      expect(p.comments[0]!.user).toBe(BOT_LOGIN);
      expect(p.comments[0]!.body).toContain(second.slice(0, 7));
      expect(p.body).toContain(second.slice(0, 7));
    }
  });

  test("a translator's commit on the locale branch survives a later English push", async () => {
    h = await startHarness();
    await editEnglish('We keep these logs for 6 months.', 'We keep these logs for 12 months.');
    await h.settle();

    const translated = (await h.readFile(FR, 'i18n-drift/fr'))!.replace(
      'Nous conservons ces données de suivi pendant 6 mois.',
      'Nous conservons ces données de suivi pendant 12 mois.',
    );
    const translatorCommit = await h.push({ branch: 'i18n-drift/fr', files: { [FR]: translated }, message: 'Traduire la durée', token: TOKENS.translatorFr });
    await h.settle();

    await editEnglish('We never share personal model data', 'We never share or sell personal model data', 'Never sell model data');
    await h.settle();

    const ahead = await h.commitsAhead('main', 'i18n-drift/fr');
    expect(ahead.map((c) => c.sha)).toContain(translatorCommit);
    expect(ahead.at(-1)!.author).toBe(BOT_LOGIN);
    expect(ahead.at(-1)!.parents).toEqual([translatorCommit]);
    const text = (await h.readFile(FR, 'i18n-drift/fr'))!;
    expect(text).toContain('pendant 12 mois');
    expect(staleIds(text)).toContain('model-data');
  });

  test('a translator pushing while the app rebuilds the branch keeps the commit (the app syncs again)', async () => {
    h = await startHarness();
    await editEnglish('We keep these logs for 6 months.', 'We keep these logs for 12 months.');
    await h.settle();
    const fr = (await h.readFile(FR, 'i18n-drift/fr'))!.replace('pendant 6 mois', 'pendant 12 mois');
    let translatorCommit: string | undefined;
    // Right when the app writes its first tree of the next sync (after it looked at the
    // branches, before it moves them), the translator pushes.
    h.proxy.onRequest(async (method, path) => {
      if (translatorCommit === undefined && method === 'POST' && path.endsWith('/git/trees')) {
        translatorCommit = 'pending';
        translatorCommit = await h.push({ branch: 'i18n-drift/fr', files: { [FR]: fr }, token: TOKENS.translatorFr, message: 'Traduire' });
      }
    });
    await editEnglish('We never share personal model data', 'We never share or sell personal model data', 'Never sell model data');
    await h.settle();

    const ahead = await h.commitsAhead('main', 'i18n-drift/fr');
    expect(ahead.map((c) => c.sha)).toContain(translatorCommit);
    expect(ahead.at(-1)!.author).toBe(BOT_LOGIN);
    const text = (await h.readFile(FR, 'i18n-drift/fr'))!;
    expect(text).toContain('pendant 12 mois');
    expect(staleIds(text)).toContain('model-data');
    const pulls = await h.pulls();
    expect(pulls.map((p) => p.comments.length)).toEqual([1, 1]);
  });

  test('a redelivered push changes nothing, even under a new delivery id', async () => {
    h = await startHarness();
    await editEnglish('We keep these logs for 6 months.', 'We keep these logs for 12 months.');
    await h.settle();
    const state = { branches: await h.branches(), pulls: await h.pulls() };
    const original = h.deliveries.find((d) => d.headers['x-github-event'] === 'push' && JSON.parse(d.body).ref === 'refs/heads/main')!;
    h.proxy.reset();

    expect(await h.deliver(original)).toBe(200);
    await h.settle();
    expect(h.proxy.apiRequests().writes).toEqual([]);

    // A copy GitHub never sends (same payload, new id) gets past the delivery log: the
    // workflow itself must then find nothing to do.
    expect(await h.deliver({ ...original, headers: { ...original.headers, 'x-github-delivery': 'another-id' } })).toBe(200);
    await h.settle();
    expect(h.proxy.apiRequests().writes).toEqual([]);
    expect({ branches: await h.branches(), pulls: await h.pulls() }).toEqual(state);
  });

  test('two overlapping pushes run one after the other and end in the state that reflects both', async () => {
    h = await startHarness();
    const en = (await h.readFile(EN, 'main'))!;
    const first = en.replace('We keep these logs for 6 months.', 'We keep these logs for 12 months.');
    // Hold the first sync at its first write until the second push has been delivered,
    // so the two deliveries overlap for sure.
    const pushes = () => h.deliveries.filter((d) => d.headers['x-github-event'] === 'push').length;
    let held = false;
    h.proxy.onRequest(async (method, path) => {
      if (held || method !== 'POST' || !path.endsWith('/git/trees')) return;
      held = true;
      while (pushes() < 2) await new Promise((r) => setTimeout(r, 5));
    });
    const a = await h.push({ branch: 'main', files: { [EN]: first }, message: 'Retention' });
    const b = await h.push({ branch: 'main', files: { [EN]: first.replace('We never share personal model data', 'We never share or sell personal model data') }, message: 'Sell' });
    await h.settle();
    expect(h.maxPending()).toBeGreaterThanOrEqual(2);

    const pulls = await h.pulls();
    expect(pulls.map((p) => p.head)).toEqual(['i18n-drift/fr', 'i18n-drift/nl']);
    for (const locale of ['fr', 'nl']) {
      const ahead = await h.commitsAhead('main', `i18n-drift/${locale}`);
      expect(ahead).toHaveLength(1);
      expect(ahead[0]!.parents).toEqual([b]);
    }
    expect(staleIds(await h.readFile(NL, 'i18n-drift/nl')).sort()).toEqual(['model-data', 'visitor-data']);
    for (const p of pulls) {
      expect(p.body).toContain(a.slice(0, 7));
      expect(p.body).toContain(b.slice(0, 7));
    }
  });
});

describe('pushes the app leaves alone', () => {
  test('pushes to other branches and by the app itself are ignored', async () => {
    h = await startHarness();
    const en = (await h.readFile(EN, 'main'))!;
    await h.push({ branch: 'feature', from: 'main', files: { [EN]: en.replace('6 months', '12 months') } });
    await h.settle();
    expect(Object.keys(await h.branches()).sort()).toEqual(['feature', 'main']);

    // The app's own push to the default branch (e.g. a merge it made): same payload GitHub
    // would send, with the app as sender.
    const own = await pushPayload({ before: (await h.branches()).main!, after: (await h.branches()).feature!, sender: BOT_LOGIN });
    h.proxy.reset();
    expect(await h.send('push', own)).toBe(200);
    // A deleted default branch is no English change either.
    expect(await h.send('push', { ...own, sender: { login: 'maintainer', type: 'User' }, deleted: true, after: '0'.repeat(40) })).toBe(200);
    await h.settle();
    expect(h.proxy.apiRequests().writes).toEqual([]);
    expect(Object.keys(await h.branches()).sort()).toEqual(['feature', 'main']);
    expect(await h.pulls()).toEqual([]);
  });

  test('a repository without .github/i18n-drift.yml is left alone', async () => {
    h = await startHarness({ config: null });
    h.proxy.reset();
    const sha = await editEnglish('We keep these logs for 6 months.', 'We keep these logs for 12 months.');
    await h.settle();
    expect(h.proxy.apiRequests().writes).toEqual([]);
    expect(Object.keys(await h.branches())).toEqual(['main']);
    expect(await h.checkRuns(sha)).toEqual([]);
  });

  test('a bad signature gets 400 and writes nothing', async () => {
    h = await startHarness();
    const en = (await h.readFile(EN, 'main'))!;
    await h.push({ branch: 'feature', from: 'main', files: { [EN]: en.replace('6 months', '12 months') } });
    await h.settle();
    const payload = await pushPayload({ before: (await h.branches()).main!, after: (await h.branches()).feature!, sender: 'maintainer' });
    const body = JSON.stringify(payload);
    h.proxy.reset();
    const status = await h.deliver({
      headers: { 'x-github-event': 'push', 'x-github-delivery': 'forged', 'x-hub-signature-256': h.sign(`${body} `) },
      body,
    });
    expect(status).toBe(400);
    await h.settle();
    expect(h.proxy.requests).toEqual([]);
    expect(Object.keys(await h.branches()).sort()).toEqual(['feature', 'main']);
  });
});

describe('pull requests that are gone', () => {
  test('a merged PR with a deleted branch is followed by a fresh one; skip keywords mark nothing', async () => {
    h = await startHarness();
    await editEnglish('We keep these logs for 6 months.', 'We keep these logs for 12 months.');
    await h.settle();
    const [fr] = await h.pulls();
    await h.api('PUT', `/repos/acme/privacy-docs/pulls/${fr!.number}/merge`, { merge_method: 'merge' });
    await h.api('DELETE', `/repos/acme/privacy-docs/git/refs/heads/i18n-drift/fr`);
    await h.settle();
    expect(staleIds(await h.readFile(FR, 'main'))).toEqual(['visitor-data']);

    // A typo fix marked as such marks nothing stale (core may still commit the moved pins).
    await editEnglish('We never share personal model data', 'We never share personal model data.', 'Typo [i18n skip]');
    await h.settle();
    const branches = await h.branches();
    if (branches['i18n-drift/fr']) expect(staleIds(await h.readFile(FR, 'i18n-drift/fr'))).toEqual(['visitor-data']);
    expect(staleIds(await h.readFile(NL, 'i18n-drift/nl'))).toEqual(['visitor-data']);

    const third = await editEnglish('We never share personal model data.', 'We never share or sell personal model data.', 'Never sell model data');
    await h.settle();
    const open = (await h.pulls()).filter((p) => p.state === 'open');
    expect(open.map((p) => p.head).sort()).toEqual(['i18n-drift/fr', 'i18n-drift/nl']);
    const fresh = open.find((p) => p.head === 'i18n-drift/fr')!;
    expect(fresh.number).not.toBe(fr!.number);
    expect(fresh.labels).toContain('lang:fr');
    const ahead = await h.commitsAhead('main', 'i18n-drift/fr');
    expect(ahead).toHaveLength(1);
    expect(ahead[0]!.parents).toEqual([third]);
    expect(ahead[0]!.author).toBe(BOT_LOGIN);
    // The merged stale marker is still there; the new change adds its own.
    expect(staleIds(await h.readFile(FR, 'i18n-drift/fr')).sort()).toEqual(['model-data', 'visitor-data']);
  });

  test('the package default export is the app (as probot run and the Action load it)', async () => {
    const { default: app } = await import('../src/index.js');
    h = await startHarness({ app: () => app });
    await editEnglish('We keep these logs for 6 months.', 'We keep these logs for 12 months.');
    await h.settle();
    expect((await h.pulls()).map((p) => p.head)).toEqual(['i18n-drift/fr', 'i18n-drift/nl']);
  });
});
