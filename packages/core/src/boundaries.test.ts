// The architecture rule of README.md, enforced: packages/* are pure (strings and plain
// data in, values out). Adapters that touch files, processes, the network or GitHub
// live in apps/. A forbidden import in any non-test source file of packages/ fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packagesDir = fileURLToPath(new URL('../../', import.meta.url));
const FORBIDDEN = /^(?:node:)?(?:fs|fs\/promises|child_process|http|https|net|dgram|worker_threads)$|^probot$|^@probot\/|^octokit$|^@octokit\//;
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : sourceFiles(path);
    // Test files and test helpers (test-*.ts, left out of the build) may read fixtures.
    return /\.ts$/.test(entry.name) && !/\.test\.ts$|^test-/.test(entry.name) ? [path] : [];
  });
}

export function forbiddenImports(text: string): string[] {
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3] ?? '').filter((spec) => FORBIDDEN.test(spec));
}

describe('packages/* stay pure', () => {
  it('recognises the imports it forbids, and only those', () => {
    expect(forbiddenImports(`import { readFile } from 'node:fs';\nimport x from "probot";\nconst c = await import('child_process');`)).toEqual(['node:fs', 'probot', 'child_process']);
    expect(forbiddenImports(`import { createHash } from 'node:crypto';\nimport type { Section } from '@i18n-drift/sections';`)).toEqual([]);
  });

  // The plugins are an index and one module each; the core packages have many.
  for (const [pkg, atLeast] of [['sections', 4], ['core', 4], ['remark', 2], ['markdown-it', 2]] as const) {
    it(`${pkg} imports no file system, process, network or GitHub module`, () => {
      const files = sourceFiles(join(packagesDir, pkg, 'src'));
      expect(files.length).toBeGreaterThanOrEqual(atLeast);
      const offenders = files.flatMap((file) =>
        forbiddenImports(readFileSync(file, 'utf8')).map((spec) => `${relative(packagesDir, file)}: ${spec}`),
      );
      expect(offenders).toEqual([]);
    });
  }
});
