#!/usr/bin/env node
console.log('i18n-drift: the CLI is being built (issue 5).');
