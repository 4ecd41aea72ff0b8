import { describe, expect, it } from 'vitest';
import { findMarkers } from '../stale-marker.js';
import { readPins } from '../pins.js';
import { syncRepository } from './sync-workflow.js';
import { gitBlobId } from './git-blob-id.js';
import type { MemoryHost } from './memory-host.js';
import { previewSourceChange } from './preview-source-change.js';
import { resolveTranslationBranch } from './resolve-translation-branch.js';
import { removeMarkers } from '../stale-marker.js';
import { adopt } from '../adopt.js';
import { parseConfig } from '../config.js';
import { createMemoryHost } from './memory-host.js';
import { adoptedRepository, englishUpdate, EN, FR, NL, localize, seed, testConfig } from './test-fixtures.js';

const config = testConfig();
const markers = (text: string) => findMarkers(text).map((m) => `${m.kind}:${m.section}`).sort();

describe('syncRepository (branch mode)', () => {
  it('opens one PR per locale with the English changes, labels and reviewers', async () => {
    const { host } = adoptedRepository();
    const update = host.commit('main', { [EN]: englishUpdate(seed(EN)) }, { message: 'Shorter log retention, newsletter', author: 'alice' });
    const result = await syncRepository(host, { config, mode: 'branch', t: localize });

    expect(result.locales.map((l) => [l.locale, l.action])).toEqual([['fr', 'opened'], ['nl', 'opened']]);
    const fr = host.snapshot('i18n-drift/fr')[FR]!;
    expect(markers(fr)).toEqual(['missing:newsletter-data', 'stale:intro', 'stale:visitor-data']);
    expect(fr).not.toContain('Model data');
    expect(fr).toContain('Nous conservons ces données de suivi pendant 6 mois.'); // translated text kept as is
    expect(findMarkers(fr).find((m) => m.section === 'visitor-data')!.since).toBe(update);
    expect(readPins(fr)!.commit).toBe(update);
    // main is untouched
    expect(host.snapshot('main')[FR]).toBe(host.snapshot(result.to)[FR]);

    const [prFr, prNl] = host.pulls;
    expect(prFr!.labels).toEqual(['i18n', 'lang:fr', 'docs']);
    expect(prFr!.reviewers).toEqual(['marie']);
    expect(prNl!.reviewers).toEqual(['joost']);
    expect(prFr!.title).toMatch(/^i18n-drift : 3 sections à traduire en français/);
    expect(prNl!.title).toContain('Nederlands');
    expect(prFr!.body).toContain('- [ ] **Visitor data**');
    expect(prFr!.body).toContain('We keep these logs for <del>6 months</del><ins>30 days</ins>.');
    expect(prFr!.body).toContain('~~**Model data**~~');
    expect(prFr!.body).toContain(update.slice(0, 7));
    const sections = result.locales[0]!.sections.map((s) => `${s.state}:${s.id}`).sort();
    expect(sections).toEqual(['missing:newsletter-data', 'removed:model-data', 'stale:intro', 'stale:visitor-data']);
  });

  it('does nothing the second time (same state, same texts)', async () => {
    const { host } = adoptedRepository();
    host.commit('main', { [EN]: englishUpdate(seed(EN)) }, { message: 'update' });
    await syncRepository(host, { config, mode: 'branch', t: localize });
    const writes = host.writes.length;
    const heads = new Map(host.branches);
    const again = await syncRepository(host, { config, mode: 'branch', t: localize });
    expect(host.writes.length).toBe(writes);
    expect(new Map(host.branches)).toEqual(heads);
    expect(again.locales.every((l) => l.action === 'unchanged')).toBe(true);
  });

  it('updates the open PR with one commit and one comment when English changes again', async () => {
    const { host } = adoptedRepository();
    host.commit('main', { [EN]: englishUpdate(seed(EN)) }, { message: 'update 1' });
    await syncRepository(host, { config, mode: 'branch', t: localize });
    const firstHead = host.branches.get('i18n-drift/fr');
    const second = host.commit('main', { [EN]: englishUpdate(seed(EN)).replace('12 months after your last login', '6 months after your last login') }, { message: 'update 2: shorter profile retention' });
    const result = await syncRepository(host, { config, mode: 'branch', t: localize });

    const fr = result.locales.find((l) => l.locale === 'fr')!;
    expect(fr.action).toBe('updated');
    expect(host.pulls.filter((p) => p.head === 'i18n-drift/fr')).toHaveLength(1);
    const pr = host.pulls.find((p) => p.head === 'i18n-drift/fr')!;
    expect(pr.comments).toHaveLength(1);
    expect(pr.comments[0]).toContain(second.slice(0, 7));
    expect(pr.comments[0]).toMatch(/a encore changé/);
    expect(pr.body).toContain(second.slice(0, 7));
    // tool-only branch: rebuilt on the new main in one commit
    expect(host.branches.get('i18n-drift/fr')).not.toBe(firstHead);
    const branch = await host.getBranch('i18n-drift/fr', 'main');
    expect(branch!.commits).toHaveLength(1);
  });

  it('builds on a translator commit and never forces', async () => {
    const { host } = adoptedRepository();
    host.commit('main', { [EN]: englishUpdate(seed(EN)) }, { message: 'update 1' });
    await syncRepository(host, { config, mode: 'branch', t: localize });
    // Marie translates the newsletter section on the branch.
    const branchText = host.snapshot('i18n-drift/fr')[FR]!;
    const translated = removeMarkers(branchText, (m) => m.section !== 'newsletter-data').replace(
      'We store your e-mail address until you unsubscribe.',
      'Nous conservons votre adresse e-mail jusqu’à votre désinscription.',
    );
    const marie = host.commit('i18n-drift/fr', { [FR]: translated }, { message: 'Traduction de la lettre d’information', author: 'marie' });

    host.commit('main', { [EN]: englishUpdate(seed(EN)).replace('No, never.', 'No, never, to nobody.') }, { message: 'update 2' });
    const result = await syncRepository(host, { config, mode: 'branch', t: localize });
    const fr = result.locales.find((l) => l.locale === 'fr')!;
    expect(fr.commit).not.toBeNull();
    const branch = await host.getBranch('i18n-drift/fr', 'main');
    expect(branch!.commits.map((c) => c.sha)).toContain(marie);
    expect(branch!.commits.at(-1)!.sha).toBe(fr.commit);
    const text = host.snapshot('i18n-drift/fr')[FR]!;
    expect(text).toContain('Nous conservons votre adresse e-mail');
    // Marie removed the marker: the section is re-pinned in the tool's commit (no second commit).
    const english = host.snapshot('main')[EN]!;
    expect(readPins(text)!.sections['newsletter-data']).toBeDefined();
    expect(readPins(host.snapshot(marie)[FR]!)!.sections['newsletter-data']).toBeUndefined();
    expect(english).toContain('Newsletter data');
    expect(branch!.commits.filter((c) => c.byTool)).toHaveLength(2);
    // The body still lists the newsletter section, now ticked.
    expect(fr.body).toMatch(/- \[x\] \*\*Newsletter data\*\*/);
  });

  it('shows a section the translator finished on the branch, then changed again in English, as the English change since their version', async () => {
    const { host } = adoptedRepository();
    host.commit('main', { [EN]: englishUpdate(seed(EN)) }, { message: 'update 1' });
    await syncRepository(host, { config, mode: 'branch', t: localize });
    const branchText = host.snapshot('i18n-drift/fr')[FR]!;
    const done = removeMarkers(branchText, (m) => m.section !== 'visitor-data').replace('pendant 6 mois', 'pendant 30 jours');
    host.commit('i18n-drift/fr', { [FR]: done }, { message: 'Rétention : 30 jours', author: 'marie' });
    host.commit('main', { [EN]: englishUpdate(seed(EN)).replace('We keep these logs for 30 days.', 'We keep these logs for 14 days.') }, { message: 'update 2' });
    const result = await syncRepository(host, { config, mode: 'branch', t: localize });
    const fr = result.locales.find((l) => l.locale === 'fr')!;
    expect(fr.sections.find((s) => s.id === 'visitor-data')).toMatchObject({ state: 'stale', resolved: false });
    // Marie's text says 30 days: the diff she needs is 30 -> 14, not the 6 months main's translation says.
    expect(fr.body).toContain('We keep these logs for <del>30</del><ins>14</ins> days.');
    expect(fr.body).not.toContain('<del>6 months</del>');
    // The Dutch branch was not touched by a translator: its diff starts from main's translation.
    const nl = result.locales.find((l) => l.locale === 'nl')!;
    expect(nl.body).toMatch(/We keep these logs for <del>6 months<\/del><ins>14 days<\/ins>\./);

    // Finished again and re-pinned by a sync of its own; then English changes once more.
    const again = removeMarkers(host.snapshot('i18n-drift/fr')[FR]!, (m) => m.section !== 'visitor-data').replace('pendant 30 jours', 'pendant 14 jours');
    host.commit('i18n-drift/fr', { [FR]: again }, { message: 'Rétention : 14 jours', author: 'marie' });
    expect((await syncRepository(host, { config, mode: 'branch', t: localize })).locales.find((l) => l.locale === 'fr')!.repinned).toEqual([{ path: FR, id: 'visitor-data' }]);
    host.commit('main', { [EN]: englishUpdate(seed(EN)).replace('We keep these logs for 30 days.', 'We keep these logs for 7 days.') }, { message: 'update 3' });
    const third = (await syncRepository(host, { config, mode: 'branch', t: localize })).locales.find((l) => l.locale === 'fr')!;
    expect(third.body).toContain('We keep these logs for <del>14</del><ins>7</ins> days.');
  });

  it('rebuilds a tool-only branch after its PR was merged', async () => {
    const { host } = adoptedRepository();
    host.commit('main', { [EN]: englishUpdate(seed(EN)) }, { message: 'update 1' });
    await syncRepository(host, { config, mode: 'branch', t: localize });
    host.closePullRequest(1, { merged: true, deleteBranch: true });
    host.commit('main', { [EN]: host.snapshot('main')[EN]!.replace('No, never.', 'Never.') }, { message: 'update 2' });
    const result = await syncRepository(host, { config, mode: 'branch', t: localize });
    const fr = result.locales.find((l) => l.locale === 'fr')!;
    expect(fr.action).toBe('opened');
    expect(host.pulls.filter((p) => p.head === 'i18n-drift/fr' && p.state === 'open')).toHaveLength(1);
  });

  it('after a PR merged with markers left, the next PR also lists every section still marked (unticked, with its English change since its pin)', async () => {
    const { host } = adoptedRepository();
    host.commit('main', { [EN]: englishUpdate(seed(EN)) }, { message: 'update 1' });
    await syncRepository(host, { config, mode: 'branch', t: localize });
    // Merged as is: the stale and missing markers land on main.
    host.closePullRequest(1, { merged: true, deleteBranch: true });
    expect(markers(host.snapshot('main')[FR]!)).toEqual(['missing:newsletter-data', 'stale:intro', 'stale:visitor-data']);
    const update2 = host.commit('main', { [EN]: host.snapshot('main')[EN]!.replace('title: How we use your personal data', 'title: How we use your data') }, { message: 'update 2: shorter title' });
    const result = await syncRepository(host, { config, mode: 'branch', t: localize });

    const fr = result.locales.find((l) => l.locale === 'fr')!;
    expect(fr.action).toBe('opened');
    const listed = fr.sections.map((s) => `${s.state}:${s.id}:${s.resolved ? 'done' : 'open'}`).sort();
    const changed = fr.sections.filter((s) => s.commits?.includes(update2)).map((s) => s.id);
    expect(changed).toHaveLength(1);
    expect(listed).toEqual(
      [`stale:${changed[0]}:open`, 'missing:newsletter-data:open', 'stale:intro:open', 'stale:visitor-data:open'].sort(),
    );
    const pr = host.pulls.find((p) => p.head === 'i18n-drift/fr' && p.state === 'open')!;
    expect(pr.title).toMatch(/^i18n-drift : 4 sections à traduire en français/);
    expect(pr.body).toContain('- [ ] **Visitor data**');
    expect(pr.body).toContain('- [ ] **Newsletter data**');
    // The leftover stale section shows the English change since the version it translates.
    expect(pr.body).toContain('We keep these logs for <del>6 months</del><ins>30 days</ins>.');
    expect(pr.body).toContain('<del>personal </del>');
    expect(pr.body).not.toMatch(/- \[x\]/);
    // The same state again writes nothing.
    const writes = host.writes.length;
    await syncRepository(host, { config, mode: 'branch', t: localize });
    expect(host.writes.length).toBe(writes);
  });

  it('after a PR merged with markers left, a leftover stale section English changes again shows the English change since its pin', async () => {
    const { host } = adoptedRepository();
    host.commit('main', { [EN]: englishUpdate(seed(EN)) }, { message: 'update 1' });
    await syncRepository(host, { config, mode: 'branch', t: localize });
    host.closePullRequest(1, { merged: true, deleteBranch: true });
    host.commit('main', { [EN]: host.snapshot('main')[EN]!.replace('We keep these logs for 30 days.', 'We keep these logs for 14 days.') }, { message: 'update 2' });
    const result = await syncRepository(host, { config, mode: 'branch', t: localize });
    const fr = result.locales.find((l) => l.locale === 'fr')!;
    expect(fr.sections.map((s) => `${s.state}:${s.id}:${s.resolved ? 'done' : 'open'}`).sort()).toEqual(['missing:newsletter-data:open', 'stale:intro:open', 'stale:visitor-data:open']);
    // The French still says 6 months: the diff is from there, not from 30 days.
    expect(fr.body).toContain('We keep these logs for <del>6 months</del><ins>14 days</ins>.');
    expect(fr.body).not.toContain('<del>30 days</del>');
  });

  it('re-pins instead of marking stale for a commit with a skip keyword', async () => {
    const { host } = adoptedRepository();
    const skip = host.commit('main', { [EN]: seed(EN).replace('We keep these logs for 6 months.', 'We keep these logs for six months.') }, { message: 'Spell out six [i18n skip]' });
    const result = await syncRepository(host, { config, mode: 'plan', t: localize });
    const fr = result.locales.find((l) => l.locale === 'fr')!;
    const text = fr.files.find((f) => f.path === FR)!.content!;
    expect(findMarkers(text)).toEqual([]);
    expect(readPins(text)!.commit).toBe(skip);
    expect(fr.sections).toEqual([]);
  });

  it('re-pins a section whose marker a translator removed on the default branch, and marks it again on the next English change', async () => {
    const { host } = adoptedRepository();
    const update = host.commit('main', { [EN]: seed(EN).replace('We keep these logs for 6 months.', 'We keep these logs for 3 months.') }, { message: 'Shorter retention' });
    const first = await syncRepository(host, { config, mode: 'plan', t: localize });
    const marked = first.locales.find((l) => l.locale === 'fr')!.files.find((f) => f.path === FR)!.content!;
    expect(markers(marked)).toEqual(['stale:visitor-data']);
    host.commit('main', { [FR]: marked }, { message: 'Apply i18n-drift sync' });
    // The translator updates the sentence and deletes the marker, straight on main.
    const translated = removeMarkers(marked).replace('pendant 6 mois', 'pendant 3 mois');
    host.commit('main', { [FR]: translated }, { message: 'Rétention : 3 mois', author: 'marie' });

    const second = await syncRepository(host, { config, mode: 'plan', t: localize });
    const repinned = second.locales.find((l) => l.locale === 'fr')!.files.find((f) => f.path === FR)!.content!;
    expect(markers(repinned)).toEqual([]);
    expect(readPins(repinned)!.sections['visitor-data']).not.toBe(readPins(marked)!.sections['visitor-data']);
    expect(repinned.replace(/\n  sections:[\s\S]*?\n---/, '')).toBe(translated.replace(/\n  sections:[\s\S]*?\n---/, ''));
    expect(findMarkers(marked)[0]!.since).toBe(update);

    // Once re-pinned, the next English change to that section marks it stale again.
    host.commit('main', { [FR]: repinned }, { message: 'Apply i18n-drift sync' });
    host.commit('main', { [EN]: host.snapshot('main')[EN]!.replace('3 months', '30 days') }, { message: 'Even shorter' });
    const third = await syncRepository(host, { config, mode: 'plan', t: localize });
    const again = third.locales.find((l) => l.locale === 'fr')!.files.find((f) => f.path === FR)!.content!;
    expect(markers(again)).toEqual(['stale:visitor-data']);
    expect(again).toContain('pendant 3 mois');
  });

  it('reports the sections it re-pinned because a translator removed their markers (default branch and locale branch)', async () => {
    const { host } = adoptedRepository();
    host.commit('main', { [EN]: seed(EN).replace('We keep these logs for 6 months.', 'We keep these logs for 3 months.') }, { message: 'Shorter retention' });
    const first = await syncRepository(host, { config, mode: 'plan', t: localize });
    expect(first.locales.find((l) => l.locale === 'fr')!.repinned).toEqual([]);
    const marked = first.locales.find((l) => l.locale === 'fr')!.files.find((f) => f.path === FR)!.content!;
    host.commit('main', { [FR]: marked }, { message: 'Apply i18n-drift sync' });
    host.commit('main', { [FR]: removeMarkers(marked).replace('pendant 6 mois', 'pendant 3 mois') }, { message: 'Rétention : 3 mois', author: 'marie' });
    // Nothing changed in English since: the only thing the sync does is re-pin.
    const second = await syncRepository(host, { config, mode: 'plan', t: localize });
    const fr = second.locales.find((l) => l.locale === 'fr')!;
    expect(fr.sections).toEqual([]);
    expect(fr.files.map((f) => f.path)).toEqual([FR]);
    expect(fr.repinned).toEqual([{ path: FR, id: 'visitor-data' }]);
    expect(second.locales.find((l) => l.locale === 'nl')?.repinned ?? []).toEqual([]);

    // On a locale branch: the translator's removed marker is re-pinned in the tool's commit, and said so.
    const other = adoptedRepository().host;
    other.commit('main', { [EN]: englishUpdate(seed(EN)) }, { message: 'update 1' });
    await syncRepository(other, { config, mode: 'branch', t: localize });
    const branchText = other.snapshot('i18n-drift/fr')[FR]!;
    other.commit('i18n-drift/fr', { [FR]: removeMarkers(branchText, (m) => m.section !== 'newsletter-data') }, { message: 'Traduction', author: 'marie' });
    other.commit('main', { [EN]: englishUpdate(seed(EN)).replace('No, never.', 'No, never, to nobody.') }, { message: 'update 2' });
    const result = await syncRepository(other, { config, mode: 'branch', t: localize });
    expect(result.locales.find((l) => l.locale === 'fr')!.repinned).toEqual([{ path: FR, id: 'newsletter-data' }]);
    expect(result.locales.find((l) => l.locale === 'nl')!.repinned).toEqual([]);
  });

  it('lists a stale section under its new id when a later commit reorders duplicate headings (their ids swap)', async () => {
    const host = createMemoryHost();
    const faq = (blocks: string[]) => `# FAQ\n\n${blocks.join('\n')}`;
    const billing = '## Billing\n\n### Question\n\nHow do I pay?\n\n### Answer\n\nBy card.\n';
    const accounts = (answer: string) => `## Accounts\n\n### Question\n\nHow do I sign up?\n\n### Answer\n\n${answer}\n`;
    const v1 = faq([billing, accounts('With an e-mail address.')]);
    const first = host.commit('main', { 'docs/faq/en.md': v1 }, { message: 'FAQ' });
    const fr = '# FAQ\n\n## Facturation\n\n### Question\n\nComment payer ?\n\n### Réponse\n\nPar carte.\n\n## Comptes\n\n### Question\n\nComment s’inscrire ?\n\n### Réponse\n\nAvec une adresse e-mail.\n';
    host.commit('main', { 'docs/faq/fr.md': adopt(v1, fr, { sourceCommit: first }).text }, { message: 'Adopt' });
    const edit = host.commit('main', { 'docs/faq/en.md': faq([billing, accounts('With an e-mail address or a phone number.')]) }, { message: 'Phone sign-up' });
    host.commit('main', { 'docs/faq/en.md': faq([accounts('With an e-mail address or a phone number.'), billing]) }, { message: 'Accounts first' });

    const docs = parseConfig({ files: ['docs/**/{locale}.md'], locales: ['fr'] });
    const result = await syncRepository(host, { config: docs, mode: 'plan', t: localize });
    const plan = result.locales[0]!;
    const text = plan.files[0]!.content!;
    expect(findMarkers(text).map((m) => `${m.kind}:${m.section}:${m.since === edit}`)).toEqual(['stale:answer:true']);
    expect(text.indexOf('Comment s’inscrire ?')).toBeLessThan(text.indexOf('Comment payer ?'));
    // The PR lists the one stale section, under the id it has now; "answer-1" is the Billing answer, untouched.
    expect(plan.sections.map((s) => `${s.state}:${s.id}:${s.resolved}`)).toEqual(['stale:answer:false']);
  });

  it('lists the English commits in history order, also when they share a timestamp', async () => {
    const { host } = adoptedRepository();
    const date = '2026-11-29T10:00:00.000Z';
    const shas: string[] = [];
    let text = seed(EN);
    for (const [from, to, message] of [
      ['6 months', '3 months', 'Shorter retention'],
      ['No, never.', 'Never.', 'Shorter answer'],
      ['12 months after', '6 months after', 'Shorter profile retention'],
      ['Body measurements', 'Your body measurements', 'Clearer model data'],
    ] as const) {
      text = text.replace(from, to);
      shas.push(host.commit('main', { [EN]: text }, { message, date }));
    }
    // Same second: only the history says which came first (sha order would not).
    expect([...shas].sort()).not.toEqual(shas);
    const result = await syncRepository(host, { config, mode: 'plan', t: localize });
    const fr = result.locales.find((l) => l.locale === 'fr')!;
    expect(fr.sourceCommits.map((c) => c.sha)).toEqual(shas);
    const listed = shas.map((sha) => fr.body.indexOf(sha.slice(0, 7)));
    expect(listed.every((at) => at > 0)).toBe(true);
    expect([...listed].sort((a, b) => a - b)).toEqual(listed);
  });

  it('refuses to sync with a translation branch as the base (nothing written)', async () => {
    const { host } = adoptedRepository();
    host.commit('main', { [EN]: englishUpdate(seed(EN)) }, { message: 'update' });
    await syncRepository(host, { config, mode: 'branch', t: localize });
    const pulls = JSON.stringify(host.pulls);
    const heads = new Map(host.branches);
    const writes = host.writes.length;
    const onLocaleBranch = { ...host, defaultBranch: async () => 'i18n-drift/nl' };
    await expect(syncRepository(onLocaleBranch, { config, mode: 'branch', t: localize })).rejects.toMatchObject({ name: 'HostError', code: 'conflict' });
    expect(host.writes.length).toBe(writes);
    expect(JSON.stringify(host.pulls)).toBe(pulls);
    expect(new Map(host.branches)).toEqual(heads);
  });

  it('creates a translation with every section missing for a new English document', async () => {
    const { host } = adoptedRepository();
    host.commit('main', { 'locales/en/passbolt-privacy.md': seed('locales/en/passbolt-privacy.md') }, { message: 'Passbolt policy' });
    const result = await syncRepository(host, { config, mode: 'plan', t: localize });
    const fr = result.locales.find((l) => l.locale === 'fr')!;
    const created = fr.files.find((f) => f.path === 'locales/fr/passbolt-privacy.md')!;
    expect(created.content).not.toBeNull();
    expect(created.created).toBe(true);
    expect(fr.files.filter((f) => f.created).map((f) => f.path)).toEqual(['locales/fr/passbolt-privacy.md']);
    const ids = fr.sections.filter((s) => s.document === 'locales/en/passbolt-privacy.md');
    expect(ids.length).toBeGreaterThan(3);
    expect(ids.every((s) => s.state === 'missing')).toBe(true);
    expect(findMarkers(created.content!).filter((m) => m.kind === 'missing').length).toBeGreaterThan(3);
  });
});

describe('syncRepository: a translation that cannot be read', () => {
  const PASSBOLT = 'locales/en/passbolt-privacy.md';
  /** Main with the English updated, a second English document, and the Dutch your-data.md broken by `breakNl`. */
  function brokenDutch(breakNl: (text: string) => string) {
    const { host } = adoptedRepository();
    const nl = host.snapshot('main')[NL]!;
    const broken = breakNl(nl);
    expect(broken).not.toBe(nl);
    host.commit('main', { [NL]: broken }, { message: 'Dutch edit', author: 'joost' });
    host.commit('main', { [EN]: englishUpdate(seed(EN)), [PASSBOLT]: seed(PASSBOLT) }, { message: 'English update' });
    return { host, broken };
  }

  it('skips only that document for that locale, reports it, and syncs the rest', async () => {
    const { host, broken } = brokenDutch((t) => t.replace('title: How we use your personal data', 'title: "How we use'));
    const line = broken.split('\n').findIndex((l) => l.startsWith('title: "How')) + 1;
    const result = await syncRepository(host, { config, mode: 'branch', t: localize });

    expect(result.failures).toEqual([{ locale: 'nl', path: NL, code: 'frontmatter', line, message: expect.stringMatching(/YAML/) }]);
    // French: both documents, as if nothing were wrong.
    const fr = result.locales.find((l) => l.locale === 'fr')!;
    expect(fr.action).toBe('opened');
    expect(fr.files.map((f) => f.path)).toEqual(['locales/fr/passbolt-privacy.md', FR]);
    // Dutch: the other document still synced; the broken file is not written (the branch holds main's bytes).
    const nl = result.locales.find((l) => l.locale === 'nl')!;
    expect(nl.action).toBe('opened');
    expect(nl.files.map((f) => f.path)).toEqual(['locales/nl/passbolt-privacy.md']);
    expect(nl.sections.every((s) => s.document === PASSBOLT)).toBe(true);
    expect(host.snapshot('i18n-drift/nl')[NL]).toBe(broken);
    expect(host.snapshot('main')[NL]).toBe(broken);
  });

  it('skips a binary translation the same way', async () => {
    const { host } = brokenDutch(() => 'GIF89a\0\0binary');
    const result = await syncRepository(host, { config, mode: 'plan', t: localize });
    expect(result.failures).toEqual([{ locale: 'nl', path: NL, code: 'binary', line: null, message: expect.stringContaining(NL) }]);
    expect(result.locales.map((l) => [l.locale, l.files.map((f) => f.path)])).toEqual([
      ['fr', ['locales/fr/passbolt-privacy.md', FR]],
      ['nl', ['locales/nl/passbolt-privacy.md']],
    ]);
  });

  it('a translator\'s broken file on the locale branch is kept as they wrote it', async () => {
    const { host } = adoptedRepository();
    host.commit('main', { [EN]: englishUpdate(seed(EN)) }, { message: 'update 1' });
    await syncRepository(host, { config, mode: 'branch', t: localize });
    const text = host.snapshot('i18n-drift/nl')[NL]!;
    const mine = text.replace(/^title: .*$/m, 'title: [Hoe we') + '\nMijn vertaling.\n';
    host.commit('i18n-drift/nl', { [NL]: mine }, { message: 'Vertaling', author: 'joost' });
    host.commit('main', { [EN]: englishUpdate(seed(EN)).replace('No, never.', 'Never.') }, { message: 'update 2' });
    const head = host.branches.get('i18n-drift/nl');

    const result = await syncRepository(host, { config, mode: 'branch', t: localize });
    expect(result.failures!.map((f) => [f.locale, f.path, f.code])).toEqual([['nl', NL, 'frontmatter']]);
    expect(host.branches.get('i18n-drift/nl')).toBe(head);
    expect(host.snapshot('i18n-drift/nl')[NL]).toBe(mine);
    expect(result.locales.find((l) => l.locale === 'fr')!.action).toBe('updated');
  });

  it('a broken English document is skipped in every locale, reported once naming the English file, the others synced', async () => {
    const { host } = adoptedRepository();
    const other = 'locales/en/other.md';
    host.commit('main', { [other]: '# Other\n\nText.\n' }, { message: 'another document' });
    // Its Dutch translation is broken too (a list): the English is the one named, once.
    host.commit('main', { [EN]: seed(EN).replace(/^title: .*$/m, 'title: "broken'), [NL]: '---\n- a list\n---\n# Nl\n' }, { message: 'oops' });
    const result = await syncRepository(host, { config, mode: 'plan', t: localize });
    expect(result.failures).toEqual([{ locale: 'en', path: EN, code: 'frontmatter', line: 2, message: expect.stringMatching(/invalid YAML/) }]);
    // The other English document still reaches both locales (as missing sections).
    expect(result.locales.map((l) => [l.locale, l.files.map((f) => f.path)])).toEqual([
      ['fr', ['locales/fr/other.md']],
      ['nl', ['locales/nl/other.md']],
    ]);
  });

  it('a pin to a commit the history does not hold skips that translation only, naming its file and pin line', async () => {
    const { host } = adoptedRepository();
    const ghost = 'f'.repeat(40);
    const nl = (await host.readFile(NL, 'main'))!;
    host.commit('main', { [NL]: nl.replace(/commit: [0-9a-f]+/, `commit: ${ghost}`) }, { message: 'bad pin' });
    host.commit('main', { [EN]: englishUpdate(seed(EN)) }, { message: 'update' });
    const result = await syncRepository(host, { config, mode: 'plan', t: localize });
    const line = nl.split('\n').findIndex((l) => l.startsWith('  commit:')) + 1;
    expect(result.failures).toEqual([{ locale: 'nl', path: NL, code: 'history', line, message: expect.stringContaining(ghost) }]);
    expect(result.locales.map((l) => l.locale)).toEqual(['fr']);
  });
});

describe('syncRepository: an update push compares with the locale branch by blob id', () => {
  it('reads no file of a tool-only branch it rebuilds; a redelivery writes nothing (with and without listBlobIds)', async () => {
    const { host } = adoptedRepository();
    host.commit('main', { [EN]: englishUpdate(seed(EN)) }, { message: 'update 1' });
    await syncRepository(host, { config, mode: 'branch', t: localize });
    host.commit('main', { [EN]: englishUpdate(seed(EN)).replace('No, never.', 'Never.') }, { message: 'update 2' });

    const reads: string[] = [];
    const counting: MemoryHost = { ...host, readFile: (path, rev) => (reads.push(rev), host.readFile(path, rev)) };
    const branchHeads = () => new Set([...host.branches].filter(([name]) => name.startsWith('i18n-drift/')).map(([, sha]) => sha));
    for (const attempt of ['update', 'redelivery']) {
      const heads = branchHeads();
      const writes = host.writes.length;
      const result = await syncRepository(counting, { config, mode: 'branch', t: localize });
      expect(reads.filter((rev) => heads.has(rev) || rev.startsWith('i18n-drift/')), attempt).toEqual([]);
      if (attempt === 'update') expect(result.locales.map((l) => l.action)).toEqual(['updated', 'updated']);
      else expect(host.writes.length).toBe(writes);
    }

    // A host without listBlobIds reads the files back instead, to the same effect.
    const { listBlobIds: _, ...reading } = host;
    const writes = host.writes.length;
    const again = await syncRepository(reading, { config, mode: 'branch', t: localize });
    expect(host.writes.length).toBe(writes);
    expect(again.locales.every((l) => l.action === 'unchanged')).toBe(true);
  });

  it('the memory host lists real Git blob ids', async () => {
    const { host } = adoptedRepository();
    const ids = await host.listBlobIds!('main');
    expect([...ids.keys()].sort()).toEqual([EN, FR, NL]);
    for (const [path, text] of Object.entries(host.snapshot('main'))) expect(ids.get(path)).toBe(gitBlobId(text));
  });
});

describe('syncRepository (plan mode) and previewSourceChange', () => {
  it('computes everything and writes nothing', async () => {
    const { host } = adoptedRepository();
    host.commit('main', { [EN]: englishUpdate(seed(EN)) }, { message: 'update' });
    const result = await syncRepository(host, { config, mode: 'plan', t: localize });
    expect(host.writes).toEqual([]);
    expect(result.locales.map((l) => l.action)).toEqual(['dry-run', 'dry-run']);
    expect(result.locales[1]!.files.map((f) => f.path)).toEqual([NL]);
    expect(result.locales[1]!.body).toContain('Engelse commits');
  });

  it('previews an English branch against its base', async () => {
    const { host, adopted } = adoptedRepository();
    host.commit('english-pr', { [EN]: englishUpdate(seed(EN)) }, { message: 'PR', from: adopted });
    const preview = await previewSourceChange(host, { config, from: 'main', to: 'english-pr' });
    expect(preview.locales).toEqual([
      { locale: 'fr', stale: 2, missing: 1, removed: 1, files: [FR] },
      { locale: 'nl', stale: 2, missing: 1, removed: 1, files: [NL] },
    ]);
    expect(host.writes).toEqual([]);
  });
});

describe('resolveTranslationBranch', () => {
  it('re-pins a section whose marker the translator removed and ticks it', async () => {
    const { host } = adoptedRepository();
    host.commit('main', { [EN]: englishUpdate(seed(EN)) }, { message: 'update' });
    await syncRepository(host, { config, mode: 'branch', t: localize });
    const text = host.snapshot('i18n-drift/nl')[NL]!;
    const fixed = removeMarkers(text, (m) => m.section !== 'visitor-data').replace('We keep these logs for 6 months.', 'We bewaren deze logs 30 dagen.');
    host.commit('i18n-drift/nl', { [NL]: fixed }, { message: 'Vertaald', author: 'joost' });

    const result = await resolveTranslationBranch(host, { config, locale: 'nl', t: localize });
    expect(result!.commit).not.toBeNull();
    const after = host.snapshot('i18n-drift/nl')[NL]!;
    const english = host.snapshot('main')[EN]!;
    expect(readPins(after)!.sections['visitor-data']).not.toBe(readPins(text)!.sections['visitor-data']);
    expect(after).toContain('We bewaren deze logs 30 dagen.');
    expect(english).toContain('30 days');
    const pr = host.pulls.find((p) => p.head === 'i18n-drift/nl')!;
    expect(pr.body).toMatch(/- \[x\] \*\*Visitor data\*\*/);
    expect(pr.body).toMatch(/- \[ \] \*\*Newsletter data\*\*/);
    expect(result!.repinned).toEqual([{ path: NL, id: 'visitor-data' }]);
    // A second run has nothing to do.
    const writes = host.writes.length;
    await resolveTranslationBranch(host, { config, locale: 'nl', t: localize });
    expect(host.writes.length).toBe(writes);
  });
});
