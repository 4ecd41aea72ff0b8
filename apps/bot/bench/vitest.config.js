// Runs the benchmark scenario (bench/*.scenario.ts) with the harness, from TypeScript
// sources as the tests do; bench/run.js starts it and prints the figures.
import { defineConfig } from 'vitest/config';
import { shared } from '../../../vitest.shared.ts';

export default defineConfig({ ...shared, test: { ...shared.test, include: ['bench/**/*.scenario.ts'], testTimeout: 300_000 } });
