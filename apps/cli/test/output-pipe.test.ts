// Output through a real pipe to a slow reader: complete, whatever its size. The process
// used to exit before stdout drained, so a reader slower than the writer got the first
// 64 KiB of a 1 MB document and exit code 0.
import { spawn, spawnSync } from 'node:child_process';
import { openSync, closeSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, git, join, tempDir, write } from './helpers.js';

const ENV = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', LANG: 'C', NO_COLOR: '1' };

/** Everything the command writes to stdout, read through a pipe 16 KiB at a time with pauses. */
function slowRead(cwd: string, args: string[]): Promise<{ code: number | null; stdout: Buffer }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: ENV, stdio: ['ignore', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    let code: number | null = null;
    let ended = false;
    const finish = () => code !== null && ended && resolve({ code, stdout: Buffer.concat(chunks) });
    child.stdout.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), 5);
    });
    child.stdout.on('end', () => ((ended = true), finish()));
    child.on('exit', (c) => ((code = c), finish()));
    child.on('error', reject);
  });
}

/** The same command with stdout to a file (written synchronously: the reference). */
function toFile(cwd: string, args: string[]): Buffer {
  const path = join(tempDir('i18n-drift-out-'), 'stdout');
  const fd = openSync(path, 'w');
  try {
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env: ENV, stdio: ['ignore', fd, 'ignore'] });
    expect(r.status).toBe(0);
  } finally {
    closeSync(fd);
  }
  return readFileSync(path);
}

/** A copy of `dir` (branches included), removed after the test. */
function clone(dir: string): string {
  const copy = join(tempDir('i18n-drift-clone-'), 'repo');
  git(dir, 'clone', '-q', '--no-local', dir, copy);
  return copy;
}

const DEEP = ['privacy', 'terms', 'security', 'cookies'].map((topic) => `${topic}-${'and-more-about-it-'.repeat(13)}`.slice(0, 240)).join('/');
const path = (lng: string, d: number) => `locales/${lng}/${DEEP}/doc-${d}.md`;
const DOCUMENTS = 50;

/**
 * An adopted repository of `documents` long English documents (60 sections each) and
 * their French and Dutch translations, then one English commit changing every third section.
 * The documents sit four folders of 240 characters deep, so that even the outputs that
 * give one line per file (`sync --branch`, `status --all`) are well over the 64 KiB a
 * pipe holds: below that a process that exits before stdout drains loses nothing.
 * The caller removes the folder.
 */
function bigRepository(documents: number): string {
  const sentence = (seed: number, words: string[]) => Array.from({ length: 18 }, (_, i) => words[(seed * 7 + i * 3) % words.length]).join(' ') + '.';
  const en = 'data privacy user visitor account retention period service provider newsletter consent cookie analytics security'.split(' ');
  const fr = 'données confidentialité utilisateur visiteur compte conservation durée prestataire lettre consentement témoin analyse sécurité'.split(' ');
  const doc = (d: number, words: string[], edit: boolean) =>
    `---\ntitle: Policy ${d}\n---\n\n` +
    Array.from({ length: 60 }, (_, s) => `## Section ${s} of ${d}\n\n${sentence(d + s, words)} ${edit && s % 3 === 0 ? `Changed ${s} again, kept for ${s} days.` : sentence(s, words)}\n`).join('\n');
  const files: Record<string, string> = { '.github/i18n-drift.yml': 'files:\n  - locales/{locale}/**/*.md\n' };
  for (let d = 0; d < documents; d++) {
    files[path('en', d)] = doc(d, en, false);
    for (const lng of ['fr', 'nl']) files[path(lng, d)] = doc(d, fr, false);
  }
  const dir = mkdtempSync(join(tmpdir(), 'i18n-drift-e2e-'));
  git(dir, 'init', '-q', '-b', 'main');
  write(dir, files);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'initial');
  expect(spawnSync(process.execPath, [BIN, 'init'], { cwd: dir, env: ENV }).status).toBe(0);
  git(dir, 'commit', '-q', '-am', 'Adopt');
  for (let d = 0; d < documents; d++) write(dir, { [path('en', d)]: doc(d, en, true) });
  git(dir, 'commit', '-q', '-am', 'English update');
  return dir;
}

describe('output through a pipe', () => {
  // One repository for the file: building and adopting it is most of the cost. Commands
  // that write get their own clone.
  let shared: string | undefined;
  const repository = () => (shared ??= bigRepository(DOCUMENTS));
  afterAll(() => {
    if (shared) rmSync(shared, { recursive: true, force: true });
  }, 120_000);

  it('reaches a slow reader complete for every command, JSON and human', { timeout: 480_000 }, async () => {
    const dir = repository();
    const commands = [
      { args: ['status', '--json'], min: 1_000_000 },
      { args: ['status', '--all'] },
      { args: ['init', '--json'] },
      { args: ['diff', '--json', '--from', 'HEAD~1', '--to', 'HEAD'] },
      { args: ['diff', '--from', 'HEAD~1', '--to', 'HEAD'] },
      // Complete JSON parses (a cut one cannot), and the human sync lists every file and
      // ends with the last pull request: neither needs a second sync as the reference.
      { args: ['sync', '--json', '--branch'], mutates: true },
      { args: ['sync', '--branch'], mutates: true },
    ];
    for (const { args, min = 65_536, mutates = false } of commands) {
      // Piped first, so that `status` computes rather than answers from its cache.
      const piped = await slowRead(mutates ? clone(dir) : dir, args);
      expect(piped.code, args.join(' ')).toBe(0);
      expect(piped.stdout.length, args.join(' ')).toBeGreaterThan(min);
      if (args.includes('--json')) expect(() => JSON.parse(piped.stdout.toString('utf8')), args.join(' ')).not.toThrow();
      else if (args[0] === 'sync') expect(syncListsEverything(piped.stdout.toString('utf8'))).toBe(true);
      if (mutates) continue;
      expect(piped.stdout.equals(toFile(dir, args)), args.join(' ')).toBe(true);
    }
  });

  it('stops quietly when the reader closes the pipe early (`| head`)', { timeout: 120_000 }, () => {
    // A clone has no status cache yet: `status` computes while the reader goes away.
    const dir = clone(repository());
    for (const args of [['status', '--json'], ['status', '--all'], ['diff', '--from', 'HEAD~1', '--to', 'HEAD']]) {
      const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" ${args.join(' ')} | head -c 10 >/dev/null`], { cwd: dir, env: ENV, encoding: 'utf8' });
      expect(r.status, args.join(' ')).toBe(0);
      expect(r.stderr, args.join(' ')).toBe('');
    }
  });
});

/** The human `sync --branch` output names every translation of both locales and ends with the second pull request. */
function syncListsEverything(text: string): boolean {
  const listed = ['fr', 'nl'].flatMap((lng) => Array.from({ length: DOCUMENTS }, (_, d) => text.includes(`\n  M ${path(lng, d)}\n`)));
  return listed.every(Boolean) && /\n {2}title and body: \.git\/i18n-drift\/pulls\/2\.md\n$/.test(text);
}
