/**
 * Hand-written dashboard data matching @i18n-drift/core's types exactly, for unit tests
 * of the view models and renderers (the browser tests use the real coverage of a real
 * Git repository). Not part of the build (`src/**\/test-*.ts`).
 */
import { sumTotals as sum, totalsOf, type CoverageReport, type SectionCoverage, type TranslationCoverage } from '@i18n-drift/core';
import type { DashboardData } from './types.js';

const yourData = (states: SectionCoverage['state'][]): SectionCoverage[] => {
  const base: Omit<SectionCoverage, 'state'>[] = [
    { id: 'frontmatter.title', heading: null, level: 0, words: 6 },
    { id: 'intro', heading: null, level: 0, words: 60 },
    { id: 'visitor-data', heading: 'Visitor data', level: 5, words: 55 },
    { id: 'profile-data', heading: 'Profile data', level: 4, words: 80 },
    { id: 'model-data', heading: 'Model data', level: 5, words: 90 },
  ];
  return base.map((s, i) => ({ ...s, state: states[i] ?? 'current' }));
};

function translation(locale: string, path: string, sections: SectionCoverage[], exists = true): TranslationCoverage {
  return { locale, path, exists, sourceCommit: exists ? 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678' : null, sections, unaligned: [], totals: totalsOf(sections) };
}

const PIN = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const SINCE = 'ffeeddccbbaa99887766554433221100ffeeddcc';

/** fr: one stale (old), one untranslated; nl: one stale (recent) and one missing. */
export function fixtureReport(): CoverageReport {
  const fr = yourData(['current', 'current', 'stale', 'current', 'untranslated']);
  (fr[2] as SectionCoverage).stale = { pinnedCommit: PIN, since: SINCE, commitsBehind: 3, daysBehind: 40 };
  const nl = yourData(['current', 'current', 'stale', 'missing', 'current']);
  (nl[2] as SectionCoverage).stale = { pinnedCommit: PIN, since: SINCE, commitsBehind: 1, daysBehind: 2 };
  const evilSections: SectionCoverage[] = [
    { id: 'intro', heading: null, level: 0, words: 10, state: 'current' },
    { id: 'script', heading: '<script>alert("x")</script>', level: 2, words: 4, state: 'missing' },
  ];
  const docs: CoverageReport['documents'] = [
    { source: 'locales/en/your-data.md', title: 'How we use your personal data', translations: [translation('fr', 'locales/fr/your-data.md', fr), translation('nl', 'locales/nl/your-data.md', nl)] },
    {
      source: 'locales/en/<b>evil</b>.md',
      title: '<img src=x onerror=alert(1)>',
      translations: [
        translation('fr', 'locales/fr/<b>evil</b>.md', evilSections),
        translation('nl', 'locales/nl/<b>evil</b>.md', evilSections.map((s) => ({ ...s, state: 'missing' })), false),
      ],
    },
  ];
  const localeTotals = (locale: string) => sum(docs.flatMap((d) => d.translations.filter((t) => t.locale === locale).map((t) => t.totals)));
  return {
    sourceLocale: 'en',
    locales: ['fr', 'nl'],
    revision: SINCE,
    documents: docs,
    byLocale: [
      { locale: 'fr', totals: localeTotals('fr'), oldestStale: { pinnedCommit: PIN, since: SINCE, commitsBehind: 3, daysBehind: 40 } },
      { locale: 'nl', totals: localeTotals('nl'), oldestStale: { pinnedCommit: PIN, since: SINCE, commitsBehind: 1, daysBehind: 2 } },
    ],
    orphans: [{ locale: 'fr', path: 'locales/fr/privacy.md', expectedSource: 'locales/en/privacy.md' }],
    totals: sum(docs.flatMap((d) => d.translations.map((t) => t.totals))),
  };
}

export const FIXTURE_PIN = PIN;
export const FIXTURE_SINCE = SINCE;

export function fixtureData(): DashboardData {
  const report = fixtureReport();
  return {
    report,
    generatedAt: '2026-11-29T10:00:00.000Z',
    englishChanges: {
      'locales/en/your-data.md': {
        [PIN]: {
          'visitor-data': [{ value: 'We keep these logs for ' }, { value: '6', removed: true }, { value: '3', added: true }, { value: ' months.' }],
        },
      },
    },
    history: {
      revision: SINCE,
      commitsConsidered: 3,
      samples: [
        { sha: 'c1', date: '2026-10-01T00:00:00Z', message: 'init', author: 'a' },
        { sha: 'c2', date: '2026-10-20T00:00:00Z', message: 'adopt', author: 'a' },
        { sha: SINCE, date: '2026-11-27T00:00:00Z', message: 'update', author: 'a' },
      ],
      byLocale: {
        fr: [
          { sha: 'c1', date: '2026-10-01T00:00:00Z', sections: 0, words: 0 },
          { sha: 'c2', date: '2026-10-20T00:00:00Z', sections: 80, words: 70 },
          { sha: SINCE, date: '2026-11-27T00:00:00Z', sections: report.byLocale[0]!.totals.sections.percent, words: report.byLocale[0]!.totals.words.percent },
        ],
        nl: [
          { sha: 'c2', date: '2026-10-20T00:00:00Z', sections: 100, words: 100 },
          { sha: SINCE, date: '2026-11-27T00:00:00Z', sections: report.byLocale[1]!.totals.sections.percent, words: report.byLocale[1]!.totals.words.percent },
        ],
      },
    },
    pullRequests: { fr: { number: 12, url: 'https://github.com/o/r/pull/12' } },
    commitUrls: { [SINCE]: `https://github.com/o/r/commit/${SINCE}`, [PIN]: `https://github.com/o/r/commit/${PIN}` },
    warnings: [],
  };
}
