/**
 * Where this copy of the tool is on disk, for the files it reads beside its code (its
 * manifest, the demo's update, the strings). This module sits directly in src/ and the
 * build puts every chunk directly in dist/ (rolldown.config.js): one level below the
 * package either way, so the same relative URLs hold for the sources (tests) and the
 * bundle. Node built-ins only: the cached `status` path loads this too.
 */
import { fileURLToPath } from 'node:url';

/** The CLI package's folder (apps/cli/ in a clone, the installed package otherwise), with a trailing slash. */
export const TOOL_DIR = fileURLToPath(new URL('../', import.meta.url));

/** The folder of the code that runs: dist/ (the build) or src/ (tests), with a trailing slash. */
export const CODE_DIR = fileURLToPath(new URL('./', import.meta.url));

declare const I18N_DRIFT_BUNDLE: boolean | undefined;

/**
 * Whether this code runs from the bundle (rolldown.config.js defines the constant): then
 * dist/ holds core, sections, the dashboard and every third-party package the tool runs,
 * and nothing is loaded from node_modules. False in tests, which run the sources.
 */
export const BUNDLED = typeof I18N_DRIFT_BUNDLE === 'boolean' && I18N_DRIFT_BUNDLE;
