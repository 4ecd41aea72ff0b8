// Start-up: help, the version and a usage error load the argument parser and the
// strings, never a command nor what commands load (core, the Markdown parser, the
// language detector: more than a second on a loaded machine). Proven by the modules a
// run loads, recorded by a module hook, not by timing. The build is a bundle
// (rolldown.config.js): each file loaded is mapped back to the source modules it holds
// through its source map, so the modules checked are ours and node_modules' as written.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, join, makeRepo, REPO_ROOT, SEED_CONFIG, seeds, tempDir } from './helpers.js';

/** What only commands need: anything of core, sections, the dashboard or a third-party package but the errors and the strings, and the commands themselves. */
const LIGHT = [/\/packages\/core\/dist\/errors\.js$/, /\/packages\/core\/dist\/sync\/i18n\.js$/, /\/packages\/sections\/dist\/frontmatter-error\.js$/, /\/node_modules\/i18next\//];
const HEAVY = [/\/packages\/|\/apps\/dashboard\/|\/node_modules\//, /\/apps\/cli\/src\/commands\//];
const isHeavy = (module: string) => HEAVY.some((pattern) => pattern.test(module)) && !LIGHT.some((pattern) => pattern.test(module));
const DIST = join(REPO_ROOT, 'apps/cli/dist');

/**
 * The source modules in a file the run loaded: those its source map names, for a chunk of
 * the build; the file itself otherwise. A chunk without a map may only re-export another,
 * or be rolldown's own helpers (CommonJS interop).
 */
function sourceModules(file: string): string[] {
  const map = `${file}.map`;
  if (existsSync(map)) return (JSON.parse(readFileSync(map, 'utf8')) as { sources: string[] }).sources.map((source) => resolve(dirname(map), source));
  if (file.startsWith(join(DIST, 'rolldown-runtime-'))) return [];
  if (file.startsWith(DIST)) expect(readFileSync(file, 'utf8').replace(/^(import|export) [^;]*;$/gm, '').trim(), `${file} has code but no source map`).toBe('');
  return [file];
}

/** The source modules `i18n-drift ...args` loads, in order, with its exit code and output. */
function modulesLoaded(cwd: string, args: string[]) {
  const dir = tempDir('i18n-drift-startup-');
  const log = join(dir, 'modules.log');
  const hooks = join(dir, 'hooks.mjs');
  writeFileSync(hooks, `import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) {\n  appendFileSync(${JSON.stringify(log)}, url + '\\n');\n  return next(url, context);\n}\n`);
  const register = join(dir, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
  writeFileSync(log, '');
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(register).href, BIN, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', HOME: dir, LANG: 'C', NO_COLOR: '1' } });
  const files = readFileSync(log, 'utf8').split('\n').filter((url) => url.startsWith('file:')).map((url) => fileURLToPath(url));
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, files, modules: files.flatMap(sourceModules) };
}

const heavy = (modules: string[]) => modules.filter(isHeavy);

describe('start-up', { timeout: 120_000 }, () => {
  it.each([
    ['--help', ['--help'], 0, /^i18n-drift — /],
    ['a command’s --help', ['status', '--help'], 0, /^Usage: i18n-drift status\b/],
    ['help COMMAND', ['help', 'sync'], 0, /^Usage: i18n-drift sync\b/],
    ['--version', ['--version'], 0, /^\d+\.\d+\.\d+\+[0-9a-f]{12}\n$/],
    ['an unknown command', ['nosuch'], 2, /^$/],
    ['an unknown option', ['status', '--nosuch'], 2, /^$/],
    ['help in French', ['init', '--help', '--lang', 'fr'], 0, /^Usage : i18n-drift init\b/],
  ] as const)('%s loads no command and nothing a command needs', (_name, args, code, stdout) => {
    const run = modulesLoaded(REPO_ROOT, [...args]);
    expect(run.code).toBe(code);
    expect(run.stdout).toMatch(stdout);
    if (code === 2) expect(run.stderr).toMatch(/^i18n-drift: .+\n$/);
    expect(run.modules).toContain(join(REPO_ROOT, 'apps/cli/src/main.ts'));
    expect(heavy(run.modules)).toEqual([]);
  });

  it('a command loads what it needs (the hook sees it)', () => {
    const repo = makeRepo({ ...seeds(), '.github/i18n-drift.yml': SEED_CONFIG });
    const run = modulesLoaded(repo, ['status', '--json']);
    expect(run.code).toBe(0);
    expect(heavy(run.modules)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/\/packages\/core\/dist\/config\.js$/),
        expect.stringMatching(/\/packages\/sections\/dist\/parse-document\.js$/),
        expect.stringMatching(/\/node_modules\/markdown-it\//),
        expect.stringMatching(/\/apps\/cli\/src\/commands\/status\.ts$/),
      ]),
    );
    // Answered from its cache the second time: not even main.js is loaded.
    const cached = modulesLoaded(repo, ['status', '--json']);
    expect(cached.stdout).toBe(run.stdout);
    expect(cached.modules.filter((module) => /\/apps\/cli\/src\/(main|commands\/[^/]+)\.ts$/.test(module) || isHeavy(module))).toEqual([]);
  });
});

describe('the bundle', () => {
  it('has every chunk directly in dist/, so that the files its code reads beside it are found', () => {
    const nested = readdirSync(DIST, { recursive: true, encoding: 'utf8' }).filter((path) => path.endsWith('.js') && path.includes('/'));
    expect(nested).toEqual([]);
    // Each file or folder named relative to a chunk's own URL, as the chunk sees it. Only
    // `../locales/` is missing from a clone: it is the packed package's (install.test.ts).
    const relative = new Set<string>();
    for (const chunk of readdirSync(DIST).filter((name) => name.endsWith('.js'))) {
      for (const [, path] of readFileSync(join(DIST, chunk), 'utf8').matchAll(/new URL\(\s*["'`]([^"'`]+)["'`],\s*import\.meta\.url\s*\)/g)) relative.add(path!);
    }
    expect([...relative].sort()).toEqual(expect.arrayContaining(['./', '../', './status-partition-worker.js']));
    for (const path of relative) if (path !== '../locales/') expect(existsSync(resolve(DIST, path)), path).toBe(true);
    expect(statSync(join(DIST, 'status-partition-worker.js')).isFile()).toBe(true);
  });
});
