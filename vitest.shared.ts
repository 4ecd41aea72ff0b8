// Shared vitest settings: tests import workspace packages from their TypeScript
// sources, so a change in packages/sections is seen by core's tests without a rebuild.
import { fileURLToPath } from 'node:url';
import type { ViteUserConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export const shared: ViteUserConfig = {
  resolve: {
    alias: {
      // Subpaths first: an alias also matches `<name>/…`, so the package's own entry would catch them.
      '@i18n-drift/sections/errors': here('./packages/sections/src/frontmatter-error.ts'),
      '@i18n-drift/core/errors': here('./packages/core/src/errors.ts'),
      '@i18n-drift/core/i18n': here('./packages/core/src/sync/i18n.ts'),
      '@i18n-drift/sections': here('./packages/sections/src/index.ts'),
      '@i18n-drift/core': here('./packages/core/src/index.ts'),
      '@i18n-drift/dashboard': here('./apps/dashboard/src/index.ts'),
      '@i18n-drift/remark': here('./packages/remark/src/index.ts'),
      '@i18n-drift/markdown-it': here('./packages/markdown-it/src/index.ts'),
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
  },
};
