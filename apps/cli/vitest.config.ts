import { availableParallelism } from 'node:os';
import { defineConfig, mergeConfig } from 'vitest/config';
import { shared } from '../../vitest.shared.js';

export default mergeConfig(
  shared,
  defineConfig({
    test: {
      // The end-to-end files mostly wait on child processes (the built CLI, git, npm):
      // vitest's default of one worker per core minus one ran them one after another on
      // a 2-core CI machine, leaving a core idle. The files share nothing (each test has
      // its own temporary repositories, the served dashboard takes a free port).
      maxWorkers: Math.max(2, availableParallelism()),
    },
  }),
);
