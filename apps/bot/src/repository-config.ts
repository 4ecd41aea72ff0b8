/**
 * `.github/i18n-drift.yml` of a repository at a revision, parsed by core. The bot is
 * opt-in per repository: without the file it does nothing (an organisation-wide
 * installation must not open pull requests in repositories that never asked).
 */
import { ConfigError, HostError, discoverLocales, parseConfigText, type Config, type RepositoryHost } from '@i18n-drift/core';

export const CONFIG_PATH = '.github/i18n-drift.yml';

export type ConfigResult =
  | { kind: 'ok'; config: Config }
  | { kind: 'missing' }
  | { kind: 'invalid'; error: ConfigError; text: string | null };

/**
 * Read and validate the configuration at `rev`. When the file leaves `locales` out,
 * the locales found in the tree at `rev` are used.
 * @throws HostError when GitHub cannot be read (not for a bad file: that is `invalid`).
 */
export async function loadRepositoryConfig(host: RepositoryHost, rev: string): Promise<ConfigResult> {
  let text: string | null;
  try {
    text = await host.readFile(CONFIG_PATH, rev);
  } catch (error) {
    if (error instanceof HostError && (error.code === 'binary' || error.code === 'too-large')) {
      return { kind: 'invalid', error: new ConfigError('(file)', error.message), text: null };
    }
    throw error;
  }
  if (text === null) return { kind: 'missing' };
  try {
    let config = parseConfigText(text);
    if (config.locales === null) {
      config = parseConfigText(text, { discoveredLocales: discoverLocales(await host.listFiles(rev), config) });
    }
    return { kind: 'ok', config };
  } catch (error) {
    if (error instanceof ConfigError) return { kind: 'invalid', error, text };
    throw error;
  }
}
