/**
 * `i18n-drift dashboard [--port N] [--out DIR]`: serve the coverage dashboard of the
 * repository on localhost, or export it as static files.
 *
 * The data is what `status` computes (its cached report when nothing changed), plus
 * coverage over time from the history cache (by tree id) and the parse cache (by blob
 * id), so the dashboard costs about what a `status` costs. The server computes the data
 * once per state of the repository and renders each page once per data.
 */
import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import { TranslationBranch } from '@i18n-drift/core';
import { portFlag } from '../args.js';
import { UsageError } from '../cli-error.js';
import { openParseCache } from '../cache/parse-cache.js';
import { toolVersion } from '../cache/tool-version.js';
import { coverageOverTime } from '../coverage-over-time.js';
import { repositoryStateReader } from '../git/repository-state.js';
import { loadCoverage } from '../load-state.js';
import { colors, print, progressBar } from '../output.js';
import { openRepository, type Repository } from '../repository.js';
import type { Worktree } from '../worktree.js';
import type { Command } from './context.js';

type DashboardModule = typeof import('@i18n-drift/dashboard');

/** The dashboard package, or null when it is not installed/built. */
export async function loadDashboardModule(): Promise<DashboardModule | null> {
  try {
    const mod = (await import('@i18n-drift/dashboard')) as DashboardModule;
    return typeof mod.loadDashboardData === 'function' && typeof mod.createDashboardHandler === 'function' ? mod : null;
  } catch {
    return null;
  }
}

export const runDashboard: Command = async ({ root, json, args, m: { t, localize, lng } }) => {
  const port = portFlag(args.values, 4173, t)!;
  const out = args.values['out'] as string | undefined;
  const dashboard = await loadDashboardModule();
  if (!dashboard) throw new UsageError(t('cli:dashboard.unavailable'));
  const repo = await openRepository(root, t);
  if (out !== undefined) {
    try {
      const data = await dashboardData(dashboard, repo, localize(lng), t);
      const bar = progressBar(t('cli:progress.pages'));
      const files = await dashboard.exportDashboard(data, resolve(out), { defaultLang: lng, onProgress: (done, total) => bar.update(done, total) });
      bar.done();
      if (json) print(JSON.stringify({ out: resolve(out), files }));
      else print(t('cli:dashboard.exported', { count: files.length, out: resolve(out) }));
      return 0;
    } finally {
      repo.host.close();
    }
  }
  const { url, server } = await serveDashboard(dashboard, repo, port, localize(lng), t);
  if (json) print(JSON.stringify({ url }));
  else print(t('cli:dashboard.serving', { url: colors.cyan(url) }));
  await untilInterrupted(server);
  repo.host.close();
  return 0;
};

type Translate = (k: string, v?: Record<string, unknown>) => string;

/**
 * Everything the dashboard shows for the working tree, as `status` sees it: the cached
 * (or freshly computed) report, coverage over time from the caches, the English word
 * diffs of stale sections and the open local pull requests.
 */
export async function dashboardData(dashboard: DashboardModule, repo: Repository, localized: Translate, t: Translate = localized) {
  const { report, tree } = await loadCoverage(repo, { progressLabel: t('cli:progress.reading') });
  // Opened on first use only: with nothing stale and the history cached, nothing is parsed.
  let parses: ReturnType<typeof openParseCache> | null = null;
  const parse = (text: string) => {
    if (!parses) {
      parses = openParseCache(repo.host.gitDir, { version: toolVersion(), configHash: repo.configHash }, repo.config.frontmatterKeys);
      for (const file of tree.files.values()) if (file.text !== undefined) parses.know(file.text, file.oid);
    }
    return parses.parse(text);
  };
  const bar = progressBar(t('cli:progress.history'));
  const history = await coverageOverTime(repo, report, tree, { parse, onProgress: (done, total) => bar.update(done, total) }).finally(() => bar.done());
  const unreadable = tree.unreadable.map((u) => ({ path: u.path, reason: u.error.message }));
  return dashboard.loadDashboardData(repo.host, repo.config, { ...dataOptions(repo, localized), report, readSource: sourceReader(repo, tree), history, parse, unreadable });
}

/** The English of a report document as `status` read it: the working tree's text, else the blob. */
function sourceReader(repo: Repository, tree: Worktree): (path: string) => Promise<string | null> {
  return async (path) => {
    const file = tree.files.get(path);
    if (!file) return null;
    return file.text ?? repo.host.readBlob(file.oid, path);
  };
}

function dataOptions(repo: Repository, t: Translate) {
  const pullRequests: Record<string, { number: number; url: string }> = {};
  for (const pr of repo.host.listPullRequests()) {
    const branch = TranslationBranch.parse(pr.head, repo.config.branchPrefix);
    if (branch && pr.state === 'open') pullRequests[branch.locale] = { number: pr.number, url: pr.url };
  }
  return { revision: 'HEAD', pullRequests, t };
}

/** How often, at most, the server asks git whether the repository changed. */
const RECHECK_MS = 1000;

/**
 * Serve on 127.0.0.1:`port` (0 picks a free one). The data is computed once at start
 * and again only when HEAD or an uncommitted file changes: a request never waits for
 * git, at most once a second one triggers a check (by a helper process, see
 * `repositoryStateReader`), and until new data is ready pages come from the previous
 * one (each rendered once, by the handler).
 */
export async function serveDashboard(dashboard: DashboardModule, repo: Repository, port: number, t: Translate, cliT: Translate = t): Promise<{ url: string; server: Server }> {
  const states = repositoryStateReader(repo.root);
  let state: string;
  try {
    state = (await states.read()).fingerprint;
  } catch (error) {
    await states.close();
    throw error;
  }
  let data = dashboardData(dashboard, repo, t, cliT);
  let settled = false;
  data.then(
    () => (settled = true),
    () => (settled = true),
  );
  let checking: Promise<void> | null = null;
  let checkedAt = Date.now();
  const recheck = () => {
    // Never two computations at once: they share the repository's caches.
    if (!settled || checking || Date.now() - checkedAt < RECHECK_MS) return;
    checking = (async () => {
      const now = await states.read();
      if (now.fingerprint !== state) {
        // A new HEAD: the repository object must name it, or the caches key on the old one.
        repo.head = now.head;
        const next = dashboardData(dashboard, repo, t, cliT);
        await next;
        state = now.fingerprint;
        data = next;
      }
    })()
      .catch(() => {})
      .finally(() => {
        checking = null;
        checkedAt = Date.now();
      });
  };
  const load = () => {
    recheck();
    return data;
  };
  const server = createServer(dashboard.createDashboardHandler(load));
  server.once('close', () => void states.close());
  await new Promise<void>((ok, ko) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      void states.close();
      ko(new UsageError(e.code === 'EADDRINUSE' ? t('cli:error.portInUse', { port }) : e.message));
    });
    server.listen(port, '127.0.0.1', () => ok());
  });
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return { url: `http://127.0.0.1:${actual}/`, server };
}

/** Resolves when SIGINT/SIGTERM arrives, after closing the server. */
export function untilInterrupted(server: Server): Promise<void> {
  return new Promise((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      server.close(() => done());
      server.closeAllConnections();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
