import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli, cliJson, DEMO_UPDATE, git, join, makeRepo, removeAfterTest, REPO_ROOT, SEED_CONFIG, seeds, tempDir, write } from './helpers.js';

const EN = 'locales/en/your-data.md';

function synced(): string {
  const dir = makeRepo({ ...seeds(), '.github/i18n-drift.yml': SEED_CONFIG });
  expect(cli(dir, ['init']).code).toBe(0);
  git(dir, 'commit', '-q', '-am', 'adopt');
  write(dir, { [EN]: seeds()[EN]!.replace('We keep these logs for 6 months.', 'We keep these logs for 3 months.') });
  git(dir, 'commit', '-q', '-am', 'shorter retention');
  expect(cli(dir, ['sync']).code).toBe(0);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'sync');
  return dir;
}

// Each case runs the built CLI several times (about a second each, several on a loaded
// 2-core machine, with the other end-to-end file running beside it): 30 s is too tight.
describe('check', { timeout: 120_000 }, () => {
  it('fails on stale markers and broken headings, with GitHub annotations', () => {
    const dir = synced();
    const human = cli(dir, ['check']);
    expect(human.code).toBe(1);
    expect(human.stdout).toMatch(/locales\/fr\/your-data\.md:\d+ {2}error {2}.*\(stale-section\)/);
    const github = cli(dir, ['check', '--format', 'github']);
    expect(github.code).toBe(1);
    const lines = github.stdout.trim().split('\n');
    expect(lines.every((l) => /^::(error|warning) /.test(l))).toBe(true);
    expect(lines.some((l) => l.startsWith('::error file=locales/fr/your-data.md,line=') && l.includes('title=i18n-drift stale-section'))).toBe(true);
    const json = checkJson(dir);
    expect(json.ok).toBe(false);
    expect(json.findings.filter((f: any) => f.code === 'stale-section').map((f: any) => f.path).sort()).toEqual(['locales/fr/your-data.md', 'locales/nl/your-data.md']);
    // French messages come from the check namespace.
    expect(cli(dir, ['check', '--lang', 'fr']).stdout).toMatch(/erreur/);
  });

  it('a translation with broken frontmatter is reported by status and check, not fatal (committed or edited)', { timeout: 120_000 }, () => {
    const dir = synced();
    const NL = 'locales/nl/your-data.md';
    const broken = readFileSync(join(dir, NL), 'utf8').replace(/^title: .*$/m, 'title: "broken');
    for (const committed of [false, true]) {
      write(dir, { [NL]: broken });
      if (committed) git(dir, 'commit', '-q', '-am', 'broken Dutch title');
      // The rest is reported; the unreadable file gets one line (path, line, reason) and exit 1.
      const status = cli(dir, ['status', '--json']);
      expect(status.stderr).toMatch(/^i18n-drift: locales\/nl\/your-data\.md:\d+: .+\n$/);
      expect(status.code).toBe(1);
      const report = JSON.parse(status.stdout);
      const nl = report.documents.find((d: any) => d.source === EN).translations.find((t: any) => t.locale === 'nl');
      expect(nl.invalid).toMatchObject({ line: expect.any(Number) });
      const human = cli(dir, ['status']);
      expect(human.code).toBe(1);
      expect(human.stdout).toMatch(/locales\/nl\/your-data\.md .*\n +frontmatter unreadable at line \d+: .+ \(its sections count as missing\)\n/);
      expect(cli(dir, ['status', '--lang', 'fr']).stdout).toMatch(/en-tête \(frontmatter\) illisible à la ligne \d+/);
      const check = cli(dir, ['check', '--json']);
      expect(check.code).toBe(1);
      expect(JSON.parse(check.stdout).findings.some((f: any) => f.path === NL && /frontmatter/.test(f.code))).toBe(true);
    }
  });

  it('--max-stale turns stale markers into warnings up to N', () => {
    const dir = synced();
    const json = checkJson(dir, ['--max-stale', '10']);
    expect(json.findings.filter((f: any) => f.code === 'stale-section').every((f: any) => f.severity === 'warning')).toBe(true);
  });
});

describe('diff', () => {
  it('diffs two files section by section, with word changes', () => {
    const dir = tempDir('i18n-drift-diff-');
    write(dir, { 'old.md': seeds()[EN]!, 'new.md': readDemo() });
    const json = cliJson(dir, ['diff', 'old.md', 'new.md']);
    const kinds = Object.fromEntries(json.files[0].changes.map((c: any) => [c.id, c.kind]));
    expect(kinds).toMatchObject({ intro: 'modified', 'visitor-data': 'modified', 'model-data': 'removed', 'newsletter-data': 'added' });
    const human = cli(dir, ['diff', 'old.md', 'new.md']);
    expect(human.stdout).toContain('We keep these logs for [-6 months-]{+30 days, after which they are deleted automatically+}.');
  });

  it('diffs two revisions of a repository', () => {
    const dir = makeRepo({ ...seeds(), '.github/i18n-drift.yml': SEED_CONFIG });
    write(dir, { [EN]: readDemo() });
    git(dir, 'commit', '-q', '-am', 'update');
    const json = cliJson(dir, ['diff', '--from', 'HEAD~1', '--to', 'HEAD']);
    expect(json.files.map((f: any) => f.path)).toEqual([EN]);
    const one = cliJson(dir, ['diff', '--from', 'HEAD~1', '--to', 'HEAD', EN]);
    expect(one.files[0].changes.length).toBe(json.files[0].changes.length);
  });
});

describe('help, version, dashboard export, demo', { timeout: 120_000 }, () => {
  it('prints help and version', () => {
    expect(cli(REPO_ROOT, ['--help']).stdout).toContain('Usage: i18n-drift <command>');
    expect(cli(REPO_ROOT, ['--help', '--lang', 'nl']).stdout).toContain('Gebruik: i18n-drift');
    expect(cli(REPO_ROOT, ['--version']).stdout).toMatch(/^0\.1\.0\+[0-9a-f]{12}\n$/);
  });

  it('exports the dashboard as static files', () => {
    const dir = synced();
    const out = join(dir, 'site');
    const result = cliJson(dir, ['dashboard', '--out', out]);
    expect(result.files.length).toBeGreaterThan(3);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
  });

  it('demo --no-serve says where its repository is and removes it at the end', () => {
    const r = cli(REPO_ROOT, ['demo', '--no-serve']);
    expect(r.code, r.stderr).toBe(0);
    const dir = /A temporary Git repository with this project's documents: (\S+)/.exec(r.stdout)![1]!;
    expect(r.stdout).toContain(`The demo repository ${dir} was removed (run with --keep to keep it).`);
    expect(existsSync(dir)).toBe(false);
  });

  it('check prints its message when it passes, not the key', () => {
    const dir = makeRepo({ '.github/i18n-drift.yml': SEED_CONFIG, 'locales/en/a.md': '# A\n\nText.\n' });
    const r = cli(dir, ['check']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^check passed \(0 warnings\)$/m);
    expect(cli(dir, ['check', '--lang', 'fr']).stdout).not.toContain('check.ok');
  });

  it('demo --no-serve --keep runs the whole workflow offline', () => {
    const r = cli(REPO_ROOT, ['demo', '--no-serve', '--keep']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('i18n-drift : 29 sections à traduire en français');
    expect(r.stdout).toContain('i18n-drift: 29 secties te vertalen in het Nederlands');
    expect(r.stdout).toContain('We keep these logs for <del>6 months</del><ins>30 days, after which they are deleted automatically</ins>.');
    expect(r.stdout).toMatch(/Coverage before the English update[\s\S]*Coverage after the update/);
    expect(r.stdout).toContain('locales/fr/your-data.md        |');
    const dir = removeAfterTest(/A temporary Git repository with this project's documents: (\S+)/.exec(r.stdout)![1]!);
    expect(r.stdout).toContain(`The demo repository is kept at ${dir}.`);
    expect(git(dir, 'branch', '--list', '--format=%(refname:short)').split('\n').sort()).toEqual(['i18n-drift/fr', 'i18n-drift/nl', 'main']);
    expect(readdirSync(join(dir, '.git/i18n-drift/pulls')).sort()).toEqual(['1.json', '1.md', '2.json', '2.md']);
  });
});

function readDemo(): string {
  return readFileSync(DEMO_UPDATE, 'utf8');
}

/** `check --json`: exit 1 is its answer, not a failure. */
function checkJson(dir: string, args: string[] = []): any {
  const r = cli(dir, ['check', ...args, '--json']);
  expect([0, 1], r.stderr).toContain(r.code);
  return JSON.parse(r.stdout);
}
