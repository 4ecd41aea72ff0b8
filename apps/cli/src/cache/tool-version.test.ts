import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readFileSync, statSync, utimesSync } from 'node:fs';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { dependencyManifests, stampOf } from './tool-version.js';

function tree(files: Record<string, unknown>): string {
  const root = mkdtempSync(join(tmpdir(), 'i18n-drift-tool-version-'));
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  for (const [path, manifest] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), typeof manifest === 'string' ? manifest : JSON.stringify(manifest));
  }
  return root;
}

describe('dependencyManifests', () => {
  it('finds every third-party package a workspace package loads, transitively, where Node would load it from', () => {
    const root = tree({
      'packages/sections/package.json': { dependencies: { 'markdown-it': '^15', '@i18n-drift/core': '0.1.0' } },
      'node_modules/markdown-it/package.json': { version: '15.0.0', dependencies: { entities: '^4', mdurl: '^2' } },
      // markdown-it's own copy of entities wins over the hoisted one, as in Node.
      'node_modules/markdown-it/node_modules/entities/package.json': { version: '4.5.0' },
      'node_modules/entities/package.json': { version: '6.0.0' },
      'node_modules/mdurl/package.json': { version: '2.0.0', dependencies: { 'markdown-it': '^15' } },
      'node_modules/unrelated/package.json': { version: '1.0.0' },
    });
    expect(dependencyManifests([join(root, 'packages/sections')])).toEqual(
      ['node_modules/markdown-it/node_modules/entities/package.json', 'node_modules/markdown-it/package.json', 'node_modules/mdurl/package.json'].map((path) => join(root, path)),
    );
  });

  it('skips a dependency that is not installed and a manifest that is not JSON', () => {
    const root = tree({
      'app/package.json': { dependencies: { missing: '^1', broken: '^1' } },
      'node_modules/broken/package.json': '{"version": ',
    });
    expect(dependencyManifests([join(root, 'app')])).toEqual([join(root, 'node_modules/broken/package.json')]);
  });
});

/** toolStamp in a fresh copy of the module: nothing remembered from another call. */
async function freshToolStamp(cacheDir?: string): Promise<string> {
  vi.resetModules();
  const { toolStamp, keepToolFiles } = await import('./tool-version.js');
  const stamp = toolStamp(cacheDir);
  keepToolFiles();
  return stamp;
}

describe('stampOf', () => {
  it('changes whenever a file is written again, even at once, with its size and modification time kept', () => {
    const root = tree({ 'dist/a.js': 'one' });
    const file = join(root, 'dist/a.js');
    const list = { files: [file], dirs: [join(root, 'dist')] };
    const { mtime } = statSync(file);
    const changeTimes = new Set<bigint>();
    const stamps = new Set<string>();
    // Back to back: however close the change times the file system gives, the stamp tells them apart.
    for (let i = 0; i < 20; i++) {
      writeFileSync(file, 'one');
      utimesSync(file, mtime, mtime);
      changeTimes.add(statSync(file, { bigint: true }).ctimeNs);
      stamps.add(stampOf(list).value);
    }
    expect(changeTimes.size).toBeGreaterThan(1);
    expect(stamps.size).toBe(changeTimes.size);
  });
});

describe('toolStamp', () => {
  it('keeps its list of files in the cache folder and finds the same stamp from it', async () => {
    const cacheDir = tree({});
    const searched = await freshToolStamp();
    expect(await freshToolStamp(cacheDir)).toBe(searched);
    expect(JSON.parse(readFileSync(join(cacheDir, 'tool-files.json'), 'utf8'))).toMatchObject({ stamp: searched });
    expect(await freshToolStamp(cacheDir)).toBe(searched);
  });

  it('never takes the list another copy of the tool kept in the same repository, nor one kept before lists named their tool', async () => {
    // Another build elsewhere (a global install beside a clone's build): its files are
    // unchanged, so its list checks out against itself, yet says nothing about this copy.
    const other = tree({ 'dist/bin.js': 'another build', 'package.json': { version: '0.1.0' } });
    const list = { files: [join(other, 'dist/bin.js'), join(other, 'package.json')], dirs: [join(other, 'dist')] };
    const searched = await freshToolStamp();
    for (const kept of [{ tool: other, ...list }, list]) {
      const cacheDir = tree({ 'tool-files.json': { ...kept, stamp: stampOf(list).value } });
      expect(await freshToolStamp(cacheDir)).toBe(searched);
    }
  });
});
