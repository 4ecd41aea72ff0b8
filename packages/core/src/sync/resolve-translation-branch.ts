/**
 * The step run on a translation PR (the bot on `pull_request`, the CLI on demand):
 * sections whose marker a translator removed are re-pinned to the English they now
 * translate, in one commit on top of the branch, and the PR's checklist is ticked.
 */
import { documentOf, pathFor } from '../file-patterns.js';
import { readPins } from '../pins.js';
import { resolve } from '../resolve.js';
import type { CommitInfo, Config, FileChange, LocaleSyncResult, RepositoryHost } from '../types.js';
import { mergeCommitLists } from './commit-order.js';
import { createWalkContext, walkDocument, type WalkContext } from './document-walk.js';
import { isUnpinned, lastCommitsOf, pinAtLastCommit } from './adopt-from-history.js';
import type { Localize } from './i18n.js';
import { pullRequestBody, pullRequestTitle } from './pull-request-text.js';
import { mergePlans, pullRequestSections, type LocalePlan } from './sync-workflow.js';
import { TranslationBranch } from './translation-branch.js';
import { formatsOf } from '../formats/markdown-format.js';
import type { ResolveBranchInput } from '../formats/document-format.js';

export interface ResolveBranchOptions {
  config: Config;
  locale: string;
  t: Localize;
  dashboardUrl?: string | null;
  /** `plan` computes the commit and body without writing. Default `branch`. */
  mode?: 'branch' | 'plan';
}

/**
 * Re-pin resolved sections on `<branchPrefix><locale>` and refresh its PR's title and
 * body (checklist ticks). Never forces: the commit goes on top of the branch head.
 * Returns null when the branch does not exist.
 * @throws HostError('conflict') when the branch moved while this ran.
 */
export async function resolveTranslationBranch(host: RepositoryHost, options: ResolveBranchOptions): Promise<LocaleSyncResult | null> {
  const { config, locale } = options;
  const branch = TranslationBranch.forLocale(config.branchPrefix, locale);
  const baseName = await host.defaultBranch();
  const base = await host.resolveRevision(baseName);
  const state = await host.getBranch(branch.name, base);
  if (state === null) return null;

  // Each format lists its own documents the branch carries and re-pins its own sign-offs.
  const input: ResolveBranchInput = { config, locale, base, head: state.head, changed: await host.changedPaths(base, state.head) };
  const resolved = [];
  for (const format of formatsOf(config)) resolved.push(await format.repository.resolveBranch(host, input));
  const files = resolved.flatMap((r) => r.files);
  const merged = mergePlans(resolved.map((r) => r.plan));

  const t = options.t(locale);
  const sources: Record<string, string> = {};
  for (const s of merged.sections) sources[s.translationPath] = s.document;
  const text = { locale, sections: merged.sections, sourceCommits: merged.sourceCommits, files: merged.paths, sources, dashboardUrl: options.dashboardUrl ?? null, adopted: merged.adopted };
  const result: LocaleSyncResult = {
    locale,
    branch: branch.name,
    files,
    sections: merged.sections,
    sourceCommits: merged.sourceCommits,
    title: pullRequestTitle(text, t),
    body: pullRequestBody(text, t),
    commit: null,
    pullRequest: null,
    action: 'dry-run',
    repinned: merged.repinned,
    adopted: merged.adopted,
  };
  if (options.mode === 'plan') return result;

  if (files.length > 0) {
    const names = files.map((f) => f.path).join(', ');
    result.commit = await host.commitFiles({
      branch: branch.name,
      parent: state.head,
      files,
      message: `i18n-drift(${locale}): re-pin resolved sections\n\n${names}\n\nI18n-Drift-Sync: true\n`,
      force: false,
    });
  }
  const pr = await host.findPullRequest(branch.name);
  result.action = result.commit ? 'updated' : 'unchanged';
  if (pr) {
    result.pullRequest = pr;
    if (pr.title !== result.title || pr.body !== result.body) {
      result.pullRequest = await host.updatePullRequest(pr.number, { title: result.title, body: result.body });
      result.action = 'updated';
    }
  }
  return result;
}

/**
 * Markdown's `resolveBranch`: the branch's translations re-pinned where a translator removed
 * a marker, and described against the base's translations (adopted from history when the
 * base has no pins: the onboarding pull request), up to the English the branch holds.
 */
export async function resolveMarkdownBranch(host: RepositoryHost, input: ResolveBranchInput): Promise<{ files: FileChange[]; plan: LocalePlan }> {
  const { config, locale, base } = input;
  const translations = input.changed.filter((p) => documentOf(p, config)?.locale === locale).sort();
  const files: FileChange[] = [];
  const merged: LocalePlan = { files: [], sections: [], sourceCommits: [], paths: [], unpinned: [], orphans: [], adopted: [], failures: [], repinned: [] };
  const contexts = new Map<string, WalkContext>();
  const commitLists: CommitInfo[][] = [];
  // Base translations without pins (the onboarding PR) are described as the sync adopted
  // them: pinned at their last commit on the base, one history read for all of them.
  const baseTexts = new Map(await Promise.all(translations.map(async (p) => [p, await host.readFile(p, base)] as const)));
  const last = await lastCommitsOf(host, translations.filter((p) => isUnpinned(baseTexts.get(p) ?? null)), base);
  for (const path of translations) {
    const text = await host.readFile(path, input.head);
    if (text === null) continue;
    const source = pathFor(path, config.sourceLocale, config);
    const pins = readPins(text);
    // The English this translation was synced to: its pinned commit on the branch.
    const englishRev = pins?.commit ?? input.head;
    const english = await host.readFile(source, englishRev);
    let next = text;
    if (english !== null) {
      const resolved = resolve(english, text, { frontmatterKeys: config.frontmatterKeys });
      next = resolved.text;
      for (const id of resolved.resolved) merged.repinned.push({ path, id });
    }
    if (next !== text) files.push({ path, content: next });

    // Describe the PR against the base's translation, up to the English the branch holds.
    let ctx = contexts.get(englishRev);
    if (!ctx) contexts.set(englishRev, (ctx = createWalkContext(host, config, await host.resolveRevision(englishRev))));
    let baseText = baseTexts.get(path) ?? null;
    if (isUnpinned(baseText)) {
      const pinned = await pinAtLastCommit(ctx, { source, translation: baseText!, last: last.get(path) ?? null });
      baseText = pinned.text;
      merged.adopted.push({ path, pinnedTo: pinned.pinnedTo, pinnedDate: pinned.pinnedDate });
    }
    const described = await walkDocument(ctx, { source, translationPath: path, translation: baseText, from: null });
    merged.sections.push(...pullRequestSections(source, path, described, next));
    commitLists.push(described.commits);
    merged.paths.push(path);
  }
  merged.sourceCommits = mergeCommitLists(commitLists);
  return { files, plan: merged };
}
