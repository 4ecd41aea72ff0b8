// `i18n-drift dashboard`, end to end on real repositories with the built binary: the
// data is the `status` report, coverage over time comes from the caches, and the server
// computes once per repository state.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { BIN, SEED_CONFIG, cli, cliJson, git, makeRepo, seeds, tempDir, write } from './helpers.js';

const EN = 'locales/en/your-data.md';

/** The seeds adopted, then an English change: stale sections with an age. */
function repository(): string {
  const dir = makeRepo({ ...seeds(), '.github/i18n-drift.yml': SEED_CONFIG });
  expect(cli(dir, ['init']).code).toBe(0);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'adopt');
  write(dir, { [EN]: seeds()[EN]!.replace('We keep these logs for 6 months.', 'We keep these logs for 3 months.') });
  git(dir, 'commit', '-q', '-am', 'shorter retention');
  return dir;
}

describe('dashboard --out', () => {
  it('writes the status report as coverage.json, the search views and the chart; a second run reads the history cache', () => {
    const dir = repository();
    const out = join(tempDir(), 'site');
    const status = cliJson(dir, ['status']);
    const first = cli(dir, ['dashboard', '--out', out]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toBe(''); // no progress on a pipe
    expect(JSON.parse(readFileSync(join(out, 'coverage.json'), 'utf8'))).toEqual(status);
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    expect(index).toContain('<figure class="chart">');
    expect(index).toContain('href="index-sort-age.html"');
    expect(readdirSync(out)).toEqual(expect.arrayContaining(['dashboard.js', 'index-state-stale.html', 'index-locale-fr.html']));
    const cache = readdirSync(join(dir, '.git/i18n-drift/cache')).find((f) => f.startsWith('history-'));
    expect(cache).toBeDefined();
    const second = cli(dir, ['dashboard', '--out', out]);
    expect(second.code, second.stderr).toBe(0);
    expect(readFileSync(join(out, 'index.html'), 'utf8').replace(/Generated [^<]*/, '')).toBe(index.replace(/Generated [^<]*/, ''));
  });
});

describe('dashboard (served)', () => {
  it('serves the status report, answers searches, and follows a new commit', async () => {
    const dir = repository();
    const child = spawn(process.execPath, [BIN, 'dashboard', '--port', '0', '--json'], { cwd: dir, env: { ...process.env, NO_COLOR: '1', LANG: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
    onTestFinished(
      () =>
        new Promise<void>((done) => {
          if (child.exitCode !== null) return done();
          child.once('exit', () => done());
          child.kill('SIGTERM');
        }),
    );
    const url = await new Promise<string>((done, fail) => {
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
        const line = text.split('\n').find((l) => l.startsWith('{'));
        if (line) done((JSON.parse(line) as { url: string }).url);
      });
      child.once('exit', (code) => fail(new Error(`dashboard exited ${code}`)));
    });
    const report = async () => (await fetch(`${url}coverage.json`)).json() as Promise<{ documents: { source: string }[]; revision: string }>;
    expect(await report()).toEqual(cliJson(dir, ['status']));
    const page = await (await fetch(`${url}?lang=en&q=your-data&state=stale`)).text();
    expect(page).toContain('1 of 2 documents shown.');

    // A new English document, committed: the next requests see it once the server noticed.
    write(dir, { 'locales/en/new.md': '---\ntitle: Brand new\n---\n\nHello.\n' });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'new document');
    const head = git(dir, 'rev-parse', 'HEAD');
    let seen = await report();
    for (let i = 0; i < 60 && seen.revision !== head; i++) {
      await new Promise((done) => setTimeout(done, 500));
      seen = await report();
    }
    expect(seen.revision).toBe(head);
    expect(seen.documents.map((d) => d.source)).toContain('locales/en/new.md');
    expect(await (await fetch(`${url}?lang=en&q=brand`)).text()).toContain('Brand new');
  }, 120_000);
});
