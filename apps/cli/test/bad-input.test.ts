import { describe, expect, it } from 'vitest';
import { cli, fingerprint, git, makeRepo, SEED_CONFIG, seeds, write } from './helpers.js';

/** Runs the command, expects exit 2 and exactly one line on stderr, and that no file changed. */
function refuses(dir: string, args: string[], pattern: RegExp, env: Record<string, string> = {}): string {
  const before = fingerprint(dir);
  const refs = git(dir, 'for-each-ref');
  const r = cli(dir, args, env);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^i18n-drift: [^\n]+\n$/);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr).toMatch(pattern);
  expect(fingerprint(dir)).toEqual(before);
  expect(git(dir, 'for-each-ref')).toBe(refs);
  return r.stderr;
}

/**
 * Runs the command on a repository with one unreadable document: exit 1, exactly one
 * line on stderr naming it, no stack trace, and the rest done (the output is there).
 */
function skips(dir: string, args: string[], pattern: RegExp, env: Record<string, string> = {}): void {
  const r = cli(dir, args, env);
  expect(r.code, r.stderr).toBe(1);
  expect(r.stderr).toMatch(/^i18n-drift: [^\n]+\n$/);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr).toMatch(pattern);
  expect(r.stdout).not.toBe('');
}

function seeded(extra: Record<string, string | Buffer> = {}, config = SEED_CONFIG): string {
  return makeRepo({ ...seeds(), '.github/i18n-drift.yml': config, ...extra });
}

// Each case runs the built CLI several times (about a second each, several on a loaded
// 2-core machine, with the other end-to-end file running beside it): 30 s is too tight.
describe('bad input: one clear line, nothing written', { timeout: 120_000 }, () => {
  it('a missing config', () => {
    const dir = makeRepo(seeds());
    for (const command of [['status'], ['init'], ['sync', '--branch'], ['check']]) refuses(dir, command, /no \.github\/i18n-drift\.yml in /);
  });

  it('invalid YAML, and a config value that is refused', () => {
    refuses(seeded({}, 'files: [locales/{locale}/*.md\nlocales: fr\n'), ['sync', '--branch'], /invalid \.github\/i18n-drift\.yml: \(yaml\): invalid YAML at line \d+/);
    refuses(seeded({}, 'files:\n  - locales/{locale}/**/*.md\nlocales: [fr, ../x]\n'), ['status'], /invalid \.github\/i18n-drift\.yml: locales\.1: /);
  });

  it('an unknown revision', () => {
    const dir = seeded();
    refuses(dir, ['sync', '--from', 'no-such-rev'], /unknown revision: no-such-rev/);
    refuses(dir, ['sync', '--branch', '--to', 'v9.9'], /unknown revision: v9\.9/);
    refuses(dir, ['diff', '--from', 'HEAD~5', '--to', 'HEAD'], /unknown revision: HEAD~5/);
  });

  it('a binary file matching the pattern: skipped, the rest done', () => {
    const dir = seeded({ 'locales/en/logo.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) });
    skips(dir, ['status'], /locales\/en\/logo\.md\W+is a binary file/);
    skips(dir, ['init'], /locales\/en\/logo\.md\W+is a binary file/);
    git(dir, 'commit', '-q', '-am', 'adopt');
    skips(dir, ['sync', '--branch'], /locales\/en\/logo\.md is a binary file/);
  });

  it('a 5 MB document: skipped, the rest done', () => {
    const big = `# Huge\n\n${'All work and no play makes a very long policy. '.repeat(115_000)}\n`;
    expect(big.length).toBeGreaterThan(5_000_000);
    const dir = seeded({ 'locales/en/huge.md': big });
    skips(dir, ['status'], /locales\/en\/huge\.md\W+is 5\.\d MB; documents over 2 MB are refused/);
    skips(dir, ['sync', '--branch'], /locales\/en\/huge\.md is 5\.\d MB/);
  });

  it('a path outside the repository', () => {
    const dir = seeded();
    refuses(dir, ['diff', '--from', 'HEAD', '--to', 'HEAD', '../outside.md'], /\.\.\/outside\.md is outside the repository/);
    refuses(dir, ['diff', '--from', 'HEAD', '--to', 'HEAD', '/etc/passwd'], /\/etc\/passwd is outside the repository/);
    refuses(seeded({}, 'files:\n  - ../{locale}/*.md\n'), ['status'], /invalid \.github\/i18n-drift\.yml: files\.0: /);
  });

  it('unknown commands and flags, bad values, not a repository', () => {
    const dir = seeded();
    refuses(dir, ['frobnicate'], /unknown command "frobnicate"/);
    refuses(dir, ['status', '--colour'], /unknown option '--colour'/);
    refuses(dir, ['check', '--max-stale', 'many'], /--max-stale expects a whole number, got "many"/);
    refuses(dir, ['status', '--root', `${dir}/nope`], /nope is not a folder/);
    refuses(dir, ['status', '--root', '/'], /\/ is not inside a Git repository/);
  });

  it('speaks French with --lang fr and LANG', () => {
    const dir = makeRepo(seeds());
    refuses(dir, ['status', '--lang', 'fr'], /pas de \.github\/i18n-drift\.yml dans /);
    refuses(dir, ['status'], /geen \.github\/i18n-drift\.yml in /, { LANG: 'nl_NL.UTF-8' });
  });

  it('unknown commands, flags, revisions and a flag without its value, in English, French and Dutch', () => {
    const dir = seeded();
    refuses(dir, ['sync', '--from'], /^i18n-drift: --from expects a value\n$/);
    refuses(dir, ['sync', '--to', '--branch'], /^i18n-drift: --to expects a value\n$/);
    refuses(dir, ['frobnicate', '--lang', 'fr'], /commande inconnue « frobnicate » \(attendu : init, diff, sync, status, check, dashboard, demo, queue\)/);
    refuses(dir, ['status', '--colour', '--lang', 'fr'], /option inconnue « --colour »/);
    refuses(dir, ['sync', '--from', 'no-such-rev', '--lang', 'fr'], /révision inconnue : no-such-rev/);
    refuses(dir, ['sync', '--to', '--lang', 'fr'], /--to attend une valeur/);
    refuses(dir, ['diff', 'a.md', 'b.md', 'c.md', '--lang', 'fr'], /argument inattendu « c\.md » pour diff \(i18n-drift diff --help indique/);
    refuses(dir, ['sync', 'extra'], /onverwacht argument "extra" voor sync /, { LANG: 'nl_NL.UTF-8' });
    refuses(dir, ['status', '--colour'], /onbekende optie "--colour"/, { LANG: 'nl_NL.UTF-8' });
    refuses(dir, ['sync', '--from', 'v9.9'], /onbekende revisie: v9\.9/, { LANG: 'nl_NL.UTF-8' });
  });

  it('a binary or oversized document is named in the user\'s language', () => {
    const binary = seeded({ 'locales/en/logo.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]) });
    skips(binary, ['status', '--lang', 'fr'], /locales\/en\/logo\.md\W+est un fichier binaire, pas un document Markdown \(ignoré/);
    skips(binary, ['status', '--lang', 'nl'], /locales\/en\/logo\.md\W+is een binair bestand, geen Markdown-document \(overgeslagen/);
    const latin1 = seeded({ 'locales/en/old.md': Buffer.from([0x23, 0x20, 0xe9, 0x74, 0xe9, 0x0a]) });
    skips(latin1, ['status', '--lang', 'fr'], /locales\/en\/old\.md\W+n’est pas du texte UTF-8 valide/);
    const huge = seeded({ 'locales/en/huge.md': `# Huge\n\n${'word '.repeat(500_000)}\n` });
    skips(huge, ['status', '--lang', 'fr'], /locales\/en\/huge\.md\W+pèse 2\.4 Mo ; les documents de plus de 2 Mo sont refusés/);
  });

  it('sync --branch on a checked-out translation branch', () => {
    const dir = seeded();
    cli(dir, ['init']);
    git(dir, 'commit', '-q', '-am', 'adopt');
    write(dir, { 'locales/en/your-data.md': seeds()['locales/en/your-data.md']!.replace('6 months', '30 days') });
    git(dir, 'commit', '-q', '-am', 'shorter');
    expect(cli(dir, ['sync', '--branch']).code).toBe(0);
    git(dir, 'checkout', '-q', 'i18n-drift/nl');
    refuses(dir, ['sync', '--branch'], /^i18n-drift: i18n-drift\/nl is a translation branch: check out the branch that holds the English \(such as main\), then sync again\n$/);
    refuses(dir, ['sync', '--branch', '--lang', 'fr'], /i18n-drift\/nl est une branche de traduction/);
  });

  it('refuses to overwrite uncommitted translation edits in the working tree', () => {
    const dir = seeded();
    const init = cli(dir, ['init']);
    expect(init.code).toBe(0);
    git(dir, 'commit', '-q', '-am', 'adopt');
    write(dir, { 'locales/en/your-data.md': seeds()['locales/en/your-data.md']!.replace('6 months', '3 months') });
    git(dir, 'commit', '-q', '-am', 'shorter');
    write(dir, { 'locales/fr/your-data.md': `${seeds()['locales/fr/your-data.md']}\nBrouillon non commité.\n` });
    refuses(dir, ['sync'], /locales\/fr\/your-data\.md has uncommitted changes/);
  });
});
