// Real temporary repositories with one bad file each: that file is named on one line
// (path, line, reason), the command exits 1, and everything else is done. Nothing is
// ever written outside the repository.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli, existsSync, git, join, makeRepo, read, tempDir, write, BIN } from './helpers.js';

const CONFIG = 'files:\n  - locales/{locale}/**/*.md\n';
const doc = (title: string, body = 'Some text.') => `---\ntitle: ${title}\n---\n\n# ${title}\n\n${body}\n\n## Details\n\nMore text.\n`;

/** Two English documents with French translations, adopted and committed. */
function adopted(extra: Record<string, string | Buffer> = {}): string {
  const dir = makeRepo({
    '.github/i18n-drift.yml': CONFIG,
    'locales/en/good.md': doc('Good'),
    'locales/fr/good.md': doc('Bon', 'Du texte.'),
    'locales/en/other.md': doc('Other'),
    'locales/fr/other.md': doc('Autre', 'Encore du texte.'),
    ...extra,
  });
  expect(cli(dir, ['init']).code).toBe(0);
  git(dir, 'commit', '-q', '-am', 'adopt');
  return dir;
}

/** stderr lines starting with `i18n-drift:`. */
const lines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('i18n-drift:'));

// Each case runs the built CLI several times (about a second each, several on a loaded
// 2-core machine, with the other end-to-end file running beside it): 30 s is too tight.
describe('one bad file never stops the rest', { timeout: 120_000 }, () => {
  it('an English file whose frontmatter is a YAML string: named (not its translation), line and reason, exit 1, the rest done', () => {
    const dir = makeRepo({
      '.github/i18n-drift.yml': CONFIG,
      'locales/en/fabric.md': '---\ntitle:Fabric options\n---\n\n# Fabric options\n\nCotton.\n',
      'locales/fr/fabric.md': doc('Tissus'),
      'locales/en/good.md': doc('Good'),
      'locales/fr/good.md': doc('Bon'),
    });
    const init = cli(dir, ['init']);
    expect(init.code, init.stderr).toBe(1);
    expect(lines(init.stderr)).toEqual([expect.stringMatching(/^i18n-drift: locales\/en\/fabric\.md:2: .*mapping of keys to values, not string/)]);
    expect(read(dir, 'locales/fr/good.md')).toMatch(/i18n:\n {2}commit: /);
    expect(read(dir, 'locales/fr/fabric.md')).toBe(doc('Tissus'));
    git(dir, 'commit', '-q', '-am', 'adopt');

    const status = cli(dir, ['status', '--json']);
    expect(status.code).toBe(1);
    expect(JSON.parse(status.stdout).documents.map((d: any) => d.source)).toContain('locales/en/good.md');
    expect(lines(status.stderr)).toEqual([expect.stringMatching(/^i18n-drift: locales\/en\/fabric\.md:2: /)]);
    const check = cli(dir, ['check']);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/locales\/en\/fabric\.md:2 +error/);

    write(dir, { 'locales/en/good.md': doc('Good', 'Changed text.') });
    git(dir, 'commit', '-q', '-am', 'English change');
    const sync = cli(dir, ['sync']);
    expect(sync.code, sync.stderr).toBe(1);
    expect(lines(sync.stderr)).toEqual([expect.stringMatching(/locales\/en\/fabric\.md, line 2, skipped/)]);
    expect(read(dir, 'locales/fr/good.md')).toContain('i18n-drift:stale');
  });

  it('a translation whose frontmatter is a list, or an alias bomb: that file skipped, the others synced', () => {
    const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const dir = adopted({ 'locales/en/third.md': doc('Third') });
    write(dir, {
      'locales/fr/other.md': '---\n- just\n- a list\n---\n# Autre\n',
      'locales/fr/third.md': `---\n${bomb.join('\n')}\ntitle: *i\n---\n# Troisième\n`,
      'locales/en/good.md': doc('Good', 'Changed.'),
      'locales/en/other.md': doc('Other', 'Changed.'),
      'locales/en/third.md': doc('Third', 'Changed.'),
    });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'changes');
    const sync = cli(dir, ['sync']);
    expect(sync.code, sync.stderr).toBe(1);
    expect(lines(sync.stderr).sort()).toEqual([
      expect.stringMatching(/locales\/fr\/other\.md, line 2, skipped.*not a list/),
      expect.stringMatching(/locales\/fr\/third\.md, line 3, skipped.*YAML aliases are not allowed/),
    ]);
    expect(read(dir, 'locales/fr/good.md')).toContain('i18n-drift:stale');
    for (const command of [['status'], ['check']]) {
      const r = cli(dir, command);
      expect(r.code, command[0]).toBe(1);
      expect(r.stderr + r.stdout).not.toMatch(/circular|\n\s+at /);
    }
  });

  it('a pin naming a commit that does not exist: that translation skipped and named with its pin line, the others synced', () => {
    const dir = adopted();
    const other = read(dir, 'locales/fr/other.md').replace(/commit: [0-9a-f]+/, `commit: ${'e'.repeat(40)}`);
    write(dir, { 'locales/fr/other.md': other, 'locales/en/good.md': doc('Good', 'Changed.'), 'locales/en/other.md': doc('Other', 'Changed.') });
    git(dir, 'commit', '-q', '-am', 'bad pin');
    const sync = cli(dir, ['sync']);
    expect(sync.code, sync.stderr).toBe(1);
    const line = other.split('\n').findIndex((l) => l.startsWith('  commit:')) + 1;
    expect(lines(sync.stderr)).toEqual([expect.stringMatching(new RegExp(`locales/fr/other\\.md, line ${line}, skipped.*unknown revision: e{40}`))]);
    expect(read(dir, 'locales/fr/good.md')).toContain('i18n-drift:stale');
  });

  it('a shallow clone says the history is missing and how to fetch it', () => {
    const dir = adopted();
    for (let i = 0; i < 3; i++) {
      write(dir, { 'locales/en/good.md': doc('Good', `Change ${i}.`) });
      git(dir, 'commit', '-q', '-am', `change ${i}`);
    }
    const shallow = join(tempDir('i18n-drift-shallow-'), 'clone');
    git(dir, 'clone', '-q', '--depth', '1', `file://${dir}`, shallow);
    const sync = cli(shallow, ['sync']);
    expect(sync.code).toBe(1);
    expect(sync.stderr).toMatch(/shallow clone: fetch it with `git fetch --unshallow`/);
    const status = cli(shallow, ['status']);
    expect(status.code).toBe(1);
    // Both translations are pinned to the adoption commit, which the clone lacks.
    expect(lines(status.stderr)).toEqual(['good', 'other'].map((name) => expect.stringMatching(new RegExp(`^i18n-drift: locales/fr/${name}\\.md: commit [0-9a-f]{40} is not in the history of this shallow clone: fetch it with \`git fetch --unshallow\``))));
  });

  it('a shallow clone: status shows a translation whose history it lacks as "history unavailable" (table, JSON, dashboard data), never as not translated', () => {
    const dir = adopted();
    const pin = read(dir, 'locales/fr/good.md').match(/commit: ([0-9a-f]{40})/)![1]!;
    write(dir, { 'locales/nl/good.md': doc('Goed', 'Wat tekst.') });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'Dutch, not adopted');
    for (let i = 0; i < 3; i++) {
      write(dir, { 'locales/en/good.md': doc('Good', `Change ${i}.`) });
      git(dir, 'commit', '-q', '-am', `change ${i}`);
    }
    const shallow = join(tempDir('i18n-drift-shallow-'), 'clone');
    git(dir, 'clone', '-q', '--depth', '1', `file://${dir}`, shallow);
    const boundary = git(shallow, 'rev-parse', 'HEAD').trim();

    const human = cli(shallow, ['status', '--all']);
    expect(human.code).toBe(1);
    const block = (path: string) => human.stdout.slice(human.stdout.indexOf(path)).split(/\n(?= {2}\S)|\n\n/)[0]!;
    expect(block('locales/fr/good.md')).toMatch(new RegExp(`^locales/fr/good\\.md +1 current · 1 stale · 0 missing · 1 untranslated .*\\n +history unavailable \\(shallow clone\\): pinned to ${pin.slice(0, 7)}, which this clone lacks; states judged from its pins alone \\(git fetch --unshallow fetches the history\\)$`));
    expect(block('locales/nl/good.md')).toMatch(/^locales\/nl\/good\.md +history unavailable \(shallow clone\): not adopted yet, and the English its translator saw lies beyond this clone's history \(git fetch --unshallow, then i18n-drift init\)$/);
    expect(block('locales/fr/other.md')).toMatch(/^locales\/fr\/other\.md +\d+ current .*\n +history unavailable \(shallow clone\)/);
    expect(lines(human.stderr)).toEqual([
      `i18n-drift: locales/fr/good.md: commit ${pin} is not in the history of this shallow clone: fetch it with \`git fetch --unshallow\` (listed as "history unavailable")`,
      `i18n-drift: locales/nl/good.md: its last commit is this shallow clone's boundary ${boundary.slice(0, 7)}, so the English its translator saw is unknown: fetch the history with \`git fetch --unshallow\` (listed as "history unavailable")`,
      `i18n-drift: locales/fr/other.md: commit ${pin} is not in the history of this shallow clone: fetch it with \`git fetch --unshallow\` (listed as "history unavailable")`,
    ]);
    expect(cli(shallow, ['status', '--lang', 'fr']).stdout).toContain(`historique indisponible (clone superficiel) : épinglée à ${pin.slice(0, 7)}`);

    const translation = (report: any, path: string) => report.documents.flatMap((d: any) => d.translations).find((tr: any) => tr.path === path);
    const json = JSON.parse(cli(shallow, ['status', '--json']).stdout);
    const fr = translation(json, 'locales/fr/good.md');
    expect(fr).toMatchObject({ exists: true, sourceCommit: pin, historyUnavailable: { commit: pin, reason: 'shallow-clone' } });
    expect(fr.notAdopted).toBeUndefined();
    const states = fr.sections.map((s: any) => s.state);
    expect(states).toEqual(['current', 'stale', 'untranslated']);
    expect(translation(json, 'locales/nl/good.md')).toMatchObject({ exists: true, notAdopted: { pinnedTo: boundary }, historyUnavailable: { commit: boundary, reason: 'shallow-clone' } });
    // The dashboard's coverage.json is the same report.
    const out = join(tempDir('i18n-drift-dash-'), 'site');
    expect(cli(shallow, ['dashboard', '--out', out]).code).toBeLessThan(2);
    expect(translation(JSON.parse(readFileSync(join(out, 'coverage.json'), 'utf8')), 'locales/fr/good.md').historyUnavailable).toEqual({ commit: pin, reason: 'shallow-clone' });
    // …and its pages badge them: the overview cell and the document's column.
    const badges = (html: string) => html.match(/class="meta not-adopted history-unavailable" title="[^"]*">history unavailable</g) ?? [];
    expect(badges(readFileSync(join(out, 'index.html'), 'utf8'))).toHaveLength(3);
    expect(badges(readFileSync(join(out, 'index.html'), 'utf8'))[0]).toContain(`Its history stops at ${pin.slice(0, 7)} in this shallow clone`);

    // Once the history is fetched (same HEAD, same files), nothing cached says otherwise.
    git(shallow, 'fetch', '-q', '--unshallow');
    const full = cli(shallow, ['status', '--json']);
    expect(full.code, full.stderr).toBe(0);
    const fetched = translation(JSON.parse(full.stdout), 'locales/fr/good.md');
    expect(fetched.historyUnavailable).toBeUndefined();
    // The states judged from the pins alone were the true ones; now the ages are known too.
    expect(fetched.sections.map((s: any) => s.state)).toEqual(states);
    expect(fetched.sections[1].stale).toMatchObject({ commitsBehind: 3 });
    expect(translation(JSON.parse(full.stdout), 'locales/nl/good.md').historyUnavailable).toBeUndefined();
  });
});

describe('a shallow clone: no translation adopted at its boundary', { timeout: 120_000 }, () => {
  it('init leaves out (named, how to fetch) a translation whose last commit is the boundary, adopts the rest; --assume-current needs no history', () => {
    const dir = adopted();
    write(dir, { 'locales/nl/good.md': doc('Goed', 'Wat tekst.') });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'Dutch, not adopted');
    write(dir, { 'locales/en/good.md': doc('Good', 'Changed.') });
    git(dir, 'commit', '-q', '-am', 'English');
    const shallow = join(tempDir('i18n-drift-shallow-'), 'clone');
    git(dir, 'clone', '-q', '--depth', '1', `file://${dir}`, shallow);
    const boundary = git(shallow, 'rev-parse', '--short=7', 'HEAD').trim();
    // The boundary commit "adds" every file: the Dutch would be pinned to English it never saw, and called current.
    const init = cli(shallow, ['init']);
    expect(init.code).toBe(1);
    expect(lines(init.stderr)).toEqual([`i18n-drift: locales/nl/good.md: its last commit is this shallow clone's boundary ${boundary}, so the English its translator saw is unknown: fetch the history with \`git fetch --unshallow\` (skipped; the other files were done)`]);
    expect(read(shallow, 'locales/nl/good.md')).toBe(doc('Goed', 'Wat tekst.'));
    expect(init.stdout).toMatch(/locales\/fr\/good\.md: already adopted/);
    // Two commits deep, the boundary is the Dutch commit and the English changed after it:
    // status lists no guessed section under the Dutch file, only why it has none.
    const deeper = join(tempDir('i18n-drift-shallow-'), 'clone');
    git(dir, 'clone', '-q', '--depth', '2', `file://${dir}`, deeper);
    const sections = cli(deeper, ['status', '--sections', '--all']).stdout;
    const dutch = sections.slice(sections.indexOf('locales/nl/good.md')).split('\n');
    expect(dutch[0]).toMatch(/history unavailable \(shallow clone\): not adopted yet/);
    expect(dutch[1]).not.toMatch(/^ {6}\S/);
    const assumed = cli(shallow, ['init', '--assume-current']);
    expect(assumed.code, assumed.stderr).toBe(0);
    expect(read(shallow, 'locales/nl/good.md')).toMatch(/^---\ntitle: Goed\ni18n:\n {2}commit: [0-9a-f]{40}\n/);
  });
});

describe('a shallow clone: guessed states count in no percentage', { timeout: 120_000 }, () => {
  it('status (human and JSON) leaves a translation not adopted at the boundary out of the locale and total figures, and says how many', () => {
    const dir = adopted();
    write(dir, { 'locales/nl/good.md': doc('Goed', 'Wat tekst.'), 'locales/nl/other.md': doc('Ander', 'Nog wat tekst.') });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'Dutch, not adopted');
    write(dir, { 'locales/nl/other.md': doc('Ander', 'Nog meer tekst.') });
    git(dir, 'commit', '-q', '-am', 'Dutch other, edited');
    write(dir, { 'locales/en/good.md': doc('Good', 'Changed.') });
    git(dir, 'commit', '-q', '-am', 'English');
    const shallow = join(tempDir('i18n-drift-shallow-'), 'clone');
    // Three commits deep: the boundary is the first Dutch commit, so nl/good.md (last changed there) is a guess, nl/other.md is not.
    git(dir, 'clone', '-q', '--depth', '3', `file://${dir}`, shallow);
    const json = JSON.parse(cli(shallow, ['status', '--json']).stdout);
    const translations = json.documents.flatMap((d: any) => d.translations).filter((tr: any) => tr.locale === 'nl');
    const good = translations.find((tr: any) => tr.path === 'locales/nl/good.md');
    expect(good).toMatchObject({ notAdopted: expect.any(Object), historyUnavailable: { reason: 'shallow-clone' } });
    const nl = json.byLocale.find((l: any) => l.locale === 'nl');
    expect(nl.excluded).toBe(1);
    const other = translations.find((tr: any) => tr.path === 'locales/nl/other.md');
    expect(nl.totals).toEqual(other.totals);
    expect(json.byLocale.find((l: any) => l.locale === 'fr').excluded).toBeUndefined();
    expect(json.totals.sections.total).toBe(json.byLocale.reduce((sum: number, l: any) => sum + l.totals.sections.total, 0));
    expect(cli(shallow, ['status', '--json', '--locale', 'nl']).stdout).toContain('"excluded":1');

    const human = cli(shallow, ['status']).stdout;
    expect(human).toMatch(new RegExp(`^nl +${other.totals.sections.percent.toFixed(1)}% `, 'm'));
    expect(human).toContain('1 translation left out of these figures: history unavailable (shallow clone), so its states would be guesses');
  });
});

describe('a shallow clone: sync adopts nothing at its boundary', { timeout: 120_000 }, () => {
  it('sync (working tree and --branch) leaves out a translation whose last commit is the boundary, named with the reason, exit 1; the others are adopted and synced', () => {
    const dir = makeRepo({
      '.github/i18n-drift.yml': CONFIG,
      'locales/en/good.md': doc('Good'),
      'locales/en/other.md': doc('Other'),
      'locales/fr/good.md': doc('Bon', 'Du texte.'),
    });
    write(dir, { 'locales/en/good.md': doc('Good', 'First change.') });
    git(dir, 'commit', '-q', '-am', 'English, the boundary of the clone');
    write(dir, { 'locales/fr/other.md': doc('Autre', 'Encore du texte.') });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'French other');
    write(dir, { 'locales/en/other.md': doc('Other', 'Changed.'), 'locales/en/good.md': doc('Good', 'Changed.') });
    git(dir, 'commit', '-q', '-am', 'English');
    const shallow = join(tempDir('i18n-drift-shallow-'), 'clone');
    git(dir, 'clone', '-q', '--depth', '3', `file://${dir}`, shallow);
    const reason = 'history unavailable: shallow clone; run git fetch --unshallow';
    const expected = [expect.stringMatching(new RegExp(`^i18n-drift: fr: locales/fr/good\\.md skipped, .*${reason.replace(/[.;]/g, '\\$&')}`))];

    const branch = cli(shallow, ['sync', '--branch']);
    expect(branch.code, branch.stderr).toBe(1);
    expect(lines(branch.stderr)).toEqual(expected);
    expect(git(shallow, 'show', 'i18n-drift/fr:locales/fr/good.md').trimEnd()).toBe(doc('Bon', 'Du texte.').trimEnd());
    expect(git(shallow, 'show', 'i18n-drift/fr:locales/fr/other.md')).toMatch(/i18n-drift:stale section="other"/);

    const sync = cli(shallow, ['sync']);
    expect(sync.code, sync.stderr).toBe(1);
    expect(lines(sync.stderr)).toEqual(expected);
    expect(read(shallow, 'locales/fr/good.md')).toBe(doc('Bon', 'Du texte.'));
    const other = read(shallow, 'locales/fr/other.md');
    expect(other).toMatch(/i18n-drift:stale section="other"/);
    expect(other).toContain(`commit: ${git(shallow, 'rev-parse', 'HEAD').trim()}`);
  });
});

describe('large and odd files', { timeout: 120_000 }, () => {
  it('a 100 MB committed document is refused from its size, the rest read', () => {
    const dir = adopted();
    const big = Buffer.alloc(100 * 1024 * 1024, 'All work and no play. ');
    writeFileSync(join(dir, 'locales/en/huge.md'), big);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'huge');
    for (const command of [['status'], ['check'], ['sync', '--branch']]) {
      const r = cli(dir, command);
      expect(r.code, `${command[0]}: ${r.stderr}`).toBe(1);
      expect(r.stderr, command[0]).toMatch(/locales\/en\/huge\.md.* 100\.0 MB; documents over 2 MB are refused/);
    }
  });

  it('a translation path that is a folder, an untracked link to /dev/zero or to a FIFO: one line each, no hang', () => {
    const dir = adopted();
    mkdirSync(join(dir, 'locales/fr/folder.md'));
    writeFileSync(join(dir, 'locales/fr/folder.md/inside.txt'), 'x');
    symlinkSync('/dev/zero', join(dir, 'locales/fr/zero.md'));
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    symlinkSync(join(dir, 'fifo'), join(dir, 'locales/fr/fifo.md'));
    write(dir, { 'locales/en/folder.md': doc('Folder'), 'locales/en/zero.md': doc('Zero'), 'locales/en/fifo.md': doc('Fifo') });
    git(dir, 'add', 'locales/en');
    git(dir, 'commit', '-q', '-m', 'three more');
    const status = cli(dir, ['status']);
    expect(status.code).toBe(1);
    expect(lines(status.stderr).sort()).toEqual([
      expect.stringMatching(/^i18n-drift: locales\/fr\/fifo\.md: is a symbolic link/),
      expect.stringMatching(/^i18n-drift: locales\/fr\/zero\.md: is a symbolic link/),
    ]);
    const sync = cli(dir, ['sync']);
    expect(sync.code, sync.stderr).toBe(1);
    expect(sync.stderr).toMatch(/locales\/fr\/folder\.md.*is a folder/);
    expect(sync.stderr).not.toMatch(/\n\s+at /);
  });

  it('a config that is a folder, or a link to a secret: refused without quoting the target', () => {
    const dir = makeRepo({ 'locales/en/a.md': doc('A') });
    mkdirSync(join(dir, '.github/i18n-drift.yml'), { recursive: true });
    const folder = cli(dir, ['status']);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/^i18n-drift: \.github\/i18n-drift\.yml is a folder/);
    const secret = join(tempDir('i18n-drift-secret-'), 'secret');
    writeFileSync(secret, 'password: hunter2-do-not-print\n: [\n');
    const linked = makeRepo({ 'locales/en/a.md': doc('A') });
    mkdirSync(join(linked, '.github'));
    symlinkSync(secret, join(linked, '.github/i18n-drift.yml'));
    const r = cli(linked, ['status']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is a symbolic link/);
    expect(r.stderr + r.stdout).not.toContain('hunter2');
  });
});

describe('nothing outside the repository, nothing half-written, what users set kept', () => {
  it('a committed locale folder linked outside the repository: nothing created there', () => {
    const outside = tempDir('i18n-drift-outside-');
    const dir = adopted({ '.github/i18n-drift.yml': `${CONFIG}locales: [fr, de]\n` });
    symlinkSync(outside, join(dir, 'locales/de'));
    write(dir, { 'locales/en/good.md': doc('Good', 'Changed.') });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'de is a link');
    const sync = cli(dir, ['sync']);
    expect(readdirSync(outside)).toEqual([]);
    expect(sync.code).toBe(1);
    expect(sync.stderr).toMatch(/locales\/de\/good\.md.*outside the repository/);
  });

  it('modes, a UTF-8 BOM and CR-only line endings survive a sync (the marker under the heading)', () => {
    const cr = (text: string) => text.replace(/\n/g, '\r');
    const dir = makeRepo({
      '.github/i18n-drift.yml': CONFIG,
      'locales/en/a.md': doc('A'),
      'locales/fr/a.md': doc('Aa', 'Texte.'),
      'locales/en/b.md': doc('B'),
      'locales/fr/b.md': `\uFEFF${doc('Bb', 'Texte.')}`,
      'locales/en/c.md': '# C\n\nText.\n\n## Part\n\nMore.\n',
      'locales/fr/c.md': cr('# Cc\n\nTexte.\n\n## Partie\n\nEncore.\n'),
    });
    chmodSync(join(dir, 'locales/fr/a.md'), 0o600);
    expect(cli(dir, ['init']).code).toBe(0);
    expect(statSync(join(dir, 'locales/fr/a.md')).mode & 0o777).toBe(0o600);
    git(dir, 'commit', '-q', '-am', 'adopt');
    write(dir, { 'locales/en/a.md': doc('A', 'New.'), 'locales/en/b.md': doc('B', 'New.'), 'locales/en/c.md': '# C\n\nText changed.\n\n## Part\n\nMore.\n' });
    git(dir, 'commit', '-q', '-am', 'English');
    const sync = cli(dir, ['sync']);
    expect(sync.code, sync.stderr).toBe(0);
    expect(statSync(join(dir, 'locales/fr/a.md')).mode & 0o777).toBe(0o600);
    expect(read(dir, 'locales/fr/b.md').startsWith('\uFEFF---\n')).toBe(true);
    // CR-only throughout: the pins block too.
    const c = read(dir, 'locales/fr/c.md');
    expect(c).not.toContain('\n');
    const body = c.slice(c.indexOf('\r---\r') + 5);
    expect(body).toMatch(/^# Cc\r<!-- i18n-drift:stale section="c" [^\r]*-->\r\r/);
  });

  it('an executable (0755) translation stays executable on the locale branch sync --branch commits', { timeout: 120_000 }, () => {
    const dir = makeRepo({ '.github/i18n-drift.yml': CONFIG, 'locales/en/a.md': doc('A'), 'locales/fr/a.md': doc('Aa', 'Texte.'), 'locales/en/b.md': doc('B'), 'locales/fr/b.md': doc('Bb', 'Texte.') });
    chmodSync(join(dir, 'locales/fr/a.md'), 0o755);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'executable');
    expect(cli(dir, ['init']).code).toBe(0);
    git(dir, 'commit', '-q', '-am', 'adopt');
    write(dir, { 'locales/en/a.md': doc('A', 'New.'), 'locales/en/b.md': doc('B', 'New.') });
    git(dir, 'commit', '-q', '-am', 'English');
    const sync = cli(dir, ['sync', '--branch']);
    expect(sync.code, sync.stderr).toBe(0);
    const modes = git(dir, 'ls-tree', '-r', 'i18n-drift/fr', '--', 'locales/fr').trim().split('\n').map((line) => `${line.split(' ')[0]} ${line.split('\t')[1]}`);
    expect(modes).toEqual(['100755 locales/fr/a.md', '100644 locales/fr/b.md']);
    expect(git(dir, 'show', 'i18n-drift/fr:locales/fr/a.md')).toContain('i18n-drift:stale');
  });

  it('a CR-only translation: init, status, sync and sync adoption write no LF byte, find their pins again and keep the body', { timeout: 120_000 }, () => {
    const cr = (text: string) => text.replace(/\n/g, '\r');
    const english = '# C\n\nText.\n\n## Part\n\nMore.\n';
    const french = cr('# Cc\n\nTexte.\n\n## Partie\n\nEncore.\n');
    const lf = (dir: string, path: string) => readFileSync(join(dir, path)).includes(0x0a);
    const frenchOf = (dir: string) => JSON.parse(cli(dir, ['status', '--json', '--all']).stdout).documents[0].translations.find((t: any) => t.locale === 'fr');
    const dir = makeRepo({ '.github/i18n-drift.yml': CONFIG, 'locales/en/c.md': english, 'locales/fr/c.md': french });

    const init = cli(dir, ['init']);
    expect(init.code, init.stderr).toBe(0);
    const adopted = read(dir, 'locales/fr/c.md');
    expect(lf(dir, 'locales/fr/c.md')).toBe(false);
    expect(adopted).toMatch(/^---\ri18n:\r {2}commit: [0-9a-f]{40}\r {2}sections:\r/);
    expect(adopted.endsWith(`\r---\r${french}`)).toBe(true);
    git(dir, 'commit', '-q', '-am', 'adopt');
    // The pins are found again: adopted, every section current; a second init has nothing to do.
    const status = frenchOf(dir);
    expect(status.notAdopted).toBeUndefined();
    expect(status.sourceCommit).toMatch(/^[0-9a-f]{40}$/);
    expect(status.sections.map((s: any) => s.state)).toEqual(['current', 'current']);
    expect(cli(dir, ['init']).code).toBe(0);
    expect(read(dir, 'locales/fr/c.md')).toBe(adopted);
    expect(cli(dir, ['check']).code).toBe(0);

    write(dir, { 'locales/en/c.md': english.replace('Text.', 'Text changed.').replace('More.', 'More.\n\n## New\n\nAdded.') });
    git(dir, 'commit', '-q', '-am', 'English');
    const sync = cli(dir, ['sync']);
    expect(sync.code, sync.stderr).toBe(0);
    const synced = read(dir, 'locales/fr/c.md');
    expect(lf(dir, 'locales/fr/c.md')).toBe(false);
    expect(synced).toContain('\r---\r# Cc\r<!-- i18n-drift:stale section="c" ');
    expect(synced).toContain('\rTexte.\r\r## Partie\r\rEncore.\r');
    expect(frenchOf(dir).sections.map((s: any) => [s.id, s.state])).toEqual([['c', 'stale'], ['part', 'current'], ['new', 'missing']]);

    // Sync adopting a CR-only translation (no init) writes its pins in CR as well.
    const fresh = makeRepo({ '.github/i18n-drift.yml': CONFIG, 'locales/en/c.md': english, 'locales/fr/c.md': french });
    write(fresh, { 'locales/en/c.md': english.replace('Text.', 'Text changed.') });
    git(fresh, 'commit', '-q', '-am', 'English');
    const adopting = cli(fresh, ['sync']);
    expect(adopting.code, adopting.stderr).toBe(0);
    expect(lf(fresh, 'locales/fr/c.md')).toBe(false);
    expect(read(fresh, 'locales/fr/c.md')).toMatch(/^---\ri18n:\r[^]*\r---\r# Cc\r<!-- i18n-drift:stale section="c" [^\r]*-->\r\rTexte\.\r\r## Partie\r\rEncore\.\r$/);
    expect(frenchOf(fresh).notAdopted).toBeUndefined();
  });

  it('kill -9 while sync or init writes 600 files: after the next command all are old or all new, no temporary file', { timeout: 480_000 }, async () => {
    const files: Record<string, string> = { '.github/i18n-drift.yml': CONFIG };
    for (let i = 0; i < 300; i++) {
      for (const lng of ['en', 'fr', 'nl']) files[`locales/${lng}/d${i}.md`] = doc(`${lng} ${i}`);
    }
    // init: 600 translations get their pins.
    const dir = makeRepo(files);
    await killedWhileWriting(dir, ['init']);
    // sync: 600 translations get a stale marker, in the repository the killed init left
    // (killedWhileWriting saw all 600 pinned after recovery: no second init needed).
    git(dir, 'commit', '-q', '-am', 'adopt');
    for (let i = 0; i < 300; i++) write(dir, { [`locales/en/d${i}.md`]: doc(`en ${i}`, 'Changed.') });
    git(dir, 'commit', '-q', '-am', 'English');
    await killedWhileWriting(dir, ['sync']);
  });
});

/**
 * Kills `args` with SIGKILL in the middle of its write: once while it stages the new
 * files in the journal (before the commit point), once right after its manifest is
 * written (after it). After each kill the next command (`status`) must find the 600
 * translations all old or all new, and no stray file beside them.
 */
async function killedWhileWriting(dir: string, args: string[]): Promise<void> {
  const old = snapshot(dir);
  const journal = join(dir, '.git/i18n-drift/journal');
  const staging = () => existsSync(journal) && readdirSync(journal).length >= 300;
  const committed = () => existsSync(join(journal, 'manifest.json'));
  for (const [moment, when, expected] of [['staging', staging, [0]], ['committed', committed, [600]]] as const) {
    const killed = await new Promise<boolean>((done) => {
      const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, stdio: 'ignore' });
      let hit = false;
      const poll = setInterval(() => {
        if (!hit && when()) {
          hit = true;
          child.kill('SIGKILL');
        }
      }, 1);
      child.on('exit', () => (clearInterval(poll), done(hit)));
    });
    expect(cli(dir, ['status']).code).toBeLessThan(2);
    const now = snapshot(dir);
    const changed = Object.keys(now).filter((p) => now[p] !== old[p]);
    // A run that finished before the poll saw it is all new, and proves nothing about kills.
    expect(killed ? expected : [600], `${args[0]} killed while ${moment}`).toContain(changed.length);
    expect(Object.keys(now).filter((p) => !/\/d\d+\.md$/.test(p)), 'stray files').toEqual([]);
    expect(existsSync(journal)).toBe(false);
    if (changed.length === 600) return;
  }
}

/** Every translation's content, by path (plus any stray file in the locale folders). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const lng of readdirSync(join(dir, 'locales'))) {
    for (const name of readdirSync(join(dir, 'locales', lng))) if (lng !== 'en') out[`locales/${lng}/${name}`] = read(dir, `locales/${lng}/${name}`);
  }
  return out;
}

export { existsSync };
