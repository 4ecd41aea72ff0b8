import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { dependencyManifests } from './tool-version.js';

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
