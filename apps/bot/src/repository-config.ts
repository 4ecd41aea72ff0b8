/**
 * `.github/i18n-drift.yml` of a repository at a revision, read through Probot's config
 * plugin (`octokit.config.get`, what `context.config` calls) so that `_extends:
 * other-repo` or `_extends: org/repo:path.yml` works as in every Probot app, then
 * validated by core. The bot is opt-in per repository: without the repository's own
 * file it does nothing, even when the organisation's `.github` repository has one (an
 * organisation-wide installation must not open pull requests in repositories that
 * never asked).
 */
import { ConfigError, HostError, assertPatternsMatch, parseConfig, parseConfigText, surveyPaths, type Config, type RepositoryHost } from '@i18n-drift/core';
import type { GitHubClient } from './github-host.js';
import { isHttpFailure, toHostError } from './to-host-error.js';

export const CONFIG_PATH = '.github/i18n-drift.yml';

export type ConfigResult =
  | { kind: 'ok'; config: Config }
  | { kind: 'missing' }
  | { kind: 'invalid'; error: ConfigError; text: string | null };

export interface ConfigSource {
  octokit: GitHubClient;
  owner: string;
  repo: string;
}

type Mapping = Record<string, unknown>;

/**
 * Read, resolve `_extends` and validate the configuration at `rev` (the repository's own
 * file at `rev`; files it extends from their default branch, as Probot reads them). The
 * repository's keys win over the extended ones; mappings (`translators`, `labels`) merge
 * per locale; lists replace, never concatenate (two `files` lists joined would match
 * twice, two `locales` lists would repeat locales). When `locales` is left out, the
 * locales found in the tree at `rev` are used. A `files` pattern that matches no file, or
 * no source document, at `rev` is invalid, as in the CLI: it would report "100% current".
 * @throws HostError when GitHub cannot be read (not for a bad file: that is `invalid`).
 */
export async function loadRepositoryConfig(source: ConfigSource, host: RepositoryHost, rev: string): Promise<ConfigResult> {
  const { octokit, owner, repo } = source;
  let files: { owner: string; repo: string; path: string; config: Mapping | null }[];
  try {
    ({ files } = await octokit.config.get({ owner, repo, path: CONFIG_PATH, branch: rev }));
  } catch (error) {
    if (isHttpFailure(error)) throw toHostError(error, `read ${CONFIG_PATH} of ${owner}/${repo}`);
    // The plugin's own failures (unreadable YAML, a bad or circular `_extends`) are the
    // maintainer's to fix: name them like any other bad configuration.
    return invalidFromPlugin(host, rev, error as Error);
  }
  const own = files[0];
  if (!own || own.config === null || own.owner !== owner || own.repo !== repo) return { kind: 'missing' };
  const layers = files.map((file) => file.config).filter((config): config is Mapping => config !== null);
  const merged = layers.reduceRight<Mapping>((base, layer) => mergeMappings(base, layer), {});
  try {
    let config = parseConfig(merged);
    // The tree of `rev` is read once per delivery (the host caches it; sync reads it too).
    const survey = surveyPaths(await host.listFiles(rev), config);
    assertPatternsMatch(survey, config);
    if (config.locales === null) config = parseConfig(merged, { discoveredLocales: survey.locales.map(({ locale }) => locale) });
    return { kind: 'ok', config };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const from = files.find((file) => file.config !== null && topKey(error.key) in file.config);
    const named =
      from && from !== own ? new ConfigError(error.key, `${error.reason} (set in ${from.owner}/${from.repo}:${from.path}, which ${CONFIG_PATH} extends)`) : error;
    return { kind: 'invalid', error: named, text: (await readOwnText(host, rev)) ?? null };
  }
}

/** `over`'s keys win; nested mappings merge key by key; anything else (lists too) is replaced. */
function mergeMappings(base: Mapping, over: Mapping): Mapping {
  const out: Mapping = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const before = out[key];
    out[key] = isMapping(before) && isMapping(value) ? mergeMappings(before, value) : value;
  }
  return out;
}

function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function topKey(key: string): string {
  return key.split('.')[0] ?? key;
}

/** The repository's own file at `rev`: its text, null when it is not there, undefined when it cannot be read as text. */
async function readOwnText(host: RepositoryHost, rev: string): Promise<string | null | undefined> {
  try {
    return await host.readFile(CONFIG_PATH, rev);
  } catch (error) {
    if (error instanceof HostError && (error.code === 'binary' || error.code === 'too-large')) return undefined;
    throw error;
  }
}

/**
 * A failure of Probot's config plugin as a ConfigError. When the repository's own file
 * is what cannot be parsed, core's parser says where (`invalid YAML at line 3: …`).
 */
async function invalidFromPlugin(host: RepositoryHost, rev: string, error: Error): Promise<ConfigResult> {
  const text = await readOwnText(host, rev);
  // The organisation's `.github` file failed, and this repository never opted in.
  if (text === null) return { kind: 'missing' };
  if (text === undefined) return { kind: 'invalid', error: new ConfigError('(file)', 'expected a YAML text file, got a binary or oversized file'), text: null };
  try {
    parseConfigText(text);
  } catch (parsed) {
    if (parsed instanceof ConfigError) return { kind: 'invalid', error: parsed, text };
  }
  // The repository's own file parses: what failed is a file it extends, or `_extends` itself.
  const reason = error.message.replace(/^\[@probot\/octokit-plugin-config\]\s*/, '');
  return { kind: 'invalid', error: new ConfigError('_extends', reason), text };
}
