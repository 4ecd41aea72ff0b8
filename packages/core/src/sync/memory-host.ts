/**
 * An in-memory `RepositoryHost`: a tiny commit graph, branches and pull requests in
 * plain maps. For unit tests of the workflow here and in apps (the bot's tests use it
 * too); it enforces what real hosts enforce (no non-fast-forward without `force`).
 */
import { createHash } from 'node:crypto';
import { HostError } from '../errors.js';
import { gitBlobId } from './git-blob-id.js';
import type {
  BranchState,
  CommitInfo,
  FileChange,
  PullRequest,
  PullRequestDraft,
  RepositoryHost,
} from '../types.js';

interface MemoryCommit {
  sha: string;
  parents: string[];
  files: Map<string, string>;
  message: string;
  author: string;
  date: string;
  /** Creation order: a topological order of the graph. */
  seq: number;
}

/** A pull request as the memory host keeps it, with what the port cannot read back. */
export interface MemoryPullRequest extends PullRequest {
  labels: string[];
  reviewers: string[];
  comments: string[];
}

export interface MemoryHostOptions {
  defaultBranch?: string;
  /** Author recorded for commits made through `commitFiles`; such commits count as the tool's. */
  toolAuthor?: string;
  /** First commit date; each commit is one day later than the previous one. */
  startDate?: Date;
}

/** The port plus test helpers to build history and look at what the workflow wrote. */
export interface MemoryHost extends RepositoryHost {
  /** Commit `files` (null deletes) on `branch` (created from `from`, default the default branch). Returns the sha. */
  commit(
    branch: string,
    files: Record<string, string | null>,
    options?: { message?: string; author?: string; from?: string; date?: string },
  ): string;
  /** Branch name -> head sha. */
  readonly branches: Map<string, string>;
  readonly pulls: MemoryPullRequest[];
  /** Every path -> text at a revision. */
  snapshot(rev: string): Record<string, string>;
  /** Names of the write methods called, in order (commitFiles, openPullRequest, …). */
  readonly writes: string[];
  /** Close (or merge) a pull request; `deleteBranch` also removes its head branch. */
  closePullRequest(number: number, options?: { merged?: boolean; deleteBranch?: boolean }): void;
}

/** Marks commits the tool makes; the CLI writes the same trailer. */
export const TOOL_TRAILER = 'I18n-Drift-Sync: true';

/**
 * A fresh in-memory repository with one empty root commit on the default branch.
 * Never touches the file system or the network.
 */
export function createMemoryHost(options: MemoryHostOptions = {}): MemoryHost {
  const main = options.defaultBranch ?? 'main';
  const toolAuthor = options.toolAuthor ?? 'i18n-drift[bot]';
  const start = (options.startDate ?? new Date('2026-01-01T00:00:00Z')).getTime();
  const commits = new Map<string, MemoryCommit>();
  const branches = new Map<string, string>();
  const pulls: MemoryPullRequest[] = [];
  const writes: string[] = [];
  let seq = 0;

  const make = (parents: string[], files: Map<string, string>, message: string, author: string, date?: string) => {
    const n = seq++;
    // Unique by creation order; independent of file contents so golden PR texts stay put
    // when hashing details elsewhere change.
    const sha = createHash('sha1').update(`${n}\0${parents.join(',')}\0${message}\0${author}`).digest('hex');
    commits.set(sha, { sha, parents, files, message, author, date: date ?? new Date(start + n * 86_400_000).toISOString(), seq: n });
    return sha;
  };
  branches.set(main, make([], new Map(), 'root', 'someone'));

  const get = (rev: string): MemoryCommit => {
    const sha = branches.get(rev) ?? (commits.has(rev) ? rev : [...commits.keys()].find((k) => rev.length >= 4 && k.startsWith(rev)));
    const c = sha ? commits.get(sha) : undefined;
    if (!c) throw new HostError('not-found', `unknown revision: ${rev}`);
    return c;
  };
  const ancestors = (sha: string | null): Set<string> => {
    const seen = new Set<string>();
    const stack = sha ? [sha] : [];
    while (stack.length > 0) {
      const s = stack.pop()!;
      if (seen.has(s)) continue;
      seen.add(s);
      stack.push(...commits.get(s)!.parents);
    }
    return seen;
  };
  const between = (from: string | null, to: string): MemoryCommit[] => {
    const exclude = ancestors(from === null ? null : get(from).sha);
    return [...ancestors(get(to).sha)]
      .filter((s) => !exclude.has(s))
      .map((s) => commits.get(s)!)
      .sort((a, b) => a.seq - b.seq);
  };
  const touched = (c: MemoryCommit): string[] => {
    const before = c.parents[0] ? commits.get(c.parents[0])!.files : new Map<string, string>();
    return diffPaths(before, c.files);
  };
  const info = (c: MemoryCommit): CommitInfo => ({ sha: c.sha, date: c.date, message: c.message, author: c.author, paths: touched(c) });
  const byTool = (c: MemoryCommit) => c.author === toolAuthor || c.message.includes(TOOL_TRAILER);
  const pullOf = (number: number) => {
    const pr = pulls.find((p) => p.number === number);
    if (!pr) throw new HostError('not-found', `no pull request #${number}`);
    return pr;
  };
  const publicPull = (p: MemoryPullRequest): PullRequest => ({
    number: p.number, url: p.url, head: p.head, base: p.base, title: p.title, body: p.body, state: p.state,
  });

  return {
    branches,
    pulls,
    writes,
    commit(branch, files, o = {}) {
      const parentSha = branches.get(branch) ?? get(o.from ?? main).sha;
      const next = new Map(commits.get(parentSha)!.files);
      for (const [p, text] of Object.entries(files)) {
        if (text === null) next.delete(p);
        else next.set(p, text);
      }
      const sha = make([parentSha], next, o.message ?? `edit ${Object.keys(files).join(', ')}`, o.author ?? 'someone', o.date);
      branches.set(branch, sha);
      return sha;
    },
    snapshot(rev) {
      return Object.fromEntries(get(rev).files);
    },
    closePullRequest(number, o = {}) {
      const pr = pullOf(number);
      pr.state = o.merged ? 'merged' : 'closed';
      if (o.merged) {
        // A merge commit on the base: the base's tree with the head's files taken over.
        const base = get(pr.base);
        const head = get(pr.head);
        const files = new Map(base.files);
        for (const p of diffPaths(base.files, head.files)) {
          const text = head.files.get(p);
          if (text === undefined) files.delete(p);
          else files.set(p, text);
        }
        branches.set(pr.base, make([base.sha, head.sha], files, `Merge #${number}`, 'someone'));
      }
      if (o.deleteBranch) branches.delete(pr.head);
    },

    async defaultBranch() {
      return main;
    },
    async resolveRevision(rev) {
      return get(rev).sha;
    },
    async readFile(path, rev) {
      const text = get(rev).files.get(path);
      if (text === undefined) return null;
      if (text.includes('\0')) throw new HostError('binary', `${path} is a binary file`);
      return text;
    },
    async listFiles(rev) {
      return [...get(rev).files.keys()].sort();
    },
    async listBlobIds(rev) {
      // Real Git blob ids, so ids the workflow computes with gitBlobId compare equal.
      return new Map([...get(rev).files].map(([path, text]) => [path, gitBlobId(text)]));
    },
    async changedPaths(from, to) {
      const before = from === null ? new Map<string, string>() : get(from).files;
      return diffPaths(before, get(to).files);
    },
    async commitsBetween(from, to, paths) {
      const list = between(from, to).map(info);
      if (!paths) return list;
      const wanted = new Set(paths);
      return list.filter((c) => c.paths!.some((p) => wanted.has(p)));
    },
    async lastCommits(paths, rev) {
      // First parent only, newest first: the order commits landed on the branch; a merge
      // counts as the change it brought (as `git log --first-parent` shows it).
      const wanted = new Set(paths);
      const found = new Map<string, CommitInfo>();
      for (let c: MemoryCommit | undefined = get(rev); c && wanted.size > 0; c = c.parents[0] ? commits.get(c.parents[0]) : undefined) {
        for (const p of touched(c)) {
          if (!wanted.delete(p)) continue;
          found.set(p, info(c));
        }
      }
      return found;
    },
    async getBranch(name, base): Promise<BranchState | null> {
      const head = branches.get(name);
      if (!head) return null;
      const list = between(get(base).sha, head);
      return { name, head, commits: list.map((c) => ({ sha: c.sha, author: c.author, byTool: byTool(c) })) };
    },
    async commitFiles({ branch, parent, files, message, force }) {
      writes.push('commitFiles');
      const current = branches.get(branch);
      const parentCommit = get(parent);
      if (current !== undefined && current !== parentCommit.sha && !force && !ancestors(parentCommit.sha).has(current)) {
        throw new HostError('conflict', `${branch} moved: ${current} is not an ancestor of ${parent}`);
      }
      const next = new Map(parentCommit.files);
      for (const f of files as FileChange[]) {
        if (f.content === null) next.delete(f.path);
        else next.set(f.path, f.content);
      }
      const sha = make([parentCommit.sha], next, message, toolAuthor);
      branches.set(branch, sha);
      return sha;
    },
    async findPullRequest(head) {
      const pr = pulls.find((p) => p.head === head && p.state === 'open');
      return pr ? publicPull(pr) : null;
    },
    async openPullRequest(draft: PullRequestDraft) {
      writes.push('openPullRequest');
      if (!branches.has(draft.head)) throw new HostError('not-found', `no branch ${draft.head}`);
      if (pulls.some((p) => p.head === draft.head && p.state === 'open')) {
        throw new HostError('conflict', `a pull request from ${draft.head} is already open`);
      }
      const number = pulls.length + 1;
      const pr: MemoryPullRequest = {
        number, url: `memory://pulls/${number}`, head: draft.head, base: draft.base, title: draft.title, body: draft.body,
        state: 'open', labels: [...draft.labels], reviewers: [...draft.reviewers], comments: [],
      };
      pulls.push(pr);
      return publicPull(pr);
    },
    async updatePullRequest(number, patch) {
      writes.push('updatePullRequest');
      const pr = pullOf(number);
      if (patch.title !== undefined) pr.title = patch.title;
      if (patch.body !== undefined) pr.body = patch.body;
      return publicPull(pr);
    },
    async comment(number, body) {
      writes.push('comment');
      pullOf(number).comments.push(body);
    },
  };
}

function diffPaths(before: Map<string, string>, after: Map<string, string>): string[] {
  const out = new Set<string>();
  for (const [p, t] of after) if (before.get(p) !== t) out.add(p);
  for (const p of before.keys()) if (!after.has(p)) out.add(p);
  return [...out].sort();
}
