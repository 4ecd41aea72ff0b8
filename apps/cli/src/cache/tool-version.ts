/**
 * The tool's version for cache keys: the CLI's package version plus a hash of the
 * built code and of the tool's strings, so a rebuilt parser, coverage or message, or an
 * upgraded dependency, never reads output cached by the previous one, even without a
 * version bump. The built code is the bundle in dist/ (core, sections and the
 * third-party packages inside it); run unbundled (from the sources, in tests), it is the
 * code of the CLI, core and sections and the manifests of the third-party packages they
 * load. Node built-ins only: the cached `status` path loads nothing else.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { BUNDLED, CODE_DIR, TOOL_DIR } from '../tool-folder.js';
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
 * modification and change times (to a fraction of a microsecond). Writing, replacing or copying a file
 * gives it a new change time, which no program can set back (`touch`, `cp -p` and tar
 * restore only the modification time), so a rebuilt or reinstalled tool never matches
 * a key the previous one wrote. Hashing the contents instead took 40–60 ms of a 0.3 s
 * cached `status` on a loaded machine.
 *
 * Finding the files (walking the built folders, resolving the packages, reading every
 * third-party manifest) costs as much again; with `cacheDir` the list found last time
 * is kept there with the stamp it gave. The stamp also covers every folder the search
 * walked or looked for a `node_modules` in, so an unchanged stamp means the search
 * would find the same files: the list is used as it is. Any change, and it is searched
 * for again.
 */
export function toolStamp(cacheDir?: string): string {
  if (cachedStamp) return cachedStamp;
  const listFile = cacheDir === undefined ? null : join(cacheDir, 'tool-files.json');
  if (listFile) {
    try {
      const kept = JSON.parse(readFileSync(listFile, 'utf8')) as ToolFiles & { tool?: string; stamp: string };
      // Another copy of the tool (a global install beside a clone's build) keeps its own
      // list in the same repository: its files, unchanged, say nothing about this one's.
      const stamp = kept.tool === TOOL_DIR ? stampOf(kept) : null;
      if (stamp?.value === kept.stamp) return (cachedStamp = stamp.value);
    } catch {
      // no list yet, or a file of it gone: search again
    }
  }
  const found = findToolFiles();
  const stamp = stampOf(found);
  // Not kept while any of it is being written: the next change could keep its times.
  if (listFile && !stamp.racy) pendingList = { file: listFile, text: JSON.stringify({ tool: TOOL_DIR, ...found, stamp: stamp.value }) };
  return (cachedStamp = stamp.value);
}

let pendingList: { file: string; text: string } | null = null;

/**
 * Keeps the list `toolStamp` found, beside the cached output being written: a command
 * that fails on bad input writes nothing, not even this.
 */
export function keepToolFiles(): void {
  if (!pendingList) return;
  try {
    writeFileAtomic(pendingList.file, pendingList.text);
  } catch {
    // a read-only repository: search each time
  }
  pendingList = null;
}

/** The files and folders whose stat makes the stamp. */
export interface ToolFiles {
  files: string[];
  dirs: string[];
}

/** The stamp of these files and folders (exported for tests); racy when any of them changed in the last seconds. */
export function stampOf({ files, dirs }: ToolFiles): { value: string; racy: boolean } {
  const recent = Date.now() - 3000;
  let racy = false;
  // Times as Node's millisecond doubles: today's dates keep a quarter of a microsecond in
  // them, and two writes of one file never come closer than that; a third of the cost
  // of BigInt nanoseconds, on every cached run.
  const lines = [...files, ...dirs].map((path) => {
    const s = statSync(path);
    if (s.ctimeMs >= recent || s.mtimeMs >= recent) racy = true;
    return `${path}\0${s.ino}\0${s.size}\0${s.mtimeMs}\0${s.ctimeMs}\n`;
  });
  return { value: `${packageVersion()}+${createHash('sha256').update(lines.join('')).digest('hex').slice(0, 12)}`, racy };
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(join(TOOL_DIR, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * The built code, the tool's strings and, unbundled, the manifest of every third-party
 * package the code loads (an `npm update` of markdown-it or tinyld changes what the tool
 * computes as much as a rebuild does; the bundle changes with it only when rebuilt), in
 * a stable order.
 */
function toolFiles(): string[] {
  return findToolFiles().files.filter((path) => !path.endsWith(`${sep}package.json`) || path.includes(`${sep}node_modules${sep}`));
}

/**
 * `toolFiles`, with the packages' own manifests, and the folders the search depends on:
 * each folder walked, and each folder a package was looked for in (a `node_modules`, or
 * the folder where one could be created).
 */
function findToolFiles(): ToolFiles {
  const cli = TOOL_DIR;
  const roots = [CODE_DIR, TOOL_LOCALES];
  const packages = [cli];
  const probed: string[] = [];
  // The bundle loads neither these packages nor any manifest: its own files are the code.
  for (const name of BUNDLED ? [] : ['@i18n-drift/core', '@i18n-drift/sections']) {
    try {
      const dist = dirname(fileURLToPath(import.meta.resolve(name)));
      roots.push(dist);
      packages.push(dirname(dist));
      nearestManifest(cli, name, probed);
    } catch {
      // not resolvable (tests run from sources): the package version still applies
    }
  }
  const dirs: string[] = [];
  const files = roots.filter((dir) => existsSync(dir)).flatMap((dir) => listFiles(dir, dirs));
  const manifests = BUNDLED ? [] : dependencyManifests(packages, probed);
  return { files: [...files, ...manifests, ...packages.map((dir) => join(dir, 'package.json'))], dirs: [...new Set([...dirs, ...probed])].sort() };
}

/**
 * The `package.json` of each third-party package the packages in `packageDirs` depend
 * on, directly or not, found where Node would load it from (the nearest
 * `node_modules/<name>` up from the package that needs it), each once, sorted.
 * Workspace packages (`@i18n-drift/…`) are left out: their built files are listed.
 */
export function dependencyManifests(packageDirs: string[], probed: string[] = []): string[] {
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
      const path = nearestManifest(dirname(manifest), name, probed);
      if (path === null || found.has(path)) continue;
      found.add(path);
      queue.push(path);
    }
  }
  return [...found].sort();
}

/** Where Node would load `name` from, up from `from`; each folder looked in is added to `probed`. */
function nearestManifest(from: string, name: string, probed: string[]): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const modules = join(dir, 'node_modules');
    probed.push(existsSync(modules) ? modules : dir);
    const candidate = join(modules, name, 'package.json');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

function listFiles(dir: string, dirs: string[]): string[] {
  dirs.push(dir);
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(p, dirs));
    else if (entry.name.endsWith('.js') || entry.name.endsWith('.json')) out.push(p);
  }
  return out;
}
