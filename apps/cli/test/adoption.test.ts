// Adoption from history on real temporary Git repositories built from the seeds: the
// French and Dutch were committed, then the English changed (6 -> 12 months).
import { describe, expect, it } from 'vitest';
import { cli, cliJson, git, makeRepo, read, SEED_CONFIG, seeds, write } from './helpers.js';

const EN = 'locales/en/your-data.md';
const FR = 'locales/fr/your-data.md';
const NL = 'locales/nl/your-data.md';
const staleMarkers = (text: string) => [...text.matchAll(/<!-- i18n-drift:(stale|missing) section="([^"]+)"/g)].map((m) => `${m[1]}:${m[2]}`).sort();

/** Seeds committed unpinned, then the English log retention changed. Returns the two shas too. */
function behindRepository() {
  const dir = makeRepo({ ...seeds(), '.github/i18n-drift.yml': SEED_CONFIG }, 'documents and their translations');
  const translated = git(dir, 'rev-parse', 'HEAD');
  write(dir, { [EN]: seeds()[EN]!.replace('We keep these logs for 6 months.', 'We keep these logs for 12 months.') });
  git(dir, 'commit', '-q', '-am', 'Keep logs for 12 months');
  return { dir, translated, update: git(dir, 'rev-parse', 'HEAD') };
}

/** Non-current sections of each translation in a `status --json` report. */
function states(report: any): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const doc of report.documents) {
    for (const tr of doc.translations) if (tr.exists) out[tr.path] = tr.sections.filter((s: any) => s.state !== 'current').map((s: any) => `${s.state}:${s.id}`);
  }
  return out;
}

describe('init from history', { timeout: 120_000 }, () => {
  it('marks exactly the section English changed since the translation was committed; status before init said the same, labelled not adopted', () => {
    const { dir, translated, update } = behindRepository();

    const before = cliJson(dir, ['status']);
    const fr = before.documents.flatMap((d: any) => d.translations).find((t: any) => t.path === FR);
    expect(fr.notAdopted).toEqual({ pinnedTo: translated, pinnedDate: expect.any(String) });
    const human = cli(dir, ['status']);
    expect(human.stdout).toMatch(new RegExp(`not adopted yet: .*${translated.slice(0, 7)}`));
    expect(git(dir, 'status', '--porcelain')).toBe(''); // status wrote nothing

    const init = cli(dir, ['init']);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain(`${FR}: pinned to ${translated.slice(0, 7)} (`);
    expect(init.stdout).toMatch(new RegExp(`${FR}: .* · 1 English commit behind · 1 stale\\n`));
    expect(staleMarkers(read(dir, FR))).toEqual(['stale:visitor-data']);
    expect(staleMarkers(read(dir, NL))).toEqual(['stale:visitor-data']);
    expect(read(dir, FR)).toContain(`since="${update}"`);
    // The translated text is all there.
    for (const line of seeds()[FR]!.split('\n').filter((l) => l.trim() !== '' && l !== '---')) expect(read(dir, FR)).toContain(line);

    git(dir, 'commit', '-q', '-am', 'adopt');
    const after = cliJson(dir, ['status']);
    expect(states(after)).toEqual(states(before));
    expect(after.documents.flatMap((d: any) => d.translations).some((t: any) => 'notAdopted' in t)).toBe(false);
  });

  it('--json gives pinnedTo, stale and missing per translation; unaligned sections come after the summary', () => {
    const { dir, translated } = behindRepository();
    const json = cliJson(dir, ['init']);
    const byPath = Object.fromEntries(json.translations.map((t: any) => [t.path, t]));
    expect(byPath[FR]).toMatchObject({ pinnedTo: translated, stale: 1, missing: 0, commitsBehind: 1, basis: 'history', written: true });
    expect(byPath[FR].pinnedDate).toMatch(/^\d{4}-\d\d-\d\d/);

    // A French document with a section the English lacks: listed once, after the summary.
    const extra = makeRepo({
      '.github/i18n-drift.yml': SEED_CONFIG,
      'locales/en/faq.md': '# FAQ\n\n## Accounts\n\nHow accounts work.\n\n## Payments\n\nHow payments work.\n',
      'locales/fr/faq.md': '# FAQ\n\n## Comptes\n\nLes comptes.\n\n## Paiements\n\nLes paiements.\n\n## Une section ajoutée par la traductrice\n\nRien en anglais.\n',
    });
    const out = cli(extra, ['init']).stdout;
    const summary = out.indexOf('file written');
    expect(summary).toBeGreaterThan(0);
    const notAligned = out.search(/\n\S.*1 file/);
    expect(notAligned).toBeGreaterThan(summary);
    expect(out.slice(notAligned)).toMatch(/locales\/fr\/faq\.md\n +! not aligned: "[^"]+" \(line \d+\)/);
    expect(out.slice(0, summary)).not.toContain('not aligned');
  });

  it('--assume-current pins every translation at HEAD: nothing stale', () => {
    const { dir, update } = behindRepository();
    const json = cliJson(dir, ['init', '--assume-current']);
    const fr = json.translations.find((t: any) => t.path === FR);
    expect(fr).toMatchObject({ pinnedTo: update, stale: 0, missing: 0, basis: 'assumed-current' });
    expect(staleMarkers(read(dir, FR))).toEqual([]);
  });

  it("a translator's commit after the English change: that translation is current", () => {
    const { dir } = behindRepository();
    write(dir, { [FR]: seeds()[FR]!.replace('6 mois', '12 mois') });
    git(dir, 'commit', '-q', '-am', 'fr: 12 mois');
    const json = cliJson(dir, ['init']);
    const byPath = Object.fromEntries(json.translations.map((t: any) => [t.path, t]));
    expect([byPath[FR].stale, byPath[FR].commitsBehind]).toEqual([0, 0]);
    expect(byPath[NL].stale).toBe(1);
  });

  it('check before init fails on the section behind, as after init', () => {
    const { dir } = behindRepository();
    const before = cli(dir, ['check', '--json']);
    expect(before.code).toBe(1);
    const stale = (out: string) => JSON.parse(out).findings.filter((f: any) => f.code === 'stale-section').map((f: any) => f.path).sort();
    expect(stale(before.stdout)).toEqual([FR, NL]);
    expect(git(dir, 'status', '--porcelain')).toBe('');
  });

  it('check before init names the lines of the files on disk, not of the text adopted in memory', () => {
    const { dir } = behindRepository();
    const findings = JSON.parse(cli(dir, ['check', '--json']).stdout).findings.filter((f: any) => f.path === FR);
    const lines = read(dir, FR).split('\n');
    const lineOf = (code: string) => findings.find((f: any) => f.code === code)?.line;
    // The seed's broken heading is on line 32 of the French file; the stale section's finding is on its heading.
    expect(lineOf('broken-heading')).toBe(32);
    expect(lines[lineOf('broken-heading') - 1]).toBe('$#### Profile data');
    expect(lines[lineOf('stale-section') - 1]).toMatch(/^#+ /);
    const github = cli(dir, ['check', '--format', 'github']).stdout;
    expect(github).toContain(`::error file=${FR},line=32,title=i18n-drift broken-heading::`);
  });
});

describe('sync adopts too', () => {
  it('sync --branch on translations without pins: the onboarding PR per locale, no "run init first", the orphan reported as one', () => {
    const { dir, translated } = behindRepository();
    const out = cli(dir, ['sync', '--branch']);
    expect(out.code).toBe(0);
    expect(out.stdout).not.toContain('run i18n-drift init first');
    expect(out.stdout).toContain('1 translation adopted from history');
    // privacy.md's French has no English document: an orphan, never adopted.
    expect(out.stdout).toContain('orphan: locales/fr/privacy.md has no English source');
    const json = cliJson(dir, ['sync', '--branch']);
    expect(json.unpinned).toEqual([]);
    expect(json.orphans).toEqual(['locales/fr/privacy.md']);
    const fr = staleMarkers(git(dir, 'show', `i18n-drift/fr:${FR}`));
    expect(fr).toEqual(['stale:visitor-data']);
    const pr = json.locales.find((l: any) => l.locale === 'fr').pullRequest;
    // 1 stale section, and passbolt-privacy.md has no French yet: a new file, every section missing.
    expect(pr.title).toMatch(/^i18n-drift : suivi de 1 document français — \d+ sections en retard$/);
    expect(json.locales.find((l: any) => l.locale === 'fr').adopted).toEqual([{ path: FR, pinnedTo: translated, pinnedDate: expect.any(String) }]);
    expect(read(dir, FR)).toBe(seeds()[FR]); // the working tree is untouched
  });
});
