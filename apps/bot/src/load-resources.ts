/**
 * The tool's own i18next strings, `locales/<lng>/i18n-drift.json`, read once from the
 * install location (core never reads files: it takes the JSON as `Resources`).
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Resources } from '@i18n-drift/core';

/** `locales/` of the repository the bot runs from: src/ and dist/ are both two levels below it. */
export const DEFAULT_LOCALES_DIR = fileURLToPath(new URL('../../../locales/', import.meta.url));

let cached: Resources | undefined;

/**
 * Every `<dir>/<lng>/i18n-drift.json`, keyed by language.
 * @throws Error naming the file when one is not valid JSON (a broken install must not start).
 */
export function loadResources(dir: string = process.env.I18N_DRIFT_LOCALES_DIR ?? DEFAULT_LOCALES_DIR): Resources {
  if (cached && dir === DEFAULT_LOCALES_DIR) return cached;
  const resources: Resources = {};
  for (const lng of readdirSync(dir)) {
    const file = join(dir, lng, 'i18n-drift.json');
    if (!existsSync(file)) continue;
    try {
      resources[lng] = JSON.parse(readFileSync(file, 'utf8')) as Resources[string];
    } catch (error) {
      throw new Error(`${file}: not valid JSON (${(error as Error).message})`, { cause: error });
    }
  }
  if (dir === DEFAULT_LOCALES_DIR) cached = resources;
  return resources;
}
