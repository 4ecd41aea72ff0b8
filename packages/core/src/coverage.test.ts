import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { outdent } from 'outdent';
import fc from 'fast-check';
import { parseDocument } from '@i18n-drift/sections';
import { adopt } from './adopt.js';
import { applySourceChange } from './apply-source-change.js';
import { resolve } from './resolve.js';
import { parseConfig } from './config.js';
import { coverage, markdownCoverage, mergeCoverage, translationCoverage } from './coverage.js';
import { documentOf, targetLocales } from './file-patterns.js';
import { writePins } from './pins.js';
import { insertMarker, removeMarkers } from './stale-marker.js';
import type { CommitInfo, Config, CoverageReport, RepositorySnapshot, TranslationCoverage } from './types.js';

const LOCALES = new URL('../../../locales/', import.meta.url);
const FIXTURES = new URL('./fixtures/state/', import.meta.url);

/** Every Markdown seed under /work/main/locales, keyed by repository path (never modified). */
function seedFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const locale of readdirSync(LOCALES)) {
    for (const name of readdirSync(new URL(`${locale}/`, LOCALES))) {
      files[`locales/${locale}/${name}`] = readFileSync(new URL(`${locale}/${name}`, LOCALES), 'utf8');
    }
  }
  return files;
}

/** Compares with `fixtures/state/<name>.expected.json`; `UPDATE=1` rewrites it. */
function golden(name: string, report: unknown): void {
  const file = new URL(`${name}.expected.json`, FIXTURES);
  const actual = `${JSON.stringify(report, null, 2)}\n`;
  // A missing golden file fails: it is written only with UPDATE=1, never to make a test pass.
  if (!process.env['UPDATE'] && !existsSync(file)) throw new Error(`${file.pathname} is missing: run with UPDATE=1 to write it, then review it`);
  if (process.env['UPDATE']) {
    mkdirSync(FIXTURES, { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

const states = (translation: TranslationCoverage) => Object.fromEntries(translation.sections.map((section) => [section.id, section.state]));
const translationOf = (report: CoverageReport, source: string, locale: string) =>
  report.documents.find((document) => document.source === source)!.translations.find((translation) => translation.locale === locale)!;

/** Adopts `translation` at `commit`: every aligned section pinned as current. */
function adoptAt(sourceText: string, translationText: string, commit: string, config: Config): string {
  return adopt(sourceText, translationText, { sourceCommit: commit, frontmatterKeys: config.frontmatterKeys }).text;
}

const sha = (n: number) => String(n).repeat(40).slice(0, 40);
const config = parseConfig({});

describe('coverage of the seeds as they are (not adopted yet)', () => {
  const report = coverage({ files: seedFiles(), revision: 'seed' }, config);

  it('lists every English document and locale, sections in English order', () => {
    expect(report.locales).toEqual(['fr', 'nl']);
    expect(report.documents.map((document) => document.source)).toEqual(['locales/en/passbolt-privacy.md', 'locales/en/your-data.md']);
    const french = translationOf(report, 'locales/en/your-data.md', 'fr');
    expect(french.sections.map(({ id, heading, level }) => ({ id, heading, level }))).toEqual([
      { id: 'frontmatter.title', heading: null, level: 0 },
      { id: 'intro', heading: null, level: 0 },
      { id: 'visitor-data', heading: 'Visitor data', level: 5 },
      { id: 'model-data', heading: 'Model data', level: 5 },
    ]);
  });

  it('shows the parts of the French and Dutch seeds still in English', () => {
    for (const locale of ['fr', 'nl']) {
      // The intro is translated; the title was never translated; the visitor section
      // runs over `$#### Profile data` (not a heading) and is mostly English, like model data.
      expect(states(translationOf(report, 'locales/en/your-data.md', locale))).toEqual({
        'frontmatter.title': 'untranslated',
        intro: 'current',
        'visitor-data': 'untranslated',
        'model-data': 'untranslated',
      });
    }
  });

  it('counts a translation that does not exist as missing, and the French privacy.md as an orphan', () => {
    const missing = translationOf(report, 'locales/en/passbolt-privacy.md', 'fr');
    expect(missing.exists).toBe(false);
    expect(missing.totals.sections).toMatchObject({ total: 26, missing: 26, percent: 0 });
    expect(report.orphans).toEqual([{ locale: 'fr', path: 'locales/fr/privacy.md', expectedSource: 'locales/en/privacy.md' }]);
  });

  it('rolls up by sections and by words', () => {
    const french = translationOf(report, 'locales/en/your-data.md', 'fr');
    const words = french.sections.reduce((sum, section) => sum + section.words, 0);
    expect(french.totals.words.total).toBe(words);
    expect(french.totals.sections).toEqual({ total: 4, current: 1, stale: 0, missing: 0, untranslated: 3, percent: 25 });
    const fr = report.byLocale.find((locale) => locale.locale === 'fr')!;
    expect(fr.totals.sections.total).toBe(30);
    expect(report.totals.sections.total).toBe(60);
    expect(report.totals.sections.current).toBe(2);
  });

  it('matches the golden report', () => golden('seeds', report));

  it('prints the status --json shape', () => {
    const printed = JSON.parse(JSON.stringify(report)) as { documents: { source: string; translations: { locale: string; path: string; sections: Record<string, unknown>[] }[] }[] };
    for (const document of printed.documents) {
      for (const translation of document.translations) {
        for (const section of translation.sections) {
          expect(Object.keys(section)).toEqual(expect.arrayContaining(['id', 'heading', 'level', 'state']));
          expect(['current', 'stale', 'missing', 'untranslated']).toContain(section['state']);
        }
      }
    }
  });
});

describe('coverage after adopting the seeds and editing the English', () => {
  const seeds = seedFiles();
  const english = seeds['locales/en/your-data.md']!;
  const french = adoptAt(english, seeds['locales/fr/your-data.md']!, sha(1), config);
  const dutch = adoptAt(english, seeds['locales/nl/your-data.md']!, sha(1), config);
  // A reworded intro, a changed retention period, a new section at the end.
  const edited = `${english
    .replace('These roles are cumulative.', 'These roles add up.')
    .replace('We keep these logs for 6 months.', 'We keep these logs for 3 months.')}\n<Note>\n\n##### Cookie data\n\nWe store no cookies beyond the session cookie needed to keep you logged in.\n\n</Note>\n`;
  const history: CommitInfo[] = [
    { sha: sha(3), date: '2026-03-01T12:00:00Z', message: 'Shorter log retention; cookies', author: 'joost', paths: ['locales/en/your-data.md'] },
    { sha: sha(2), date: '2026-02-01T12:00:00Z', message: 'Fix typo [i18n skip]', author: 'joost' },
    { sha: sha(1), date: '2026-01-01T12:00:00Z', message: 'Initial policy', author: 'joost' },
  ];
  const snapshot: RepositorySnapshot = {
    files: { 'locales/en/your-data.md': edited, 'locales/fr/your-data.md': french, 'locales/nl/your-data.md': dutch },
    history: { 'locales/en/your-data.md': history },
    revision: sha(3),
    now: new Date('2026-03-11T12:00:00Z'),
  };
  const report = coverage(snapshot, config);

  it('marks changed sections stale (also those still in English), new ones missing, and keeps unchanged English untranslated', () => {
    const fr = translationOf(report, 'locales/en/your-data.md', 'fr');
    // The visitor and model sections are mostly English, and the English changed them:
    // stale, with how much is English as its own figure (they read `untranslated` before,
    // so status hid an English change that sync reported).
    expect(states(fr)).toEqual({
      'frontmatter.title': 'untranslated',
      intro: 'stale',
      'visitor-data': 'stale',
      'model-data': 'stale',
      'cookie-data': 'missing',
    });
    const share = Object.fromEntries(fr.sections.map((section) => [section.id, section.englishShare]));
    expect(share['visitor-data']).toBeGreaterThan(0.5);
    expect(share['model-data']).toBeGreaterThan(0.5);
    expect(share['intro']).toBeLessThan(0.5);
    expect(share['cookie-data']).toBe(0);
    expect(fr.totals.englishWords).toBe(fr.sections.reduce((sum, section) => sum + section.englishWords!, 0));
    expect(fr.totals.englishShare).toBeGreaterThan(0.3);
  });

  it('says since when, and how far behind, skipping [i18n skip] commits', () => {
    const intro = translationOf(report, 'locales/en/your-data.md', 'nl').sections.find((section) => section.id === 'intro')!;
    expect(intro.stale).toEqual({ pinnedCommit: sha(1), since: sha(3), commitsBehind: 1, daysBehind: 10 });
    expect(report.byLocale.find((locale) => locale.locale === 'nl')!.oldestStale).toEqual(intro.stale);
    expect(translationOf(report, 'locales/en/your-data.md', 'nl').sourceCommit).toBe(sha(1));
  });

  it('reads stale and missing markers, and is current once re-pinned', () => {
    const parsed = parseDocument(french);
    const withMarkers = insertMarker(insertMarker(french, parsed, { kind: 'missing', section: 'model-data', since: sha(3) }, parsed.sections[2]), parsed, {
      kind: 'stale',
      section: 'frontmatter.title',
      since: sha(3),
    });
    const marked = coverage({ ...snapshot, files: { ...snapshot.files, 'locales/fr/your-data.md': withMarkers } }, config);
    const fr = translationOf(marked, 'locales/en/your-data.md', 'fr');
    expect(states(fr)['model-data']).toBe('missing');
    // The title is still the English one, and marked stale: stale wins, the English share says the rest.
    expect(states(fr)['frontmatter.title']).toBe('stale');
    expect(fr.sections[0]!.englishShare).toBe(1);
    expect(fr.sections[0]!.stale?.since).toBe(sha(3));

    const repinned = adoptAt(edited, french, sha(3), config);
    const after = coverage({ ...snapshot, files: { ...snapshot.files, 'locales/fr/your-data.md': repinned } }, config);
    expect(states(translationOf(after, 'locales/en/your-data.md', 'fr'))['intro']).toBe('current');
  });

  it('matches the golden report', () => golden('seeds-adopted-edited', report));

  it('follows the sync workflow: applySourceChange marks, a translator resolves', () => {
    const synced = applySourceChange(english, edited, french, { sourceCommit: sha(3), frontmatterKeys: config.frontmatterKeys }).text;
    const files = { ...snapshot.files, 'locales/fr/your-data.md': synced };
    const fr = translationOf(coverage({ ...snapshot, files }, config), 'locales/en/your-data.md', 'fr');
    expect(states(fr)).toEqual({
      'frontmatter.title': 'untranslated',
      intro: 'stale',
      'visitor-data': 'stale',
      'model-data': 'stale',
      'cookie-data': 'missing',
    });
    expect(fr.sourceCommit).toBe(sha(3));
    // The translator updates the intro and removes its marker; resolve re-pins it.
    const translated = removeMarkers(synced.replace('Ces rôles sont cumulatifs.', 'Ces rôles s’additionnent.'), (marker) => marker.section !== 'intro');
    const resolved = resolve(edited, translated, { frontmatterKeys: config.frontmatterKeys }).text;
    const after = translationOf(coverage({ ...snapshot, files: { ...files, 'locales/fr/your-data.md': resolved } }, config), 'locales/en/your-data.md', 'fr');
    expect(states(after)['intro']).toBe('current');
    expect(states(after)['cookie-data']).toBe('missing');
  });
});

describe('docs/**/{locale}.md layout', () => {
  const docsConfig = parseConfig({ files: ['docs/**/{locale}.md'], frontmatterKeys: ['title'] });
  const files = {
    'docs/guide/en.md': outdent`
      ---
      title: Getting started
      ---

      Install the app and sign in with your account to start tracking translations.

      ## Configuration {#configuration}

      Write the configuration file at the root of your repository and commit it.

      ## Troubleshooting

      If nothing happens after a push, check that the app has access to the repository.
    `,
    'docs/guide/fr.md': outdent`
      ---
      title: Premiers pas
      ---

      Installez l'application et connectez-vous avec votre compte pour suivre les traductions.

      ## Paramétrage {#configuration}

      Écrivez le fichier de configuration à la racine de votre dépôt et validez-le.

      ## Dépannage

      Si rien ne se passe après un envoi, vérifiez que l'application a accès au dépôt.
    `,
    'docs/guide/de.md': outdent`
      ---
      title: Erste Schritte
      ---

      Installieren Sie die App und melden Sie sich mit Ihrem Konto an, um Übersetzungen zu verfolgen.
    `,
    'docs/old/fr.md': 'Un document sans source anglaise, resté après une réorganisation.\n',
    'docs/README.md': 'Not a document: matches no pattern.\n',
  };
  const report = coverage({ files }, docsConfig);

  it('finds documents per folder and translations beside them', () => {
    expect(report.locales).toEqual(['de', 'fr']);
    expect(report.documents.map((document) => [document.source, document.title])).toEqual([['docs/guide/en.md', 'Getting started']]);
    expect(states(translationOf(report, 'docs/guide/en.md', 'fr'))).toEqual({
      'frontmatter.title': 'current',
      intro: 'current',
      configuration: 'current',
      troubleshooting: 'current',
    });
    expect(states(translationOf(report, 'docs/guide/en.md', 'de'))).toEqual({
      'frontmatter.title': 'current',
      intro: 'current',
      configuration: 'missing',
      troubleshooting: 'missing',
    });
    expect(report.orphans).toEqual([{ locale: 'fr', path: 'docs/old/fr.md', expectedSource: 'docs/old/en.md' }]);
  });

  it('matches the golden report', () => golden('docs-layout', report));
});

describe('bad documents never crash coverage', () => {
  it('reports unreadable frontmatter and pins as invalid, counting the sections missing', () => {
    const files = {
      'locales/en/a.md': '---\ntitle: A policy\n---\n\nWe keep your data for a short while only, then delete it.\n',
      'locales/fr/a.md': '---\ntitle: [unclosed\n---\n\nNous gardons vos données peu de temps, puis nous les supprimons.\n',
      'locales/nl/a.md': '---\ntitle: Een beleid\ni18n: just text\n---\n\nWe bewaren je gegevens maar kort en verwijderen ze daarna.\n',
      'locales/en/b.md': '---\ntitle: [unclosed\n---\n\nBody.\n',
    };
    const report = coverage({ files }, config);
    const a = report.documents.find((document) => document.source === 'locales/en/a.md')!;
    expect(a.translations.map((translation) => [translation.locale, translation.invalid?.line, states(translation)])).toEqual([
      ['fr', 2, { 'frontmatter.title': 'missing', intro: 'missing' }],
      ['nl', 3, { 'frontmatter.title': 'missing', intro: 'missing' }],
    ]);
    const b = report.documents.find((document) => document.source === 'locales/en/b.md')!;
    expect(b.invalid?.line).toBe(2);
    expect(b.translations).toEqual([]);
  });

  it('reports translated sections it cannot align', () => {
    const source = parseDocument('## Data\n\nWe keep your data for 6 months.\n');
    const text = '## Données\n\nNous gardons vos données 6 mois.\n\n### Annexe ajoutée\n\nUne section qui n’existe pas en anglais, avec 42 éléments.\n\n### Sous-annexe\n\nEncore une autre section sans équivalent anglais.\n';
    const result = translationCoverage({ source, locale: 'fr', translationPath: 'locales/fr/a.md', translationText: text, config });
    expect(result.sections.map((section) => section.state)).toEqual(['current']);
    expect(result.unaligned.map((section) => section.heading)).toEqual(['Annexe ajoutée', 'Sous-annexe']);
  });

  it('uses the parse hook for every file', () => {
    const parsed: string[] = [];
    coverage({ files: seedFiles() }, config, {
      parse: (text) => {
        parsed.push(text.slice(0, 20));
        return parseDocument(text, { frontmatterKeys: config.frontmatterKeys });
      },
    });
    // 2 English documents, 2 existing translations (the missing ones are not parsed).
    expect(parsed).toHaveLength(4);
  });
});

describe('untranslated text, found cheaply or judged', () => {
  const english = outdent`
    ## Logs

    Your IP address is logged on our backend systems. We use these logs only to diagnose problems.

    ## Retention

    We keep profile data up to 12 months after your last login, or until you remove it.
  `;
  const source = parseDocument(english);
  const pinsFor = (commit: string) => ({ commit, sections: Object.fromEntries(source.sections.map((section) => [section.id, section.hash])) });
  const french = (retention: string) => `## Journaux\n\nVotre adresse IP est enregistrée sur nos serveurs. Nous utilisons ces journaux uniquement pour diagnostiquer les problèmes.\n\n## Conservation\n\n${retention}\n`;
  const run = (text: string) =>
    Object.fromEntries(translationCoverage({ source, locale: 'fr', translationPath: 'fr.md', translationText: text, config }).sections.map((section) => [section.id, section.state]));

  it('finds English left in place in a pinned, current section', () => {
    const text = writePins(french('We keep profile data up to 12 months after your last login, or until you remove it.'), pinsFor(sha(1)));
    expect(run(text)).toEqual({ logs: 'current', retention: 'untranslated' });
  });

  it('judges English that is not verbatim in a translation without pins', () => {
    // Older English wording: no verbatim fragment, but the words are the English document's.
    expect(run(french('We keep your profile data for up to 12 months after you last logged in, or until you remove it.'))).toEqual({
      logs: 'current',
      retention: 'untranslated',
    });
  });

  it('keeps a translated pinned section current without asking the detector', () => {
    const text = writePins(french('Nous conservons les données de profil 12 mois après votre dernière connexion, ou jusqu’à ce que vous les supprimiez.'), pinsFor(sha(1)));
    expect(run(text)).toEqual({ logs: 'current', retention: 'current' });
  });
});

describe('properties', () => {
  const line = fc.oneof(
    fc.constantFrom('# Title', '## Data', '### Logs {#logs}', '$#### Broken', '---', 'title: x', 'i18n: 3', '```', '<Note>', '', '- item [link](#data)', 'We keep data for 6 months.', 'Nous gardons les données 6 mois.', formatMarkerLine()),
    fc.string({ maxLength: 20 }),
  );
  const doc = fc.array(line, { maxLength: 12 }).map((lines) => lines.join('\n'));

  it('never throws, and tallies add up, whatever the documents', () => {
    fc.assert(
      fc.property(doc, doc, doc, (english, french, orphan) => {
        const files = { 'locales/en/a.md': english, 'locales/fr/a.md': french, 'locales/fr/b.md': orphan };
        const report = coverage({ files }, config);
        for (const document of report.documents) {
          for (const translation of document.translations) {
            const { sections, words } = translation.totals;
            expect(sections.current + sections.stale + sections.missing + sections.untranslated).toBe(sections.total);
            expect(words.current + words.stale + words.missing + words.untranslated).toBe(words.total);
            expect(sections.total).toBe(translation.sections.length);
          }
        }
        expect(report.totals.sections.percent).toBeGreaterThanOrEqual(0);
        expect(report.totals.sections.percent).toBeLessThanOrEqual(100);
      }),
      { numRuns: 300 },
    );
  });
});

function formatMarkerLine(): string {
  return '<!-- i18n-drift:stale section="data" since="abc1234" -->';
}

describe('document titles', () => {
  const config = parseConfig({ files: ['docs/**/{locale}.md'], frontmatterKeys: [] });
  const titleOf = (text: string) => coverage({ files: { 'docs/a/en.md': text } }, config).documents[0]!.title;

  it('is the frontmatter title, even when the title is not a translated key', () => {
    expect(titleOf('---\ntitle: "  Fabric options "\n---\n\n## Step 1: Close seams\n')).toBe('Fabric options');
  });

  it('is never a heading from the text: without a frontmatter title there is none (pages show the path)', () => {
    expect(titleOf('# Aaron A-shirt\n\n## Step 1: Close seams\n')).toBeNull();
    expect(titleOf('---\ntitle:Fabric options\n---\n\n## Step 1\n')).toBeNull(); // a YAML string, not a mapping
    expect(titleOf('---\ntitle: 42\n---\n\n## Step 1\n')).toBeNull();
  });
});

describe('golden files', () => {
  it('a missing golden file fails outside UPDATE=1 (and is not written)', () => {
    const update = process.env['UPDATE'];
    delete process.env['UPDATE'];
    try {
      expect(() => golden('no-such-golden', {})).toThrow(/is missing: run with UPDATE=1/);
    } finally {
      if (update !== undefined) process.env['UPDATE'] = update;
    }
  });
});

describe('mergeCoverage', () => {
  // The seeds and a folder layout with an orphan: documents of several sources, locales with and without files.
  const cases = {
    seeds: { files: seedFiles(), config },
    'docs layout': {
      config: parseConfig({ files: ['docs/**/{locale}.md'], frontmatterKeys: ['title'] }),
      files: {
        'docs/a/en.md': '# A\n\nFirst document, in English.\n\n## Two\n\nMore text here.\n',
        'docs/a/fr.md': '# A\n\nPremier document, en français.\n',
        'docs/b/en.md': '---\ntitle: B\n---\n\nSecond document.\n',
        'docs/b/de.md': '---\ntitle: Bee\n---\n\nZweites Dokument.\n',
        'docs/c/en.md': 'Third.\n',
        'docs/gone/fr.md': 'Sans source.\n',
        'docs/gone/nl.md': 'Zonder bron.\n',
      },
    },
  };

  for (const [name, { files, config: caseConfig }] of Object.entries(cases)) {
    it(`gives the report of the whole snapshot from parts split by document, in any order (${name})`, () => {
      const whole = coverage({ files, revision: 'r1' }, caseConfig);
      const paths = Object.keys(files);
      const locales = targetLocales(paths, caseConfig);
      const keys = [...new Set(paths.flatMap((path) => documentOf(path, caseConfig)?.key ?? []))];
      fc.assert(
        fc.property(fc.array(fc.nat(3), { minLength: keys.length, maxLength: keys.length }), fc.boolean(), (owners, reverse) => {
          // Each document (its English and its translations, or an orphan's files) goes to one part.
          const partFiles: Record<string, string>[] = [{}, {}, {}, {}];
          for (const path of paths) {
            const key = documentOf(path, caseConfig)?.key;
            if (key !== undefined) partFiles[owners[keys.indexOf(key)]!]![path] = files[path as keyof typeof files];
          }
          const parts = partFiles.map((part) => markdownCoverage({ files: part, revision: 'r1' }, caseConfig, locales));
          if (reverse) parts.reverse();
          expect(JSON.stringify(mergeCoverage(parts, caseConfig, { locales, revision: 'r1' }))).toBe(JSON.stringify(whole));
        }),
        { numRuns: 30 },
      );
    });
  }

  it('rolls up nothing to zero totals, one entry per locale', () => {
    const report = mergeCoverage([], config, { locales: ['fr'], revision: null });
    expect(report.documents).toEqual([]);
    expect(report.byLocale.map((entry) => entry.locale)).toEqual(['fr']);
    expect(report.totals).toEqual(coverage({ files: {} }, config).totals);
  });
});
