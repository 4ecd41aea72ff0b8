// Command-line conventions, table-driven: per-command help, options before the
// command, extra arguments, usage errors (exit 2) and the messages that explain them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, git, makeRepo, read, SEED_CONFIG, seeds, write } from './helpers.js';

/**
 * One seeded repository shared by the read-only cases of a block (a usage error writes
 * nothing), created on first use and removed after the block.
 */
function sharedRepository(files: () => Record<string, string>): () => string {
  let dir: string | null = null;
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    if (dir) return dir;
    dir = mkdtempSync(join(tmpdir(), 'i18n-drift-e2e-'));
    git(dir, 'init', '-q', '-b', 'main');
    write(dir, files());
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'initial');
    return dir;
  };
}

const COMMANDS = ['init', 'diff', 'sync', 'status', 'check', 'dashboard', 'demo', 'queue'];

describe('help', { timeout: 60_000 }, () => {
  const repository = sharedRepository(() => ({ 'README.md': 'x\n' }));
  it.each(COMMANDS)('i18n-drift %s --help prints that command’s help', (command) => {
    const repo = repository();
    for (const argv of [[command, '--help'], ['help', command], ['-h', command]]) {
      const r = cli(repo, argv);
      expect(r.code, argv.join(' ')).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: i18n-drift ${command}\\b`));
      expect(r.stdout).not.toContain('Commands:');
    }
    expect(cli(repo, [command, '--help', '--lang', 'fr']).stdout).toMatch(new RegExp(`^Usage : i18n-drift ${command}\\b`));
    expect(cli(repo, [command, '--help', '--lang', 'nl']).stdout).toMatch(new RegExp(`^Gebruik: i18n-drift ${command}\\b`));
  });
});

describe('usage errors', { timeout: 60_000 }, () => {
  const cases: [string, string[], RegExp][] = [
    ['an extra argument to sync', ['sync', 'extra'], /^i18n-drift: unexpected argument 'extra' for sync \(i18n-drift sync --help shows what it takes\)\n$/],
    ['an extra argument to init', ['init', 'docs'], /unexpected argument 'docs' for init /],
    ['an extra argument to check', ['check', 'now'], /unexpected argument 'now' for check /],
    ['an extra argument to dashboard', ['dashboard', 'x'], /unexpected argument 'x' for dashboard /],
    ['a third file to diff', ['diff', 'a.md', 'b.md', 'c.md'], /unexpected argument 'c\.md' for diff \(i18n-drift diff --help/],
    ['--port above 65535', ['dashboard', '--port', '99999'], /^i18n-drift: --port expects a whole number from 0 to 65535, got "99999"\n$/],
    ['--port that is no number', ['dashboard', '--port', 'http'], /--port expects a whole number, got "http"/],
    ['diff of a path in neither revision', ['diff', '--from', 'HEAD', '--to', 'HEAD', 'locales/en/nope.md'], /^i18n-drift: locales\/en\/nope\.md exists neither at HEAD nor at HEAD\n$/],
    ['options but no command', ['--root', '.'], /expected a command \(i18n-drift --help lists them\)/],
    ['an unknown command after options', ['--json', 'stats'], /unknown command "stats"/],
    ['status of a path that does not exist', ['status', 'docs/nope'], /^i18n-drift: docs\/nope: no such file or folder\n$/],
    ['status of a folder without documents', ['status', '.github'], /\.github holds no document that \.github\/i18n-drift\.yml tracks/],
    ['status --locale not in the repository', ['status', '--locale', 'de'], /--locale: no locale "de" here \(locales: fr, nl\)/],
    ['status --state that is no state', ['status', '--state', 'stale,old'], /--state expects states among current, stale, missing, untranslated, got "old"/],
    ['check --update-baseline without a file', ['check', '--update-baseline'], /--update-baseline needs --baseline FILE/],
    ['check --baseline of a missing file', ['check', '--baseline', 'nope.json'], /nope\.json does not exist: create it with check --baseline .*nope\.json --update-baseline/],
  ];
  const repository = sharedRepository(() => ({ ...seeds(), '.github/i18n-drift.yml': SEED_CONFIG }));
  it.each(cases)('%s: exit 2 with one line', (_, argv, message) => {
    const repo = repository();
    const r = cli(repo, argv);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });

  it('says it in the user’s language', () => {
    const repo = repository();
    expect(cli(repo, ['dashboard', '--port', '99999', '--lang', 'fr']).stderr).toContain('--port attend un nombre entier de 0 à 65535, reçu « 99999 »');
    expect(cli(repo, ['sync', 'extra', '--lang', 'nl']).stderr).toContain('onverwacht argument');
  });
});

describe('options before the command', { timeout: 60_000 }, () => {
  it.each([
    [['--root', '{dir}', 'status', '--json'], ['status', '--root', '{dir}', '--json']],
    [['--json', 'status'], ['status', '--json']],
    [['--lang', 'fr', '--root', '{dir}', 'check', '--json'], ['check', '--json', '--root', '{dir}', '--lang', 'fr']],
    [['--root={dir}', 'diff', '--from', 'HEAD', '--to', 'HEAD', '--json'], ['diff', '--json', '--from', 'HEAD', '--to', 'HEAD', '--root', '{dir}']],
  ])('%j means %j', (before, after) => {
    const repo = makeRepo({ ...seeds(), '.github/i18n-drift.yml': SEED_CONFIG });
    const fill = (argv: string[]) => argv.map((a) => a.replace('{dir}', repo));
    const a = cli(repo, fill(before));
    const b = cli(repo, fill(after));
    expect(a.stderr).toBe(b.stderr);
    expect([0, 1]).toContain(a.code);
    expect(a.code).toBe(b.code);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout.length).toBeGreaterThan(0);
  });
});

describe('language', { timeout: 60_000 }, () => {
  it('an unsupported --lang says it falls back to English, once, on stderr', () => {
    const repo = makeRepo({ ...seeds(), '.github/i18n-drift.yml': SEED_CONFIG });
    for (let run = 0; run < 2; run++) {
      // The second run is answered from the output cache: it must warn all the same.
      const r = cli(repo, ['status', '--lang', 'de']);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('i18n-drift: no messages in "de" (available: en, fr, nl): falling back to English\n');
      expect(r.stdout).toContain('Translation coverage at');
    }
    // A supported language, or a regional variant of one, says nothing.
    expect(cli(repo, ['status', '--lang', 'fr-CA']).stderr).toBe('');
    expect(cli(repo, ['--help', '--lang', 'en-GB']).stderr).toBe('');
  });
});

describe('misconfiguration is visible', { timeout: 60_000 }, () => {
  it('an unquoted glob in the config hints to quote it', () => {
    const repo = makeRepo({ ...seeds(), '.github/i18n-drift.yml': 'files:\n  - **/{locale}.md\n' });
    const r = cli(repo, ['status']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^i18n-drift: invalid \.github\/i18n-drift\.yml: \(yaml\): invalid YAML at line 2: .*line 2: quote the pattern, - "\*\*\/\{locale\}\.md"/);
  });

  it.each([
    ['status'],
    ['check'],
    ['sync'],
  ])('a pattern that matches no file is an error naming it (%s)', (command) => {
    const repo = makeRepo({ ...seeds(), '.github/i18n-drift.yml': 'files:\n  - locales/{locale}/**/*.md\n  - "docs/**/{locale}.md"\n' });
    const r = cli(repo, [command]);
    expect(r.stderr).toBe('i18n-drift: invalid .github/i18n-drift.yml: files.1: "docs/**/{locale}.md" matches no file; expected a pattern matching the documents, such as "locales/{locale}/**/*.md" or "docs/**/{locale}.md"\n');
    expect(r.code).toBe(2);
  });

  it('prints the locales found with their file counts; a folder translating nothing is no locale', () => {
    const en = seeds()['locales/en/your-data.md']!;
    const repo = makeRepo({
      '.github/i18n-drift.yml': 'files:\n  - "docs/{locale}/**/*.md"\n',
      'docs/en/your-data.md': en,
      'docs/fr/your-data.md': seeds()['locales/fr/your-data.md']!,
      'docs/faq/what.md': '# What\n\nAn answer.\n',
      'docs/faq/why.md': '# Why\n\nBecause.\n',
    });
    const r = cli(repo, ['status']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('\nLocales found: fr (1 file)\nNot locales (their files translate no en document): faq (2 files)\n');
    expect(r.stdout).not.toMatch(/^faq /m);
    const report = JSON.parse(cli(repo, ['status', '--json']).stdout);
    expect(report.locales).toEqual(['fr']);
    expect(report.orphans).toEqual([]);
  });
});

describe('status output', () => {
  /** Seeds adopted, then the English retention period changed and synced: stale sections in fr and nl, a document fully current in neither. */
  function repository(): string {
    const dir = makeRepo({ ...seeds(), '.github/i18n-drift.yml': SEED_CONFIG });
    expect(cli(dir, ['init']).code).toBe(0);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'adopt');
    const en = 'locales/en/your-data.md';
    write(dir, { [en]: seeds()[en]!.replace('We keep these logs for 6 months.', 'We keep these logs for 3 months.') });
    git(dir, 'commit', '-q', '-am', 'shorter retention');
    expect(cli(dir, ['sync']).code).toBe(0);
    git(dir, 'commit', '-q', '-am', 'sync');
    // A document every locale has fully translated: listed only with --all.
    write(dir, {
      'locales/en/done.md': '# Done\n\nNothing left to do here.\n',
      'locales/fr/done.md': '# Fini\n\nPlus rien à faire ici.\n',
      'locales/nl/done.md': '# Klaar\n\nHier valt niets meer te doen.\n',
    });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'done');
    expect(cli(dir, ['init']).code).toBe(0);
    git(dir, 'commit', '-q', '-am', 'adopt done');
    return dir;
  }

  it('shows per locale the documents that need work, worst first; --all shows every one', { timeout: 120_000 }, () => {
    const dir = repository();
    const r = cli(dir, ['status']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Locales found: fr (');
    expect(r.stdout).not.toContain('locales/fr/done.md');
    expect(r.stdout).toMatch(/\nfr .* · \d+ of 3 documents need work\n/);
    const fr = section(r.stdout, 'fr');
    const percents = [...fr.matchAll(/ (\d+\.\d)%\n/g)].map((m) => Number(m[1]));
    expect(percents.length).toBeGreaterThan(0);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    const all = cli(dir, ['status', '--all']).stdout;
    expect(all).toMatch(/ {2}locales\/fr\/done\.md +1 current · 0 stale · 0 missing · 0 untranslated +100\.0%\n/);
  });

  it('filters by --locale, --state and path, in text and JSON alike', { timeout: 120_000 }, () => {
    const dir = repository();
    const nl = cli(dir, ['status', '--locale', 'nl']).stdout;
    expect(nl).toContain('locales/nl/your-data.md');
    expect(nl).not.toContain('locales/fr/');
    const stale = JSON.parse(cli(dir, ['status', '--state', 'stale', '--json']).stdout);
    const staleOnes = stale.documents.flatMap((d: any) => d.translations);
    expect(staleOnes.map((t: any) => t.path).sort()).toEqual(['locales/fr/your-data.md', 'locales/nl/your-data.md']);
    expect(staleOnes.every((t: any) => t.sections.some((s: any) => s.state === 'stale'))).toBe(true);
    // Same shape as the whole report, roll-ups over what is kept.
    const whole = JSON.parse(cli(dir, ['status', '--json']).stdout);
    expect(Object.keys(stale).sort()).toEqual(Object.keys(whole).sort());
    const byPath = JSON.parse(cli(dir, ['status', 'locales/fr', '--json']).stdout);
    expect(byPath.locales).toEqual(['fr']);
    expect(byPath.documents.flatMap((d: any) => d.translations.map((t: any) => t.path)).every((p: string) => p.startsWith('locales/fr/'))).toBe(true);
    // The English file's path keeps every translation of that document.
    const english = JSON.parse(cli(dir, ['status', 'locales/en/done.md', '--json']).stdout);
    expect(english.documents.map((d: any) => [d.source, d.translations.length])).toEqual([['locales/en/done.md', 2]]);
    // The root itself narrows nothing.
    expect(cli(dir, ['status', '.', '--json']).stdout).toBe(cli(dir, ['status', '--json']).stdout);
    // Paths are relative to the current folder.
    expect(cli(`${dir}/locales`, ['status', 'fr', '--json']).stdout).toBe(cli(dir, ['status', 'locales/fr', '--json']).stdout);
  });

  it('--sections lists stale and missing sections with their age and English commit', { timeout: 120_000 }, () => {
    const dir = repository();
    const change = git(dir, 'rev-parse', '--short=7', ':/shorter retention');
    const r = cli(dir, ['status', '--sections', '--locale', 'fr']);
    expect(r.stdout).toMatch(new RegExp(`\\n {6}stale +Visitor data #visitor-data · 0 days behind · 1 English commit · English ${change}\\n`));
    expect(r.stdout).not.toMatch(/^ {6}current /m);
    // A filter lifts the limit, not the choice of documents that need work.
    expect(r.stdout).not.toContain('locales/fr/done.md');
    // A missing section's age comes from its marker: the English commit that added it.
    const en = 'locales/en/your-data.md';
    write(dir, { [en]: `${read(dir, en)}\n## Brand new\n\nA section added in English.\n` });
    git(dir, 'commit', '-q', '-am', 'brand new section');
    const added = git(dir, 'rev-parse', '--short=7', 'HEAD');
    expect(cli(dir, ['sync']).code).toBe(0);
    git(dir, 'commit', '-q', '-am', 'sync the new section');
    expect(cli(dir, ['status', '--sections', '--locale', 'fr']).stdout).toMatch(new RegExp(`\\n {6}missing +Brand new #brand-new · 0 days behind · English ${added}\\n`));
    const untranslated = cli(dir, ['status', '--sections', '--state', 'untranslated', '--locale', 'fr']).stdout;
    expect(untranslated).toMatch(/^ {6}untranslated +/m);
    expect(untranslated).not.toMatch(/^ {6}stale +/m);
  });
});

describe('check --baseline', () => {
  it('accepts the findings already there; only new ones fail, whatever moved', { timeout: 120_000 }, () => {
    const dir = makeRepo({ ...seeds(), '.github/i18n-drift.yml': SEED_CONFIG });
    expect(cli(dir, ['check']).code).toBe(1);
    const written = cli(dir, ['check', '--baseline', '.github/i18n-drift-baseline.json', '--update-baseline']);
    expect(written.code, written.stderr).toBe(0);
    expect(written.stdout).toMatch(/^\d+ findings recorded in \.github\/i18n-drift-baseline\.json: check --baseline \.github\/i18n-drift-baseline\.json accepts them\n$/);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'baseline');

    const accepted = cli(dir, ['check', '--baseline', '.github/i18n-drift-baseline.json']);
    expect(accepted.code, accepted.stdout).toBe(0);
    expect(accepted.stdout).toMatch(/^check passed \(0 warnings\)\n\d+ findings accepted by the baseline \.github\/i18n-drift-baseline\.json\n$/);

    // Unrelated lines added above the findings: still the same findings.
    const fr = 'locales/fr/your-data.md';
    const text = seeds()[fr]!;
    const body = text.indexOf('\n#');
    write(dir, { [fr]: `${text.slice(0, body)}\n\nUn paragraphe ajouté.\n\nEt un autre.\n${text.slice(body)}` });
    expect(cli(dir, ['check', '--baseline', '.github/i18n-drift-baseline.json']).code).toBe(0);

    // A new broken link: only it is printed, and it fails the check.
    write(dir, { [fr]: `${text}\nVoir [ailleurs](#nulle-part).\n` });
    const fresh = cli(dir, ['check', '--baseline', '.github/i18n-drift-baseline.json']);
    expect(fresh.code).toBe(1);
    expect(fresh.stdout.split('\n').filter((line) => line.includes('(broken-anchor)'))).toEqual([expect.stringContaining('"#nulle-part"')]);
    const github = cli(dir, ['check', '--baseline', '.github/i18n-drift-baseline.json', '--format', 'github']).stdout.trim().split('\n');
    expect(github).toEqual([expect.stringMatching(/^::error file=locales\/fr\/your-data\.md,line=\d+,title=i18n-drift broken-anchor::/)]);
    const json = JSON.parse(cli(dir, ['check', '--baseline', '.github/i18n-drift-baseline.json', '--json']).stdout);
    expect(json.ok).toBe(false);
    expect(json.baseline).toMatchObject({ new: 1, accepted: expect.any(Number) });
    expect(json.findings.filter((f: any) => !f.accepted).map((f: any) => f.params.anchor)).toEqual(['nulle-part']);
  });

  it('refuses a file that is not a baseline, naming it', () => {
    const dir = makeRepo({ ...seeds(), '.github/i18n-drift.yml': SEED_CONFIG, 'baseline.json': '{"version": 1, "findings": {}}\n' });
    const r = cli(dir, ['check', '--baseline', 'baseline.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^i18n-drift: \/.*\/baseline\.json is not a check baseline: expected "findings" to be a list\n$/);
  });
});

/** The lines of one locale's block in the human status output. */
function section(output: string, locale: string): string {
  const start = output.indexOf(`\n${locale} `);
  const end = output.indexOf('\n\n', start + 1);
  return output.slice(start, end < 0 ? undefined : end + 1);
}
