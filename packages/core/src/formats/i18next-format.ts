/**
 * i18next JSON catalogs as a `DocumentFormat`: units are flattened keys (plural forms of
 * one key grouped), the state lives in `<catalog>.i18n-drift` beside the catalog.
 */
import { applyCatalogChange } from './apply-catalog-change.js';
import { catalogCoverage, unitWords } from './catalog-coverage.js';
import { readCatalog, sourceUnits, type CatalogOptions } from './catalog-keys.js';
import { pinsOfState, readCatalogState, statePathOf } from './catalog-state.js';
import { checkCatalog, checkSourceCatalog } from './check-catalog.js';
import type { DocumentFormat } from './document-format.js';
import type { Config } from '../types.js';
import { catalogDocuments, catalogOrphans, checkCatalogs } from '../catalog-repository.js';
import { catalogSyncScope, planCatalogLocale, prepareCatalogAdoption, resolveCatalogs } from '../sync/catalog-walk.js';

/** The i18next format, with the catalogs' key separator (default `.`). */
export function i18nextFormat(options: CatalogOptions = {}): DocumentFormat {
  return {
    name: 'i18next',
    extensions: ['.json'],
    statePath: statePathOf,
    units(source) {
      const catalog = readCatalog(source, options);
      return [...sourceUnits(catalog).values()].map((unit) => ({
        id: unit.id,
        hash: unit.hash,
        text: unit.text,
        heading: null,
        words: unitWords(unit),
        line: catalog.lineOf(unit.offset),
      }));
    },
    readPins({ state }) {
      return state === null ? null : pinsOfState(readCatalogState(state));
    },
    marks({ state }) {
      return [...readCatalogState(state).keys].flatMap(([id, key]) => (key.mark ? [{ kind: key.mark.kind, id }] : []));
    },
    applySourceChange(input) {
      const name = input.translationPath?.slice(input.translationPath.lastIndexOf('/') + 1);
      const result = applyCatalogChange({
        oldSource: input.oldSource,
        newSource: input.newSource,
        translation: input.translation.text,
        state: input.translation.state,
        locale: input.locale,
        sourceCommit: input.sourceCommit,
        fill: input.fill ?? false,
        ...(name ? { catalogName: name } : {}),
        options,
      });
      return { translation: { text: result.text, state: result.state }, changes: result.changes.map((change) => ({ ...change, heading: null })) };
    },
    coverage(input) {
      return catalogCoverage({ source: input.source, translation: input.translation.text, state: input.translation.state, locale: input.locale, baseSource: input.baseSource ?? null, options });
    },
    check(input) {
      if (input.translation.text === null) return [];
      return checkCatalog({
        source: input.source,
        translationPath: input.translationPath,
        translation: input.translation.text,
        statePath: statePathOf(input.translationPath),
        state: input.translation.state,
        locale: input.locale,
        options,
      });
    },
    checkSource: (path, source) => checkSourceCatalog(path, source, options),
    // Over a repository, every i18next pattern is read with its own entry's options (catalogOptionsOf).
    repository: {
      coverage: (snapshot, config, locales) => ({ documents: catalogDocuments(snapshot, config, locales), orphans: catalogOrphans(Object.keys(snapshot.files), config, locales) }),
      check: (snapshot, config, locales) => checkCatalogs(snapshot, config, locales),
      staleFindingCodes: ['stale-key'],
      prepareAdoption: prepareCatalogAdoption,
      syncScope: catalogSyncScope,
      planLocale: planCatalogLocale,
      resolveBranch: resolveCatalogs,
    },
  };
}


/** The catalog options of a `files` pattern: its entry's `keySeparator`, else i18next's default. */
export function catalogOptionsOf(pattern: string, config: Pick<Config, 'keySeparators'>): CatalogOptions {
  const keySeparator = config.keySeparators?.[pattern];
  return keySeparator === undefined ? {} : { keySeparator };
}
