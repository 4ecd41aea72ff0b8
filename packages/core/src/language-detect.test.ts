import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { detect } from 'tinyld';
import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language-detect.js';
import { sample, sentences } from './language-samples.js';
import { proseUnits } from './language.js';

// tinyld is the reference: the port must give its answer for every text and language list.
const tinyld = (text: string, only: string[] | undefined) => detect(text, only ? { only } : undefined);

/**
 * The language lists language.ts passes (source and target; none when the target is a
 * language tinyld does not know, e.g. sw), and a few it does not (ISO 639-3 codes,
 * codes tinyld does not know) that tinyld still answers.
 */
const ONLY: (string[] | undefined)[] = [
  ...['fr', 'nl', 'de', 'es', 'it', 'pt', 'sv', 'pl', 'ru', 'tr', 'ja'].map((target) => ['en', target]),
  ['fr', 'en'],
  undefined,
  ['eng', 'fra'],
  ['en', 'xx'],
  ['xx'],
];

const localesDir = new URL('../../../locales/', import.meta.url);
const seeds = readdirSync(localesDir, { recursive: true, encoding: 'utf8' })
  .filter((path) => path.endsWith('.md'))
  .map((path) => readFileSync(new URL(path, localesDir), 'utf8'));

describe('detectLanguage', () => {
  it('answers as tinyld on every piece of the seeds language.ts asks about', () => {
    const pieces = new Set<string>();
    for (const seed of seeds) {
      for (const unit of proseUnits(seed)) {
        pieces.add(unit.text);
        for (const sentence of sentences(unit.text)) pieces.add(sentence).add(sample(sentence));
      }
    }
    expect(pieces.size).toBeGreaterThan(200);
    const differences = [];
    for (const text of pieces) {
      for (const only of ONLY) {
        const expected = tinyld(text, only);
        if (detectLanguage(text, only) !== expected) differences.push({ text, only, expected, got: detectLanguage(text, only) });
      }
    }
    expect(differences).toEqual([]);
  });

  it('answers as tinyld on texts mixing languages, scripts, accents, digits and punctuation', () => {
    const words = fc.constantFrom(
      // English, French, Dutch, German, Spanish, Italian, Portuguese
      'the', 'data', 'we', 'keep', 'your', "don't", 'account', 'only', 'months', 'website', 'after',
      'nous', 'données', 'conservons', "l'été", 'aujourd’hui', 'être', 'où', 'mois', 'à', 'ça', 'cœur',
      'gegevens', 'worden', 'opgeslagen', "'t", 'ijs', 'één', 'voor', 'iedereen', 'zijn',
      'Daten', 'wir', 'speichern', 'für', 'Größe', 'straße', 'über', 'Konto', 'nicht',
      'datos', 'guardamos', 'años', 'niño', '¿qué', 'está', 'información',
      'dati', 'conserviamo', 'perché', 'così', 'più', 'già',
      'dados', 'guardamos', 'não', 'informação', 'você', 'coração',
      // other scripts and things tinyld's cleaning touches
      'данные', 'мы', 'храним', 'δεδομένα', '東京', 'データ', '데이터를', '저장합니다', 'البيانات', 'נתונים',
      'e\u0301te\u0301', 'n\u0303o', '\u212Belvin', 'ﬁle', '１２３', '2024', 'v1.2', '😀', 'a😀b', 'x\u0308\u0301y',
      'constructor', '__proto__', 'toString', 'valueOf',
    );
    const separator = fc.constantFrom(' ', ' ', ' ', '  ', ', ', '. ', '! ', '? ', '; ', ': ', '\n', '\t', '\u00a0', ' - ', ' – ', '… ', ' (', ') ', '"', '«', '»', '“', '’', "'", '/', '*', '…', '。', '、', '[', ']', '\\', '{', '}', '<', '>', '_', '#', '%', '&', '+', '~');
    const piece = fc.oneof(
      { arbitrary: fc.tuple(words, separator).map(([word, sep]) => word + sep), weight: 8 },
      { arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }), weight: 1 },
      { arbitrary: fc.string({ unit: 'binary', maxLength: 4 }), weight: 1 },
    );
    const text = fc.array(piece, { maxLength: 30 }).map((pieces) => pieces.join(''));
    fc.assert(
      fc.property(text, fc.constantFrom(...ONLY), (value, only) => {
        expect(detectLanguage(value, only)).toBe(tinyld(value, only));
      }),
      { numRuns: 2000 },
    );
  });

  it('answers as tinyld on arbitrary Unicode', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.constantFrom(...ONLY), (value, only) => {
        expect(detectLanguage(value, only)).toBe(tinyld(value, only));
      }),
      { numRuns: 1000 },
    );
  });

  it('tells the seeds’ languages apart', () => {
    expect(detectLanguage('We keep these logs for six months, and we use them only to diagnose problems.', ['en', 'fr'])).toBe('en');
    expect(detectLanguage('Nous conservons ces données de suivi pendant six mois.', ['en', 'fr'])).toBe('fr');
    expect(detectLanguage('Deze gegevens worden opgeslagen voor iedereen met een account.', ['en', 'nl'])).toBe('nl');
    expect(detectLanguage('', ['en', 'fr'])).toBe('');
    expect(detectLanguage('1234 !!', ['en', 'fr'])).toBe('');
  });
});
