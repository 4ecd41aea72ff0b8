#!/usr/bin/env node
import { quietOnClosedPipe } from './output-stream.js';

// The exit code is set, never forced with process.exit(): a pipe to a slow reader
// (`status --json | jq`) drains after the last write, and exiting first cut it at 64 KiB.
quietOnClosedPipe();
// The stack printed with I18N_DRIFT_DEBUG=1 names the source files and lines, not the
// bundle's (rolldown.config.js); reading the maps costs nothing when it is not asked for.
if (process.env['I18N_DRIFT_DEBUG']) process.setSourceMapsEnabled(true);
const argv = process.argv.slice(2);
// `status` with nothing changed, or `sync --branch` with nothing to do: answered from the
// cache before the tool is even loaded.
let cachedCode: number | null = null;
if (argv[0] === 'status' || argv[0] === 'sync') {
  const { tryCachedStatus, tryCachedSync } = await import('./fast-status.js');
  cachedCode = argv[0] === 'status' ? await tryCachedStatus(argv) : await tryCachedSync(argv);
}
if (cachedCode !== null) {
  process.exitCode = cachedCode;
} else {
  const { main } = await import('./main.js');
  process.exitCode = await main(argv);
}
