import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { adopt } from '../adopt.js';
import { readPins } from '../pins.js';
import { findMarkers } from '../stale-marker.js';
import { adoptFromHistory, adoptInMemory, adoptTranslations, isUnpinned, labelNotAdopted, lastCommitsOf } from './adopt-from-history.js';
import { createWalkContext } from './document-walk.js';
import { createMemoryHost, type MemoryHost } from './memory-host.js';
import { syncRepository } from './sync-workflow.js';
import { EN, FR, NL, localize, seed, testConfig } from './test-fixtures.js';
import type { RepositoryHost } from '../types.js';
import { historyContract } from './host-contract.js';

const config = testConfig();
const markers = (text: string) => findMarkers(text).map((m) => `${m.kind}:${m.section}`).sort();
const SIX_TO_TWELVE = (text: string) => text.replace('We keep these logs for 6 months.', 'We keep these logs for 12 months.');

async function adoptAll(host: MemoryHost, options: { assumeCurrent?: boolean; uncommitted?: Set<string> } = {}) {
  const to = await host.resolveRevision('main');
  const ctx = createWalkContext(host, config, to);
  return adoptTranslations(ctx, { files: host.snapshot(to), ...options });
}

/** English and both seed translations committed unpinned in one commit, then the English edited. */
function behindRepository() {
  const host = createMemoryHost();
  const seeded = host.commit('main', { [EN]: seed(EN), [FR]: seed(FR), [NL]: seed(NL) }, { message: 'Policies and translations' });
  const update = host.commit('main', { [EN]: SIX_TO_TWELVE(seed(EN)) }, { message: 'Keep logs for 12 months' });
  return { host, seeded, update };
}

describe('adoptTranslations', () => {
  it('pins each translation at its last commit and marks exactly the section English changed since', async () => {
    const { host, seeded, update } = behindRepository();
    const { adoptions, failures } = await adoptAll(host);
    expect(failures).toEqual([]);
    expect(adoptions.map((a) => [a.path, a.basis, a.pinnedTo, a.commitsBehind])).toEqual([
      [FR, 'history', seeded, 1],
      [NL, 'history', seeded, 1],
    ]);
    for (const a of adoptions) {
      expect(markers(a.text)).toEqual(['stale:visitor-data']);
      expect(findMarkers(a.text)[0]!.since).toBe(update);
      expect(readPins(a.pinnedText)!.commit).toBe(seeded);
      expect([a.stale, a.missing]).toEqual([1, 0]);
      expect(a.records.map((r) => `${r.state}:${r.id}`)).toEqual(['stale:visitor-data']);
    }
    // Every translated line is kept.
    const fr = adoptions[0]!.text;
    for (const line of seed(FR).split('\n').filter((l) => l.trim() !== '' && !l.startsWith('---'))) expect(fr).toContain(line);
  });

  it('--assume-current pins at the target: nothing stale', async () => {
    const { host, update } = behindRepository();
    const { adoptions } = await adoptAll(host, { assumeCurrent: true });
    expect(adoptions.map((a) => [a.basis, a.pinnedTo, a.commitsBehind, markers(a.text)])).toEqual([
      ['assumed-current', update, 0, []],
      ['assumed-current', update, 0, []],
    ]);
    // The same text as adopting at HEAD (what `init` did before history).
    expect(adoptions[0]!.text).toBe(adopt(SIX_TO_TWELVE(seed(EN)), seed(FR), { sourceCommit: update, frontmatterKeys: config.frontmatterKeys }).text);
  });

  it("a translator's commit after the English change makes that translation current", async () => {
    const { host } = behindRepository();
    const fixed = host.commit('main', { [FR]: seed(FR).replace('pendant 6 mois', 'pendant 12 mois') }, { message: 'fr: 12 mois', author: 'marie' });
    const { adoptions } = await adoptAll(host);
    const fr = adoptions.find((a) => a.path === FR)!;
    expect([fr.pinnedTo, fr.commitsBehind, markers(fr.text)]).toEqual([fixed, 0, []]);
    expect(markers(adoptions.find((a) => a.path === NL)!.text)).toEqual(['stale:visitor-data']);
  });

  it('a formatting-only English change after the translation leaves everything current', async () => {
    const host = createMemoryHost();
    host.commit('main', { [EN]: seed(EN), [FR]: seed(FR) }, { message: 'seed' });
    // Reflowed paragraph and re-indented lists: the same words.
    host.commit('main', { [EN]: seed(EN).replace(/^-   /gm, '- ').replace('We keep these logs for 6 months.', 'We keep these logs\nfor 6 months.') });
    const { adoptions } = await adoptAll(host);
    expect(adoptions).toHaveLength(1);
    expect(markers(adoptions[0]!.text)).toEqual([]);
    expect(adoptions[0]!.commitsBehind).toBe(1);
  });

  it('honours skip keywords: a [i18n skip] English commit marks nothing stale and is not counted', async () => {
    const host = createMemoryHost();
    host.commit('main', { [EN]: seed(EN), [FR]: seed(FR) }, { message: 'seed' });
    host.commit('main', { [EN]: SIX_TO_TWELVE(seed(EN)) }, { message: 'typo fix [i18n skip]' });
    const { adoptions } = await adoptAll(host);
    expect([adoptions[0]!.commitsBehind, markers(adoptions[0]!.text)]).toEqual([0, []]);
  });

  it('a translation never committed (or edited in the working tree) is pinned at the target', async () => {
    const host = createMemoryHost();
    host.commit('main', { [EN]: seed(EN) }, { message: 'English' });
    const to = host.commit('main', { [EN]: SIX_TO_TWELVE(seed(EN)) }, { message: 'update' });
    const ctx = createWalkContext(host, config, to);
    const files = { ...host.snapshot(to), [FR]: seed(FR) };
    const { adoptions } = await adoptTranslations(ctx, { files, uncommitted: new Set([FR]) });
    expect(adoptions.map((a) => [a.basis, a.pinnedTo, a.pinnedDate, markers(a.text)])).toEqual([['uncommitted', to, null, []]]);
  });

  it('a document renamed after the translation: followed when moved together, reported when the English was not there', async () => {
    const host = createMemoryHost();
    const OLD_EN = 'locales/en/data.md';
    const OLD_FR = 'locales/fr/data.md';
    host.commit('main', { [OLD_EN]: seed(EN), [OLD_FR]: seed(FR) }, { message: 'seed' });
    // Renamed together: the translation's last commit is the move, with its English beside it.
    const moved = host.commit('main', { [OLD_EN]: null, [OLD_FR]: null, [EN]: seed(EN), [FR]: seed(FR) }, { message: 'rename' });
    host.commit('main', { [EN]: SIX_TO_TWELVE(seed(EN)) }, { message: 'update' });
    // The Dutch translation was added under the new name before its English moved there.
    const early = createMemoryHost();
    const nlAt = early.commit('main', { [OLD_EN]: seed(EN), [NL]: seed(NL) }, { message: 'seed' });
    const movedLater = early.commit('main', { [OLD_EN]: null, [EN]: seed(EN) }, { message: 'rename English' });

    const [fr] = (await adoptAll(host)).adoptions;
    expect([fr!.basis, fr!.pinnedTo, markers(fr!.text)]).toEqual(['history', moved, ['stale:visitor-data']]);
    const [nl] = (await adoptAll(early)).adoptions;
    expect(nl!.basis).toBe('source-missing');
    expect(nl!.pinnedTo).toBe(movedLater);
    expect(nlAt).not.toBe(movedLater);
  });

  it('reports a translation whose frontmatter cannot be read and adopts the others', async () => {
    const host = createMemoryHost();
    host.commit('main', { [EN]: seed(EN), [FR]: '---\ntitle: [\n---\n# x\n', [NL]: seed(NL) }, { message: 'seed' });
    const { adoptions, failures } = await adoptAll(host);
    expect(adoptions.map((a) => a.path)).toEqual([NL]);
    expect(failures).toEqual([{ locale: 'fr', path: FR, line: expect.any(Number), reason: expect.any(String) }]);
  });

  it('leaves pinned translations alone', async () => {
    const host = createMemoryHost();
    const c = host.commit('main', { [EN]: seed(EN) });
    host.commit('main', { [FR]: adopt(seed(EN), seed(FR), { sourceCommit: c }).text, [NL]: seed(NL) });
    expect((await adoptAll(host)).adoptions.map((a) => a.path)).toEqual([NL]);
  });
});

describe('adopting at T then syncing to HEAD', () => {
  it('gives byte for byte the files of init from history (the seeds, three English commits)', async () => {
    const host = createMemoryHost();
    const t = host.commit('main', { [EN]: seed(EN), [FR]: seed(FR), [NL]: seed(NL) }, { message: 'seed' });
    host.commit('main', { [EN]: SIX_TO_TWELVE(seed(EN)) }, { message: 'a' });
    host.commit('main', { [EN]: SIX_TO_TWELVE(seed(EN)).replace('12 months after your last login', '3 months after your last login') }, { message: 'b' });
    await expectSyncEqualsInit(host, t);
  });

  it('holds for generated histories (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ section: fc.integer({ min: 0, max: 3 }), kind: fc.constantFrom('words', 'format', 'skip', 'translate') }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 6 }),
        async (edits, translatedAt) => {
          const host = createMemoryHost();
          const english = ['one', 'two', 'three', 'four'].map((w) => `We keep ${w} records.`);
          const doc = (texts: string[], spaced = false) => texts.map((t, i) => `## Part ${i}\n\n${spaced ? t.replace(/ /g, '\n') : t}\n`).join('\n');
          const tr = (texts: string[], version: number) => texts.map((t, i) => `## Part ${i}\n\nFR ${t} (v${version})\n`).join('\n');
          let current = [...english];
          let t = host.commit('main', { [EN]: doc(current) }, { message: 'English' });
          if (translatedAt === 0) t = host.commit('main', { [FR]: tr(current, 0) }, { message: 'fr' });
          const changedAfter = new Set<number>();
          let translated = translatedAt === 0;
          for (const [i, edit] of edits.entries()) {
            if (edit.kind === 'translate' || (!translated && i + 1 === translatedAt)) {
              t = host.commit('main', { [FR]: tr(current, i + 1) }, { message: 'fr' });
              translated = true;
              changedAfter.clear();
              continue;
            }
            if (edit.kind === 'format') {
              host.commit('main', { [EN]: doc(current, i % 2 === 0) }, { message: 'reflow' });
              continue;
            }
            current = current.map((text, s) => (s === edit.section ? `${text} Edit ${i}.` : text));
            host.commit('main', { [EN]: doc(current) }, { message: edit.kind === 'skip' ? 'typo [i18n skip]' : 'edit' });
            if (translated && edit.kind === 'words') changedAfter.add(edit.section);
          }
          if (!translated) return;
          const { adoptions } = await adoptAll(host);
          const expected = [...changedAfter].sort().map((s) => `stale:part-${s}`);
          expect(markers(adoptions[0]!.text)).toEqual(expected);
          expect(adoptions[0]!.pinnedTo).toBe(t);
          await expectSyncEqualsInit(host, t);
        },
      ),
      { numRuns: 40 },
    );
  });
});

/** Commit each translation pinned at `t` on a side branch, sync (plan) it to that branch: same files as adoptTranslations. */
async function expectSyncEqualsInit(host: MemoryHost, t: string) {
  const head = await host.resolveRevision('main');
  const { adoptions } = await adoptAll(host);
  const englishAtT = host.snapshot(t);
  const pinned: Record<string, string> = {};
  for (const a of adoptions) pinned[a.path] = adopt(englishAtT[a.source]!, host.snapshot(head)[a.path]!, { sourceCommit: t, frontmatterKeys: config.frontmatterKeys }).text;
  const side = host.commit('pinned-at-t', pinned, { from: head, message: 'pinned at T' });
  const result = await syncRepository(host, { config, mode: 'plan', to: side, t: localize });
  const synced = Object.fromEntries(result.locales.flatMap((l) => l.files.map((f) => [f.path, f.content])));
  for (const a of adoptions) expect(synced[a.path] ?? pinned[a.path]).toBe(a.text);
}

describe('adoptInMemory and labelNotAdopted', () => {
  it('replaces unpinned translations and labels them', async () => {
    const { host } = behindRepository();
    const to = await host.resolveRevision('main');
    const files = host.snapshot(to);
    const out = await adoptInMemory(createWalkContext(host, config, to), { files });
    const { seeded } = { seeded: (await host.commitsBetween(null, to, [FR])).at(-1)!.sha };
    expect([...out.notAdopted.keys()]).toEqual([FR, NL]);
    expect(out.notAdopted.get(FR)).toEqual({ pinnedTo: seeded, pinnedDate: expect.any(String) });
    expect(markers(out.files[FR]!)).toEqual(['stale:visitor-data']);
    expect(files[FR]).toBe(seed(FR)); // the input is not modified
    const report = { documents: [{ translations: [{ path: FR }, { path: 'other.md' }] as { path: string; notAdopted?: { pinnedTo: string; pinnedDate: string | null } }[] }] };
    expect(labelNotAdopted(report, out.notAdopted).documents[0]!.translations).toEqual([{ path: FR, notAdopted: out.notAdopted.get(FR) }, { path: 'other.md' }]);
  });
});

describe('lastCommitsOf', () => {
  it('the host method and the commitsBetween fallback agree, first parent only', async () => {
    const host = createMemoryHost();
    const a = host.commit('main', { [EN]: 'a', [FR]: 'a' });
    const b = host.commit('main', { [FR]: 'b' });
    // A side branch merged: its change counts as the merge's.
    host.commit('side', { [NL]: 'side' }, { from: b });
    host.pulls.push({ number: 1, url: '', head: 'side', base: 'main', title: '', body: '', state: 'open', labels: [], reviewers: [], comments: [] });
    host.closePullRequest(1, { merged: true });
    const merge = host.branches.get('main')!;
    const viaMethod = await lastCommitsOf(host, [EN, FR, NL, 'absent.md'], 'main');
    const { lastCommits: _, ...withoutMethod } = host;
    const viaFallback = await lastCommitsOf(withoutMethod as RepositoryHost, [EN, FR, NL, 'absent.md'], 'main');
    expect(Object.fromEntries([...viaMethod].map(([p, c]) => [p, c.sha]))).toEqual({ [EN]: a, [FR]: b, [NL]: merge });
    expect(viaFallback.get(EN)!.sha).toBe(a);
    expect(viaFallback.get(FR)!.sha).toBe(b);
  });
});

describe('adoptFromHistory', () => {
  it('keeps the translation when its English is gone at the target (orphans are the caller’s to report)', async () => {
    const host = createMemoryHost();
    const c = host.commit('main', { [EN]: seed(EN), [FR]: seed(FR) });
    const to = host.commit('main', { [EN]: null });
    const ctx = createWalkContext(host, config, to);
    const last = (await host.commitsBetween(null, to, [FR])).at(-1)!;
    const a = await adoptFromHistory(ctx, { source: EN, path: FR, locale: 'fr', translation: seed(FR), last });
    expect(a.pinnedTo).toBe(c);
    expect(a.text).toBe(a.pinnedText);
  });
});

describe('RepositoryHost history contract: memory host', () => {
  for (const check of historyContract) {
    it(check.title, async () => {
      const host = createMemoryHost();
      await check.run({ host, commit: async (files, message) => host.commit('main', files, { message }) });
    });
  }
});

describe('isUnpinned', () => {
  it('tells from the text when it can, from the YAML otherwise', () => {
    const pinned = adopt('## A\n\nx\n', '## A\n\ny\n', { sourceCommit: 'c0' }).text;
    expect([isUnpinned(null), isUnpinned('## A\n'), isUnpinned('---\ntitle: T\n---\n## A\n'), isUnpinned(pinned)]).toEqual([false, true, true, false]);
    expect(isUnpinned('---\ntitle: about i18n\n---\n')).toBe(true);
    expect(isUnpinned('---\n"i18n": {commit: c0, sections: {a: "0123456789abcdef"}}\n---\n## A\n')).toBe(false);
    expect(isUnpinned('---\ntitle: never closed\n')).toBe(false); // unreadable: reported elsewhere
  });
});
