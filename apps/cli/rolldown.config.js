// The CLI ships as one bundle of its code, core, sections, the dashboard and their
// third-party packages: loading ~100 modules of ours and a few hundred from
// node_modules one by one cost more start-up than the commands' own set-up.
//
// Code splitting keeps what `--help`, `--version`, a usage error and the cached `status`
// load small: each command, and what only commands need, is a chunk of its own, loaded
// when a command runs (test/startup.test.ts checks which source modules a run loads,
// through the chunks' source maps).
//
// Every file is written directly in dist/, chunks included: code that reads files beside
// it (src/tool-folder.ts, src/tool-locales.ts, the dashboard's strings, the status
// worker) finds them by URLs relative to its own module, which hold only when every
// chunk sits one level below the package, as the sources do in src/.
import { defineConfig } from 'rolldown';

/**
 * js-yaml 3 (gray-matter's) loads esprima, 217 kB, for its `!!js/function` type, which only
 * its full schema has; the tool reads YAML with the safe schema alone (`safeLoad`,
 * `DEFAULT_SAFE_SCHEMA`), so esprima is left out, as in js-yaml's browser build: the
 * `require` it wraps in a try fails.
 */
const withoutEsprima = {
  name: 'without-esprima',
  resolveId: (id) => (id === 'esprima' ? '\0without-esprima' : null),
  load: (id) => (id === '\0without-esprima' ? "module.exports = (() => { throw new Error('esprima is not in the i18n-drift bundle'); })();" : null),
};

export default defineConfig({
  input: {
    bin: 'src/bin.ts',
    index: 'src/index.ts',
    // Started by URL in a worker thread (status-partition.ts): an entry of its own.
    'status-partition-worker': 'src/status-partition-worker.ts',
  },
  platform: 'node',
  plugins: [withoutEsprima],
  // src/tool-folder.ts: the tool stamp covers dist/ alone, which holds every module that runs.
  transform: { define: { I18N_DRIFT_BUNDLE: 'true' } },
  output: {
    dir: 'dist',
    format: 'esm',
    cleanDir: true,
    entryFileNames: '[name].js',
    chunkFileNames: '[name]-[hash].js',
    // Read only with I18N_DRIFT_DEBUG=1 (src/bin.ts), for stack traces of internal errors.
    sourcemap: true,
    sourcemapExcludeSources: true,
  },
});
