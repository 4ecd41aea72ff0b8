/**
 * What an English change will cost the translators, before it is merged: the bot's
 * comment on English pull requests ("this will mark 3 sections stale in fr and nl").
 */
import type { Config, RepositoryHost } from '../types.js';
import type { Translate } from './i18n.js';
import { syncRepository } from './sync-workflow.js';

export interface LocalePreview {
  locale: string;
  stale: number;
  missing: number;
  removed: number;
  /** Translation paths that would change. */
  files: string[];
}

export interface SourceChangePreview {
  from: string;
  to: string;
  locales: LocalePreview[];
}

// Counts only: the preview writes no PR text, so no translation function is needed.
const keyOnly: Translate = (key) => key;

/**
 * Counts per locale of the sections `from..to` (e.g. an English PR's base..head) would
 * mark stale, add as missing and remove. Writes nothing.
 * @throws HostError for an unknown revision or unreadable file.
 */
export async function previewSourceChange(
  host: RepositoryHost,
  options: { config: Config; from: string; to: string; locales?: string[] },
): Promise<SourceChangePreview> {
  const result = await syncRepository(host, {
    config: options.config,
    from: options.from,
    to: options.to,
    mode: 'plan',
    t: () => keyOnly,
    ...(options.locales ? { locales: options.locales } : {}),
  });
  return {
    from: result.from!,
    to: result.to,
    locales: result.locales.map((l) => ({
      locale: l.locale,
      stale: l.sections.filter((s) => s.state === 'stale').length,
      missing: l.sections.filter((s) => s.state === 'missing').length,
      removed: l.sections.filter((s) => s.state === 'removed').length,
      files: l.files.map((f) => f.path),
    })),
  };
}
