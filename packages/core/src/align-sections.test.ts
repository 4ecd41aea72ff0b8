import { describe, expect, it } from 'vitest';
import { outdent } from 'outdent';
import { parseDocument } from '@i18n-drift/sections';
import { alignDocument } from './align-sections.js';
import { adopt } from './adopt.js';
import { readPins } from './pins.js';
import { formatMarker } from './stale-marker.js';

const align = (en: string, tr: string) => alignDocument(parseDocument(en), parseDocument(tr), readPins(tr));
const summary = (en: string, tr: string) => align(en, tr).pairs.map((p) => [p.sourceId, p.translationId, p.method]);

const english = outdent`
  ---
  title: Privacy
  ---

  Read about [cookies](#cookies) and [logs](#server-logs).

  ## Cookies

  We set 2 cookies.

  ### Analytics cookies

  Kept for 13 months.

  ## Server logs

  Deleted after 30 days.
` + '\n';

describe('alignDocument', () => {
  it('aligns translated headings by in-page links, then structure and numbers', () => {
    const fr = outdent`
      ---
      title: Confidentialité
      ---

      Lisez [témoins](#témoins) et [journaux](#journaux-serveur).

      ## Témoins

      Nous posons 2 témoins.

      ### Témoins de mesure

      Gardés 13 mois.

      ## Journaux serveur

      Supprimés après 30 jours.
    ` + '\n';
    const result = align(english, fr);
    expect(result.pairs.map((p) => [p.sourceId, p.translationId, p.method])).toEqual([
      ['frontmatter.title', 'frontmatter.title', 'id'],
      ['intro', 'intro', 'id'],
      ['cookies', 'témoins', 'anchor'],
      ['analytics-cookies', 'témoins-de-mesure', 'landmark'],
      ['server-logs', 'journaux-serveur', 'anchor'],
    ]);
    expect(result.unalignedTranslation).toEqual([]);
    expect(result.unalignedSource).toEqual([]);
  });

  it('reports a section the translator added instead of guessing', () => {
    const nl = outdent`
      Lees over [cookies](#cookies-nl).

      ## Cookies nl

      We plaatsen 2 cookies.

      ### Analytische cookies

      13 maanden bewaard.

      ### Opmerking van de vertaler

      Geen Engelse tegenhanger.

      ## Serverlogs

      Na 30 dagen verwijderd.
    ` + '\n';
    const result = align(english, nl);
    expect(result.pairs.map((p) => [p.sourceId, p.translationId])).toEqual([
      ['intro', 'intro'],
      ['cookies', 'cookies-nl'],
      ['analytics-cookies', 'analytische-cookies'],
      ['server-logs', 'serverlogs'],
    ]);
    expect(result.unalignedTranslation).toEqual([{ translationIndex: 3, translationId: 'opmerking-van-de-vertaler', heading: 'Opmerking van de vertaler', line: 11 }]);
    expect(result.unalignedSource).toEqual(['frontmatter.title']);
  });

  it('leaves sections unaligned when levels differ and nothing else matches', () => {
    const en = '## A\n\nText.\n\n## B\n\nMore.\n';
    const tr = '#### X\n\nTexte.\n\n#### Y\n\nPlus.\n\n#### Z\n\nEncore.\n';
    const result = align(en, tr);
    expect(result.pairs).toEqual([]);
    expect(result.unalignedSource).toEqual(['a', 'b']);
    expect(result.unalignedTranslation.map((u) => u.translationId)).toEqual(['x', 'y', 'z']);
  });

  it('skips a section the translation lacks, using code and numbers as landmarks', () => {
    const en = '## Install\n\nRun `npm ci` on Node 20.\n\n## Configure\n\nEdit `.github/i18n-drift.yml`.\n\n## Limits\n\nUp to 1000 files.\n';
    const tr = '## Installer\n\nLancez `npm ci` sur Node 20.\n\n## Limites\n\nJusqu’à 1000 fichiers.\n';
    const result = align(en, tr);
    expect(result.pairs.map((p) => [p.sourceId, p.translationId, p.method])).toEqual([
      ['install', 'installer', 'landmark'],
      ['limits', 'limites', 'landmark'],
    ]);
    expect(result.unalignedSource).toEqual(['configure']);
  });

  it('honours explicit ids and identical slugs', () => {
    const en = '## Data\n\nx\n\n## Rights {#rights}\n\ny\n';
    const tr = '## Data\n\nx fr\n\n## Vos droits {#rights}\n\ny fr\n';
    expect(summary(en, tr)).toEqual([
      ['data', 'data', 'id'],
      ['rights', 'rights', 'id'],
    ]);
  });

  it('uses pins for translated headings, and markers do not break alignment', () => {
    const en = '## One\n\nFirst.\n\n## Two\n\nSecond.\n\n## Three\n\nThird.\n';
    const tr = '## Un\n\nPremier.\n\n## Deux\n\nDeuxième.\n\n## Trois\n\nTroisième.\n';
    const pinned = adopt(en, tr, { sourceCommit: 'c0' }).text;
    expect(Object.keys(readPins(pinned)!.sections)).toEqual(['one', 'two', 'three']);
    expect(summary(en, pinned).map(([, , m]) => m)).toEqual(['pin', 'pin', 'pin']);
    // A marker and an extra translated section: the marker anchors "Deux", the pins the gap
    // before it, structure the gap after it (where the extra "Note" is reported).
    const marked = pinned
      .replace('## Deux\n', `## Deux\n${formatMarker({ kind: 'stale', section: 'two', since: 'c1' })}\n`)
      .replace('## Trois', '## Note\n\nRemarque.\n\n## Trois');
    const result = align(en, marked);
    expect(result.pairs.map((p) => [p.sourceId, p.translationId, p.method])).toEqual([
      ['one', 'un', 'pin'],
      ['two', 'deux', 'pin'],
      ['three', 'trois', 'structure'],
    ]);
    expect(result.unalignedTranslation.map((u) => u.translationId)).toEqual(['note']);
  });

  it('ignores an intro made only of markers (frontmatter markers in a file without intro)', () => {
    const en = '---\ntitle: T\n---\n## A\n\nx\n';
    const tr = `---\ntitle: T fr\n---\n${formatMarker({ kind: 'stale', section: 'frontmatter.title', since: null })}\n## A\n\nx fr\n`;
    const result = align(en, tr);
    expect(result.pairs.map((p) => p.sourceId)).toEqual(['frontmatter.title', 'a']);
    expect(result.unalignedTranslation).toEqual([]);
  });

  it('aligns 10,000 translated headings without pins (gap split by unique numbers)', () => {
    const n = 10_000;
    const en = Array.from({ length: n }, (_, k) => `## Section ${k}\n\nKeep for ${k * 7 + 1000} days.\n`).join('\n');
    const tr = Array.from({ length: n }, (_, k) => (k === 5000 ? '## Ajout\n\nSans équivalent.\n\n' : '') + `## Partie ${k}\n\nGarder ${k * 7 + 1000} jours.\n`).join('\n');
    const result = align(en, tr);
    expect(result.pairs).toHaveLength(n);
    expect(result.pairs.every((p) => p.sourceId === `section-${p.translationId.slice('partie-'.length)}`)).toBe(true);
    expect(result.unalignedTranslation.map((u) => u.translationId)).toEqual(['ajout']);
  });
});

describe('a translator\'s extra section among translated headings', () => {
  it('is the one left unaligned: shared word stems break the structural tie', () => {
    const en = '# Policy\n\nIntro text here.\n\n## Data we collect\n\nWe collect your name and email.\n\n## How long we keep it\n\nWe keep it for one year.\n\n## Contact\n\nWrite to privacy@example.com.\n';
    const fr = '# Politique\n\nTexte d’introduction.\n\n## Données collectées\n\nNous collectons votre nom et votre e-mail.\n\n## Note du traducteur\n\nCette traduction est fournie à titre indicatif.\n\n## Durée de conservation\n\nNous les conservons un an.\n\n## Contact\n\nÉcrivez à privacy@example.com.\n';
    const alignment = alignDocument(parseDocument(en), parseDocument(fr), null);
    expect(alignment.pairs.map((p) => [p.sourceId, p.translationId])).toEqual([
      ['policy', 'politique'],
      ['data-we-collect', 'données-collectées'],
      ['how-long-we-keep-it', 'durée-de-conservation'],
      ['contact', 'contact'],
    ]);
    expect(alignment.unalignedTranslation.map((u) => u.heading)).toEqual(['Note du traducteur']);
  });
});

describe('duplicate headings keep their order', () => {
  const en = outdent`
    # Boots

    ## Lacing

    Thread the lace through all 12 eyelets.

    ### Mind your eyelets

    Never pull the lace through a bent eyelet.

    ## Cleaning

    Brush the leather once a week.

    ### Mind your eyelets

    Dry metal eyelets at once, or they rust.
  ` + '\n';
  // The first "Mind your eyelets" is translated, the second left in English: its slug
  // (mind-your-eyelets) is the English *first* one's.
  const fr = outdent`
    # Bottes

    ## Laçage

    Passez le lacet dans les 12 œillets.

    ### Attention aux œillets

    Ne tirez jamais le lacet dans un œillet tordu.

    ## Nettoyage

    Brossez le cuir une fois par semaine.

    ### Mind your eyelets

    Séchez tout de suite les œillets en métal, sinon ils rouillent.
  ` + '\n';

  it('never matches the translation’s second one to the English first one when an in-order alignment exists', () => {
    expect(summary(en, fr).map(([source, translation]) => [source, translation])).toEqual([
      ['boots', 'bottes'],
      ['lacing', 'laçage'],
      ['mind-your-eyelets', 'attention-aux-œillets'],
      ['cleaning', 'nettoyage'],
      ['mind-your-eyelets-1', 'mind-your-eyelets'],
    ]);
  });

  it('adopt pins each to its own English section, so sync keeps each text in its place', () => {
    const { text, alignment } = adopt(en, fr, { sourceCommit: 'c1' });
    expect(alignment.unalignedTranslation).toEqual([]);
    const source = parseDocument(en);
    const pins = readPins(text)!;
    expect(pins.sections['mind-your-eyelets']).toBe(source.sections.find((s) => s.id === 'mind-your-eyelets')!.hash);
    expect(Object.keys(pins.sections)).toEqual(['boots', 'lacing', 'mind-your-eyelets', 'cleaning', 'mind-your-eyelets-1']);
  });
});

describe('alignments remembered per parse and pins', () => {
  const translation = outdent`
    Lisez [les cookies](#cookies).

    ## Témoins

    Deux.
  ` + '\n';

  it('gives the same answer for the same parses and pins, and its own for other pins or another text', () => {
    const en = parseDocument(english);
    const tr = parseDocument(translation);
    const first = alignDocument(en, tr, null);
    expect(alignDocument(en, tr, null)).toBe(first);
    const pinned = { commit: 'abc', sections: { intro: 'x', cookies: 'y' } };
    const withPins = alignDocument(en, tr, pinned);
    expect(withPins).toEqual(alignDocument(en, tr, { commit: 'abc', sections: { intro: 'x', cookies: 'y' } }));
    // Pin order is evidence: the same pins in another order are other pins.
    const reordered = alignDocument(en, tr, { commit: 'abc', sections: { cookies: 'y', intro: 'x' } });
    expect(reordered).not.toBe(withPins);
    // Another translation text is aligned on its own.
    const edited = parseDocument(translation.replace('## Témoins', '## Journaux'));
    expect(alignDocument(en, edited, null).pairs.map((p) => p.translationId)).not.toEqual(first.pairs.map((p) => p.translationId));
  });
});
