import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, onTestFinished } from 'vitest';
import { journalDir, recoverWrites, writeDocuments } from './write-set.js';

class Crash extends Error {}

/** A repository-like folder (`.git/` beside the documents), removed after the test. */
function workspace(): { root: string; gitDir: string } {
  const root = mkdtempSync(join(tmpdir(), 'i18n-drift-write-'));
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  const gitDir = join(root, '.git');
  mkdirSync(gitDir);
  return { root, gitDir };
}

/** Every file under `root` but `.git`, by path. */
function tree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string, prefix: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name === '.git') continue;
      if (e.isDirectory()) walk(join(dir, e.name), `${prefix}${e.name}/`);
      else out[`${prefix}${e.name}`] = readFileSync(join(dir, e.name), 'utf8');
    }
  };
  walk(root, '');
  return out;
}

describe('writeDocuments', () => {
  it('after a crash at any step, the next command finds all old files or all new ones, and no temporary file', async () => {
    const name = fc.constantFrom('a.md', 'b.md', 'c.md', 'sub/d.md', 'sub/deep/e.md', 'f.md');
    const change = fc.record({ path: name, content: fc.option(fc.string({ maxLength: 40 }), { nil: null }) });
    await fc.assert(
      fc.asyncProperty(fc.dictionary(name, fc.string({ maxLength: 40 })), fc.uniqueArray(change, { selector: (c) => c.path, minLength: 1, maxLength: 6 }), fc.nat(20), async (before, changes, crashAt) => {
        const { root, gitDir } = workspace();
        for (const [path, content] of Object.entries(before)) {
          mkdirSync(join(root, path, '..'), { recursive: true });
          writeFileSync(join(root, path), content);
        }
        const after = { ...before };
        for (const c of changes) {
          if (c.content === null) delete after[c.path];
          else after[c.path] = c.content;
        }
        let steps = 0;
        let crashed = false;
        try {
          await writeDocuments(root, gitDir, changes, { step: () => {
            if (steps++ === crashAt) throw new Crash();
          } });
        } catch (e) {
          if (!(e instanceof Crash)) throw e;
          crashed = true;
        }
        // The next command starts by finishing or discarding what was left.
        await recoverWrites(root, gitDir);
        const now = tree(root);
        if (!crashed) expect(now).toEqual(after);
        else expect([JSON.stringify(before, Object.keys(before).sort()), JSON.stringify(after, Object.keys(after).sort())]).toContain(JSON.stringify(now, Object.keys(now).sort()));
        expect(existsSync(journalDir(gitDir))).toBe(false);
        rmSync(root, { recursive: true, force: true });
      }),
      { numRuns: 150 },
    );
  });

  it('a large set (one file-system flush instead of an fsync per file): all new after success, all old or all new after a crash at any step', async () => {
    const files = Array.from({ length: 40 }, (_, i) => `docs/${i % 4}/doc-${i}.md`);
    for (const crashAt of [null, 0, 17, 39, 40, 41, 79, 80]) {
      const { root, gitDir } = workspace();
      const before: Record<string, string> = {};
      for (const path of files) {
        mkdirSync(join(root, path, '..'), { recursive: true });
        writeFileSync(join(root, path), (before[path] = `old ${path}\n`));
      }
      chmodSync(join(root, files[3]!), 0o600);
      const after = Object.fromEntries(files.map((path) => [path, `new ${path}\n`]));
      let steps = 0;
      let crashed = false;
      try {
        await writeDocuments(root, gitDir, files.map((path) => ({ path, content: after[path]! })), { step: () => {
          if (crashAt !== null && steps++ === crashAt) throw new Crash();
        } });
      } catch (e) {
        if (!(e instanceof Crash)) throw e;
        crashed = true;
      }
      await recoverWrites(root, gitDir);
      const now = tree(root);
      if (!crashed) expect(now).toEqual(after);
      else expect([before, after]).toContainEqual(now);
      if (!crashed || JSON.stringify(now) === JSON.stringify(after)) expect(statSync(join(root, files[3]!)).mode & 0o777).toBe(0o600);
      expect(existsSync(journalDir(gitDir))).toBe(false);
    }
  });

  it('a large set keeps each replaced file\'s own mode, whether or not the new files get it anyway, and gives a new file the usual one', async () => {
    const { root, gitDir } = workspace();
    const files = Array.from({ length: 40 }, (_, i) => `docs/${i % 4}/doc-${i}.md`);
    const modes = new Map([[files[0]!, 0o600], [files[1]!, 0o755], [files[2]!, 0o640], [files[5]!, 0o600]]);
    for (const path of files.slice(0, 38)) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), 'old');
      if (modes.has(path)) chmodSync(join(root, path), modes.get(path)!);
    }
    // What a file created here gets (umask, default ACLs): files 38 and 39 are new.
    writeFileSync(join(root, 'probe'), '');
    const usual = statSync(join(root, 'probe')).mode & 0o7777;
    rmSync(join(root, 'probe'));
    await writeDocuments(root, gitDir, files.map((path) => ({ path, content: `new ${path}` })));
    for (const path of files) {
      expect(readFileSync(join(root, path), 'utf8')).toBe(`new ${path}`);
      expect(statSync(join(root, path)).mode & 0o7777).toBe(modes.get(path) ?? usual);
    }
  });

  it('keeps the mode of an existing file (0600, 0755)', async () => {
    const { root, gitDir } = workspace();
    writeFileSync(join(root, 'private.md'), 'old');
    chmodSync(join(root, 'private.md'), 0o600);
    writeFileSync(join(root, 'script.md'), 'old');
    chmodSync(join(root, 'script.md'), 0o755);
    await writeDocuments(root, gitDir, [{ path: 'private.md', content: 'new' }, { path: 'script.md', content: 'new' }]);
    expect(statSync(join(root, 'private.md')).mode & 0o777).toBe(0o600);
    expect(statSync(join(root, 'script.md')).mode & 0o777).toBe(0o755);
    expect(readFileSync(join(root, 'private.md'), 'utf8')).toBe('new');
  });

  it('refuses a target under a folder linked outside the repository, a folder and a link, and writes the rest', async () => {
    const { root, gitDir } = workspace();
    const elsewhere = mkdtempSync(join(tmpdir(), 'i18n-drift-elsewhere-'));
    onTestFinished(() => rmSync(elsewhere, { recursive: true, force: true }));
    mkdirSync(join(root, 'locales'));
    symlinkSync(elsewhere, join(root, 'locales', 'de'));
    mkdirSync(join(root, 'locales', 'fr', 'folder.md'), { recursive: true });
    symlinkSync('/dev/zero', join(root, 'locales', 'fr', 'zero.md'));
    const outcome = await writeDocuments(root, gitDir, [
      { path: 'locales/de/a.md', content: 'x' },
      { path: 'locales/de/new/b.md', content: 'x' },
      { path: 'locales/fr/folder.md', content: 'x' },
      { path: 'locales/fr/zero.md', content: 'x' },
      { path: '../outside.md', content: 'x' },
      { path: '.git/config', content: 'x' },
      { path: 'locales/fr/ok.md', content: 'fine' },
    ]);
    expect(outcome.written).toEqual(['locales/fr/ok.md']);
    expect(outcome.refused.map((r) => [r.path, r.error.code])).toEqual([
      ['locales/de/a.md', 'outside-repository'],
      ['locales/de/new/b.md', 'outside-repository'],
      ['locales/fr/folder.md', 'not-a-file'],
      ['locales/fr/zero.md', 'not-a-file'],
      ['../outside.md', 'outside-repository'],
      ['.git/config', 'outside-repository'],
    ]);
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(readFileSync(join(root, 'locales/fr/ok.md'), 'utf8')).toBe('fine');
  });
  it('checks each parent folder once per write and answers alike for every target under it', async () => {
    const { root, gitDir } = workspace();
    mkdirSync(join(root, 'locales', 'fr'), { recursive: true });
    symlinkSync(join(root, 'locales', 'fr'), join(root, 'locales', 'nl'));
    writeFileSync(join(root, 'locales', 'file.md'), 'a file, not a folder');
    const outcome = await writeDocuments(root, gitDir, [
      { path: 'locales/nl/a.md', content: 'linked inside' },
      { path: 'locales/nl/b.md', content: 'linked inside too' },
      { path: 'locales/file.md/x.md', content: 'x' },
      { path: 'locales/file.md/y.md', content: 'y' },
      { path: 'docs/new/one.md', content: 'one' },
      { path: 'docs/new/two.md', content: 'two' },
    ]);
    expect(outcome.written).toEqual(['locales/nl/a.md', 'locales/nl/b.md', 'docs/new/one.md', 'docs/new/two.md']);
    expect(outcome.refused.map((r) => [r.path, r.error.code])).toEqual([
      ['locales/file.md/x.md', 'not-a-file'],
      ['locales/file.md/y.md', 'not-a-file'],
    ]);
    expect(readFileSync(join(root, 'locales/fr/b.md'), 'utf8')).toBe('linked inside too');
    expect(readFileSync(join(root, 'docs/new/two.md'), 'utf8')).toBe('two');
  });
});
