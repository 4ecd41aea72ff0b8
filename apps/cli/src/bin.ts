#!/usr/bin/env node
import { tryCachedStatus, tryCachedSync } from './fast-status.js';
import { quietOnClosedPipe } from './output-stream.js';

// The exit code is set, never forced with process.exit(): a pipe to a slow reader
// (`status --json | jq`) drains after the last write, and exiting first cut it at 64 KiB.
quietOnClosedPipe();
// `status` with nothing changed, or `sync --branch` with nothing to do: answered from the
// cache before the tool is even loaded.
const cachedCode = tryCachedStatus(process.argv.slice(2)) ?? tryCachedSync(process.argv.slice(2));
if (cachedCode !== null) {
  process.exitCode = cachedCode;
} else {
  const { main } = await import('./main.js');
  process.exitCode = await main(process.argv.slice(2));
}
