/**
 * The GitHub adapter of core's `RepositoryHost` port (release-please's `Scm`, renovate's
 * `Platform`): octokit calls, nothing else. One instance serves one delivery for one
 * repository, so it caches what GitHub cannot change under it (commits, trees and blobs are
 * content-addressed) and what it wrote itself (branch heads, pull requests).
 *
 * Request budget (bench/run.js): reading a file is one blob read (the recursive tree
 * of a revision is read once); listing a revision's blob ids is that one tree read, or none
 * for a branch head a compare already described; committing a locale is one tree (blobs
 * inline as `content`), one commit and one ref update, whatever the number of files.
 */
import type { ProbotOctokit } from 'probot';
import {
  HostError,
  type BranchCommit,
  type BranchState,
  type CommitInfo,
  type FileChange,
  type PullRequest,
  type PullRequestDraft,
  type RepositoryHost,
} from '@i18n-drift/core';
import { guarded, httpStatus, toHostError } from './to-host-error.js';
import { createRepositoryLru, type RepositoryLru } from './repository-lru.js';

/** The octokit a Probot context carries (installation-authenticated). */
export type GitHubClient = InstanceType<typeof ProbotOctokit>;

/** Documents above this size are refused with HostError('too-large') rather than parsed. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** GitHub's compare API lists at most 300 files; at that count the list may be cut short. */
const COMPARE_FILE_LIMIT = 300;
const PAGE = 100;
/** Blobs per GraphQL query: GitHub allows far more nodes, but one answer stays a few MB at most. */
const BLOBS_PER_QUERY = 100;
/** Files per page of a commit read (GitHub's maximum). */
const COMMIT_FILES_PAGE = 300;
const FULL_SHA = /^[0-9a-f]{40}$/i;

export interface GitHubHostOptions {
  owner: string;
  repo: string;
  /** From the webhook payload's repository; read from GitHub when absent. */
  defaultBranch?: string;
  /** The app's own login (`<slug>[bot]`): commits it authored are `byTool`. */
  botLogin: string;
  /** Told about things that went wrong but do not fail the sync (a reviewer GitHub refused). */
  warn?: (message: string) => void;
  /**
   * Commits the first-parent walk of `lastCommits` read, kept across deliveries (a commit
   * never changes): while a translation stays unpinned on the default branch (its onboarding
   * pull request open), each push walks back to its last commit again, and then reads only
   * the commits pushed since. Default: one memory per process; null: this host's only.
   */
  walkedCommits?: RepositoryLru<WalkedCommit> | null;
}

/** One commit of the first-parent walk: its first parent and the paths it changed against it. */
export interface WalkedCommit {
  info: CommitInfo;
  tree: string | null;
  parent: string | null;
  paths: string[];
}

const processWalkedCommits = createRepositoryLru<WalkedCommit>({ repositories: 200, entriesPerRepository: 5_000 });

/** The adapter, plus GitHub-only helpers the app uses next to the workflow. */
export interface GitHubHost extends RepositoryHost {
  readonly owner: string;
  readonly repo: string;
  /** The best common ancestor of two revisions (what a pull request's diff starts from). */
  mergeBase(a: string, b: string): Promise<string>;
  /**
   * Read many blobs ahead, 100 per GraphQL query (aliases of `object(oid:)`), into the
   * cache `readFile` reads from. Best effort: a blob GraphQL does not answer as text
   * (binary, truncated, an error), or every blob when GitHub has no usable GraphQL API,
   * is left to `readFile`'s REST read. Never throws.
   */
  prefetchBlobs(blobs: readonly string[]): Promise<void>;
}

interface Comparison {
  status: string;
  mergeBase: string;
  commits: RestCommit[];
  files: { filename: string; previous_filename?: string; status?: string; sha?: string | null }[];
}

interface CommitRecord {
  sha: string;
  tree: string;
}

interface TreeEntry {
  sha: string;
  size: number | undefined;
  /** Git's file mode (`100644`, `100755`, `120000`). */
  mode: string;
}

interface TreeRecord {
  entries: Map<string, TreeEntry>;
  /** GitHub cuts recursive trees beyond 100,000 entries; then files are read by path. */
  truncated: boolean;
}

interface RestCommit {
  sha: string;
  commit: {
    /** Listed by the compare API: remembered, so reading that commit's tree needs no commit read. */
    tree?: { sha: string };
    message: string;
    author: { name?: string; email?: string; date?: string } | null;
    committer: { name?: string; email?: string; date?: string } | null;
  };
  author: { login?: string } | null;
  committer: { login?: string } | null;
}

interface RestPull {
  number: number;
  html_url: string;
  title: string;
  body: string | null;
  state: string;
  merged_at?: string | null;
  head: { ref: string };
  base: { ref: string };
  labels?: ({ name?: string } | string)[];
}

function toPullRequest(pull: RestPull): PullRequest {
  return {
    number: pull.number,
    url: pull.html_url,
    head: pull.head.ref,
    base: pull.base.ref,
    title: pull.title,
    body: pull.body ?? '',
    state: pull.merged_at ? 'merged' : pull.state === 'open' ? 'open' : 'closed',
    ...(Array.isArray(pull.labels) ? { labels: pull.labels.map((label) => (typeof label === 'string' ? label : (label.name ?? ''))) } : {}),
  };
}

/** Path -> new blob sha (null: gone) for every file a comparison lists, renames as a removal plus an addition. */
function blobChanges(comparison: Comparison): Map<string, string | null> {
  const files = new Map<string, string | null>();
  for (const file of comparison.files) {
    if (file.previous_filename && !files.has(file.previous_filename)) files.set(file.previous_filename, null);
    files.set(file.filename, file.status === 'removed' ? null : (file.sha ?? null));
  }
  return files;
}

function toCommitInfo(commit: RestCommit): CommitInfo {
  return {
    sha: commit.sha,
    date: commit.commit.committer?.date ?? commit.commit.author?.date ?? new Date(0).toISOString(),
    message: commit.commit.message,
    author: commit.author?.login ?? commit.commit.author?.name ?? 'unknown',
  };
}

/** Decode a blob, refusing what is not UTF-8 text (a binary file matching a pattern). */
function decodeText(path: string, bytes: Buffer): string {
  if (bytes.includes(0)) throw new HostError('binary', `${path} is a binary file, not a text document`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new HostError('binary', `${path} is not valid UTF-8 text`);
  }
}

/**
 * Create the adapter for one repository over an installation-authenticated octokit.
 * Every method throws HostError (never octokit's RequestError).
 */
export function createGitHubHost(octokit: GitHubClient, options: GitHubHostOptions): GitHubHost {
  const { owner, repo, botLogin } = options;
  const warn = options.warn ?? (() => {});
  let defaultBranchName = options.defaultBranch;

  const commits = new Map<string, Promise<CommitRecord>>();
  const trees = new Map<string, Promise<TreeRecord>>();
  const blobs = new Map<string, Promise<string>>();
  /** Branch -> head sha, or null when known not to exist; filled by getBranch and commitFiles. */
  const branches = new Map<string, string | null>();
  const pulls = new Map<string, PullRequest | null>();
  /** Open pull requests listed once per host (head -> PR), instead of one query per locale. */
  let openPulls: Promise<Map<string, PullRequest>> | undefined;
  const comparisons = new Map<string, Promise<Comparison>>();
  /** Commit sha -> its first parent and changed paths, for the first-parent walk of `lastCommits`. */
  const details = new Map<string, Promise<WalkedCommit>>();
  const walkedCommits = options.walkedCommits === undefined ? processWalkedCommits : options.walkedCommits;
  const repository = `${owner}/${repo}`;
  /** Ref prefixes (`i18n-drift/`) whose branches were all listed with one read. */
  const listedPrefixes = new Map<string, Promise<void>>();
  /** Set once GitHub answered a GraphQL query with no data at all: REST reads from then on. */
  let graphqlUnusable = false;
  /** Branches that did not exist when first asked about: no open pull request can have them as head. */
  const absent = new Set<string>();
  /**
   * Head sha -> its files as a difference from a base (from a compare whose base is an
   * ancestor): reading a locale branch then costs one blob per file it changed, and no
   * commit or tree read.
   */
  const overlays = new Map<string, { base: string; files: Map<string, string | null> }>();

  const isBot = (login: string | undefined) => login !== undefined && login.toLowerCase() === botLogin.toLowerCase();

  function loadCommit(rev: string): Promise<CommitRecord> {
    let found = commits.get(rev);
    if (!found) {
      found = guarded(`resolve revision ${rev}`, async () => {
        if (FULL_SHA.test(rev)) {
          const { data } = await octokit.request('GET /repos/{owner}/{repo}/git/commits/{commit_sha}', { owner, repo, commit_sha: rev });
          return { sha: data.sha, tree: data.tree.sha };
        }
        // Branch, tag or short sha: the commits endpoint resolves any of them in one read.
        const { data } = await octokit.request('GET /repos/{owner}/{repo}/commits/{ref}', { owner, repo, ref: rev, per_page: 1 });
        return { sha: data.sha, tree: data.commit.tree.sha };
      })
        .then((record) => {
          // A name resolves once per host (one delivery sees one consistent state of it);
          // its sha is then known too.
          if (!commits.has(record.sha)) commits.set(record.sha, Promise.resolve(record));
          return record;
        })
        .catch((error: unknown) => {
          commits.delete(rev);
          // GitHub answers 422 "No commit found for SHA" for a malformed or unknown ref.
          if (error instanceof HostError && error.code === 'other' && httpStatus(error.cause) === 422) {
            throw new HostError('not-found', `Unknown revision ${rev}`, { cause: error });
          }
          throw error;
        });
      commits.set(rev, found);
    }
    return found;
  }

  /** A commit's tree as another answer listed it (compare): content-addressed, so never stale. */
  function rememberCommit(sha: string, tree: string | undefined): void {
    if (tree && FULL_SHA.test(sha) && !commits.has(sha)) commits.set(sha, Promise.resolve({ sha, tree }));
  }

  function loadTree(rev: string): Promise<TreeRecord> {
    let found = trees.get(rev);
    if (!found) {
      found = (async () => {
        const commit = await loadCommit(rev);
        return guarded(`list the files of ${rev}`, async () => {
          const { data } = await octokit.request('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', {
            owner,
            repo,
            tree_sha: commit.tree,
            recursive: '1',
          });
          const entries = new Map<string, TreeEntry>();
          for (const entry of data.tree) {
            if (entry.type === 'blob' && entry.path && entry.sha) entries.set(entry.path, { sha: entry.sha, size: entry.size, mode: entry.mode ?? '100644' });
          }
          return { entries, truncated: Boolean(data.truncated) };
        });
      })();
      found.catch(() => trees.delete(rev));
      trees.set(rev, found);
    }
    return found;
  }

  function loadBlob(path: string, sha: string): Promise<string> {
    let found = blobs.get(sha);
    if (!found) {
      found = guarded(`read ${path}`, async () => {
        const { data } = await octokit.request('GET /repos/{owner}/{repo}/git/blobs/{file_sha}', { owner, repo, file_sha: sha });
        return data.encoding === 'base64' ? Buffer.from(data.content, 'base64') : Buffer.from(data.content, 'utf8');
      }).then((bytes) => decodeText(path, bytes));
      found.catch(() => blobs.delete(sha));
      blobs.set(sha, found);
    }
    return found;
  }

  /** Fallback for a truncated tree: the contents API by path (one read). */
  async function readByPath(path: string, rev: string): Promise<string | null> {
    try {
      const { data } = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', { owner, repo, path, ref: rev });
      if (Array.isArray(data) || data.type !== 'file') return null;
      if (data.size > MAX_FILE_BYTES) throw new HostError('too-large', `${path} is ${data.size} bytes, more than ${MAX_FILE_BYTES}`);
      return decodeText(path, Buffer.from((data as { content?: string }).content ?? '', 'base64'));
    } catch (error) {
      if (httpStatus(error) === 404) return null;
      throw toHostError(error, `read ${path} at ${rev}`);
    }
  }

  /** `base...head`, every page of commits; cached (both ends are usually full shas). */
  function compareCommits(base: string, head: string): Promise<Comparison> {
    const key = `${base}...${head}`;
    let found = comparisons.get(key);
    if (!found) {
      found = guarded(`compare ${key}`, async () => {
        const commitsSeen: RestCommit[] = [];
        let first: { status: string; merge_base_commit: { sha: string; commit?: { tree?: { sha: string } } }; files?: unknown[] } | undefined;
        for (let page = 1; ; page += 1) {
          const { data } = await octokit.request('GET /repos/{owner}/{repo}/compare/{basehead}', {
            owner,
            repo,
            basehead: key,
            per_page: PAGE,
            page,
          });
          first ??= data;
          commitsSeen.push(...(data.commits as RestCommit[]));
          if (data.commits.length < PAGE || commitsSeen.length >= data.total_commits) break;
        }
        for (const c of [first!.merge_base_commit, ...commitsSeen]) rememberCommit(c.sha, c.commit?.tree?.sha);
        const comparison: Comparison = {
          status: first!.status,
          mergeBase: first!.merge_base_commit.sha,
          commits: commitsSeen,
          files: (first!.files ?? []) as Comparison['files'],
        };
        // The files of `head` are those of the merge base plus this list: remember that,
        // so reading `head` needs no commit or tree read of its own.
        const headSha = commitsSeen.at(-1)?.sha;
        if (headSha && comparison.files.length < COMPARE_FILE_LIMIT && !overlays.has(headSha)) {
          overlays.set(headSha, { base: comparison.mergeBase, files: blobChanges(comparison) });
        }
        return comparison;
      });
      found.catch(() => comparisons.delete(key));
      comparisons.set(key, found);
    }
    return found;
  }

  /** Paths whose blob differs between two revisions (two recursive tree reads). */
  async function diffTrees(from: string, to: string): Promise<string[]> {
    const [a, b] = await Promise.all([loadTree(from), loadTree(to)]);
    const changed = new Set<string>();
    for (const [path, entry] of b.entries) if (a.entries.get(path)?.sha !== entry.sha) changed.add(path);
    for (const path of a.entries.keys()) if (!b.entries.has(path)) changed.add(path);
    return [...changed].sort();
  }

  /**
   * One commit of the first-parent walk: its first parent and the paths it changed against
   * that parent (every page of its file list). Cached: a commit never changes.
   */
  function commitDetail(sha: string): Promise<WalkedCommit> {
    let found = details.get(sha);
    const known = found ? undefined : walkedCommits?.get(repository, sha);
    if (known) {
      rememberCommit(sha, known.tree ?? undefined);
      found = Promise.resolve(known);
      details.set(sha, found);
    }
    if (!found) {
      found = guarded(`read commit ${sha.slice(0, 7)}`, async () => {
        const paths: string[] = [];
        let first: (RestCommit & { parents: { sha: string }[] }) | undefined;
        for (let page = 1; ; page += 1) {
          const { data } = await octokit.request('GET /repos/{owner}/{repo}/commits/{ref}', { owner, repo, ref: sha, per_page: COMMIT_FILES_PAGE, page });
          first ??= data as unknown as RestCommit & { parents: { sha: string }[] };
          const files = data.files ?? [];
          for (const f of files) {
            paths.push(f.filename);
            if (f.previous_filename) paths.push(f.previous_filename);
          }
          // GitHub lists at most 3,000 files of a commit, COMMIT_FILES_PAGE per page.
          if (files.length < COMMIT_FILES_PAGE || page * COMMIT_FILES_PAGE >= 3_000) break;
        }
        rememberCommit(first!.sha, first!.commit.tree?.sha);
        const parent = first!.parents[0]?.sha ?? null;
        if (first!.parents.length > 1 && parent !== null) {
          // A merge: what it brought is its difference from its first parent, which a
          // compare says for sure (the commit read's file list of a merge is not that).
          const compared = await compareCommits(parent, first!.sha);
          return { commit: first!, parent, paths: compared.files.length >= COMPARE_FILE_LIMIT ? await diffTrees(parent, first!.sha) : [...blobChanges(compared).keys()] };
        }
        return { commit: first!, parent, paths };
      }).then(({ commit, parent, paths }) => {
        const walked: WalkedCommit = { info: toCommitInfo(commit), tree: commit.commit.tree?.sha ?? null, parent, paths };
        walkedCommits?.set(repository, sha, walked);
        return walked;
      });
      found.catch(() => details.delete(sha));
      details.set(sha, found);
    }
    return found;
  }

  /** Commits up to `to` touching `path`, newest first; stops paging once older than `oldest`. */
  async function pathHistory(path: string, to: string, oldest: string | null): Promise<RestCommit[]> {
    const found: RestCommit[] = [];
    await guarded(`list the history of ${path}`, async () => {
      for (let page = 1; ; page += 1) {
        const { data } = await octokit.request('GET /repos/{owner}/{repo}/commits', { owner, repo, sha: to, path, per_page: PAGE, page });
        found.push(...(data as RestCommit[]));
        const last = data.at(-1)?.commit.committer?.date;
        // Newest first: once past the oldest commit of the range, older pages cannot matter.
        if (data.length < PAGE || (oldest !== null && last !== undefined && last < oldest)) break;
      }
    });
    return found;
  }

  /**
   * A branch's head sha, or null when it does not exist. Branches under a prefix
   * (`i18n-drift/fr`) are listed together with one read, so ten locales cost one request.
   */
  async function branchHead(name: string): Promise<string | null> {
    if (branches.has(name)) return branches.get(name) ?? null;
    const slash = name.lastIndexOf('/');
    if (slash > 0) {
      const prefix = name.slice(0, slash + 1);
      let listed = listedPrefixes.get(prefix);
      if (!listed) {
        listed = guarded(`list the branches ${prefix}*`, async () => {
          const refs = (await octokit.paginate('GET /repos/{owner}/{repo}/git/matching-refs/{ref}', {
            owner,
            repo,
            ref: `heads/${prefix}`,
            per_page: PAGE,
          })) as { ref: string; object: { sha: string } }[];
          for (const ref of refs) {
            const branch = ref.ref.slice('refs/heads/'.length);
            if (!branches.has(branch)) branches.set(branch, ref.object.sha);
          }
        });
        listed.catch(() => listedPrefixes.delete(prefix));
        listedPrefixes.set(prefix, listed);
      }
      await listed;
    } else {
      try {
        const { data } = await octokit.request('GET /repos/{owner}/{repo}/git/ref/{ref}', { owner, repo, ref: `heads/${name}` });
        branches.set(name, data.object.sha);
      } catch (error) {
        if (httpStatus(error) !== 404) throw toHostError(error, `read branch ${name}`);
      }
    }
    if (!branches.has(name)) {
      branches.set(name, null);
      absent.add(name);
    }
    return branches.get(name) ?? null;
  }

  const host: GitHubHost = {
    owner,
    repo,

    async mergeBase(a, b) {
      return (await compareCommits(a, b)).mergeBase;
    },

    async defaultBranch() {
      if (!defaultBranchName) {
        const { data } = await guarded('read the repository', () => octokit.request('GET /repos/{owner}/{repo}', { owner, repo }));
        defaultBranchName = data.default_branch;
      }
      return defaultBranchName;
    },

    async resolveRevision(rev) {
      return (await loadCommit(rev)).sha;
    },

    async readFile(path, rev) {
      const overlay = trees.has(rev) ? undefined : overlays.get(rev);
      if (overlay) {
        if (!overlay.files.has(path)) return host.readFile(path, overlay.base);
        const blob = overlay.files.get(path);
        return blob ? loadBlob(path, blob) : null;
      }
      const tree = await loadTree(rev);
      const entry = tree.entries.get(path);
      if (!entry) return tree.truncated ? readByPath(path, rev) : null;
      if (entry.size !== undefined && entry.size > MAX_FILE_BYTES) {
        throw new HostError('too-large', `${path} is ${entry.size} bytes, more than ${MAX_FILE_BYTES}`);
      }
      return loadBlob(path, entry.sha);
    },

    async prefetchBlobs(wanted) {
      const missing = [...new Set(wanted)].filter((sha) => FULL_SHA.test(sha) && !blobs.has(sha));
      for (let start = 0; start < missing.length && !graphqlUnusable; start += BLOBS_PER_QUERY) {
        const chunk = missing.slice(start, start + BLOBS_PER_QUERY);
        const fields = chunk.map((sha, i) => `b${i}: object(oid: "${sha}") { ... on Blob { text isBinary isTruncated } }`).join(' ');
        let data: { repository?: Record<string, { text?: string | null; isBinary?: boolean; isTruncated?: boolean } | null> | null } | undefined;
        try {
          data = await octokit.graphql(`query($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { ${fields} } }`, { owner, name: repo });
        } catch (error) {
          // Errors about some aliases come with the data of the others.
          data = (error as { data?: typeof data }).data ?? undefined;
          if (!data?.repository) {
            graphqlUnusable = true;
            warn(`GitHub's GraphQL API did not answer (${(error as Error).message}); reading blobs one by one`);
          }
        }
        chunk.forEach((sha, i) => {
          const blob = data?.repository?.[`b${i}`];
          if (blob && blob.isBinary === false && blob.isTruncated === false && typeof blob.text === 'string' && !blobs.has(sha)) {
            blobs.set(sha, Promise.resolve(blob.text));
          }
        });
      }
    },

    async listFiles(rev) {
      const tree = await loadTree(rev);
      if (tree.truncated) warn(`The tree of ${rev} has more entries than GitHub lists; some files may be missing.`);
      return [...tree.entries.keys()].sort();
    },

    /**
     * One recursive tree read per revision; a locale branch's head known from a compare
     * costs none (its merge base's tree plus the blobs the compare listed), so checking
     * ten locale branches against the new files reads one shared tree, not thirty blobs.
     */
    async listBlobIds(rev) {
      const overlay = trees.has(rev) ? undefined : overlays.get(rev);
      if (overlay) {
        const ids = new Map(await host.listBlobIds!(overlay.base));
        for (const [path, sha] of overlay.files) {
          if (sha) ids.set(path, sha);
          else ids.delete(path);
        }
        return ids;
      }
      const tree = await loadTree(rev);
      // Beyond GitHub's listing limit (100,000 entries) a file may be missing here: a file
      // to write then looks different (written again, harmless), a file to delete looks
      // already gone (the branch may keep it until the next sync that changes anything).
      if (tree.truncated) warn(`The tree of ${rev} has more entries than GitHub lists; some files may be missing.`);
      return new Map([...tree.entries].map(([path, entry]) => [path, entry.sha]));
    },

    async changedPaths(from, to) {
      if (from === null) return host.listFiles(to);
      const compared = await compareCommits(from, to);
      if (compared.files.length >= COMPARE_FILE_LIMIT) return diffTrees(from, to);
      if (compared.status === 'ahead' || compared.status === 'identical') return [...blobChanges(compared).keys()].sort();
      // A force push, or a locale branch behind the default branch: the three-dot compare
      // lists only the merge base's changes towards `to`. Add those towards `from` (one more
      // compare, shared by every branch forked from the same commit) and keep the paths
      // whose blobs differ.
      const other = await compareCommits(compared.mergeBase, from);
      if (other.files.length >= COMPARE_FILE_LIMIT) return diffTrees(from, to);
      const towardsTo = blobChanges(compared);
      const towardsFrom = blobChanges(other);
      const paths = new Set([...towardsTo.keys(), ...towardsFrom.keys()]);
      return [...paths].filter((p) => !(towardsTo.has(p) && towardsFrom.has(p) && towardsTo.get(p) === towardsFrom.get(p))).sort();
    },

    /**
     * With `paths`, one history listing per path (plus one compare when `from` is given),
     * and each commit's `paths` names the requested paths it touches.
     */
    async commitsBetween(from, to, paths) {
      const range = from === null ? null : (await compareCommits(from, to)).commits;
      if (!paths || paths.length === 0) {
        if (range) return range.map(toCommitInfo);
        const all = (await guarded(`list the history of ${to}`, () =>
          octokit.paginate('GET /repos/{owner}/{repo}/commits', { owner, repo, sha: to, per_page: PAGE }),
        )) as RestCommit[];
        return all.reverse().map(toCommitInfo);
      }
      if (range && range.length === 0) return [];
      const oldest = range ? range.map((c) => toCommitInfo(c).date).reduce((min, d) => (d < min ? d : min)) : null;
      const touched = new Map<string, { commit: RestCommit; paths: string[] }>();
      for (const path of paths) {
        for (const commit of await pathHistory(path, to, oldest)) {
          const entry = touched.get(commit.sha) ?? { commit, paths: [] };
          entry.paths.push(path);
          touched.set(commit.sha, entry);
        }
      }
      // Oldest first: the compare's order when there is a range, else the listings' (newest first) reversed by date.
      const ordered = range
        ? range.filter((c) => touched.has(c.sha))
        : [...touched.values()]
            .map((e) => e.commit)
            .reverse()
            .sort((a, b) => (toCommitInfo(a).date < toCommitInfo(b).date ? -1 : toCommitInfo(a).date > toCommitInfo(b).date ? 1 : 0));
      return ordered.map((c) => ({ ...toCommitInfo(c), paths: touched.get(c.sha)!.paths }));
    },

    /**
     * The first-parent chain of `rev` walked once, newest first, one commit read each (its
     * changed files), until every path is found: the cost is the number of commits back to
     * the oldest of the last changes, whatever the number of paths (GraphQL's
     * `history(path:)` would be one query per 100 paths, but it follows every parent, and
     * the emulator the tests run against has no GraphQL).
     */
    async lastCommits(paths, rev) {
      const wanted = new Set(paths);
      const found = new Map<string, CommitInfo>();
      let sha: string | null = await host.resolveRevision(rev);
      while (sha !== null && wanted.size > 0) {
        const detail = await commitDetail(sha);
        for (const p of detail.paths) if (wanted.delete(p)) found.set(p, detail.info);
        sha = detail.parent;
      }
      return found;
    },

    async getBranch(name, base) {
      const head = await branchHead(name);
      if (head === null) return null;
      const ahead = await compareCommits(base, head);
      const branchCommits: BranchCommit[] = ahead.commits.map((commit) => ({
        sha: commit.sha,
        author: commit.author?.login ?? commit.commit.author?.name ?? 'unknown',
        byTool: isBot(commit.author?.login) && (commit.committer === null || isBot(commit.committer.login) || commit.committer.login === 'web-flow'),
      }));
      const state: BranchState = { name, head, commits: branchCommits };
      return state;
    },

    async commitFiles({ branch, parent, files, message, force }) {
      const base = await loadCommit(parent);
      // A file committed executable stays so (a 0755 translation keeps its mode, as the CLI's
      // locale commit keeps it); a new file, or one GitHub's cut-off listing leaves out, is 100644.
      const kept = files.some((f) => f.content !== null) ? (await loadTree(parent)).entries : new Map<string, TreeEntry>();
      const modeOf = (path: string) => (kept.get(path)?.mode === '100755' ? ('100755' as const) : ('100644' as const));
      const tree = await guarded(`write the files of ${branch}`, () =>
        octokit.request('POST /repos/{owner}/{repo}/git/trees', {
          owner,
          repo,
          base_tree: base.tree,
          tree: files.map((file: FileChange) =>
            file.content === null
              ? { path: file.path, mode: '100644' as const, type: 'blob' as const, sha: null }
              : { path: file.path, mode: modeOf(file.path), type: 'blob' as const, content: file.content },
          ),
        }),
      );
      const commit = await guarded(`commit on ${branch}`, () =>
        octokit.request('POST /repos/{owner}/{repo}/git/commits', { owner, repo, message, tree: tree.data.sha, parents: [base.sha] }),
      );
      const sha = commit.data.sha;
      const record = Promise.resolve({ sha, tree: tree.data.sha });
      commits.set(sha, record);
      commits.set(branch, record);
      trees.delete(branch);

      const seen = await branchHead(branch);
      if (force && seen !== null) {
        // GitHub's ref update has no compare-and-swap: check right before forcing that the
        // branch still is what the workflow judged "only the app's commits", so a
        // translator's commit pushed meanwhile is never overwritten.
        const { data } = await guarded(`read branch ${branch}`, () =>
          octokit.request('GET /repos/{owner}/{repo}/git/ref/{ref}', { owner, repo, ref: `heads/${branch}` }),
        );
        if (data.object.sha !== seen) throw new HostError('conflict', `${branch} moved from ${seen.slice(0, 7)} to ${data.object.sha.slice(0, 7)} while syncing`);
      }
      if (seen === null) {
        await guarded(`create branch ${branch}`, () =>
          octokit.request('POST /repos/{owner}/{repo}/git/refs', { owner, repo, ref: `refs/heads/${branch}`, sha }),
        );
      } else {
        // Without force GitHub refuses anything but a fast-forward: a translator's commit that
        // landed meanwhile makes this a HostError('conflict'), never a lost commit.
        await guarded(`move branch ${branch}`, () =>
          octokit.request('PATCH /repos/{owner}/{repo}/git/refs/{ref}', { owner, repo, ref: `heads/${branch}`, sha, force }),
        );
      }
      branches.set(branch, sha);
      return sha;
    },

    async findPullRequest(head) {
      if (pulls.has(head)) return pulls.get(head) ?? null;
      // An open pull request needs its head branch: one that did not exist has none.
      if (absent.has(head) || branches.get(head) === null) return null;
      openPulls ??= guarded('list the open pull requests', async () => {
        const list = (await octokit.paginate('GET /repos/{owner}/{repo}/pulls', { owner, repo, state: 'open', per_page: PAGE })) as (RestPull & {
          head: { repo: { full_name: string } | null };
        })[];
        const byHead = new Map<string, PullRequest>();
        // Only heads in this repository: a fork's `i18n-drift/fr` is someone else's branch.
        for (const pull of list) if (pull.head.repo?.full_name === `${owner}/${repo}`) byHead.set(pull.head.ref, toPullRequest(pull));
        return byHead;
      });
      openPulls.catch(() => (openPulls = undefined));
      const found = (await openPulls).get(head) ?? null;
      pulls.set(head, found);
      return found;
    },

    async openPullRequest(draft: PullRequestDraft) {
      const { data } = await guarded(`open a pull request from ${draft.head}`, () =>
        octokit.request('POST /repos/{owner}/{repo}/pulls', {
          owner,
          repo,
          head: draft.head,
          base: draft.base,
          title: draft.title,
          body: draft.body,
          maintainer_can_modify: true,
        }),
      );
      const opened = toPullRequest(data as RestPull);
      await host.decoratePullRequest!(opened.number, draft);
      const pull: PullRequest = { ...opened, labels: [...new Set([...(opened.labels ?? []), ...draft.labels])] };
      pulls.set(draft.head, pull);
      return pull;
    },

    async decoratePullRequest(number, { labels, reviewers }) {
      // Labels and reviewers decorate a pull request that exists now: a refusal (a reviewer who
      // is no collaborator) is reported, not allowed to fail the sync after the fact.
      if (labels.length > 0) {
        await octokit
          .request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', { owner, repo, issue_number: number, labels })
          .catch((error: unknown) => warn(toHostError(error, `label pull request #${number}`).message));
      }
      const people = reviewers.filter((login) => !isBot(login));
      if (people.length > 0) {
        await octokit
          .request('POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', { owner, repo, pull_number: number, reviewers: people })
          .catch((error: unknown) => warn(toHostError(error, `request reviews on #${number}`).message));
      }
    },

    async updatePullRequest(number, patch) {
      const known = [...pulls.values()].find((pull) => pull?.number === number);
      if (known && (patch.title ?? known.title) === known.title && (patch.body ?? known.body) === known.body) return known;
      const { data } = await guarded(`update pull request #${number}`, () =>
        octokit.request('PATCH /repos/{owner}/{repo}/pulls/{pull_number}', { owner, repo, pull_number: number, ...patch }),
      );
      const pull = toPullRequest(data as RestPull);
      pulls.set(pull.head, pull);
      return pull;
    },

    async comment(number, body) {
      await guarded(`comment on #${number}`, () =>
        octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner, repo, issue_number: number, body }),
      );
    },
  };

  return host;
}
