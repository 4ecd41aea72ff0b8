import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { STATUS_INDEX_DIR } from '../git/status-index.js';
import { outputKey } from './output-cache.js';

function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'i18n-drift-output-key-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const git = (dir: string, ...a: string[]) => execFileSync('git', ['-C', dir, '-c', 'user.name=Ana', '-c', 'user.email=ana@example.org', '-c', 'commit.gpgsign=false', ...a], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();

/** A repository with a config and `files`, in one commit. */
function repo(files: Record<string, string> = {}): string {
  const dir = temp();
  git(dir, 'init', '-q', '-b', 'main');
  mkdirSync(join(dir, '.github'));
  for (const [path, text] of Object.entries({ '.github/i18n-drift.yml': 'sourceLocale: en\n', ...files })) writeFileSync(join(dir, path), text);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'one');
  return dir;
}

describe('outputKey', () => {
  it('does not depend on how far the branch is from its upstream, and still sees every edit', async () => {
    const upstream = repo({ 'en.md': '# One\n' });
    const clone = join(temp(), 'clone');
    git(upstream, 'clone', '-q', upstream, clone);
    const input = { dir: clone, mode: 'json' as const, lang: undefined, color: false };
    const before = await outputKey(input);
    expect(before).not.toBeNull();
    // The upstream moves on and is fetched: the branch is now behind, nothing else changed.
    writeFileSync(join(upstream, 'en.md'), '# Two\n');
    git(upstream, 'commit', '-q', '-am', 'two');
    git(clone, 'fetch', '-q');
    expect(git(clone, 'status', '--porcelain=v2', '--branch')).toMatch(/# branch\.ab \+0 -1/);
    expect((await outputKey(input))?.key).toBe(before!.key);
    writeFileSync(join(clone, 'en.md'), '# Edited\n');
    const edited = await outputKey(input);
    expect(edited?.key).not.toBe(before!.key);
    expect(edited?.uncommitted).toEqual(['en.md']);
  });
});

describe('outputKey with git’s untracked cache', () => {
  it('is the same key whether git answers from the private copy of the index, from the real one, or from a broken copy', async () => {
    const dir = repo({ 'en.md': '# A\n', 'fr.md': '# A fr\n' });
    writeFileSync(join(dir, 'fr.md'), '# A fr, edited\n');
    mkdirSync(join(dir, 'docs/c/deep'), { recursive: true });
    writeFileSync(join(dir, 'docs/c/deep/en.md'), '# C\n');
    writeFileSync(join(dir, 'de.md'), '# B de\n');
    git(dir, 'add', 'de.md');
    const input = { dir, mode: 'json' as const, lang: undefined, color: false };
    const copies = join(dir, '.git', STATUS_INDEX_DIR);
    const first = await outputKey(input);
    expect(first?.uncommitted).toEqual(['de.md', 'fr.md', 'docs/c/deep/en.md']);
    const [copy] = readdirSync(copies);
    expect(readFileSync(join(copies, copy!)).includes('UNTR')).toBe(true);
    // Answered from the cache in the copy.
    expect(await outputKey(input)).toEqual(first);
    // A copy git cannot read: the real index answers, and the copy is made again.
    writeFileSync(join(copies, copy!), 'broken');
    expect(await outputKey(input)).toEqual(first);
    expect(readFileSync(join(copies, copy!)).subarray(0, 4).toString()).toBe('DIRC');
    expect(await outputKey(input)).toEqual(first);
    // No copy can be made: the real index answers.
    rmSync(copies, { recursive: true });
    writeFileSync(copies, '');
    expect(await outputKey(input)).toEqual(first);
    expect(readFileSync(join(dir, '.git/index')).includes('UNTR')).toBe(false);
  });
});

describe('cachedOutput', () => {
  it('keeps the tool’s list of files when it answers after searching for it again', async () => {
    const dir = repo();
    const input = { dir, mode: 'json' as const, lang: undefined, color: false };
    const list = join(dir, '.git/i18n-drift/cache/tool-files.json');
    // Each step in a fresh copy of the modules, as each run is a fresh process.
    vi.resetModules();
    const first = await import('./output-cache.js');
    await first.writeOutput((await first.outputKey(input))!, { stdout: '{}\n', stderr: '', code: 0 });
    expect(existsSync(list)).toBe(true);
    // As after a run that came too soon after a build to keep it.
    rmSync(list);
    vi.resetModules();
    const second = await import('./output-cache.js');
    expect(Buffer.from((await second.cachedOutput(input))!.stdout).toString()).toBe('{}\n');
    expect(existsSync(list)).toBe(true);
  });
});
