/**
 * The coverage dashboard of each installed repository, served by the bot at
 * `/i18n-drift/<owner>/<repo>/` (pages, `coverage.json`), read through the same GitHub
 * adapter as the workflow. Only public repositories are served: the bot's server has
 * no login, and a private repository's documents must not be readable by anyone who
 * can reach it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApplicationFunctionOptions, Probot } from 'probot';
import { TranslationBranch, type Config, type Localize } from '@i18n-drift/core';
import { createDashboardHandler, loadDashboardData, type DashboardData, type DashboardHandler, type PullRequestLink } from '@i18n-drift/dashboard';
import { createGitHubHost, type GitHubClient } from './github-host.js';
import { loadRepositoryConfig } from './repository-config.js';
import { httpStatus } from './to-host-error.js';

export const DASHBOARD_PATH = '/i18n-drift';
/** How often, at most, a served repository is asked whether it changed (a few requests). */
const RECHECK_MS = 60_000;
const HISTORY_SAMPLES = 10;
/** Pages of one repository kept rendered: the bot serves many repositories from one process. */
const PAGE_CACHE = { pages: 500, bytes: 64 * 1024 * 1024 };
const ROUTE = new RegExp(`^${DASHBOARD_PATH}/([A-Za-z0-9-]+)/([A-Za-z0-9._-]+)(?:/|$)`);

interface RepositoryDashboard {
  handler: DashboardHandler;
  /** The data served, and the state of the repository it was built from. */
  data?: { value: Promise<DashboardData>; version: string };
  checkedAt: number;
  checking: boolean;
}

/** What a served repository is now: enough to say whether its dashboard changed, and to build it. */
interface Probe {
  octokit: GitHubClient;
  repository: { default_branch: string; html_url: string };
  host: ReturnType<typeof createGitHubHost>;
  config: Config;
  pullRequests: Record<string, PullRequestLink>;
  /** Equal for equal dashboards: the default branch's commit, the configuration, the open PRs, the day. */
  version: string;
}

class NotServed extends Error {}

/** The dashboard URL of a repository under `publicUrl` (no trailing slash). */
export function dashboardUrl(publicUrl: string, owner: string, repo: string): string {
  return `${publicUrl}${DASHBOARD_PATH}/${owner}/${repo}/`;
}

/**
 * Register the route with Probot's server. Returns false where there is no server
 * (the GitHub Actions adapter), so nothing links to a dashboard that does not exist.
 */
export function mountDashboard(
  app: Probot,
  appOptions: ApplicationFunctionOptions,
  deps: { botLogin: () => Promise<string>; localize: Localize; recheckMs?: number },
): boolean {
  if (typeof appOptions.addHandler !== 'function') return false;
  const recheckMs = deps.recheckMs ?? RECHECK_MS;
  const dashboards = new Map<string, RepositoryDashboard>();

  /** A few requests: the installation, the repository, its head, its configuration, its open PRs. */
  async function probe(owner: string, repo: string): Promise<Probe> {
    const appOctokit = await app.auth();
    let installation: number;
    try {
      const { data } = await appOctokit.request('GET /repos/{owner}/{repo}/installation', { owner, repo });
      installation = data.id;
    } catch (error) {
      if (httpStatus(error) === 404) throw new NotServed(`${owner}/${repo} has not installed the app`);
      throw error;
    }
    const octokit = (await app.auth(installation)) as GitHubClient;
    const { data: repository } = await octokit.request('GET /repos/{owner}/{repo}', { owner, repo });
    if (repository.private) throw new NotServed(`${owner}/${repo} is private`);
    const branch = repository.default_branch;
    const { data: ref } = await octokit.request('GET /repos/{owner}/{repo}/git/ref/{ref}', { owner, repo, ref: `heads/${branch}` });
    const host = createGitHubHost(octokit, { owner, repo, defaultBranch: branch, botLogin: await deps.botLogin() });
    const loaded = await loadRepositoryConfig({ octokit, owner, repo }, host, branch);
    if (loaded.kind !== 'ok') throw new NotServed(`${owner}/${repo} has no usable .github/i18n-drift.yml`);
    const pullRequests = await translationPullRequests(octokit, owner, repo, loaded.config);
    // The day: "days behind" is counted from when the data was built.
    const day = new Date().toISOString().slice(0, 10);
    const version = JSON.stringify([branch, ref.object.sha, loaded.config, pullRequests, day]);
    return { octokit, repository, host, config: loaded.config, pullRequests, version };
  }

  function build(probed: Probe): Promise<DashboardData> {
    const { host, config, repository, pullRequests } = probed;
    return loadDashboardData(host, config, {
      revision: repository.default_branch,
      historySamples: HISTORY_SAMPLES,
      pullRequests,
      commitUrl: (sha) => `${repository.html_url}/commit/${sha}`,
      t: deps.localize(config.sourceLocale),
    });
  }

  /**
   * The data of a repository's dashboard. Built on first request; then, at most every
   * `recheckMs`, a request starts a check in the background and keeps being answered
   * from the data it has: the dashboard is rebuilt (reading the whole repository) only
   * when the check finds it changed, and dropped when the repository is no longer served.
   */
  function dataOf(entry: RepositoryDashboard, owner: string, repo: string): Promise<DashboardData> {
    if (!entry.data) {
      const value = probe(owner, repo).then((probed) => {
        if (entry.data?.value === value) entry.data.version = probed.version;
        return build(probed);
      });
      entry.data = { value, version: '' };
      entry.checkedAt = Date.now();
      value.catch(() => {
        if (entry.data?.value === value) entry.data = undefined;
      });
      return value;
    }
    if (!entry.checking && Date.now() - entry.checkedAt >= recheckMs) {
      entry.checking = true;
      const current = entry.data;
      void (async () => {
        const probed = await probe(owner, repo);
        if (probed.version === current.version) return;
        const value = build(probed);
        await value;
        if (entry.data === current) entry.data = { value, version: probed.version };
      })()
        .catch((error: unknown) => {
          // Uninstalled, private, or its configuration gone: stop serving what it was.
          if (error instanceof NotServed && entry.data === current) entry.data = undefined;
          else app.log.warn({ err: error }, `dashboard of ${owner}/${repo}: could not check for changes`);
        })
        .finally(() => {
          entry.checking = false;
          entry.checkedAt = Date.now();
        });
    }
    return entry.data.value;
  }

  const route = (req: IncomingMessage, res: ServerResponse) => {
    const match = ROUTE.exec(new URL(req.url ?? '/', 'http://bot.invalid').pathname);
    if (!match) return false;
    const [, owner, repo] = match as unknown as [string, string, string];
    const key = `${owner}/${repo}`.toLowerCase();
    let dashboard = dashboards.get(key);
    if (!dashboard) {
      const entry: RepositoryDashboard = {
        handler: createDashboardHandler(() => dataOf(entry, owner, repo), { basePath: `${DASHBOARD_PATH}/${owner}/${repo}`, cache: PAGE_CACHE }),
        checkedAt: 0,
        checking: false,
      };
      dashboards.set(key, (dashboard = entry));
    }
    dashboard.handler(req, res, (error?: unknown) => {
      if (error instanceof NotServed || error === undefined) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
        return;
      }
      app.log.error(error);
      res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' }).end('The dashboard could not be loaded from GitHub.\n');
    });
    return true;
  };
  try {
    appOptions.addHandler(route);
  } catch {
    return false; // Probot without a server (the Actions adapter) throws "No server instance"
  }
  return true;
}

/** Locale -> its open translation pull request. */
async function translationPullRequests(octokit: GitHubClient, owner: string, repo: string, config: Config): Promise<Record<string, PullRequestLink>> {
  const open = await octokit.paginate('GET /repos/{owner}/{repo}/pulls', { owner, repo, state: 'open', per_page: 100 });
  const links: Record<string, PullRequestLink> = {};
  for (const pull of open) {
    const branch = TranslationBranch.parse(pull.head.ref, config.branchPrefix);
    if (branch && pull.head.repo?.full_name === pull.base.repo.full_name) links[branch.locale] = { number: pull.number, url: pull.html_url };
  }
  return links;
}
