/**
 * `i18n-drift dashboard [--port N] [--out DIR]`: serve the coverage dashboard of the
 * repository on localhost, or export it as static files.
 */
import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import { TranslationBranch } from '@i18n-drift/core';
import { portFlag } from '../args.js';
import { UsageError } from '../cli-error.js';
import { colors, print } from '../output.js';
import { openRepository, type Repository } from '../repository.js';
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
      const data = await dashboard.loadDashboardData(repo.host, repo.config, dataOptions(repo, localize(lng)));
      const files = await dashboard.exportDashboard(data, resolve(out), { defaultLang: lng });
      if (json) print(JSON.stringify({ out: resolve(out), files }));
      else print(t('cli:dashboard.exported', { count: files.length, out: resolve(out) }));
      return 0;
    } finally {
      repo.host.close();
    }
  }
  const { url, server } = await serveDashboard(dashboard, repo, port, localize(lng));
  if (json) print(JSON.stringify({ url }));
  else print(t('cli:dashboard.serving', { url: colors.cyan(url) }));
  await untilInterrupted(server);
  repo.host.close();
  return 0;
};

function dataOptions(repo: Repository, t: (k: string, v?: Record<string, unknown>) => string) {
  const pullRequests: Record<string, { number: number; url: string }> = {};
  for (const pr of repo.host.listPullRequests()) {
    const branch = TranslationBranch.parse(pr.head, repo.config.branchPrefix);
    if (branch && pr.state === 'open') pullRequests[branch.locale] = { number: pr.number, url: pr.url };
  }
  return { revision: 'HEAD', pullRequests, t };
}

/** Serve on 127.0.0.1:`port` (0 picks a free one); data reloads when HEAD moves. */
export async function serveDashboard(dashboard: DashboardModule, repo: Repository, port: number, t: (k: string, v?: Record<string, unknown>) => string): Promise<{ url: string; server: Server }> {
  let last: { head: string; data: ReturnType<DashboardModule['loadDashboardData']> } | null = null;
  const load = async () => {
    const head = await repo.host.resolveRevision('HEAD');
    if (!last || last.head !== head) last = { head, data: dashboard.loadDashboardData(repo.host, repo.config, dataOptions(repo, t)) };
    return last.data;
  };
  const server = createServer(dashboard.createDashboardHandler(load));
  await new Promise<void>((ok, ko) => {
    server.once('error', (e: NodeJS.ErrnoException) => ko(new UsageError(e.code === 'EADDRINUSE' ? t('cli:error.portInUse', { port }) : e.message)));
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
