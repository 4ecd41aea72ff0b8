#!/usr/bin/env node
import { tryCachedStatus } from './fast-status.js';

// `status` with nothing changed: answered from the cache before the tool is even loaded.
if (tryCachedStatus(process.argv.slice(2))) process.exit(0);

const { main } = await import('./main.js');
// Exit as soon as the command is done: stdout/stderr are synchronous on Linux pipes,
// and a helper process left behind by a failed command must not keep us alive.
process.exit(await main(process.argv.slice(2)));
