import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BIN, cli, cliJson, git, join, makeRepo, read, SEED_CONFIG, seeds, tempDir, write } from './helpers.js';

const CACHE = '.git/i18n-drift/cache';
const FR = 'locales/fr/your-data.md';

function adoptedAndUpdated(): string {
  const dir = makeRepo({ ...seeds(), '.github/i18n-drift.yml': SEED_CONFIG });
  expect(cli(dir, ['init']).code).toBe(0);
  git(dir, 'commit', '-q', '-am', 'adopt');
  write(dir, { 'locales/en/your-data.md': seeds()['locales/en/your-data.md']!.replace('We keep these logs for 6 months.', 'We keep these logs for 3 months.') });
  git(dir, 'commit', '-q', '-am', 'shorter retention');
  return dir;
}

const stateOf = (report: any, id: string) =>
  report.documents.find((d: any) => d.source === 'locales/en/your-data.md').translations.find((t: any) => t.locale === 'fr').sections.find((s: any) => s.id === id).state;

// Each case runs the built CLI several times (about a second each, several on a loaded
// 2-core machine, with the other end-to-end file running beside it): 30 s is too tight.
describe('the status cache can never serve stale data', { timeout: 120_000 }, () => {
  it('serves an unchanged repository from the cache, and recomputes on any change of content, HEAD or config', () => {
    const dir = adoptedAndUpdated();
    const cold = cli(dir, ['status', '--json']).stdout;
    const statusFile = join(dir, CACHE, 'status.json');
    const written = statSync(statusFile).mtimeMs;
    const warm = cli(dir, ['status', '--json']).stdout;
    expect(warm).toBe(cold);
    expect(statSync(statusFile).mtimeMs).toBe(written); // a hit writes nothing
    const intro = stateOf(JSON.parse(cold), 'intro');

    // An uncommitted edit of a translation (the intro pasted back in English, in the same second) is seen at once.
    const original = read(dir, FR);
    const englishIntro = seeds()['locales/en/your-data.md']!.split('<Note>')[0]!.split('---\n')[2]!;
    const frenchIntro = original.split('<Note>')[0]!.split('---\n')[2]!;
    write(dir, { [FR]: original.replace(frenchIntro, englishIntro) });
    const afterEdit = cliJson(dir, ['status']);
    expect(stateOf(afterEdit, 'intro')).not.toBe(intro);

    // Back to the committed text: the very same report as the cold run.
    write(dir, { [FR]: original });
    expect(cli(dir, ['status', '--json']).stdout).toBe(cold);

    // A new commit (history, days and commits behind) changes the key.
    write(dir, { 'README.md': 'hello\n' });
    git(dir, 'add', 'README.md');
    git(dir, 'commit', '-q', '-m', 'readme');
    const moved = cliJson(dir, ['status']);
    expect(moved.revision).toBe(git(dir, 'rev-parse', 'HEAD'));

    // A config change (a frontmatter key dropped) changes the key too.
    write(dir, { '.github/i18n-drift.yml': `${SEED_CONFIG}frontmatterKeys: []\n` });
    const reconfigured = cliJson(dir, ['status']);
    const fr = reconfigured.documents[1].translations.find((t: any) => t.locale === 'fr');
    expect(fr.sections.some((s: any) => s.id.startsWith('frontmatter.'))).toBe(false);
  });

  it('ignores a corrupt or foreign cache instead of trusting it', () => {
    const dir = adoptedAndUpdated();
    const cold = cli(dir, ['status', '--json']).stdout;
    const statusFile = join(dir, CACHE, 'status.json');
    // A cached report under another key is never served.
    const stored = JSON.parse(readFileSync(statusFile, 'utf8'));
    writeFileSync(statusFile, JSON.stringify({ key: 'not-the-key', value: { ...stored.value, documents: [] } }));
    expect(cli(dir, ['status', '--json']).stdout).toBe(cold);
    // Garbage in every cache file: recomputed, same answer.
    for (const name of readdirSync(join(dir, CACHE))) writeFileSync(join(dir, CACHE, name), '{"trunc');
    expect(cli(dir, ['status', '--json']).stdout).toBe(cold);
    // The cached output of one mode or language never answers another.
    const english = cli(dir, ['status']).stdout;
    const french = cli(dir, ['status', '--lang', 'fr']).stdout;
    expect(english).toContain('Translation coverage at');
    expect(french).toContain('Couverture des traductions à');
    expect(cli(dir, ['status']).stdout).toBe(english);
    expect(cli(dir, ['status', '--json']).stdout).toBe(cold);
  });
});


describe('the status output cache', () => {
  it('answers a repository with a broken file too: same output, same skipped-file lines, same exit code', () => {
    const dir = adoptedAndUpdated();
    write(dir, { [FR]: `---\n- a list\n---\n${read(dir, FR).split('---\n').slice(2).join('---\n')}` });
    git(dir, 'commit', '-q', '-am', 'break the French frontmatter');
    const cold = cli(dir, ['status', '--json']);
    expect(cold.code).toBe(1);
    expect(cold.stderr).toContain(`${FR}:2:`);
    const cached = join(dir, CACHE, 'status-output-json.txt');
    expect(statSync(cached).isFile()).toBe(true);
    const warm = cli(dir, ['status', '--json']);
    expect(warm).toEqual(cold);

    // Fixed and committed: the key changes, nothing is skipped any more.
    write(dir, { [FR]: seeds()[FR]! });
    git(dir, 'commit', '-q', '-am', 'fix it');
    const fixed = cli(dir, ['status', '--json']);
    expect(fixed.stderr).toBe('');
    expect(fixed.code).toBe(0);
  });
});

/**
 * `status ...args` twice: as served now, and with every cache removed first (which that
 * run then rewrites); `cache` is the repository's cache folder (a linked work tree keeps
 * it in the main `.git`).
 */
function servedAndFresh(dir: string, args: string[], env: Record<string, string> = {}, cache = join(dir, CACHE)) {
  const served = cli(dir, ['status', ...args], env);
  rmSync(cache, { recursive: true, force: true });
  // The run without any cache has git read the real index (named by a GIT_* variable, no
  // private copy is used): the copy's untracked cache must never change an answer.
  const realIndex: Record<string, string> = Object.keys(env).length === 0 ? { GIT_INDEX_FILE: git(dir, 'rev-parse', '--path-format=absolute', '--git-path', 'index') } : {};
  const fresh = cli(dir, ['status', ...args], { ...env, ...realIndex });
  expect(served).toEqual(fresh);
  return served;
}

// Each step changes one input and compares the answer with the one a run without any
// cache gives; the step's own expectation proves the change mattered.
describe('the status output cache answers every change with the fresh result', { timeout: 300_000 }, () => {
  it('staged, unstaged, untracked and deleted translations, a changed pin, another commit checked out', () => {
    const dir = adoptedAndUpdated();
    const base = servedAndFresh(dir, ['--json']);
    expect(cli(dir, ['status', '--json'])).toEqual(base);

    // A pin changed in the working tree: the intro's pin no longer matches its English.
    const adopted = read(dir, FR);
    write(dir, { [FR]: adopted.replace(/^( {4}intro: )[0-9a-f]+$/m, '$10000000000000000') });
    const repinned = servedAndFresh(dir, ['--json']);
    expect(repinned.stdout).not.toBe(base.stdout);

    // The same edit staged, then the file put back in the working tree: what is read is
    // the working tree, so the answer is the base one again, never the staged one.
    git(dir, 'add', FR);
    write(dir, { [FR]: adopted });
    expect(servedAndFresh(dir, ['--json']).stdout).toBe(base.stdout);
    git(dir, 'reset', '-q', FR);

    // Staged only (working tree equal to the index).
    write(dir, { [FR]: adopted.replace(/^( {4}intro: )[0-9a-f]+$/m, '$10000000000000000') });
    git(dir, 'add', FR);
    expect(servedAndFresh(dir, ['--json']).stdout).toBe(repinned.stdout);
    git(dir, 'reset', '-q', FR);
    write(dir, { [FR]: adopted });
    expect(servedAndFresh(dir, ['--json']).stdout).toBe(base.stdout);

    // An untracked new translation: the French of a document that had none.
    const NEW_FR = 'locales/fr/passbolt-privacy.md';
    write(dir, { [NEW_FR]: seeds()['locales/en/passbolt-privacy.md']! });
    const added = servedAndFresh(dir, ['--json']);
    const translationOf = (stdout: string, path: string) => JSON.parse(stdout).documents.flatMap((d: any) => d.translations).find((t: any) => t.path === path);
    expect(translationOf(added.stdout, NEW_FR).exists).toBe(true);
    expect(translationOf(base.stdout, NEW_FR).exists).toBe(false);
    rmSync(join(dir, NEW_FR));
    expect(servedAndFresh(dir, ['--json']).stdout).toBe(base.stdout);

    // A deleted translation (not staged).
    rmSync(join(dir, 'locales/nl/your-data.md'));
    const deleted = servedAndFresh(dir, ['--json']);
    expect(deleted.stdout).not.toBe(base.stdout);
    git(dir, 'checkout', '-q', '--', 'locales/nl/your-data.md');
    expect(servedAndFresh(dir, ['--json']).stdout).toBe(base.stdout);

    // Another commit checked out (the adopted one, before the English update).
    git(dir, 'checkout', '-q', 'HEAD~1');
    const older = servedAndFresh(dir, ['--json']);
    expect(JSON.parse(older.stdout).revision).toBe(git(dir, 'rev-parse', 'HEAD'));
    expect(stateOf(JSON.parse(older.stdout), 'visitor-data')).not.toBe(stateOf(JSON.parse(base.stdout), 'visitor-data'));
    git(dir, 'checkout', '-q', 'main');
    expect(servedAndFresh(dir, ['--json']).stdout).toBe(base.stdout);
  });

  it('filtered views and languages each have their own answer', () => {
    const dir = adoptedAndUpdated();
    const fr = servedAndFresh(dir, ['--locale', 'fr', '--json']);
    const nl = servedAndFresh(dir, ['--locale', 'nl', '--json']);
    expect(JSON.parse(fr.stdout).locales).toEqual(['fr']);
    expect(JSON.parse(nl.stdout).locales).toEqual(['nl']);
    // Served twice from one slot: the other filter is never answered with it.
    expect(cli(dir, ['status', '--locale', 'fr', '--json'])).toEqual(fr);
    expect(cli(dir, ['status', '--locale', 'nl', '--json'])).toEqual(nl);
    // A path argument is resolved where the command runs: the same words from a
    // subfolder name another path.
    const sections = servedAndFresh(dir, ['--sections', '--all', 'locales/fr']);
    expect(sections.stdout).toContain('locales/fr/your-data.md');
    expect(sections.stdout).not.toContain('locales/nl/your-data.md');
    expect(cli(join(dir, 'locales'), ['status', '--sections', '--all', 'fr'])).toEqual(sections);
    expect(cli(join(dir, 'locales'), ['status', '--sections', '--all', 'locales/fr']).code).toBe(2);

    // An empty LC_ALL is ignored (POSIX), by the cache's key as by the language chosen.
    const french = servedAndFresh(dir, [], { LC_ALL: '', LANG: 'fr_FR.UTF-8' });
    expect(french.stdout).toContain('Couverture des traductions à');
    expect(cli(dir, ['status'], { LANG: 'fr_FR.UTF-8' }).stdout).toBe(french.stdout);
  });

  it('never trusts a truncated cache file, and rewrites it whole', () => {
    const dir = adoptedAndUpdated();
    const cold = cli(dir, ['status', '--json']);
    const cached = join(dir, CACHE, 'status-output-json.txt');
    /** The stored run, when the file is whole: `<key>\n<code> <stderr bytes> <stdout bytes>\n<stderr><stdout>`. */
    const stored = () => {
      const data = readFileSync(cached);
      const keyEnd = data.indexOf(10);
      const headEnd = data.indexOf(10, keyEnd + 1);
      const [code, stderrBytes, stdoutBytes] = data.toString('utf8', keyEnd + 1, headEnd).split(' ').map(Number);
      expect(keyEnd).toBe(64);
      expect(headEnd + 1 + stderrBytes! + stdoutBytes!).toBe(data.length);
      return { code, stderr: data.toString('utf8', headEnd + 1, headEnd + 1 + stderrBytes!), stdout: data.toString('utf8', headEnd + 1 + stderrBytes!) };
    };
    expect(stored()).toEqual(cold);
    const whole = readFileSync(cached);
    for (const cut of [whole.length - 1, Math.floor(whole.length / 2), 70, 10]) {
      writeFileSync(cached, whole.subarray(0, cut));
      expect(cli(dir, ['status', '--json'])).toEqual(cold);
      expect(stored()).toEqual(cold);
    }
    // Bytes appended are refused too.
    writeFileSync(cached, Buffer.concat([whole, Buffer.from('{"extra": true}\n')]));
    expect(cli(dir, ['status', '--json'])).toEqual(cold);
    expect(stored()).toEqual(cold);
    // No temporary file is left beside it.
    expect(readdirSync(join(dir, CACHE)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

// Changes that leave a file's size and modification time as they were (racy git), and
// changes outside the tracked files (HEAD through packed refs, the index, ignore rules,
// an emptied folder filled): each answered as a run without any cache answers.
describe('the status output cache and changes that hide', { timeout: 300_000 }, () => {
  /** `servedAndFresh`, then served from the cache the next time. */
  function answered(dir: string, args: string[] = ['--json'], env: Record<string, string> = {}, cache = join(dir, CACHE)) {
    const served = servedAndFresh(dir, args, env, cache);
    expect(cli(dir, ['status', ...args], env)).toEqual(served);
    return served;
  }
  /** Same length, different bytes, and the modification time put back: only the change time and the content tell. */
  function rewriteKeepingSizeAndTime(dir: string, path: string, from: string, to: string) {
    const abs = join(dir, path);
    const before = statSync(abs, { bigint: true });
    const text = readFileSync(abs, 'utf8');
    expect(to.length).toBe(from.length);
    expect(text).toContain(from);
    // `touch -r` copies the times to the nanosecond (utimes from Node rounds them).
    const times = join(tempDir('i18n-drift-times-'), 'times');
    writeFileSync(times, '');
    execFileSync('touch', ['-r', abs, times]);
    writeFileSync(abs, text.replace(from, to));
    execFileSync('touch', ['-r', times, abs]);
    const after = statSync(abs, { bigint: true });
    expect([after.size, after.mtimeNs]).toEqual([before.size, before.mtimeNs]);
  }

  it('tracked files and the config edited keeping size and time, HEAD through packed refs, the index', () => {
    const dir = adoptedAndUpdated();
    const base = answered(dir);

    // A translation's pin edited in place, same size and modification time.
    const pin = /^ {4}intro: ([0-9a-f]+)$/m.exec(read(dir, FR))![1]!;
    rewriteKeepingSizeAndTime(dir, FR, `intro: ${pin}`, `intro: ${'0'.repeat(pin.length)}`);
    expect(answered(dir).stdout).not.toBe(base.stdout);
    git(dir, 'checkout', '-q', '--', FR);
    expect(answered(dir).stdout).toBe(base.stdout);

    // The config, same size and time: the frontmatter key tracked renamed.
    write(dir, { '.github/i18n-drift.yml': `${SEED_CONFIG}frontmatterKeys: [title]\n` });
    git(dir, 'commit', '-q', '-am', 'title only');
    const titleOnly = answered(dir);
    rewriteKeepingSizeAndTime(dir, '.github/i18n-drift.yml', 'frontmatterKeys: [title]', 'frontmatterKeys: [tixle]');
    expect(answered(dir).stdout).not.toBe(titleOnly.stdout);
    git(dir, 'checkout', '-q', '--', '.github/i18n-drift.yml');

    // HEAD: the refs packed (same commit), the branch moved in packed-refs only, a detached HEAD.
    git(dir, 'pack-refs', '--all');
    expect(answered(dir)).toEqual(titleOnly);
    git(dir, 'update-ref', 'refs/heads/main', 'HEAD~1');
    git(dir, 'reset', '-q', '--hard');
    expect(answered(dir).stdout).toBe(base.stdout);
    git(dir, 'checkout', '-q', '--detach', 'HEAD~1');
    expect(JSON.parse(answered(dir).stdout).revision).toBe(git(dir, 'rev-parse', 'HEAD'));
    git(dir, 'checkout', '-q', 'main');

    // Staged only: the index changes, the working tree does not.
    write(dir, { [FR]: read(dir, FR).replace(`intro: ${pin}`, `intro: ${'0'.repeat(pin.length)}`) });
    git(dir, 'add', FR);
    const staged = answered(dir);
    expect(staged.stdout).not.toBe(base.stdout);
    git(dir, 'reset', '-q', FR);
    expect(answered(dir)).toEqual(staged);
  });

  it('untracked translations: an emptied folder filled, an ignore rule dropped from info/exclude and from a .gitignore edited in place', () => {
    const dir = adoptedAndUpdated();
    const base = answered(dir);
    // A folder that exists, empty, then gets a translation (an orphan: no English beside
    // it, which status reports).
    const ORPHAN = 'locales/fr/extra/page.md';
    mkdirSync(join(dir, 'locales/fr/extra'));
    expect(answered(dir).stdout).toBe(base.stdout);
    write(dir, { [ORPHAN]: read(dir, FR) });
    const withOrphan = answered(dir).stdout;
    expect(withOrphan).toContain(ORPHAN);

    write(dir, { '.git/info/exclude': 'locales/fr/extra/\n' });
    expect(answered(dir).stdout).toBe(base.stdout);
    write(dir, { '.git/info/exclude': '' });
    expect(answered(dir).stdout).toBe(withOrphan);
    write(dir, { '.gitignore': 'locales/fr/extra/\n' });
    expect(answered(dir).stdout).toBe(base.stdout);
    rewriteKeepingSizeAndTime(dir, '.gitignore', 'locales/fr/extra/', 'locales/fr/other/');
    expect(answered(dir).stdout).toBe(withOrphan);
  });

  it('a repository git finds otherwise than by a .git folder: GIT_DIR, a linked work tree', () => {
    const dir = adoptedAndUpdated();
    const base = answered(dir);
    const elsewhere = tempDir('i18n-drift-elsewhere-');
    expect(answered(elsewhere, ['--json'], { GIT_DIR: join(dir, '.git'), GIT_WORK_TREE: dir }, join(dir, CACHE))).toEqual(base);
    const linked = join(tempDir('i18n-drift-linked-'), 'tree');
    git(dir, 'worktree', 'add', '-q', '--detach', linked, 'HEAD~1');
    const older = answered(linked, ['--json'], {}, join(dir, CACHE));
    expect(JSON.parse(older.stdout).revision).toBe(git(linked, 'rev-parse', 'HEAD'));
    expect(answered(dir)).toEqual(base);
  });
});

// git's untracked cache is used through a private copy of the index (src/git/status-index.ts).
describe('the private copy of the index behind the status cache', { timeout: 300_000 }, () => {
  it('is made by runs side by side without harm: each answers as git with the real index, and every copy left is readable', async () => {
    const dir = adoptedAndUpdated();
    servedAndFresh(dir, ['--json']);
    // A new index (a staged translation) and an untracked one: no copy stands for this index yet.
    write(dir, { [FR]: read(dir, FR).replace('# ', '# Le '), 'locales/fr/extra/page.md': read(dir, FR) });
    git(dir, 'add', FR);
    rmSync(join(dir, CACHE), { recursive: true, force: true });
    const run = () =>
      new Promise<string>((done, fail) => {
        const child = spawn(process.execPath, [BIN, 'status', '--json'], { cwd: dir, env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', LANG: 'C', NO_COLOR: '1' } });
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
        child.on('error', fail);
        child.on('close', () => done(out));
      });
    const answers = await Promise.all([run(), run(), run(), run()]);
    const copies = join(dir, '.git/i18n-drift/status-index');
    const status = ['status', '--porcelain=v2', '-z', '--untracked-files=all', '--no-renames'];
    const real = execFileSync('git', status, { cwd: dir, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' }, encoding: 'utf8' });
    const index = statSync(join(dir, '.git/index'), { bigint: true });
    const current = `${index.mtimeNs}-${index.ctimeNs}-${index.ino}-${index.size}`;
    expect(readdirSync(copies)).toContain(current);
    for (const name of readdirSync(copies)) {
      // The copy of the index before `git add` may stay a while (another run could be reading it).
      expect(name).toMatch(/^\d+-\d+-\d+-\d+$/);
      const answer = execFileSync('git', status, { cwd: dir, env: { ...process.env, GIT_INDEX_FILE: join(copies, name), GIT_OPTIONAL_LOCKS: '0' }, encoding: 'utf8' });
      if (name === current) expect(answer).toBe(real);
    }
    // The same command without any cache, git reading the real index (which it may then rewrite).
    rmSync(join(dir, CACHE), { recursive: true, force: true });
    const fresh = cli(dir, ['status', '--json'], { GIT_INDEX_FILE: join(dir, '.git/index') }).stdout;
    expect(fresh).toContain('locales/fr/extra/page.md');
    expect(answers).toEqual([fresh, fresh, fresh, fresh]);
  });
});
