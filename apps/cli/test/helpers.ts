// End-to-end helpers: real temporary Git repositories and the BUILT binary run as a
// child process (build first: `npx turbo run build`).
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, onTestFinished } from 'vitest';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const BIN = join(REPO_ROOT, 'apps/cli/dist/bin.js');
export const DEMO_UPDATE = join(REPO_ROOT, 'apps/cli/demo/your-data.md');

if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npx turbo run build\` first`);

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `i18n-drift …args` in `cwd` with a neutral environment (English, no colours). */
export function cli(cwd: string, args: string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? tmpdir(), LANG: 'C', NO_COLOR: '1', ...(process.env['I18N_DRIFT_DEBUG'] ? { I18N_DRIFT_DEBUG: '1' } : {}), ...env },
    timeout: 60_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** `cli(...)` with `--json`, parsed; fails loudly with stderr when the command failed. */
export function cliJson<T = any>(cwd: string, args: string[]): T {
  const r = cli(cwd, [...args, '--json']);
  if (r.code !== 0) throw new Error(`i18n-drift ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env },
  }).trimEnd();
}

export function commitAs(cwd: string, name: string, message: string): string {
  execFileSync('git', ['-c', `user.name=${name}`, '-c', `user.email=${name}@example.org`, 'commit', '-q', '-am', message], { cwd });
  return git(cwd, 'rev-parse', 'HEAD');
}

/**
 * A new folder under the system temporary folder, removed when the test (or, made
 * outside a test, the file) finishes: /tmp after `npm test` looks as it did before.
 */
export function tempDir(prefix = 'i18n-drift-e2e-'): string {
  return removeAfterTest(mkdtempSync(join(tmpdir(), prefix)));
}

/** Remove `dir` when the test (or, outside a test, the file) finishes; returns `dir`. */
export function removeAfterTest(dir: string): string {
  const remove = () => rmSync(dir, { recursive: true, force: true });
  // Large repositories take a while to remove on a busy machine.
  try {
    onTestFinished(remove, 120_000);
  } catch {
    afterAll(remove, 120_000);
  }
  return dir;
}

/** A fresh repository with `files` committed on `main` (removed after the test). */
export function makeRepo(files: Record<string, string | Buffer>, message = 'initial'): string {
  const dir = tempDir();
  git(dir, 'init', '-q', '-b', 'main');
  write(dir, files);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
  return dir;
}

export function write(dir: string, files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

export function read(dir: string, path: string): string {
  return readFileSync(join(dir, path), 'utf8');
}

/** This repository's Markdown seeds under locales/, by path (never modified). */
export function seeds(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const lng of readdirSync(join(REPO_ROOT, 'locales'))) {
    for (const name of readdirSync(join(REPO_ROOT, 'locales', lng))) {
      if (name.endsWith('.md')) files[`locales/${lng}/${name}`] = readFileSync(join(REPO_ROOT, 'locales', lng, name), 'utf8');
    }
  }
  return files;
}

export const SEED_CONFIG = `sourceLocale: en
files:
  - locales/{locale}/**/*.md
translators:
  fr: [marie]
labels:
  nl: [privacy]
`;

/** Every file under `dir` (the .git folder included) with its content hash: to prove nothing was written. */
export function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile()) {
        // git rewrites its index stat cache on `git status`; the content of the work tree, refs and objects is what matters.
        if (p.endsWith(join('.git', 'index'))) continue;
        // The same stat cache in the private copy of the index git status runs on (src/git/status-index.ts).
        if (p.includes(join('.git', 'i18n-drift', 'status-index') + sep)) continue;
        out[p.slice(dir.length + 1)] = createHash('sha1').update(readFileSync(p)).digest('hex') + ':' + statSync(p).size;
      }
    }
  };
  walk(dir);
  return out;
}

export { copyFileSync, existsSync, join };
