/**
 * The tool's version for cache keys: the CLI's package version plus a hash of the
 * built code of core and sections, so a rebuilt parser or coverage never reads
 * results cached by the previous build, even without a version bump.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | null = null;

export function toolVersion(): string {
  if (cached) return cached;
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  const hash = createHash('sha256');
  for (const name of ['@i18n-drift/core', '@i18n-drift/sections']) {
    let dir: string;
    try {
      dir = dirname(fileURLToPath(import.meta.resolve(name)));
    } catch {
      continue;
    }
    for (const file of listJs(dir)) hash.update(file).update(readFileSync(file));
  }
  cached = `${pkg.version}+${hash.digest('hex').slice(0, 12)}`;
  return cached;
}

function listJs(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listJs(p));
    else if (entry.name.endsWith('.js')) out.push(p);
  }
  return out;
}
