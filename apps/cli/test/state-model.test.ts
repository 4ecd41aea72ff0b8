import { describe, expect, it } from 'vitest';
import { cli, cliJson, commitAs, git, makeRepo, read, write } from './helpers.js';

const EN = 'docs/laces/en.md';
const FR = 'docs/laces/fr.md';

const english = [
  '# Laces',
  'How to lace the boots that we sell in our shops.',
  '## Choosing laces',
  'Pick laces 120 cm long for six eyelets, 150 cm for eight.',
  '## Washing laces',
  'Wash them at 30 degrees, inside a pillowcase.',
  '## Drying laces',
  'Let them dry flat, away from the radiator.',
  '## Storing laces',
  'Keep spare laces rolled up in the box.',
].join('\n\n') + '\n';

const french = [
  '# Lacets',
  'Comment lacer les chaussures que nous vendons dans nos boutiques.',
  '## Choisir ses lacets',
  'Prenez des lacets de 120 cm pour six œillets, 150 cm pour huit.',
  '## Laver ses lacets',
  'Lavez-les à 30 degrés, dans une taie d’oreiller.',
  '## Sécher ses lacets',
  'Laissez-les sécher à plat, loin du radiateur.',
  '## Ranger ses lacets',
  'Gardez les lacets de rechange roulés dans la boîte.',
].join('\n\n') + '\n';

function adopted(): string {
  const dir = makeRepo({ '.github/i18n-drift.yml': 'files:\n  - docs/**/{locale}.md\nlocales: [fr]\n', [EN]: english, [FR]: french });
  cliJson(dir, ['init']);
  git(dir, 'commit', '-q', '-am', 'adopt');
  return dir;
}

const states = (report: any) =>
  report.documents[0].translations[0].sections.map((s: any) => ({ id: s.id, state: s.state, since: s.stale?.since ?? null, pinnedCommit: s.stale?.pinnedCommit ?? null, commitsBehind: s.stale?.commitsBehind ?? null }));

// Each case runs the built CLI several times (about a second each, several on a loaded
// 2-core machine, with the other end-to-end file running beside it): 30 s is too tight.
describe('status tells the same state as sync, before and after it', { timeout: 120_000 }, () => {
  it('one commit renames a heading, moves an unchanged section up and adds one where it was', () => {
    const dir = adopted();
    const renamed = english
      .replace('## Choosing laces', '## Picking laces')
      .replace('## Washing laces\n\nWash them at 30 degrees, inside a pillowcase.\n\n## Drying laces\n\nLet them dry flat, away from the radiator.', '## Drying laces\n\nLet them dry flat, away from the radiator.\n\n## Washing laces\n\nWash them at 30 degrees, inside a pillowcase.\n\n## Ironing laces\n\nNever iron laces: the tips melt at 120 degrees.');
    write(dir, { [EN]: renamed });
    commitAs(dir, 'alice', 'Rename, move, add');
    const before = cliJson(dir, ['status']);
    cliJson(dir, ['sync']);
    const after = cliJson(dir, ['status']);
    expect(states(before)).toEqual(states(after));
    expect(states(before).map((s: any) => `${s.id}:${s.state}`)).toEqual(['laces:current', 'picking-laces:stale', 'drying-laces:current', 'washing-laces:current', 'ironing-laces:missing', 'storing-laces:current']);
  });

  it('a marker the translator removed is their sign-off: status says current (signed off) as check passes', () => {
    const dir = adopted();
    write(dir, { [EN]: english.replace('30 degrees', '40 degrees') });
    commitAs(dir, 'alice', 'Warmer wash');
    cliJson(dir, ['sync']);
    commitAs(dir, 'bot', 'sync');
    expect(cliJson(dir, ['status']).totals.sections.stale).toBe(1);
    write(dir, { [FR]: read(dir, FR).replace(/<!-- i18n-drift:stale[^\n]*\n/, '').replace('30 degrés', '40 degrés') });
    commitAs(dir, 'marie', 'Lavage à 40 degrés');
    expect(cli(dir, ['check']).code).toBe(0);
    const report = cliJson(dir, ['status']);
    const wash = report.documents[0].translations[0].sections.find((s: any) => s.id === 'washing-laces');
    expect(wash).toMatchObject({ state: 'current', signedOff: true });
    expect(report.totals.sections.stale).toBe(0);
    expect(cli(dir, ['status']).stdout).toContain('1 section signed off by its translator (marker removed; re-pinned at the next sync)');
  });

  it('an English change not synced yet: status says stale and check fails on the same section (counted by --max-stale); after sync, the marker is reported once', () => {
    const dir = adopted();
    const pin = git(dir, 'rev-parse', '--short=7', 'HEAD~1').trim(); // the translator's version init pinned (the commit before the adoption's)
    write(dir, { [EN]: english.replace('30 degrees', '40 degrees') });
    commitAs(dir, 'alice', 'Warmer wash');
    const status = cliJson(dir, ['status']);
    expect(status.totals.sections.stale).toBe(1);
    expect(states(status).filter((s: any) => s.state === 'stale').map((s: any) => s.id)).toEqual(['washing-laces']);

    // Reported at the translated heading, where the translator updates it (and sync puts its marker).
    const line = read(dir, FR).split('\n').indexOf('## Laver ses lacets') + 1;
    expect(line).toBeGreaterThan(5);
    const check = cli(dir, ['check']);
    expect(check.code, check.stderr).toBe(1);
    expect(check.stdout).toContain(`${FR}:${line}  error  Section "Washing laces" is stale: the English changed since the translation's pin (${pin}); the next sync marks it. (unsynced-section)`);
    expect(cli(dir, ['check', '--lang', 'fr']).stdout).toContain(`La section « Washing laces » est obsolète : l’anglais a changé depuis l’épinglage de la traduction (${pin})`);
    expect(cli(dir, ['check', '--format', 'github']).stdout).toContain(`::error file=${FR},line=${line},title=i18n-drift unsynced-section::Section "Washing laces" is stale`);
    const json = JSON.parse(cli(dir, ['check', '--json']).stdout);
    expect(json.findings.filter((f: any) => f.code === 'unsynced-section' || f.code === 'stale-section').map((f: any) => [f.code, f.path, f.severity, f.line])).toEqual([['unsynced-section', FR, 'error', line]]);
    const allowed = cli(dir, ['check', '--max-stale', '1']);
    expect(allowed.code, allowed.stdout).toBe(0);
    expect(allowed.stdout).toMatch(/check passed \(1 warning\)/);
    expect(cli(dir, ['check', '--max-stale', '0']).code).toBe(1);

    cliJson(dir, ['sync']);
    const synced = JSON.parse(cli(dir, ['check', '--json']).stdout);
    expect(synced.findings.filter((f: any) => f.code === 'unsynced-section' || f.code === 'stale-section').map((f: any) => [f.code, f.params.section])).toEqual([['stale-section', 'washing-laces']]);
  });

  it('check passes a signed-off section and says so: a line naming file and section, a ::notice, JSON, in en, fr and nl', () => {
    const dir = adopted();
    write(dir, { [EN]: english.replace('30 degrees', '40 degrees').replace('dry flat', 'dry them flat') });
    const pinned = commitAs(dir, 'alice', 'Warmer wash').trim().slice(0, 7);
    cliJson(dir, ['sync']);
    commitAs(dir, 'bot', 'sync');
    // Nothing signed off yet: check fails on both markers and names no sign-off.
    const marked = cli(dir, ['check']);
    expect(marked.code).toBe(1);
    expect(marked.stdout).not.toContain('signed off');
    // Marie updates the washing section and deletes its marker; drying stays marked.
    write(dir, { [FR]: read(dir, FR).replace(/<!-- i18n-drift:stale section="washing-laces"[^\n]*\n/, '').replace('30 degrés', '40 degrés') });
    commitAs(dir, 'marie', 'Lavage à 40 degrés');
    const line = read(dir, FR).split('\n').indexOf('## Laver ses lacets') + 1;
    expect(line).toBeGreaterThan(0);

    const text = cli(dir, ['check', '--max-stale', '1']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout.split('\n').filter((l) => l.includes('signed off'))).toEqual([
      `${FR}:${line}  signed off  section "Laver ses lacets" signed off by its translator (marker removed); the next sync re-pins it to the English of ${pinned}`,
    ]);
    expect(text.stdout).toMatch(/check passed \(1 warning\)/);
    const github = cli(dir, ['check', '--max-stale', '1', '--format', 'github']);
    expect(github.stdout.split('\n').filter((l) => l.startsWith('::notice'))).toEqual([
      `::notice file=${FR},line=${line},title=i18n-drift signed-off::section "Laver ses lacets" signed off by its translator (marker removed); the next sync re-pins it to the English of ${pinned}`,
    ]);
    const json = JSON.parse(cli(dir, ['check', '--json']).stdout);
    expect(json.ok).toBe(false);
    expect(json.findings.map((f: any) => f.params.section)).toEqual(['drying-laces']);
    expect(json.signedOff).toEqual([{ path: FR, source: EN, id: 'washing-laces', heading: 'Laver ses lacets', line, commit: expect.stringMatching(new RegExp(`^${pinned}`)) }]);
    expect(cli(dir, ['check', '--lang', 'fr']).stdout).toContain(`${FR}:${line}  validée  section « Laver ses lacets » validée par l’équipe de traduction (marqueur retiré) ; la prochaine synchronisation la réépingle sur l’anglais de ${pinned}`);
    expect(cli(dir, ['check', '--lang', 'nl']).stdout).toContain(`${FR}:${line}  afgetekend  sectie "Laver ses lacets" afgetekend door de vertaler (markering verwijderd)`);
    // After sync re-pins it, there is nothing left to say.
    cliJson(dir, ['sync']);
    commitAs(dir, 'bot', 'sync again');
    expect(JSON.parse(cli(dir, ['check', '--json']).stdout).signedOff).toEqual([]);
  });
});
