#!/usr/bin/env node
import { main } from './main.js';

// Exit as soon as the command is done: stdout/stderr are synchronous on Linux pipes,
// and a helper process left behind by a failed command must not keep us alive.
process.exit(await main(process.argv.slice(2)));
