/**
 * The tool's version for cache keys: the CLI's package version plus a hash of the
 * built code of the CLI, core and sections, of the tool's strings and of the manifests
 * of the third-party packages they load, so a rebuilt parser, coverage or message, or
 * an upgraded dependency, never reads output cached by the previous one, even without
 * a version bump. Node built-ins only: the cached `status` path loads nothing else.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOOL_LOCALES } from '../tool-locales.js';

let cached: string | null = null;
let cachedStamp: string | null = null;

export function toolVersion(): string {
  if (cached) return cached;
  const hash = createHash('sha256');
  for (const file of toolFiles()) hash.update(file).update(readFileSync(file));
  cached = `${packageVersion()}+${hash.digest('hex').slice(0, 12)}`;
  return cached;
}

/**
 * The same files' fingerprint for the keys that the cached `status` and `sync` paths
 * check on every run, without reading the files: each one's path, inode, size, and
 * modification and change times in nanoseconds. Writing, replacing or copying a file
 * gives it a new change time, which no program can set back (`touch`, `cp -p` and tar
 * restore only the modification time), so a rebuilt or reinstalled tool never matches
 * a key the previous one wrote. Hashing the contents instead took 40–60 ms of a 0.3 s
 * cached `status` on a loaded machine.
 */
export function toolStamp(): string {
  if (cachedStamp) return cachedStamp;
  const hash = createHash('sha256');
  for (const file of toolFiles()) {
    const s = statSync(file, { bigint: true });
    hash.update(`${file}\0${s.ino}\0${s.size}\0${s.mtimeNs}\0${s.ctimeNs}\n`);
  }
  cachedStamp = `${packageVersion()}+${hash.digest('hex').slice(0, 12)}`;
  return cachedStamp;
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

/**
 * The built code of the CLI, core and sections, the tool's strings, and the manifest of
 * every third-party package they load (an `npm update` of markdown-it or tinyld changes
 * what the tool computes as much as a rebuild does), in a stable order.
 */
function toolFiles(): string[] {
  const dirs = [fileURLToPath(new URL('../', import.meta.url)), TOOL_LOCALES];
  const packages = [fileURLToPath(new URL('../../', import.meta.url))];
  for (const name of ['@i18n-drift/core', '@i18n-drift/sections']) {
    try {
      const dist = dirname(fileURLToPath(import.meta.resolve(name)));
      dirs.push(dist);
      packages.push(dirname(dist));
    } catch {
      // not resolvable (tests run from sources): the package version still applies
    }
  }
  return [...dirs.filter((dir) => existsSync(dir)).flatMap(listFiles), ...dependencyManifests(packages)];
}

/**
 * The `package.json` of each third-party package the packages in `packageDirs` depend
 * on, directly or not, found where Node would load it from (the nearest
 * `node_modules/<name>` up from the package that needs it), each once, sorted.
 * Workspace packages (`@i18n-drift/…`) are left out: their built files are listed.
 */
export function dependencyManifests(packageDirs: string[]): string[] {
  const found = new Set<string>();
  const queue = packageDirs.map((dir) => join(dir, 'package.json'));
  while (queue.length > 0) {
    const manifest = queue.shift()!;
    let dependencies: Record<string, string>;
    try {
      dependencies = (JSON.parse(readFileSync(manifest, 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {};
    } catch {
      continue;
    }
    for (const name of Object.keys(dependencies)) {
      if (name.startsWith('@i18n-drift/')) continue;
      const path = nearestManifest(dirname(manifest), name);
      if (path === null || found.has(path)) continue;
      found.add(path);
      queue.push(path);
    }
  }
  return [...found].sort();
}

function nearestManifest(from: string, name: string): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return null;
  }
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
