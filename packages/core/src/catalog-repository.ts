/**
 * The i18next catalogs of a repository snapshot, for `coverage` and `checkRepository`:
 * each English catalog (under a `files` pattern of format i18next) with its translation
 * and that translation's state file in every locale, keys as units. Markdown documents
 * never come through here, nor catalogs through the Markdown code.
 */
import { statePathOf, readCatalogState, CatalogStateError } from './formats/catalog-state.js';
import { catalogCoverage } from './formats/catalog-coverage.js';
import { checkCatalog, checkSourceCatalog, type CatalogFinding } from './formats/check-catalog.js';
import { CatalogSyntaxError } from './formats/json-cst.js';
import { catalogOptionsOf } from './formats/i18next-format.js';
import type { UnitCoverage } from './formats/document-format.js';
import { documentOf, hasFormat, pathFor, sourceDocuments } from './file-patterns.js';
import { totalsOf } from './coverage.js';
import type { Config, DocumentCoverage, InvalidDocument, OrphanDocument, RepositorySnapshot, SectionCoverage, TranslationCoverage } from './types.js';

/** The coverage of every English catalog in `locales`, keys as sections (heading: the key), in path order. */
export function catalogDocuments(snapshot: Pick<RepositorySnapshot, 'files'>, config: Config, locales: readonly string[]): DocumentCoverage[] {
  if (!hasFormat(config, 'i18next')) return [];
  return sourceDocuments(Object.keys(snapshot.files), config, 'i18next').map(({ path, key, pattern }) => {
    const english = snapshot.files[path]!;
    const options = catalogOptionsOf(pattern, config);
    let none: UnitCoverage[];
    try {
      none = catalogCoverage({ source: english, translation: null, state: null, locale: config.sourceLocale, options });
    } catch (error) {
      return { source: path, title: null, translations: [], invalid: invalidOf(error) };
    }
    const translations = locales.map((locale): TranslationCoverage => {
      const translationPath = pathFor(key, locale, config);
      const text = snapshot.files[translationPath] ?? null;
      const state = snapshot.files[statePathOf(translationPath)] ?? null;
      const base = { locale, path: translationPath, exists: text !== null, unaligned: [] };
      try {
        const commit = readCatalogState(state).commit;
        const sections = catalogCoverage({ source: english, translation: text, state, locale, options }).map((unit) => sectionOf(unit, commit));
        return { ...base, sourceCommit: commit, sections, totals: totalsOf(sections) };
      } catch (error) {
        // An unreadable catalog or state file: every key counts as missing, as an unreadable Markdown translation does.
        const sections = none.map((unit) => sectionOf({ ...unit, state: 'missing', since: null }, null));
        return { ...base, sourceCommit: null, sections, totals: totalsOf(sections), invalid: invalidOf(error) };
      }
    });
    return { source: path, title: null, translations };
  });
}

/** Translated catalogs in `locales` without an English catalog. */
export function catalogOrphans(paths: readonly string[], config: Config, locales: readonly string[]): OrphanDocument[] {
  if (!hasFormat(config, 'i18next')) return [];
  const sources = new Set(sourceDocuments(paths, config, 'i18next').map((d) => d.key));
  const wanted = new Set(locales);
  const orphans: OrphanDocument[] = [];
  for (const path of [...paths].sort()) {
    const found = documentOf(path, config, 'i18next');
    if (found && wanted.has(found.locale) && !sources.has(found.key)) orphans.push({ locale: found.locale, path, expectedSource: pathFor(found.key, config.sourceLocale, config) });
  }
  return orphans;
}

/** Every catalog finding of a snapshot: each English catalog's own, and each translation's against it. */
export function checkCatalogs(snapshot: Pick<RepositorySnapshot, 'files'>, config: Config, locales: readonly string[]): CatalogFinding[] {
  if (!hasFormat(config, 'i18next')) return [];
  const findings: CatalogFinding[] = [];
  for (const { path, key, pattern } of sourceDocuments(Object.keys(snapshot.files), config, 'i18next')) {
    const english = snapshot.files[path]!;
    const options = catalogOptionsOf(pattern, config);
    findings.push(...checkSourceCatalog(path, english, options));
    for (const locale of locales) {
      const translationPath = pathFor(key, locale, config);
      const translation = snapshot.files[translationPath];
      if (translation === undefined) continue;
      const statePath = statePathOf(translationPath);
      findings.push(...checkCatalog({ source: english, translationPath, translation, statePath, state: snapshot.files[statePath] ?? null, locale, options }));
    }
  }
  return findings;
}

function sectionOf(unit: UnitCoverage, commit: string | null): SectionCoverage {
  const section: SectionCoverage = { id: unit.id, heading: unit.id, level: 0, state: unit.state, words: unit.words, englishShare: 0, englishWords: 0 };
  if (unit.state === 'stale') section.stale = { pinnedCommit: commit, since: unit.since, commitsBehind: null, daysBehind: null };
  return section;
}

function invalidOf(error: unknown): InvalidDocument {
  if (error instanceof CatalogSyntaxError) return { line: error.line, reason: `column ${error.column}: ${error.reason}` };
  if (error instanceof CatalogStateError) return { line: error.line, reason: `state file: ${error.reason}` };
  throw error;
}
