import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { outdent } from 'outdent';
import fc from 'fast-check';
import { createLanguageJudge, hasProseWords, judgeLanguage, overlapShare, proseUnits, sourceLanguageShare, verbatimFragments, vocabularyOf } from './language.js';

const seed = (path: string) => readFileSync(new URL(`../../../locales/${path}`, import.meta.url), 'utf8');

/** The seed's body cut at `##### ` headings (and the `$####` line that is meant to be one). */
function parts(text: string): string[] {
  const body = text.replace(/^---\n[\s\S]*?\n---\n/, '');
  return body.split(/\n(?=#####? |\$####)/);
}

describe('proseUnits', () => {
  it('keeps prose and drops code, URLs, markers, headings and HTML', () => {
    const units = proseUnits(outdent`
      ## Heading words here
      <!-- i18n-drift:stale section="x" since="abc" -->

      First paragraph with a [link text](https://example.com/path) and \`inline code\`
      continued on a second line, see https://example.org/x.

      -   **Bold item** one two three
          -   nested item four five

      \`\`\`js
      const notProse = 'this is code';
      \`\`\`

      <Note>

      > Quoted words in a block

      [ref]: https://example.com
      <!--
      a comment over
      several lines -->
    `);
    expect(units.map((unit) => [unit.text, unit.words, unit.line])).toEqual([
      ["First paragraph with a link text and continued on a second line, see", 13, 4],
      ['Bold item one two three', 5, 7],
      ['nested item four five', 4, 8],
      ['Quoted words in a block', 5, 16],
    ]);
  });
});

describe('hasProseWords', () => {
  const wordsOf = (text: string) => proseUnits(text).reduce((sum, unit) => sum + unit.words, 0);

  it('says what counting every prose unit says, on every part of the seeds', () => {
    // Every section and every paragraph: most hold two words of prose, some none or one.
    const texts = ['en/your-data.md', 'fr/your-data.md', 'nl/your-data.md', 'en/passbolt-privacy.md', 'fr/privacy.md'].flatMap((path) => seed(path).split(/\n(?=#{1,6} )|\n\n/));
    expect(texts.length).toBeGreaterThan(100);
    expect(texts.filter((text) => wordsOf(text) < 2).length).toBeGreaterThan(5);
    for (const text of texts) for (const min of [0, 1, 2, 3, 7, 40]) expect(hasProseWords(text, min), `${min}: ${text.slice(0, 60)}`).toBe(wordsOf(text) >= min);
  });

  it('stops at the paragraph that reaches the count, whatever follows', () => {
    expect(hasProseWords('One two\n\n```\nunclosed fence', 2)).toBe(true);
    expect(hasProseWords('One\n\n<!-- a comment\nleft open', 2)).toBe(false);
    expect(hasProseWords('`code only` and\n\n- item', 2)).toBe(true);
    expect(hasProseWords('# Heading only\n\n```\ncode here\n```\n', 1)).toBe(false);
  });

  it('agrees with proseUnits on generated Markdown', () => {
    const line = fc.oneof(
      fc.constantFrom('', '# Heading words', '```', '~~~', '<!--', '-->', '<!-- x -->', '> quoted words here', '- item one', '1. numbered', '| a | b |', '|---|---|', '[ref]: https://x.y', '<div>', '---', 'word', 'two words', 'https://example.com'),
      fc.string({ maxLength: 20 }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), fc.integer({ min: 0, max: 6 }), (lines, min) => {
        const text = lines.join('\n');
        expect(hasProseWords(text, min)).toBe(wordsOf(text) >= min);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('sourceLanguageShare', () => {
  it('is high for English and low for French and Dutch prose', () => {
    const english = 'We keep these logs for six months, and we use them only to diagnose problems with our website.';
    expect(sourceLanguageShare(english, 'en')).toBe(1);
    expect(sourceLanguageShare('Nous conservons ces données de suivi pendant six mois, uniquement pour diagnostiquer les problèmes.', 'en', { targetLocale: 'fr' })).toBe(0);
    expect(sourceLanguageShare('Deze gegevens worden opgeslagen voor iedereen met een account op onze website.', 'en', { targetLocale: 'nl' })).toBe(0);
  });

  it('weighs paragraphs by their words and ignores the ones too short to judge', () => {
    const text = 'Non, jamais.\n\nWe keep profile data up to twelve months after your last login.\n\nNous conservons ces données de suivi pendant six mois.';
    const judgement = judgeLanguage(text, 'en', { targetLocale: 'fr' });
    expect(judgement).toEqual({ judgedWords: 21, sourceWords: 12 });
  });

  it('judges nothing when it cannot: code only, same language, unknown language', () => {
    expect(sourceLanguageShare('```\nconst x = 1;\n```', 'en')).toBe(0);
    expect(judgeLanguage('We keep these logs for six months.', 'en', { targetLocale: 'en-GB' }).judgedWords).toBe(0);
    expect(judgeLanguage('We keep these logs for six months.', 'sw').judgedWords).toBe(0);
  });

  it('shows the parts of the French and Dutch seeds still in English', () => {
    const english = parts(seed('en/your-data.md')).map((part) => sourceLanguageShare(part, 'en'));
    const french = parts(seed('fr/your-data.md')).map((part) => sourceLanguageShare(part, 'en', { targetLocale: 'fr' }));
    const dutch = parts(seed('nl/your-data.md')).map((part) => sourceLanguageShare(part, 'en', { targetLocale: 'nl' }));
    // intro, visitor data, profile data, model data
    // Without a target language, tinyld takes a few short English bullets for Lithuanian or Danish.
    expect(english.every((share) => share > 0.75)).toBe(true);
    const englishAgainstFrench = parts(seed('en/your-data.md')).map((part) => sourceLanguageShare(part, 'en', { targetLocale: 'fr' }));
    expect(englishAgainstFrench).toEqual([1, 1, 1, 1]);
    expect(french[0]).toBeLessThan(0.2); // the intro is translated
    expect(french[1]).toBeLessThan(0.5); // visitor data: mostly translated, questions still English
    expect(french[2]).toBeGreaterThan(0.5); // profile data: the list is still English
    expect(french[3]).toBeGreaterThan(0.5); // model data: mostly English
    expect(dutch[0]).toBeLessThan(0.2);
    expect(dutch[1]).toBeGreaterThan(0.5); // only the last sentence and half a bullet are Dutch
    expect(dutch[2]).toBeGreaterThan(0.5);
    expect(dutch[3]).toBeGreaterThan(0.5);
  });
});

describe('cheap first looks', () => {
  const english = seed('en/your-data.md');
  const vocabulary = vocabularyOf(english);

  it('gives the same verdicts with the source vocabulary as without it', () => {
    for (const [path, locale] of [['fr/your-data.md', 'fr'], ['nl/your-data.md', 'nl']] as const) {
      for (const part of parts(seed(path))) {
        const plain = sourceLanguageShare(part, 'en', { targetLocale: locale });
        const quick = sourceLanguageShare(part, 'en', { targetLocale: locale, sourceVocabulary: vocabulary });
        expect(quick > 0.5, `${path}: ${part.slice(0, 40)}`).toBe(plain > 0.5);
      }
    }
  });

  it('separates translated text from English by shared words', () => {
    expect(overlapShare(parts(seed('fr/your-data.md'))[0]!, vocabulary)).toBeLessThan(0.15);
    expect(overlapShare(parts(seed('nl/your-data.md'))[0]!, vocabulary)).toBeLessThan(0.2);
    expect(overlapShare(parts(seed('fr/your-data.md'))[3]!, vocabulary)).toBeGreaterThan(0.5);
    expect(overlapShare('', vocabulary)).toBe(0);
  });

  it('takes one verbatim fragment per prose line, never code, headings, markers or HTML', () => {
    expect(
      verbatimFragments(outdent`
        ## A heading that is long enough
        <!-- i18n-drift:stale section="x" -->
        <Note>

        -   **What personal data do we store?**
        -   Short one
        We keep these logs for 6 months. Then we delete them, every single one.

        \`\`\`
        code that is long enough to count
        \`\`\`
      `),
    ).toEqual(['**What personal data do we store?**', 'Then we delete them, every single one.']);
  });
});

describe('createLanguageJudge', () => {
  const english = seed('en/your-data.md');
  const texts = [
    ...['en/your-data.md', 'fr/your-data.md', 'nl/your-data.md', 'en/passbolt-privacy.md', 'fr/privacy.md'].flatMap((path) => parts(seed(path))),
    // English and French sentences in one paragraph, as a half-translated bullet has them.
    'We keep profile data up to twelve months after your last login. Nous conservons ces données de suivi pendant six mois.',
    'Deze gegevens worden opgeslagen voor iedereen met een account. We use them only to diagnose problems with our website.',
    'Non, jamais.',
    '```\nconst x = 1;\n```',
  ];
  const locales = ['fr', 'nl', 'de', 'es', 'en-GB', 'sw', undefined];

  it('judges as judgeLanguage every text for every locale, whatever the order and however often a text comes back', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(fc.tuple(fc.constantFrom(...texts), fc.constantFrom(...locales), fc.constantFrom('en', 'en-US', 'fr')), { minLength: 1, maxLength: 40 }),
        (withVocabulary, questions) => {
          const vocabulary = withVocabulary ? vocabularyOf(english) : undefined;
          const judge = createLanguageJudge(vocabulary);
          for (const [text, locale, source] of questions) {
            const options = { ...(locale === undefined ? {} : { targetLocale: locale }), ...(vocabulary ? { sourceVocabulary: vocabulary } : {}) };
            expect(judge(text, source, locale), `${source} -> ${locale}: ${text.slice(0, 50)}`).toEqual(judgeLanguage(text, source, options));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('asks the detector again for each locale: a French sentence is French against French, English against Dutch', () => {
    const judge = createLanguageJudge();
    const mixed = texts.find((text) => text.startsWith('We keep profile data'))!;
    expect(judge(mixed, 'en', 'fr')).toEqual({ judgedWords: 21, sourceWords: 12 });
    expect(judge(mixed, 'en', 'nl')).toEqual({ judgedWords: 21, sourceWords: 21 });
    expect(judge(mixed, 'en', 'fr')).toEqual({ judgedWords: 21, sourceWords: 12 });
    expect(judge(mixed, 'en', 'en-GB')).toEqual({ judgedWords: 0, sourceWords: 0 });
  });
});
