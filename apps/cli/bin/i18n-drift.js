#!/usr/bin/env node
// Stable entry point for `npx i18n-drift` (exists before the build, so npm can link it);
// the program itself is the built dist/bin.js (`npx turbo run build`).
await import('../dist/bin.js');
