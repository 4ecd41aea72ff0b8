// Start-up: help, the version and a usage error load the argument parser and the
// strings, never a command nor what commands load (core, the Markdown parser, the
// language detector: more than a second on a loaded machine). Proven by the modules a
// run loads, recorded by a module hook, not by timing.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, join, makeRepo, REPO_ROOT, SEED_CONFIG, seeds, tempDir } from './helpers.js';

const HEAVY = [/\/packages\/core\/dist\/index\.js$/, /\/packages\/sections\/dist\/index\.js$/, /\/node_modules\/(markdown-it|tinyld|yaml|zod|gray-matter|picomatch)\//, /\/apps\/cli\/dist\/commands\//];

/** The file URLs `i18n-drift ...args` loads, in order, with its exit code and output. */
function modulesLoaded(cwd: string, args: string[]) {
  const dir = tempDir('i18n-drift-startup-');
  const log = join(dir, 'modules.log');
  const hooks = join(dir, 'hooks.mjs');
  writeFileSync(hooks, `import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) {\n  appendFileSync(${JSON.stringify(log)}, url + '\\n');\n  return next(url, context);\n}\n`);
  const register = join(dir, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
  writeFileSync(log, '');
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(register).href, BIN, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', HOME: dir, LANG: 'C', NO_COLOR: '1' } });
  const modules = readFileSync(log, 'utf8').split('\n').filter((url) => url.startsWith('file:'));
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, modules };
}

const heavy = (modules: string[]) => modules.filter((url) => HEAVY.some((pattern) => pattern.test(url)));

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
    expect(run.modules.some((url) => url.endsWith('/apps/cli/dist/main.js'))).toBe(true);
    expect(heavy(run.modules)).toEqual([]);
  });

  it('a command loads what it needs (the hook sees it)', () => {
    const repo = makeRepo({ ...seeds(), '.github/i18n-drift.yml': SEED_CONFIG });
    const run = modulesLoaded(repo, ['status', '--json']);
    expect(run.code).toBe(0);
    expect(heavy(run.modules)).toEqual(expect.arrayContaining([expect.stringMatching(/\/packages\/core\/dist\/index\.js$/), expect.stringMatching(/\/apps\/cli\/dist\/commands\/status\.js$/)]));
    // Answered from its cache the second time: not even main.js is loaded.
    const cached = modulesLoaded(repo, ['status', '--json']);
    expect(cached.stdout).toBe(run.stdout);
    expect(cached.modules.filter((url) => /\/(main|commands\/[^/]+)\.js$/.test(url) || HEAVY.some((pattern) => pattern.test(url)))).toEqual([]);
  });
});
