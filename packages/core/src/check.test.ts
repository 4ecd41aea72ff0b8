import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { outdent } from 'outdent';
import fc from 'fast-check';
import { parseDocument } from '@i18n-drift/sections';
import { brokenAnchors, checkRepository, checkTranslation, FINDING_CODES, type Finding } from './check.js';
import { adopt } from './adopt.js';
import { parseConfig } from './config.js';
import { formatMarker } from './stale-marker.js';
import { compareWithBaseline, createBaseline } from './check-baseline.js';

const LOCALES = new URL('../../../locales/', import.meta.url);
const seed = (path: string) => readFileSync(new URL(path, LOCALES), 'utf8');
const config = parseConfig({});
const summary = (findings: Finding[]) => findings.map((item) => `${item.severity} ${item.code} ${item.path}:${item.line} ${JSON.stringify(item.params)}`);

describe('checkTranslation on the seeds', () => {
  it('reports the French #profile-data link and the $#### line that breaks it', () => {
    const findings = checkTranslation({
      sourcePath: 'locales/en/your-data.md',
      source: seed('en/your-data.md'),
      translationPath: 'locales/fr/your-data.md',
      translation: seed('fr/your-data.md'),
      config,
    });
    expect(summary(findings)).toEqual([
      'error broken-anchor locales/fr/your-data.md:8 {"anchor":"profile-data"}',
      'error broken-heading locales/fr/your-data.md:32 {"text":"$#### Profile data"}',
    ]);
    expect(findings[0]!.message).toBe('The link to "#profile-data" points at no heading or id in this file.');
  });

  it('reports the same for the Dutch seed (its links to #visitor-data and #model-data resolve)', () => {
    const findings = checkTranslation({
      sourcePath: 'locales/en/your-data.md',
      source: seed('en/your-data.md'),
      translationPath: 'locales/nl/your-data.md',
      translation: seed('nl/your-data.md'),
      config,
    });
    expect(findings.map((item) => [item.code, item.line])).toEqual([
      ['broken-anchor', 8],
      ['broken-heading', 32],
    ]);
  });
});

describe('checkTranslation findings', () => {
  const source = outdent`
    ---
    title: Data we keep
    ---

    We keep as little as we can.

    ## Logs

    We keep logs for 6 months. See [retention](#retention).

    ## Retention {#retention}

    After 12 months we delete everything.
  `;
  const check = (translation: string) => checkTranslation({ sourcePath: 'docs/en.md', source, translationPath: 'docs/fr.md', translation, config: parseConfig({ files: ['docs/{locale}.md'] }) });

  it('is clean for a complete translation, with translated slugs and explicit ids', () => {
    expect(
      check(outdent`
        ---
        title: Les données que nous gardons
        ---

        Nous gardons aussi peu que possible.

        ## Journaux

        Nous gardons les journaux 6 mois. Voir [conservation](#retention) et [journaux](#journaux), [haut](#top).

        ## Conservation {#retention}

        Après 12 mois, nous supprimons tout.
      `),
    ).toEqual([]);
  });

  it('reports unresolved markers, unknown markers, unaligned sections and broken anchors', () => {
    const findings = check(outdent`
      ---
      title: Les données que nous gardons
      ---

      Nous gardons aussi peu que possible.

      ## Journaux
      ${formatMarker({ kind: 'stale', section: 'logs', since: 'a'.repeat(40) })}

      Nous gardons les journaux 6 mois. Voir [conservation](#conservation).

      ## Conservation {#retention}
      ${formatMarker({ kind: 'missing', section: 'retention', since: null })}
      ${formatMarker({ kind: 'stale', section: 'gone', since: null })}

      Après 12 mois, nous supprimons tout. \`[pas un lien](#code)\`

      ### Annexe propre à la traduction

      Une section ajoutée seulement en français.

      \`\`\`md
      [dans du code](#nulle-part)
      \`\`\`
    `);
    expect(summary(findings)).toEqual([
      'error stale-section docs/fr.md:8 {"section":"logs","since":"' + 'a'.repeat(40) + '"}',
      'error broken-anchor docs/fr.md:10 {"anchor":"conservation"}',
      'error missing-section docs/fr.md:13 {"section":"retention","since":null}',
      'warning unknown-marker docs/fr.md:14 {"kind":"stale","section":"gone"}',
      'error unaligned-section docs/fr.md:18 {"heading":"Annexe propre à la traduction","id":"annexe-propre-à-la-traduction"}',
    ]);
    expect(findings[0]!.message).toBe('Section "logs" is marked stale: the English changed and the translation waits for an update.');
  });

  it('reports unreadable frontmatter and pins instead of throwing', () => {
    const bad = check('---\ntitle: [oops\n---\n\nTexte.\n');
    expect(bad.map((item) => [item.code, item.severity, item.line])).toEqual([['invalid-frontmatter', 'error', 2]]);
    expect(bad[0]!.params['reason']).toMatch(/YAML/);
    const badPins = check('---\ntitle: Données\ni18n: 42\n---\n\nNous gardons aussi peu que possible.\n');
    expect(badPins.map((item) => [item.code, item.line])).toEqual([['invalid-frontmatter', 3]]);
  });
});

describe('brokenAnchors', () => {
  it('accepts heading slugs, explicit ids, HTML ids, nested headings and user-content- prefixes', () => {
    const text = outdent`
      # Über uns

      <a id="legacy-anchor"></a>

      - ## Nested heading in a list

      [a](#über-uns) [b](#legacy-anchor) [c](#nested-heading-in-a-list) [d](#user-content-über-uns) [e](#%C3%BCber-uns)
      [f](#nope "title") <a href="#also-nope">g</a>

      [ref]: #missing-ref
    `;
    expect(brokenAnchors(text, parseDocument(text))).toEqual([
      { anchor: 'nope', line: 8 },
      { anchor: 'also-nope', line: 8 },
      { anchor: 'missing-ref', line: 10 },
    ]);
  });
});

describe('checkRepository', () => {
  const files: Record<string, string> = {};
  for (const locale of readdirSync(LOCALES)) {
    for (const name of readdirSync(new URL(`${locale}/`, LOCALES))) files[`locales/${locale}/${name}`] = seed(`${locale}/${name}`);
  }

  it('fails on the seeds: broken headings and anchors in English and translations, the orphan privacy.md', () => {
    const result = checkRepository({ files }, config);
    expect(result.ok).toBe(false);
    expect(result.findings.map((item) => `${item.code} ${item.path}:${item.line}`)).toEqual([
      'broken-anchor locales/en/your-data.md:8',
      'broken-heading locales/en/your-data.md:32',
      'orphan-document locales/fr/privacy.md:0',
      'broken-anchor locales/fr/your-data.md:8',
      'broken-heading locales/fr/your-data.md:32',
      'broken-anchor locales/nl/your-data.md:8',
      'broken-heading locales/nl/your-data.md:32',
    ]);
  });

  it('turns stale markers into warnings under --max-stale and fails beyond it', () => {
    const clean = {
      'locales/en/a.md': '## Logs\n\nWe keep logs for 6 months.\n\n## Data\n\nWe keep data for 12 months.\n',
      'locales/fr/a.md': `## Journaux\n${formatMarker({ kind: 'stale', section: 'logs', since: null })}\n\nNous gardons les journaux 6 mois.\n\n## Données\n${formatMarker({ kind: 'stale', section: 'data', since: null })}\n\nNous gardons les données 12 mois.\n`,
    };
    expect(checkRepository({ files: clean }, config).ok).toBe(false);
    const within = checkRepository({ files: clean }, config, { maxStale: 2 });
    expect(within.ok).toBe(true);
    expect(within.findings.map((item) => [item.code, item.severity])).toEqual([
      ['stale-section', 'warning'],
      ['stale-section', 'warning'],
    ]);
    const beyond = checkRepository({ files: clean }, config, { maxStale: 1 });
    expect(beyond.ok).toBe(false);
    expect(beyond.findings[0]).toMatchObject({ code: 'too-many-stale', severity: 'error', path: '', params: { count: 2, max: 1 } });
  });
});

describe('check strings', () => {
  it('has an English, French and Dutch string for every finding code, with the same placeholders', () => {
    const resources = Object.fromEntries(
      ['en', 'fr', 'nl'].map((lng) => [lng, (JSON.parse(seed(`${lng}/i18n-drift.json`)) as { check: Record<string, string> }).check]),
    );
    const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();
    for (const code of FINDING_CODES) {
      const english = resources['en']![code]!;
      expect(english, code).toBeTypeOf('string');
      for (const lng of ['fr', 'nl']) {
        const text = resources[lng]![code]!;
        expect(text, `${lng} ${code}`).toBeTypeOf('string');
        expect(text).not.toBe(english);
        expect(placeholders(text), `${lng} ${code}`).toEqual(placeholders(english));
      }
    }
  });

  it('builds the same English message as the en strings', () => {
    const english = (JSON.parse(seed('en/i18n-drift.json')) as { check: Record<string, string> }).check;
    const result = checkRepository(
      {
        files: {
          'locales/en/a.md': '---\ntitle: A\n---\n\n## Logs\n\nSee [x](#nowhere).\n\n$## Broken\n\n##\n\n## Logs\n\n```\nnever closed\n',
          'locales/fr/a.md': `## Journaux\n${formatMarker({ kind: 'stale', section: 'logs', since: null })}\n${formatMarker({ kind: 'missing', section: 'gone', since: null })}\n\nTexte.\n\n### Annexe\n\nTexte en plus.\n\n<!-- i18n-drift:stale section="logs" since="abc1234"\n`,
          'locales/fr/b.md': '---\ntitle: [oops\n---\n',
        },
      },
      config,
      { maxStale: 0, coverage: { documents: [{ translations: [{ path: 'locales/fr/a.md', sourceCommit: 'abcdef1234', sections: [{ id: 'other', heading: 'Other', state: 'stale' }] }] }] } as never },
    );
    const codes = new Set(result.findings.map((item) => item.code));
    expect([...codes].sort()).toEqual(FINDING_CODES.filter((code) => code !== 'missing-section').sort());
    for (const item of result.findings) {
      const rendered = english[item.code]!.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(item.params[name]));
      expect(item.message).toBe(rendered);
    }
  });
});

describe('checkRepository with the coverage status computes', () => {
  const files = {
    'locales/en/a.md': '# A\n\nText.\n\n## Logs\n\nSix months.\n\n## Cookies\n\nNone.\n',
    'locales/fr/a.md': `# A\n\nTexte.\n\n## Journaux\n${formatMarker({ kind: 'stale', section: 'logs', since: 'abc1234' })}\n\nSix mois.\n\n## Cookies\n\nAucun.\n`,
  };
  const section = (id: string, heading: string, state: string) => ({ id, heading, level: 2, state, words: 2, stale: state === 'stale' ? { pinnedCommit: 'abcdef1234', since: null, commitsBehind: 1, daysBehind: 0 } : undefined });
  const coverage = {
    documents: [
      {
        translations: [
          { path: 'locales/fr/a.md', exists: true, sourceCommit: 'abcdef1234', sections: [section('a', 'A', 'current'), section('logs', 'Logs', 'stale'), section('cookies', 'Cookies', 'stale')] },
        ],
      },
    ],
  } as never;

  it('a stale section no marker says yet (English changed since the pin, not synced) fails like a marker; a marked one is reported once', () => {
    const result = checkRepository({ files }, config, { coverage });
    expect(result.ok).toBe(false);
    expect(result.findings.filter((f) => f.path === 'locales/fr/a.md').map((f) => [f.code, f.severity, f.params['section'], f.line])).toEqual([
      ['stale-section', 'error', 'logs', 6],
      ['unsynced-section', 'error', 'Cookies', 10],
    ]);
    expect(result.findings.find((f) => f.code === 'unsynced-section')!.message).toBe(`Section "Cookies" is stale: the English changed since the translation's pin (abcdef1); the next sync marks it.`);
  });

  it('each is reported at its translated heading (a frontmatter field at its key), one without a counterpart for the whole file', () => {
    const english = '---\ntitle: Privacy\n---\n# Privacy\n\nIntro.\n\n## Logs\n\nSix months.\n\n## Cookies\n\nNone.\n';
    const french = adopt(english, '---\ntitle: Confidentialité\n---\n# Confidentialité\n\nIntro.\n\n## Journaux\n\nSix mois.\n\n## Témoins\n\nAucun.\n', { sourceCommit: 'abcdef1234' }).text;
    const changed = english.replace('Privacy\n---', 'Privacy notice\n---').replace('Six months', 'Twelve months').replace('None.', 'None at all.') + '\n## Gone\n\nText.\n';
    const lineOf = (text: string, start: string) => text.split('\n').findIndex((l) => l.startsWith(start)) + 1;
    const report = {
      documents: [{ translations: [{ path: 'locales/fr/a.md', exists: true, sourceCommit: 'abcdef1234', sections: [section('frontmatter.title', 'title', 'stale'), section('logs', 'Logs', 'stale'), section('cookies', 'Cookies', 'stale'), section('gone', 'Gone', 'stale')] }] }],
    } as never;
    const result = checkRepository({ files: { 'locales/en/a.md': changed, 'locales/fr/a.md': french } }, config, { coverage: report });
    const lines = Object.fromEntries(result.findings.filter((f) => f.code === 'unsynced-section').map((f) => [f.params['id'], f.line]));
    expect(lineOf(french, '## Témoins')).toBeGreaterThan(lineOf(french, '## Journaux'));
    expect(lines).toEqual({ 'frontmatter.title': lineOf(french, 'title:'), logs: lineOf(french, '## Journaux'), cookies: lineOf(french, '## Témoins'), gone: 0 });
    expect(lines['frontmatter.title']).toBeGreaterThan(1);
  });

  it('a section English added that no sync inserted yet fails as the missing-section its marker will be, for the whole file; an inserted one is reported once', () => {
    const english = files['locales/en/a.md'] + '\n## Rights\n\nAsk us.\n\n## Contact\n\nWrite.\n';
    const french = files['locales/fr/a.md'] + `\n## Rights\n${formatMarker({ kind: 'missing', section: 'rights', since: 'abc1234' })}\n\nAsk us.\n`;
    const report = {
      documents: [{ translations: [{ path: 'locales/fr/a.md', exists: true, sourceCommit: 'abcdef1234', sections: [section('a', 'A', 'current'), section('logs', 'Logs', 'stale'), section('cookies', 'Cookies', 'current'), section('rights', 'Rights', 'missing'), section('contact', 'Contact', 'missing')] }] }],
    } as never;
    const result = checkRepository({ files: { 'locales/en/a.md': english, 'locales/fr/a.md': french } }, config, { coverage: report });
    expect(result.ok).toBe(false);
    const missing = result.findings.filter((f) => f.code === 'missing-section').map((f) => [f.params['section'], f.line, f.severity]);
    expect(missing).toEqual([
      ['contact', 0, 'error'],
      ['rights', french.split('\n').findIndex((l) => l.includes('i18n-drift:missing')) + 1, 'error'],
    ]);
    expect(result.findings.find((f) => f.params['section'] === 'contact')!.message).toBe('Section "contact" is missing: it was added in English and is not translated yet.');
    // A baseline written before the sync still accepts the marker the sync writes.
    const before = createBaseline(result.findings);
    const synced = french + `\n## Contact\n${formatMarker({ kind: 'missing', section: 'contact', since: 'abc1234' })}\n\nWrite.\n`;
    const after = checkRepository({ files: { 'locales/en/a.md': english, 'locales/fr/a.md': synced } }, config, { coverage: report });
    expect(after.findings.filter((f) => f.code === 'missing-section').map((f) => f.line).every((line) => line > 0)).toBe(true);
    expect(compareWithBaseline(after.findings, before)).toMatchObject({ fresh: [], ok: true });
  });

  it('--max-stale counts them with the marked ones', () => {
    expect(checkRepository({ files }, config, { coverage, maxStale: 2 }).ok).toBe(true);
    const over = checkRepository({ files }, config, { coverage, maxStale: 1 });
    expect(over.findings.filter((f) => f.code === 'unsynced-section' || f.code === 'stale-section').map((f) => f.severity)).toEqual(['warning', 'warning']);
    expect(over.findings.find((f) => f.code === 'too-many-stale')!.params).toEqual({ count: 2, max: 1 });
  });
});

describe('checkRepository properties', () => {
  it('never throws and reports every finding with a known code and a line', () => {
    const line = fc.oneof(
      fc.constantFrom('# Title', '## Data', '$#### Broken', '---', 'title: [x', 'i18n: 3', '```', '[a](#nowhere)', '##', '<!-- i18n-drift:missing section="data" -->'),
      fc.string({ maxLength: 20 }),
    );
    const doc = fc.array(line, { maxLength: 10 }).map((lines) => lines.join('\n'));
    fc.assert(
      fc.property(doc, doc, (english, french) => {
        const result = checkRepository({ files: { 'locales/en/a.md': english, 'locales/fr/a.md': french } }, config);
        for (const item of result.findings) {
          expect(FINDING_CODES).toContain(item.code);
          expect(item.line).toBeGreaterThanOrEqual(0);
          expect(item.message.length).toBeGreaterThan(0);
        }
        expect(result.ok).toBe(!result.findings.some((item) => item.severity === 'error'));
      }),
      { numRuns: 300 },
    );
  });
});
