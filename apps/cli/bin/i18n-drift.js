#!/usr/bin/env node
// Stable entry point for `npx i18n-drift` (exists before the build, so npm can link it);
// the program itself is the built dist/bin.js (`npx turbo run build`).
import { existsSync } from 'node:fs';

const program = new URL('../dist/bin.js', import.meta.url);
if (existsSync(program)) {
  await import(program.href);
} else {
  console.error('i18n-drift: the CLI is not built yet; run `npx turbo run build` (or `npm start`) in the i18n-drift checkout first');
  // The exit code is set, never forced: see src/bin.ts.
  process.exitCode = 2;
}
