/**
 * The tool's version for cache keys: the CLI's package version plus a hash of the
 * built code of the CLI, core and sections and of the tool's strings, so a rebuilt
 * parser, coverage or message never reads output cached by the previous build, even
 * without a version bump. Node built-ins only: the cached `status` path loads nothing else.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOOL_LOCALES } from '../tool-locales.js';

let cached: string | null = null;

export function toolVersion(): string {
  if (cached) return cached;
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  const hash = createHash('sha256');
  const dirs = [fileURLToPath(new URL('../', import.meta.url)), TOOL_LOCALES];
  for (const name of ['@i18n-drift/core', '@i18n-drift/sections']) {
    try {
      dirs.push(dirname(fileURLToPath(import.meta.resolve(name))));
    } catch {
      // not resolvable (tests run from sources): the package version still applies
    }
  }
  for (const dir of dirs) if (existsSync(dir)) for (const file of listFiles(dir)) hash.update(file).update(readFileSync(file));
  cached = `${pkg.version}+${hash.digest('hex').slice(0, 12)}`;
  return cached;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(p));
    else if (entry.name.endsWith('.js') || entry.name.endsWith('.json')) out.push(p);
  }
  return out;
}
