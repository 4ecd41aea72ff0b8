/**
 * Where the tool's own `locales/` (its strings and the demo documents) are: inside the
 * package when installed from the packed tarball (scripts/pack.js), else the clone's
 * root. Node built-ins only: the cached `status` path loads this too.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const candidates = [new URL('../locales/', import.meta.url), new URL('../../../locales/', import.meta.url)].map((url) => fileURLToPath(url));

/** Absolute path of `locales/`, with a trailing slash. */
export const TOOL_LOCALES = candidates.find((dir) => existsSync(dir)) ?? candidates[1]!;
