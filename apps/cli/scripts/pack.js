#!/usr/bin/env node
/**
 * One self-contained tarball of the CLI from a built clone: `npm install -g <tarball>`
 * puts `i18n-drift` on the PATH without asking any registry for anything.
 *
 * `@i18n-drift/cli` depends on workspace packages (core, sections, dashboard) that are
 * not published, so a plain `npm pack` of apps/cli would make npm look them up in the
 * registry (a 404 today, someone else's code if the names are ever taken). Instead this
 * stages the built CLI in a temporary folder with every run-time dependency under
 * node_modules/ — the workspace packages' dist/ and the exact third-party versions the
 * clone was tested with, copied from its node_modules — declares them all as
 * `bundleDependencies`, adds the tool's strings and demo documents (locales/), and
 * runs `npm pack` there.
 *
 * Usage: node apps/cli/scripts/pack.js [--out DIR]   (build first: npx turbo run build)
 * Prints the path of the tarball on stdout.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = join(ROOT, 'apps/cli');
/** Workspace packages the CLI loads at run time: only their built dist/ is shipped. */
const WORKSPACE = {
  '@i18n-drift/sections': 'packages/sections',
  '@i18n-drift/core': 'packages/core',
  '@i18n-drift/dashboard': 'apps/dashboard',
};

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const out = resolve(values.out ?? process.cwd());
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

const unbuilt = ['apps/cli', ...Object.values(WORKSPACE)].filter((dir) => !existsSync(join(ROOT, dir, 'dist')));
if (unbuilt.length > 0) {
  process.stderr.write(`pack: ${unbuilt.map((dir) => `${dir}/dist`).join(', ')} missing: run \`npx turbo run build --filter=@i18n-drift/cli...\` first\n`);
  process.exitCode = 2;
} else {
  const stage = mkdtempSync(join(tmpdir(), 'i18n-drift-pack-'));
  try {
    process.stdout.write(pack(stage) + '\n');
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

function pack(stage) {
  for (const file of ['bin', 'dist', 'demo', 'README.md']) cpSync(join(CLI, file), join(stage, file), { recursive: true, filter: notMap });
  cpSync(join(ROOT, 'locales'), join(stage, 'locales'), { recursive: true });

  const cliManifest = readJson(join(CLI, 'package.json'));
  const placed = new Map(); // top-level name -> real source directory
  const top = join(stage, 'node_modules');
  const queue = [{ manifest: cliManifest, from: CLI, into: top }];
  for (const [name, dir] of Object.entries(WORKSPACE)) placed.set(name, join(ROOT, dir));

  for (const [name, dir] of Object.entries(WORKSPACE)) {
    const manifest = readJson(join(ROOT, dir, 'package.json'));
    const target = join(top, name);
    mkdirSync(target, { recursive: true });
    cpSync(join(ROOT, dir, 'dist'), join(target, 'dist'), { recursive: true, filter: notMap });
    if (existsSync(join(ROOT, dir, 'README.md'))) cpSync(join(ROOT, dir, 'README.md'), join(target, 'README.md'));
    const staged = publishable(manifest);
    // The dashboard reads its interface strings from its own package, as the CLI does.
    if (name === '@i18n-drift/dashboard') {
      cpSync(join(ROOT, 'locales'), join(target, 'locales'), { recursive: true, filter: (path) => !path.endsWith('.md') });
      staged.files = [...(staged.files ?? ['dist']), 'locales'];
    }
    writeFileSync(join(target, 'package.json'), JSON.stringify(staged, null, 2) + '\n');
    queue.push({ manifest, from: join(ROOT, dir), into: top });
  }

  // Third-party packages: each where npm would have hoisted it (top level), or nested
  // under the package that needs it when another version already holds the top.
  while (queue.length > 0) {
    const { manifest, from, into } = queue.shift();
    for (const name of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) {
      if (name in WORKSPACE) continue;
      const source = locate(name, from);
      if (source === null) {
        if (name in (manifest.optionalDependencies ?? {})) continue;
        throw new Error(`pack: ${name} (needed by ${manifest.name}) is not installed: run npm ci first`);
      }
      let target;
      if (!placed.has(name)) {
        placed.set(name, source);
        target = join(top, name);
      } else if (placed.get(name) === source) {
        continue;
      } else {
        target = join(into, name);
        if (existsSync(target)) continue;
      }
      cpSync(source, target, { recursive: true, dereference: true, filter: (path) => !path.slice(source.length).split(sep).includes('node_modules') });
      queue.push({ manifest: readJson(join(source, 'package.json')), from: source, into: join(target, 'node_modules') });
    }
  }

  const manifest = publishable(cliManifest);
  manifest.files = [...new Set([...(cliManifest.files ?? []), 'locales', 'README.md'])];
  const direct = {};
  for (const name of Object.keys(cliManifest.dependencies ?? {})) direct[name] = readJson(join(placed.get(name), 'package.json')).version;
  manifest.dependencies = direct;
  manifest.bundleDependencies = Object.keys(direct);
  manifest.engines = readJson(join(ROOT, 'package.json')).engines;
  writeFileSync(join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');

  mkdirSync(out, { recursive: true });
  // Run from `npm run`, the environment names the clone as the project (npm_config_local_prefix):
  // the staged folder is its own project.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_(config_local_prefix|config_workspaces?|package_|lifecycle_)/.test(key)));
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', out], { cwd: stage, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
  return join(out, packed[0].filename);
}

/** The real directory of package `name` as Node would resolve it from `from`; null when absent. */
function locate(name, from) {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dir === dirname(dir)) return null;
  }
}

/** A manifest as installed: no build scripts or dev dependencies of the monorepo. */
function publishable(manifest) {
  const { scripts: _scripts, devDependencies: _dev, ...rest } = manifest;
  return rest;
}

function notMap(path) {
  return !path.endsWith('.map');
}
