/**
 * Onboarding, end to end on the emulator: a repository whose translations existed before
 * the app (no pins) gets one pull request per locale that starts tracking them, pinned
 * where each translator left off, with what the English changed since marked stale.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { DEFAULT_CONFIG, OWNER, REPO, TOKENS, seedFiles, startHarness, type Harness } from './harness.js';

const EN = 'locales/en/your-data.md';
const FR = 'locales/fr/your-data.md';
const NL = 'locales/nl/your-data.md';
const MARKER = /<!-- i18n-drift:(stale|missing) section="([^"]+)"[^\n]*-->/g;
const markers = (text: string | null) => [...(text ?? '').matchAll(MARKER)].map((m) => `${m[1]}:${m[2]}`).sort();

let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** Config, the English document and both translations in one commit, no pins (as before the app). */
async function unadopted(): Promise<Harness> {
  const seeds = seedFiles();
  return startHarness({ files: { [EN]: seeds[EN]!, [FR]: seeds[FR]!, [NL]: seeds[NL]! }, config: DEFAULT_CONFIG, adopt: false });
}

/** Branch heads and pull requests: what a redelivery must leave as it is. */
async function state() {
  const pulls = await h.pulls();
  return { branches: await h.branches(), pulls: pulls.map((p) => ({ ...p, comments: p.comments.length })) };
}

describe('onboarding a repository with translations and no pins', () => {
  test('an English push opens one PR per locale from history; a translator commit survives the next push; a redelivery changes nothing', async () => {
    h = await unadopted();
    const seeded = h.seedSha;
    const english = (await h.readFile(EN, 'main'))!;
    const update = await h.push({ branch: 'main', files: { [EN]: english.replace('We keep these logs for 6 months.', 'We keep these logs for 12 months.') }, message: 'Keep logs for 12 months' });
    await h.settle();

    const pulls = await h.pulls();
    expect(pulls.map((p) => [p.head, p.state])).toEqual([
      ['i18n-drift/fr', 'open'],
      ['i18n-drift/nl', 'open'],
    ]);
    const [fr, nl] = pulls;
    expect(fr!.title).toBe('i18n-drift : suivi de 1 document français — 1 section en retard');
    expect(fr!.labels).toEqual(['i18n', 'lang:fr', 'policy']);
    expect(nl!.labels).toEqual(['i18n', 'lang:nl']);
    expect(fr!.reviewers).toEqual(['translator-fr']);
    expect(nl!.reviewers).toEqual(['translator-nl']);
    for (const p of pulls) {
      expect(p.body).toContain('We keep these logs for <del>6</del><ins>12</ins> months.');
      expect(p.body).toContain(seeded.slice(0, 7)); // the pin: the translations' own commit
      expect(p.body).toContain(update.slice(0, 7));
    }
    for (const [locale, path] of [['fr', FR], ['nl', NL]] as const) {
      const text = await h.readFile(path, `i18n-drift/${locale}`);
      expect(markers(text)).toEqual(['stale:visitor-data']);
      // Every translated line kept.
      for (const line of seedFiles()[path]!.split('\n').filter((l) => l.trim() !== '' && l !== '---')) expect(text).toContain(line);
    }

    // The translator finishes the stale section on the branch.
    const onBranch = (await h.readFile(FR, 'i18n-drift/fr'))!;
    const finished = onBranch.replace('pendant 6 mois', 'pendant 12 mois').replace(/<!-- i18n-drift:stale section="visitor-data"[^\n]*-->\n/, '');
    const translatorCommit = await h.push({ branch: 'i18n-drift/fr', files: { [FR]: finished }, message: 'fr : 12 mois', token: TOKENS.translatorFr });
    await h.settle();

    const latest = (await h.readFile(EN, 'main'))!;
    await h.push({ branch: 'main', files: { [EN]: latest.replace('We keep model data up to 12 months', 'We keep model data up to 3 months') }, message: 'Shorter model retention' });
    await h.settle();
    const ahead = await h.commitsAhead('main', 'i18n-drift/fr');
    expect(ahead.map((c) => c.sha)).toContain(translatorCommit);
    const frText = await h.readFile(FR, 'i18n-drift/fr');
    expect(frText).toContain('pendant 12 mois');
    expect(markers(frText)).toEqual(['stale:model-data']);
    expect((await h.pulls()).filter((p) => p.state === 'open')).toHaveLength(2);

    const before = await state();
    const last = h.deliveries.filter((d) => d.headers['x-github-event'] === 'push').at(-1)!;
    expect(await h.deliver(last)).toBeLessThan(300);
    await h.settle();
    expect(await state()).toEqual(before);
  });

  test('installing the app on a repository whose translations are all current opens the PRs that carry the pins; a redelivery changes nothing', async () => {
    h = await unadopted();
    const installation = {
      action: 'created',
      installation: { id: 77, account: { login: OWNER } },
      repositories: [{ id: 1, name: REPO, full_name: `${OWNER}/${REPO}`, private: false }],
      sender: { login: 'maintainer', type: 'User' },
    };
    expect(await h.send('installation', installation, 'install-1')).toBeLessThan(300);
    await h.settle();

    const pulls = await h.pulls();
    expect(pulls.map((p) => [p.head, p.title])).toEqual([
      ['i18n-drift/fr', 'i18n-drift : suivi de 1 document français'],
      ['i18n-drift/nl', 'i18n-drift: 1 document in het Nederlands gevolgd'],
    ]);
    expect(pulls[0]!.reviewers).toEqual(['translator-fr']);
    const fr = (await h.readFile(FR, 'i18n-drift/fr'))!;
    expect(markers(fr)).toEqual([]);
    expect(fr).toContain(`commit: ${h.seedSha}`);

    const before = await state();
    expect(await h.send('installation', installation, 'install-1')).toBeLessThan(300);
    await h.settle();
    expect(await state()).toEqual(before);
  });
});
