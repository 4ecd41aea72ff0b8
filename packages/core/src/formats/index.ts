export {
  FORMAT_NAMES,
  type DocumentFormat,
  type FormatApplyInput,
  type FormatApplyResult,
  type FormatChange,
  type FormatCheckInput,
  type FormatCoverageInput,
  type FormatFinding,
  type FormatName,
  type FormatPlanInput,
  type FormatRepository,
  type ResolveBranchInput,
  type SyncScopeInput,
  type FormatUnit,
  type TranslationFiles,
  type UnitCoverage,
} from './document-format.js';
export { catalogOptionsOf, i18nextFormat } from './i18next-format.js';
export { formatFor, formatsOf, markdownFormat } from './markdown-format.js';
export { formatByExtension } from './format-by-extension.js';
export { applyCatalogChange, fillForms, type ApplyCatalogInput, type ApplyCatalogResult, type CatalogChange, type CatalogKeyState } from './apply-catalog-change.js';
export { catalogCoverage, type CatalogCoverageInput } from './catalog-coverage.js';
export { readCatalog, sourceUnits as catalogSourceUnits, translationUnits as catalogTranslationUnits, DEFAULT_KEY_SEPARATOR, type Catalog, type CatalogEntry, type CatalogOptions, type CatalogUnit } from './catalog-keys.js';
export { CatalogStateError, readCatalogState, writeCatalogState, statePathOf, STATE_SUFFIX, type CatalogState, type KeyMark, type KeyState } from './catalog-state.js';
export { CATALOG_FINDING_CODES, checkCatalog, checkSourceCatalog, nestingRefsOf, variablesOf, type CatalogFinding, type CatalogFindingCode, type CheckCatalogInput } from './check-catalog.js';
export { CatalogSyntaxError } from './json-cst.js';
export { pluralCategories, PLURAL_CATEGORIES, type PluralCategory, type PluralType } from './plural-forms.js';
