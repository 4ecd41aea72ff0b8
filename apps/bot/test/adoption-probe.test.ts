/**
 * Onboarding on any push to the default branch, end to end on the emulator: a translation
 * that arrived without pins while the app was not listening is adopted by the next push,
 * whatever that push touched; and finding out costs a normal push (nearly) nothing, since
 * every translation blob is read once and then known by its id.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { OWNER, REPO, seedFiles, startHarness, type Harness } from './harness.js';

const EN = 'locales/en/your-data.md';
const FR = 'locales/fr/your-data.md';
const NL = 'locales/nl/your-data.md';
const repoPath = `/repos/${OWNER}/${REPO}`;

let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** The app's GitHub requests since the last reset, and the blob ids it read (one by one, or in GraphQL queries). */
function requests() {
  const { reads, writes } = h.proxy.apiRequests();
  const graphql = reads.filter((r) => r.path === '/graphql');
  const blobs = [
    ...reads.filter((r) => r.path.includes('/git/blobs/')).map((r) => r.path.split('/git/blobs/')[1]!.split('?')[0]!),
    ...graphql.flatMap((r) => r.blobs ?? []),
  ];
  // The first-parent walk that finds an unpinned translation's last commit: one read per commit.
  const walked = reads.filter((r) => /\/commits\/[0-9a-f]{40}\?per_page=300/.test(r.path)).length;
  return { reads: reads.length, writes: writes.length, blobs, walked, graphql: graphql.length };
}

const blobOf = async (path: string, ref: string) => (await h.api<{ sha: string }>('GET', `${repoPath}/contents/${path}?ref=${ref}`)).sha;

async function state() {
  const pulls = await h.pulls();
  const { main: _main, ...branches } = await h.branches();
  return { branches, pulls: pulls.map((p) => ({ ...p, comments: p.comments.length })) };
}

describe('onboarding on any push to the default branch', () => {
  test('a README-only push opens the onboarding PR of a translation added without pins while the app was down; the next push reads no translation again and changes nothing; a redelivery changes nothing', async () => {
    const seeds = seedFiles();
    // English and its French translation, adopted (pinned) as `i18n-drift init` would.
    h = await startHarness({ files: { [EN]: seeds[EN]!, [FR]: seeds[FR]! } });
    const dutch = await h.offline(() => h.push({ branch: 'main', files: { [NL]: seeds[NL]! }, message: 'Dutch translation' }));
    expect(await h.pulls()).toEqual([]);

    h.proxy.reset();
    await h.push({ branch: 'main', files: { 'README.md': '# Privacy documents\n' }, message: 'Readme' });
    await h.settle();

    const pulls = await h.pulls();
    expect(pulls.map((p) => [p.head, p.state, p.title])).toEqual([['i18n-drift/nl', 'open', 'i18n-drift: 1 document in het Nederlands gevolgd']]);
    expect(pulls[0]!.labels).toEqual(['i18n', 'lang:nl']);
    expect(pulls[0]!.reviewers).toEqual(['translator-nl']);
    expect(pulls[0]!.body).toContain(dutch.slice(0, 7)); // the pin: the translation's own commit
    const nl = (await h.readFile(NL, 'i18n-drift/nl'))!;
    expect(nl).toContain(`commit: ${dutch}`);
    for (const line of seeds[NL]!.split('\n').filter((l) => l.trim() !== '' && l !== '---')) expect(nl).toContain(line);
    expect(Object.keys(await h.branches()).sort()).toEqual(['i18n-drift/nl', 'main']);
    // Cold: both translations were read once (French to learn it is adopted).
    const frBlob = await blobOf(FR, 'main');
    expect(requests().blobs).toContain(frBlob);

    const before = await state();
    h.proxy.reset();
    await h.push({ branch: 'main', files: { 'README.md': '# Privacy documents\n\nSee locales/.\n' }, message: 'Readme again' });
    await h.settle();
    expect(await state()).toEqual(before);
    const further = requests();
    expect(further.writes).toBe(0);
    // The adopted French is known by its blob id: never read again.
    expect(further.blobs).not.toContain(frBlob);
    // What is left is the sync of the Dutch document its open PR carries (the same on any
    // push): its history walk reads only the commit pushed since (commits are remembered).
    expect(further.walked).toBe(1);
    expect(further.reads).toBeLessThanOrEqual(16);

    // And it does not grow with the pushes made while the pull request stays open (from the
    // next one on, the branch's fork point is no longer the pushed range's start: one compare more).
    const counts = [];
    for (const text of ['three', 'four', 'five']) {
      h.proxy.reset();
      await h.push({ branch: 'main', files: { 'README.md': `${text}\n` }, message: `Readme ${text}` });
      await h.settle();
      const { blobs: _blobs, ...count } = requests();
      counts.push(count);
    }
    expect(counts).toEqual([counts[0], counts[0], counts[0]]);
    expect(counts[0]).toEqual({ reads: further.reads + 1, writes: 0, walked: 1, graphql: 0 });
    expect(await state()).toEqual(before);

    const last = h.deliveries.filter((d) => d.headers['x-github-event'] === 'push').at(-1)!;
    h.proxy.reset();
    expect(await h.deliver(last)).toBeLessThan(300);
    await h.settle();
    expect(await state()).toEqual(before);
    expect(h.proxy.apiRequests().reads).toHaveLength(0);
  });

  test('a second translation without pins added while the app was down joins the open onboarding PR of its locale on the next push', async () => {
    const seeds = seedFiles();
    const EN2 = 'locales/en/passbolt-privacy.md';
    const NL2 = 'locales/nl/passbolt-privacy.md';
    h = await startHarness({ files: { [EN]: seeds[EN]!, [FR]: seeds[FR]!, [EN2]: seeds[EN2]! } });
    await h.offline(() => h.push({ branch: 'main', files: { [NL]: seeds[NL]! }, message: 'Dutch translation' }));
    await h.push({ branch: 'main', files: { 'README.md': 'one\n' }, message: 'Readme' });
    await h.settle();
    const [opened] = await h.pulls();
    expect(opened!.title).toBe('i18n-drift: 1 document in het Nederlands gevolgd');

    const dutch2 = seeds[EN2]!.replace('title: Privacy Policy', 'title: Privacybeleid').replace('# Privacy Policy', '# Privacybeleid');
    const second = await h.offline(() => h.push({ branch: 'main', files: { [NL2]: dutch2 }, message: 'Dutch privacy policy' }));
    await h.push({ branch: 'main', files: { 'README.md': 'two\n' }, message: 'Readme again' });
    await h.settle();

    const pulls = await h.pulls();
    expect(pulls.map((p) => [p.number, p.head, p.state, p.title])).toEqual([[opened!.number, 'i18n-drift/nl', 'open', 'i18n-drift: 2 documenten in het Nederlands gevolgd']]);
    expect(pulls[0]!.body).toContain(NL2);
    expect(await h.readFile(NL2, 'i18n-drift/nl')).toContain(`commit: ${second}`);
    expect(await h.readFile(NL, 'i18n-drift/nl')).toContain('i18n:');
    expect(Object.keys(await h.branches()).sort()).toEqual(['i18n-drift/nl', 'main']);
  });

  test('an i18next catalog added without its state file while the app was down is onboarded by a README push too (the sync walks every catalog)', async () => {
    const seeds = seedFiles();
    const catalog = (lng: string) => readFileSync(new URL(`../../../locales/${lng}/i18n-drift.json`, import.meta.url), 'utf8');
    const config = 'sourceLocale: en\nfiles:\n  - locales/{locale}/**/*.md\n  - locales/{locale}/i18n-drift.json\n';
    h = await startHarness({ config, files: { [EN]: seeds[EN]!, [FR]: seeds[FR]!, 'locales/en/i18n-drift.json': catalog('en') } });
    await h.offline(() => h.push({ branch: 'main', files: { 'locales/nl/i18n-drift.json': catalog('nl') }, message: 'Dutch strings' }));
    await h.push({ branch: 'main', files: { 'README.md': 'one\n' }, message: 'Readme' });
    await h.settle();
    expect((await h.pulls()).map((p) => [p.head, p.state])).toEqual([['i18n-drift/nl', 'open']]);
    expect(await h.readFile('locales/nl/i18n-drift.json.i18n-drift', 'i18n-drift/nl')).toMatch(/^commit [0-9a-f]{40}$/m);
  });

  test.each([
    ['in one GraphQL query', true],
    ['one by one when GitHub has no GraphQL', false],
  ])('on a fully adopted repository the first push reads each translation once (%s), later ones none: the probe costs no request then', async (_how, graphql) => {
    h = await startHarness({ graphql });
    const seeds = seedFiles();
    // Translations of an English document (the seeds' French privacy.md has none: an orphan, never read).
    const translations = Object.keys(seeds).filter((p) => !p.startsWith('locales/en/') && seeds[p.replace(/^locales\/[^/]+\//, 'locales/en/')] !== undefined).length;
    expect(translations).toBe(2);

    h.proxy.reset();
    await h.push({ branch: 'main', files: { 'README.md': 'one\n' }, message: 'Readme' });
    await h.settle();
    const first = requests();
    expect(first.writes).toBe(0);
    expect(first.blobs).toHaveLength(translations);
    // Batched: one query; without GraphQL, one refused query and a read per blob.
    const probeReads = graphql ? 1 : 1 + translations;
    expect(first.graphql).toBe(1);

    h.proxy.reset();
    await h.push({ branch: 'main', files: { 'README.md': 'two\n' }, message: 'Readme again' });
    await h.settle();
    const later = requests();
    expect(later.writes).toBe(0);
    expect(later.blobs).toEqual([]);
    expect(later.reads).toBe(first.reads - probeReads);
    expect(await h.pulls()).toEqual([]);

    // A translation edited (still pinned) is one blob read more (the sync's, which the probe learns from), and only that.
    const fr = (await h.readFile(FR, 'main'))!;
    h.proxy.reset();
    await h.push({ branch: 'main', files: { [FR]: fr.replace('pendant 6 mois', 'pendant six mois') }, message: 'fr: wording' });
    await h.settle();
    expect(requests().blobs).toEqual([await blobOf(FR, 'main')]);
  });

  test('1,000 adopted translations: the first push reads each once, the next one none of them (the figure in the README)', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 250; i += 1) {
      const english = `# Page ${i}\n\nIntro ${i}.\n\n## Details\n\nDetail ${i}.\n`;
      files[`locales/en/page-${i}.md`] = english;
      for (const locale of ['fr', 'nl', 'de', 'es']) files[`locales/${locale}/page-${i}.md`] = english.replace(/Page|Intro|Detail/g, (w) => `${w}-${locale}`);
    }
    h = await startHarness({ files });

    h.proxy.reset();
    await h.push({ branch: 'main', files: { 'README.md': 'one\n' }, message: 'Readme' });
    await h.settle();
    const first = requests();
    expect(first.blobs).toHaveLength(1_000);
    expect(first.graphql).toBe(10);
    expect(first.writes).toBe(0);

    h.proxy.reset();
    await h.push({ branch: 'main', files: { 'README.md': 'two\n' }, message: 'Readme again' });
    await h.settle();
    const later = requests();
    expect(later).toEqual({ reads: first.reads - 10, writes: 0, blobs: [], walked: 0, graphql: 0 });
    expect(await h.pulls()).toEqual([]);
  });
});
