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
/** Pages of one repository are rebuilt at most this often (each build reads the repository). */
const CACHE_MS = 60_000;
const HISTORY_SAMPLES = 10;
const ROUTE = new RegExp(`^${DASHBOARD_PATH}/([A-Za-z0-9-]+)/([A-Za-z0-9._-]+)(?:/|$)`);

interface RepositoryDashboard {
  handler: DashboardHandler;
  data?: { at: number; value: Promise<DashboardData> };
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
  deps: { botLogin: () => Promise<string>; localize: Localize },
): boolean {
  if (typeof appOptions.addHandler !== 'function') return false;
  const dashboards = new Map<string, RepositoryDashboard>();

  async function load(owner: string, repo: string): Promise<DashboardData> {
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
    const host = createGitHubHost(octokit, { owner, repo, defaultBranch: repository.default_branch, botLogin: await deps.botLogin() });
    const loaded = await loadRepositoryConfig({ octokit, owner, repo }, host, repository.default_branch);
    if (loaded.kind !== 'ok') throw new NotServed(`${owner}/${repo} has no usable .github/i18n-drift.yml`);
    return loadDashboardData(host, loaded.config, {
      revision: repository.default_branch,
      historySamples: HISTORY_SAMPLES,
      pullRequests: await translationPullRequests(octokit, owner, repo, loaded.config),
      commitUrl: (sha) => `${repository.html_url}/commit/${sha}`,
      t: deps.localize(loaded.config.sourceLocale),
    });
  }

  const route = (req: IncomingMessage, res: ServerResponse) => {
    const match = ROUTE.exec(new URL(req.url ?? '/', 'http://bot.invalid').pathname);
    if (!match) return false;
    const [, owner, repo] = match as unknown as [string, string, string];
    const key = `${owner}/${repo}`.toLowerCase();
    let dashboard = dashboards.get(key);
    if (!dashboard) {
      const entry: RepositoryDashboard = {
        handler: createDashboardHandler(
          () => {
            if (!entry.data || Date.now() - entry.data.at > CACHE_MS) {
              entry.data = { at: Date.now(), value: load(owner, repo) };
              entry.data.value.catch(() => (entry.data = undefined));
            }
            return entry.data.value;
          },
          { basePath: `${DASHBOARD_PATH}/${owner}/${repo}` },
        ),
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
