/**
 * The tool's own strings: `locales/<lng>/i18n-drift.json`, read from where the tool is
 * installed (not from the repository being synced), and the language to speak.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
// i18next alone, not the whole core: `--help` and usage errors need only the strings.
import { createLocalizer, pickLanguage, type Localize, type Resources, type Translate } from '@i18n-drift/core/i18n';
import { requestedLanguage, TOOL_LOCALES } from './tool-locales.js';

export { TOOL_LOCALES };

let cached: Resources | null = null;

/** Every `locales/<lng>/i18n-drift.json` of the install; English at least. */
export function toolResources(): Resources {
  if (cached) return cached;
  const resources: Resources = {};
  if (existsSync(TOOL_LOCALES)) {
    for (const lng of readdirSync(TOOL_LOCALES)) {
      const file = `${TOOL_LOCALES}${lng}/i18n-drift.json`;
      if (existsSync(file)) resources[lng] = JSON.parse(readFileSync(file, 'utf8')) as Resources[string];
    }
  }
  cached = resources;
  return resources;
}

/** `--lang`, else LC_ALL, LC_MESSAGES, LANG (POSIX order, empty ones ignored), else English. */
export function chooseLanguage(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return pickLanguage(Object.keys(toolResources()), requestedLanguage(flag, env) || undefined);
}

export interface Messages {
  lng: string;
  t: Translate;
  localize: Localize;
}

let localizer: Localize | null = null;

export function messages(flag: string | undefined): Messages {
  // One i18next instance per process: main asks twice (before and after parsing the
  // command line), and each instance costs its initialisation.
  localizer ??= createLocalizer(toolResources());
  const localize = localizer;
  const lng = chooseLanguage(flag);
  return { lng, t: localize(lng), localize };
}
