/**
 * Benchmark scenario: one push changing 3 English documents of a repository
 * translated into 10 locales, against the emulator, throttling and retries off. Counts
 * the app's GitHub requests (reads, writes) and wall time for the first push (opens 10
 * PRs) and a second one (updates them), and a floor measured in the same run: the same
 * 10 locale commits made straight through the adapter, no workflow. Writes the figures
 * to $BENCH_OUTPUT for bench/run.js.
 */
import { writeFileSync } from 'node:fs';
import { test } from 'vitest';
import { adopt } from '@i18n-drift/core';
import { createI18nDriftApp } from '../src/app.js';
import { createGitHubHost, type GitHubClient } from '../src/github-host.js';
import { createRepositoryQueue, type RepositoryQueue } from '../src/repository-queue.js';
import { BOT_LOGIN, INSTALLATION_ID, OWNER, REPO, startHarness, type Harness } from '../test/harness.js';

const LOCALES = ['de', 'es', 'fr', 'it', 'ja', 'ko', 'nl', 'pl', 'pt', 'sv'];
const DOCUMENTS = ['privacy', 'cookies', 'terms'];
const SECTIONS = 12;

function english(doc: string, version: number): string {
  const sections = Array.from({ length: SECTIONS }, (_, i) => {
    const changed = version > 0 && i === 3 ? ` Updated in version ${version}.` : '';
    return `## ${doc} section ${i + 1}\n\nThe ${doc} text of section ${i + 1} says what we do with data item ${i + 1}.${changed}\n`;
  });
  return `---\ntitle: ${doc}\n---\n\nIntroduction to the ${doc} policy.\n\n${sections.join('\n')}`;
}

/** A "translation": the English with every prose line prefixed, headings kept (aligned by id). */
const translate = (text: string, locale: string) => text.replace(/^(The |Introduction)/gm, `[${locale}] $1`);

interface Phase {
  reads: number;
  writes: number;
  ms: number;
  writesByRoute: Record<string, number>;
  readsByRoute: Record<string, number>;
}

const routeOf = (r: { method: string; path: string }) =>
  `${r.method} ${r.path.split('?')[0]!.replace(/\/repos\/[^/]+\/[^/]+/, '').replace(/[0-9a-f]{40}(\.\.\.[0-9a-f]{40})?/g, ':sha').replace(/\/\d+/g, '/:n').replace(/(refs|ref)\/heads.*/, '$1/heads/:branch')}`;

function phase(h: Harness, from: number, to: number, ms: number): Phase {
  const slice = h.proxy.requests.slice(from, to).filter((r) => !/^\/app(\/|$)/.test(r.path));
  const writesByRoute: Record<string, number> = {};
  const readsByRoute: Record<string, number> = {};
  for (const r of slice) {
    const into = r.method === 'GET' ? readsByRoute : writesByRoute;
    const route = routeOf(r);
    into[route] = (into[route] ?? 0) + 1;
  }
  return { reads: slice.filter((r) => r.method === 'GET').length, writes: slice.filter((r) => r.method !== 'GET').length, ms, writesByRoute, readsByRoute };
}

test('push: 3 documents x 10 locales', async () => {
  const files: Record<string, string> = {};
  for (const doc of DOCUMENTS) {
    files[`docs/en/${doc}.md`] = english(doc, 0);
    for (const locale of LOCALES) files[`docs/${locale}/${doc}.md`] = translate(english(doc, 0), locale);
  }
  const config = `sourceLocale: en\nlocales: [${LOCALES.join(', ')}]\nfiles:\n  - docs/{locale}/*.md\ntranslators:\n${LOCALES.map((l) => `  ${l}: [translator-fr]`).join('\n')}\n`;

  // Mark where the push job ends: the pull_request events the app's own PRs cause are
  // queued behind it and are not part of the push's cost.
  let jobEnds: number[] = [];
  let h!: Harness;
  const counted = (queue: RepositoryQueue): RepositoryQueue => ({
    ...queue,
    run: (key, job) =>
      queue.run(key, async () => {
        try {
          return await job();
        } finally {
          jobEnds.push(h.proxy.requests.length);
        }
      }),
  });
  h = await startHarness({ files, config, adopt: false, app: (q) => createI18nDriftApp({ queue: counted(q) }) });
  try {
    // Adopt every translation at the seed commit (what `i18n-drift init` does).
    const seed = (await h.branches()).main!;
    const adopted: Record<string, string> = {};
    for (const doc of DOCUMENTS) for (const l of LOCALES) adopted[`docs/${l}/${doc}.md`] = adopt(files[`docs/en/${doc}.md`]!, files[`docs/${l}/${doc}.md`]!, { sourceCommit: seed }).text;
    await h.push({ branch: 'main', files: adopted, message: 'Adopt' });
    await h.settle();

    const run = async (version: number) => {
      h.proxy.reset();
      jobEnds = [];
      const changed: Record<string, string> = {};
      for (const doc of DOCUMENTS) changed[`docs/en/${doc}.md`] = english(doc, version);
      const start = performance.now();
      await h.push({ branch: 'main', files: changed, message: `English v${version}` });
      // The push is the first job queued after the push call; wait for it to end.
      while (jobEnds.length === 0) await new Promise((r) => setTimeout(r, 2));
      const ms = performance.now() - start;
      const result = phase(h, 0, jobEnds[0]!, ms);
      await h.settle();
      return result;
    };
    const first = await run(1);
    const pulls = await h.pulls();
    if (pulls.length !== LOCALES.length) throw new Error(`expected ${LOCALES.length} PRs, got ${pulls.length}`);
    const second = await run(2);
    if ((await h.pulls()).some((p) => p.comments.length !== 1)) throw new Error('expected one comment per PR after the second push');

    // Floor: the same number of locale commits (3 files each) straight through the adapter.
    const octokit = (await h.probot.auth(INSTALLATION_ID)) as GitHubClient;
    const host = createGitHubHost(octokit, { owner: OWNER, repo: REPO, botLogin: BOT_LOGIN });
    const main = await host.resolveRevision('main');
    h.proxy.reset();
    const floorStart = performance.now();
    for (const l of LOCALES) {
      await host.commitFiles({
        branch: `floor/${l}`,
        parent: main,
        files: DOCUMENTS.map((d) => ({ path: `docs/${l}/${d}.md`, content: `floor ${l} ${d}\n` })),
        message: 'floor',
        force: false,
      });
    }
    const floor = phase(h, 0, h.proxy.requests.length, performance.now() - floorStart);

    const output = {
      locales: LOCALES.length,
      documents: DOCUMENTS.length,
      filesTouched: DOCUMENTS.length * (LOCALES.length + 1),
      first,
      second,
      floor,
    };
    writeFileSync(process.env.BENCH_OUTPUT ?? 'bench-output.json', JSON.stringify(output, null, 2));
  } finally {
    await h.close();
  }
});
