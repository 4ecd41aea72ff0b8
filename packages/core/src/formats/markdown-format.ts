/**
 * Markdown as a `DocumentFormat`: the first implementation of the seam, made of the
 * functions the workflow, coverage and check already use (`parseDocument`,
 * `readPins`, `applySourceChange`, `translationCoverage`, `checkTranslation`), so it says
 * exactly what they say. The state lives in the document (frontmatter pins, HTML-comment
 * markers): no state file.
 */
import { parseDocument } from '@i18n-drift/sections';
import { applySourceChange } from '../apply-source-change.js';
import { checkMarkdownDocuments, checkSourceDocument, checkTranslation } from '../check.js';
import { markdownCoverage, translationCoverage } from '../coverage.js';
import { markdownSyncScope, planMarkdownLocale } from '../sync/sync-workflow.js';
import { resolveMarkdownBranch } from '../sync/resolve-translation-branch.js';
import { prepareMarkdownAdoption } from '../sync/adopt-from-history.js';
import { readPins } from '../pins.js';
import { findMarkers } from '../stale-marker.js';
import type { Config } from '../types.js';
import { FORMAT_NAMES, type DocumentFormat } from './document-format.js';
import { catalogOptionsOf, i18nextFormat } from './i18next-format.js';
import { formatOfPattern } from '../file-patterns.js';

/** The Markdown format, with the config's translatable frontmatter keys. */
export function markdownFormat(config: Config): DocumentFormat {
  const keys = { frontmatterKeys: config.frontmatterKeys };
  const parse = (text: string) => parseDocument(text, keys);
  return {
    name: 'markdown',
    extensions: ['.md', '.mdx', '.markdown'],
    statePath: () => null,
    units(source) {
      const doc = parse(source);
      return [
        ...doc.fields.map((f) => ({ id: f.id, hash: f.hash, text: f.value, heading: null, words: f.words, line: 1 })),
        ...doc.sections.map((s) => ({ id: s.id, hash: s.hash, text: s.raw, heading: s.heading, words: s.words, line: s.line })),
      ];
    },
    readPins: ({ text }) => (text === null ? null : readPins(text)),
    marks: ({ text }) => (text === null ? [] : findMarkers(text).map((m) => ({ kind: m.kind, id: m.section }))),
    applySourceChange(input) {
      // A locale without the document gets it in English, every section marked missing (as the sync walk does).
      const { text, changes } =
        input.translation.text === null
          ? applySourceChange('', input.newSource, '', { sourceCommit: input.sourceCommit, ...keys })
          : applySourceChange(input.oldSource, input.newSource, input.translation.text, { sourceCommit: input.sourceCommit, ...keys });
      return {
        translation: { text, state: null },
        changes: changes.map((c) => ({ kind: c.kind, id: c.id, oldId: c.oldId, state: c.state, heading: c.heading, words: c.words })),
      };
    },
    coverage(input) {
      const result = translationCoverage({ source: parse(input.source), locale: input.locale, translationPath: '', translationText: input.translation.text, config, parse });
      return result.sections.map((s) => ({ id: s.id, heading: s.heading, state: s.state, words: s.words, since: s.stale?.since ?? null }));
    },
    check(input) {
      if (input.translation.text === null) return [];
      return checkTranslation({ sourcePath: input.sourcePath, source: input.source, translationPath: input.translationPath, translation: input.translation.text, config, parse });
    },
    checkSource: (path, source) => checkSourceDocument(path, source, config, parse),
    repository: {
      coverage: markdownCoverage,
      check: checkMarkdownDocuments,
      staleFindingCodes: ['stale-section', 'unsynced-section'],
      prepareAdoption: prepareMarkdownAdoption,
      syncScope: markdownSyncScope,
      planLocale: planMarkdownLocale,
      resolveBranch: resolveMarkdownBranch,
    },
  };
}

/**
 * The formats of a config's `files` patterns, each once (Markdown first): what coverage,
 * check, adoption and the sync workflow go through, in this order.
 */
export function formatsOf(config: Config): DocumentFormat[] {
  const names = new Set(config.files.map((pattern) => formatOfPattern(pattern, config)));
  return FORMAT_NAMES.filter((name) => names.has(name)).map((name) => (name === 'i18next' ? i18nextFormat() : markdownFormat(config)));
}

/** The format of the files a `files` pattern matches. */
export function formatFor(pattern: string, config: Config): DocumentFormat {
  return formatOfPattern(pattern, config) === 'i18next' ? i18nextFormat(catalogOptionsOf(pattern, config)) : markdownFormat(config);
}
