/**
 * Opening a repository for a command: the local-Git host, the configuration from
 * `.github/i18n-drift.yml` in the working tree, and a hash of it (part of every cache key).
 */
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { assertPatternsMatch, parseConfigText, surveyPaths, type Config, type PathSurvey } from '@i18n-drift/core';
import { UsageError } from './cli-error.js';
import { CONFIG_PATH } from './config-path.js';
import { recoverWrites } from './fs/write-set.js';
import { openLocalGitHost, type KnownRepository, type LocalGitHost } from './git/local-git-host.js';
import { readDocument } from './worktree.js';

export { CONFIG_PATH };

export interface Repository {
  host: LocalGitHost;
  root: string;
  config: Config;
  /** sha256 of the config text: a changed config never reuses a cache entry. */
  configHash: string;
  /** HEAD's sha; null in a repository without commits. */
  head: string | null;
  /** How HEAD's files fall under the `files` patterns: the locales found, with file counts. */
  survey: PathSurvey;
  /** True when the config names its `locales` (else they are the ones found). */
  configuredLocales: boolean;
}

/**
 * Open the repository at `--root` (default: the current directory); `known`: what git already said of it.
 * @throws UsageError for a missing folder, a folder outside any Git repository, or no config file;
 *   ConfigError for an invalid config or a `files` pattern matching no committed document.
 */
export async function openRepository(rootFlag: string | undefined, t: (k: string, v?: Record<string, unknown>) => string, known?: KnownRepository): Promise<Repository> {
  const dir = resolve(rootFlag ?? process.cwd());
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(t('cli:error.noDirectory', { dir }));
  let host: LocalGitHost;
  try {
    host = await openLocalGitHost(dir, known);
  } catch {
    throw new UsageError(t('cli:error.notGit', { dir }));
  }
  // What a command killed while writing left behind is completed (or discarded) first.
  await recoverWrites(host.root, host.gitDir);
  const file = join(host.root, CONFIG_PATH);
  let bytes: Buffer | null;
  try {
    // Never followed nor quoted when it is a symbolic link (to /etc/shadow, /dev/zero), a folder or a device.
    bytes = readDocument(file, CONFIG_PATH);
  } catch (e) {
    host.close();
    throw e;
  }
  if (bytes === null) {
    host.close();
    throw new UsageError(t('cli:error.noConfig', { path: CONFIG_PATH, root: host.root }));
  }
  const text = bytes.toString('utf8');
  let head: string | null = null;
  try {
    head = await host.resolveRevision('HEAD');
  } catch {
    head = null;
  }
  const paths = head ? await host.listFiles(head) : [];
  try {
    const probe = parseConfigText(text);
    const survey = surveyPaths(paths, probe);
    // Before the first commit there is nothing to match yet.
    if (head) assertPatternsMatch(survey, probe);
    const config = parseConfigText(text, { discoveredLocales: survey.locales.map(({ locale }) => locale) });
    return { host, root: host.root, config, configHash: createHash('sha256').update(text).digest('hex').slice(0, 16), head, survey, configuredLocales: probe.locales !== null };
  } catch (e) {
    host.close();
    throw e;
  }
}

/** HEAD, or a clear error in a repository without commits. */
export function requireHead(repo: Repository, t: (k: string, v?: Record<string, unknown>) => string): string {
  if (!repo.head) throw new UsageError(t('cli:error.noCommits'));
  return repo.head;
}
