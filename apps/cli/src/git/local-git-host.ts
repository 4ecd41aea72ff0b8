/**
 * The local-Git adapter of core's `RepositoryHost` port: reads through one
 * `git cat-file --batch`, commits on a locale branch through a temporary index
 * (`GIT_INDEX_FILE`), `commit-tree` and a compare-and-swap `update-ref`, so the
 * checked-out branch and the working tree are never touched. Pull requests are JSON
 * files under `.git/i18n-drift/pulls/`.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { HostError } from '@i18n-drift/core';
import type { BranchState, CommitInfo, PullRequest, PullRequestDraft, RepositoryHost } from '@i18n-drift/core';
import { openCatFileBatch, type CatFileBatch } from './cat-file-batch.js';
import { LocalizedHostError, UnknownRevisionError } from '../cli-error.js';
import { gitText, runGit } from './run-git.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { blobId } from './blob-id.js';
import { shallowBoundaries } from './shallow.js';
import { decodeFile, MAX_FILE_BYTES, notAFile, refuseTooLarge } from './decode-file.js';

export { MAX_FILE_BYTES } from './decode-file.js';

/** The trailer that marks a commit as the tool's: a later sync may rebuild such commits, never others. */
export const SYNC_TRAILER = 'I18n-Drift-Sync: true';
const TOOL_IDENTITY = { name: 'i18n-drift', email: 'i18n-drift@localhost' };
const ZERO = '0000000000000000000000000000000000000000';

/** A pull request as the local adapter stores it. */
export interface LocalPullRequest extends PullRequest {
  labels: string[];
  reviewers: string[];
  comments: string[];
}

export interface LocalGitHost extends RepositoryHost {
  readonly root: string;
  /** Absolute path of the (common) `.git` folder. */
  readonly gitDir: string;
  /** path -> blob id of every file at a revision (`git ls-tree -r`). */
  listBlobs(rev: string): Promise<Map<string, string>>;
  /** Raw blob by id (for the parse cache). */
  readBlob(oid: string, path: string): Promise<string>;
  /** Every stored pull request. */
  listPullRequests(): LocalPullRequest[];
  close(): void;
}

/**
 * What a caller already asked git about the repository (the cached `status` path's key:
 * `git status --branch` named HEAD, the work tree was found): not asked again.
 */
export interface KnownRepository {
  /** `--show-toplevel`. */
  root: string;
  /** `--git-common-dir`, absolute. */
  gitDir: string;
  /** HEAD's commit; null before the first commit (then asked as usual). */
  head: string | null;
}

/**
 * Open the repository at (or above) `dir`; with `known`, git is not asked what it already said.
 * @throws HostError('not-found') when `dir` is not inside a Git work tree.
 */
export async function openLocalGitHost(dir: string, known?: KnownRepository): Promise<LocalGitHost> {
  let root: string;
  let gitDir: string;
  if (known) {
    ({ root, gitDir } = known);
  } else {
    try {
      // Both in one process; a root with a line break in its name is asked for alone.
      const both = (await gitText(dir, ['rev-parse', '--path-format=absolute', '--show-toplevel', '--git-common-dir'])).split('\n');
      if (both.length === 2) [root, gitDir] = both as [string, string];
      else {
        root = await gitText(dir, ['rev-parse', '--show-toplevel']);
        gitDir = await gitText(dir, ['rev-parse', '--path-format=absolute', '--git-common-dir']);
      }
    } catch (e) {
      throw new HostError('not-found', `${dir} is not inside a Git repository`, { cause: e });
    }
  }
  const batch: CatFileBatch = openCatFileBatch(root, MAX_FILE_BYTES);
  const pullsDir = join(gitDir, 'i18n-drift', 'pulls');

  // Full shas never change meaning: remembered for the whole run. Names (HEAD, branches)
  // are remembered until this host moves a branch.
  const resolved = new Map<string, Promise<string>>();
  if (known?.head) for (const name of ['HEAD', known.head]) resolved.set(name, Promise.resolve(known.head));
  const resolveRevision = (rev: string): Promise<string> => {
    if (rev.startsWith('-') || rev.includes('\n') || rev === '') return Promise.reject(new UnknownRevisionError(rev));
    let sha = resolved.get(rev);
    if (!sha) {
      sha = runGit(root, ['rev-parse', '--verify', '-q', `${rev}^{commit}`], { okCodes: [1, 128] }).then((out) => {
        const value = out.stdout.toString('utf8').trim();
        if (out.code !== 0 || !/^[0-9a-f]{40,64}$/.test(value)) throw unknownRevision(rev);
        // The sha a name resolved to is known too (`listBlobs(head)` after `resolveRevision('HEAD')`).
        if (!resolved.has(value)) resolved.set(value, Promise.resolve(value));
        return value;
      });
      sha.catch(() => resolved.delete(rev));
      resolved.set(rev, sha);
    }
    return sha;
  };
  // A commit missing from a shallow clone is no typo: say how to fetch the history.
  const unknownRevision = (rev: string) =>
    /^[0-9a-f]{7,64}$/.test(rev) && existsSync(join(gitDir, 'shallow'))
      ? new LocalizedHostError('not-found', `commit ${rev} is not in the history of this shallow clone: fetch it with \`git fetch --unshallow\``, { key: 'cli:error.shallow', values: { commit: rev } })
      : new UnknownRevisionError(rev);
  const forgetNames = () => {
    for (const key of [...resolved.keys()]) if (!/^[0-9a-f]{40,64}$/.test(key)) resolved.delete(key);
  };

  // One `git log` per range, shared by every per-document question about it (the
  // workflow asks per document; a process per document is what made Lunaria slow).
  const logs = new Map<string, Promise<CommitInfo[]>>();
  const fullLog = (from: string | null, toSha: string): Promise<CommitInfo[]> => {
    const key = `${from}..${toSha}`;
    let log = logs.get(key);
    if (!log) {
      const range = from === null ? [toSha] : [`${from}..${toSha}`];
      // First parent: the order commits landed on the branch, so the walk never jumps
      // between parallel histories; a merge counts as the change it brought.
      log = runGit(root, ['log', '--first-parent', '--reverse', '--no-renames', '--format=%x1e%H%x1f%aI%x1f%an%x1f%B%x1f', '--name-only', '-z', ...range]).then((out) => parseLog(out.stdout.toString('utf8')));
      logs.set(key, log);
    }
    return log;
  };


  /**
   * `from..to` cut from the full first-parent log of `to` when that log was read already
   * (adoption from history reads it once, then walks each translation from its own last
   * commit): a commit on that list has exactly the later ones after it. Null otherwise.
   */
  const sinceInFullLog = async (from: string | null, toSha: string): Promise<CommitInfo[] | null> => {
    const log = logs.get(`null..${toSha}`);
    if (from === null || !log) return null;
    const all = await log;
    let index = positions.get(all);
    if (!index) positions.set(all, (index = new Map(all.map((c, i) => [c.sha, i]))));
    const at = index.get(from);
    return at === undefined ? null : all.slice(at + 1);
  };
  const positions = new WeakMap<CommitInfo[], Map<string, number>>();
  let lastListed: { sha: string; blobs: Promise<Map<string, string>> } | null = null;

  const parseLog = (raw: string): CommitInfo[] => {
    const commits: CommitInfo[] = [];
    // Flagged so that core adopts nothing there (a boundary "adds" every file it holds).
    const boundaries = shallowBoundaries(gitDir);
    for (const record of raw.split('\x1e')) {
      if (record.trim() === '') continue;
      const [sha, date, author, message, names] = record.split('\x1f');
      if (!sha) continue;
      const paths = (names ?? '').split('\0').map((p) => p.replace(/^\n+/, '')).filter((p) => p !== '');
      const commit: CommitInfo = { sha: sha.trim(), date: date ?? '', author: author ?? '', message: (message ?? '').trim(), paths };
      if (boundaries.has(commit.sha)) commit.boundary = true;
      commits.push(commit);
    }
    return commits;
  };

  const readPull = (file: string): LocalPullRequest => JSON.parse(readFileSync(join(pullsDir, file), 'utf8')) as LocalPullRequest;
  const listPullRequests = (): LocalPullRequest[] =>
    existsSync(pullsDir)
      ? readdirSync(pullsDir).filter((f) => /^\d+\.json$/.test(f)).map(readPull).sort((a, b) => a.number - b.number)
      : [];
  const savePull = (pr: LocalPullRequest) => {
    writeFileAtomic(join(pullsDir, `${pr.number}.json`), JSON.stringify(pr, null, 2) + '\n');
    // The body as Markdown beside it, for people reading `.git/i18n-drift/pulls/`.
    writeFileAtomic(join(pullsDir, `${pr.number}.md`), `# ${pr.title}\n\n${pr.body}`);
  };
  const publicPull = (p: LocalPullRequest): PullRequest => ({
    number: p.number, url: p.url, head: p.head, base: p.base, title: p.title, body: p.body, state: p.state,
  });
  const pullOf = (number: number) => {
    const pr = listPullRequests().find((p) => p.number === number);
    if (!pr) throw new HostError('not-found', `no pull request #${number}`);
    return pr;
  };
  /**
   * What GitHub would say of a stored open pull request: merged once its head branch was
   * merged into its base (the head commit is an ancestor of the base), closed once the
   * branch is gone. Records the new state; true while it is still open.
   */
  const stillOpen = async (pr: LocalPullRequest): Promise<boolean> => {
    const head = await branchHead(pr.head);
    const base = await branchHead(pr.base);
    let state: LocalPullRequest['state'] = 'open';
    if (head === null) state = 'closed';
    else if (base !== null) {
      const ancestor = await runGit(root, ['merge-base', '--is-ancestor', head, base], { okCodes: [1] });
      if (ancestor.code === 0) state = 'merged';
    }
    if (state === 'open') return true;
    pr.state = state;
    savePull(pr);
    return false;
  };
  const branchHead = async (name: string): Promise<string | null> => {
    const out = await runGit(root, ['rev-parse', '--verify', '-q', `refs/heads/${name}^{commit}`], { okCodes: [1, 128] });
    const sha = out.stdout.toString('utf8').trim();
    return out.code === 0 && sha ? sha : null;
  };

  const host: LocalGitHost = {
    root,
    gitDir,
    close: () => batch.close(),
    listPullRequests,

    async defaultBranch() {
      const out = await runGit(root, ['symbolic-ref', '-q', '--short', 'HEAD'], { okCodes: [1, 128] });
      const name = out.stdout.toString('utf8').trim();
      if (out.code === 0 && name) return name;
      throw new LocalizedHostError('other', 'HEAD is detached: check out the branch to sync (e.g. main)', { key: 'cli:error.detached', values: {} });
    },
    resolveRevision,
    async readFile(path, rev) {
      const sha = await resolveRevision(rev);
      const answer = await batch.read(`${sha}:${path}`);
      if (answer.oid === null) return null;
      if (answer.type === 'tree') throw notAFile(path, 'folder');
      if (answer.type !== 'blob') return null;
      if (!answer.content) refuseTooLarge(path, answer.size);
      return decodeFile(path, answer.content!);
    },
    async readBlob(oid, path) {
      const answer = await batch.read(oid);
      if (answer.oid === null) throw new HostError('not-found', `missing object ${oid} for ${path}`);
      if (!answer.content) refuseTooLarge(path, answer.size);
      return decodeFile(path, answer.content!);
    },
    async listFiles(rev) {
      return [...(await host.listBlobs(rev)).keys()];
    },
    /** The port's name for `listBlobs`: the sync workflow compares a locale branch by blob id, reading nothing. */
    listBlobIds(rev) {
      return host.listBlobs(rev);
    },
    async listBlobs(rev) {
      const sha = await resolveRevision(rev);
      // A commit's tree never changes: the last one listed is kept (a command lists HEAD
      // to find the locales, then again to read the documents), one at a time so that a
      // long run over many revisions (the dashboard) keeps no more than one.
      let listed = lastListed?.sha === sha ? lastListed.blobs : null;
      if (!listed) {
        const blobs = runGit(root, ['ls-tree', '-r', '-z', '--full-tree', sha]).then((out) => parseLsTree(out.stdout.toString('utf8')));
        lastListed = { sha, blobs: (listed = blobs) };
        blobs.catch(() => {
          if (lastListed?.blobs === blobs) lastListed = null;
        });
      }
      // Each caller gets its own map.
      return new Map(await listed);
    },
    async changedPaths(from, to) {
      const toSha = await resolveRevision(to);
      if (from === null) return host.listFiles(toSha);
      const fromSha = await resolveRevision(from);
      const out = (await runGit(root, ['diff', '--name-only', '-z', '--no-renames', fromSha, toSha])).stdout.toString('utf8');
      return out.split('\0').filter((p) => p !== '');
    },
    async commitsBetween(from, to, paths) {
      const toSha = await resolveRevision(to);
      const fromSha = from === null ? null : await resolveRevision(from);
      const all = await sinceInFullLog(fromSha, toSha) ?? (await fullLog(fromSha, toSha));
      if (!paths) return all;
      const wanted = new Set(paths);
      return all.filter((c) => c.paths!.some((p) => wanted.has(p)));
    },
    /** Read from the one full `git log` of `rev` (shared with commitsBetween), newest first until every path is found. */
    async lastCommits(paths, rev) {
      const log = await fullLog(null, await resolveRevision(rev));
      const wanted = new Set(paths);
      const found = new Map<string, CommitInfo>();
      for (let i = log.length - 1; i >= 0 && wanted.size > 0; i--) {
        for (const p of log[i]!.paths!) if (wanted.delete(p)) found.set(p, log[i]!);
      }
      return found;
    },
    async getBranch(name, base): Promise<BranchState | null> {
      const head = await branchHead(name);
      if (!head) return null;
      const baseSha = await resolveRevision(base);
      const out = (await runGit(root, ['log', '--reverse', '--format=%x1e%H%x1f%aI%x1f%an%x1f%B%x1f', `${baseSha}..${head}`])).stdout.toString('utf8');
      const commits = parseLog(out).map((c) => ({ sha: c.sha, author: c.author, byTool: c.message.includes(SYNC_TRAILER) }));
      return { name, head, commits };
    },
    async commitFiles({ branch, parent, files, message, force }) {
      const parentSha = await resolveRevision(parent);
      const current = await branchHead(branch);
      if (current !== null && current !== parentSha && !force) {
        throw new HostError('conflict', `branch ${branch} moved to ${current.slice(0, 7)}; refusing to overwrite it`);
      }
      const checkedOut = await runGit(root, ['symbolic-ref', '-q', 'HEAD'], { okCodes: [1, 128] });
      if (checkedOut.stdout.toString('utf8').trim() === `refs/heads/${branch}`) {
        throw new HostError('conflict', `${branch} is checked out; switch to another branch before syncing`);
      }
      const temp = mkdtempSync(join(gitDirTmp(gitDir), 'commit-'));
      try {
        const env = { GIT_INDEX_FILE: join(temp, 'index') };
        await runGit(root, ['read-tree', parentSha], { env });
        const writes = files.filter((f) => f.content !== null).map((f) => ({ path: f.path, content: Buffer.from(f.content!, 'utf8') }));
        // Every blob in one `git fast-import` stream (no temporary files, one process);
        // the blob ids are Git's sha1 of the content, known without asking.
        const oids = writes.map((w) => blobId(w.content));
        if (writes.length > 0) {
          const stream = writes.flatMap((w) => [Buffer.from(`blob\ndata ${w.content.length}\n`), w.content, Buffer.from('\n')]);
          await runGit(root, ['fast-import', '--quiet', '--done'], { input: Buffer.concat([...stream, Buffer.from('done\n')]) });
        }
        // A file committed executable stays so (a 0755 translation keeps its mode, as in the working tree).
        const executable = await executablePaths(root, env, writes.map((w) => w.path));
        const info = [
          ...writes.map((f, i) => `${executable.has(f.path) ? '100755' : '100644'} ${oids[i]}\t${f.path}`),
          ...files.filter((f) => f.content === null).map((f) => `0 ${ZERO}\t${f.path}`),
        ];
        await runGit(root, ['update-index', '-z', '--index-info'], { env, input: info.join('\0') + '\0' });
        const tree = await gitText(root, ['write-tree'], { env });
        const text = message.includes(SYNC_TRAILER) ? message : `${message.trimEnd()}\n\n${SYNC_TRAILER}\n`;
        const identity = {
          GIT_AUTHOR_NAME: TOOL_IDENTITY.name, GIT_AUTHOR_EMAIL: TOOL_IDENTITY.email,
          GIT_COMMITTER_NAME: TOOL_IDENTITY.name, GIT_COMMITTER_EMAIL: TOOL_IDENTITY.email,
        };
        const commit = await gitText(root, ['commit-tree', tree, '-p', parentSha, '-F', '-'], { env: identity, input: text });
        // Compare-and-swap: fails if someone moved the branch since we looked.
        await runGit(root, ['update-ref', '-m', 'i18n-drift sync', `refs/heads/${branch}`, commit, current ?? ZERO]).catch((e: Error) => {
          throw new HostError('conflict', `branch ${branch} changed during the sync: ${e.message}`);
        });
        forgetNames();
        return commit;
      } finally {
        rmSync(temp, { recursive: true, force: true });
      }
    },
    async findPullRequest(head) {
      const pr = listPullRequests().find((p) => p.head === head && p.state === 'open');
      return pr && (await stillOpen(pr)) ? publicPull(pr) : null;
    },
    async openPullRequest(draft: PullRequestDraft) {
      const open = listPullRequests().find((p) => p.head === draft.head && p.state === 'open');
      if (open && (await stillOpen(open))) {
        throw new HostError('conflict', `a pull request from ${draft.head} is already open`);
      }
      const number = listPullRequests().reduce((n, p) => Math.max(n, p.number), 0) + 1;
      const pr: LocalPullRequest = {
        number,
        url: join(pullsDir, `${number}.md`),
        head: draft.head,
        base: draft.base,
        title: draft.title,
        body: draft.body,
        state: 'open',
        labels: [...draft.labels],
        reviewers: [...draft.reviewers],
        comments: [],
      };
      savePull(pr);
      return publicPull(pr);
    },
    async updatePullRequest(number, patch) {
      const pr = pullOf(number);
      if (patch.title !== undefined) pr.title = patch.title;
      if (patch.body !== undefined) pr.body = patch.body;
      savePull(pr);
      return publicPull(pr);
    },
    async comment(number, body) {
      const pr = pullOf(number);
      pr.comments.push(body);
      savePull(pr);
    },
  };
  return host;
}

function gitDirTmp(gitDir: string): string {
  const dir = join(gitDir, 'i18n-drift', 'tmp');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Which of `paths` the index `env` points at holds as executable files (mode 100755). */
async function executablePaths(root: string, env: Record<string, string>, paths: readonly string[]): Promise<Set<string>> {
  if (paths.length === 0) return new Set();
  const wanted = new Set(paths);
  const out = await runGit(root, ['ls-files', '-s', '-z'], { env });
  const found = new Set<string>();
  for (const entry of out.stdout.toString('utf8').split('\0')) {
    const tab = entry.indexOf('\t');
    if (entry.startsWith('100755 ') && wanted.has(entry.slice(tab + 1))) found.add(entry.slice(tab + 1));
  }
  return found;
}

/** path -> blob id of `git ls-tree -r -z` output (blobs only: submodules and links to trees are no files). */
function parseLsTree(out: string): Map<string, string> {
  const blobs = new Map<string, string>();
  for (const entry of out.split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const [, type, oid] = entry.slice(0, tab).split(' ');
    if (type === 'blob' && oid) blobs.set(entry.slice(tab + 1), oid);
  }
  return blobs;
}
