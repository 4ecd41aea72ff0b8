/**
 * Static export for GitHub Pages: every page in every interface language (the
 * default language at the root, the others in `<lang>/`), the overview's pre-rendered
 * views (`index-sort-coverage.html`, `index-state-stale.html`, `index-locale-fr.html`…),
 * `dashboard.css`, `dashboard.js` and `coverage.json`, with relative links. Files are written atomically and only after
 * every page rendered; files of the previous export that are gone are removed, and
 * nothing else in the folder is touched.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { DASHBOARD_CSS } from './dashboard-css.js';
import { DASHBOARD_JS } from './dashboard-js.js';
import { interfaceLanguages, pickLanguage } from './interface-strings.js';
import { fileSlugs, staticLinks, staticPagePath, type StaticLayout } from './links.js';
import { renderRoute } from './render/render-route.js';
import type { DashboardData, DashboardRoute } from './types.js';
import { DEFAULT_QUERY, STATIC_SORTS, STATIC_STATES } from './view-models/overview-query.js';

export interface ExportDashboardOptions {
  /** Interface languages to write; default every available one. */
  languages?: string[];
  /** The language at the root of the export (`fr-BE` picks `fr`); default English. */
  defaultLang?: string;
  /** Called as pages are rendered and files written: (done, total). */
  onProgress?: (done: number, total: number) => void;
}

/** Lists what an export wrote, so the next export can remove pages that are gone. */
export const EXPORT_MANIFEST = '.i18n-drift-dashboard.json';

/**
 * Writes the dashboard into `outDir` (created if needed) and returns the absolute paths
 * of the files written, sorted.
 * @throws Error when `outDir` is a file or cannot be written (nothing is half-written:
 * each file is renamed into place whole).
 */
export async function exportDashboard(data: DashboardData, outDir: string, options: ExportDashboardOptions = {}): Promise<string[]> {
  const available = interfaceLanguages();
  const defaultLang = pickLanguage(options.defaultLang);
  const languages = [...new Set([defaultLang, ...(options.languages ?? available).map((l) => pickLanguage(l))])];
  const layout: StaticLayout = {
    defaultLang,
    documents: fileSlugs(data.report.documents.map((d) => d.source)),
    locales: fileSlugs(data.report.locales),
  };
  const routes: DashboardRoute[] = [
    { page: 'overview' },
    // Without a server to answer the search form, each single choice is a page of its own.
    ...STATIC_SORTS.map((sort) => ({ page: 'overview' as const, query: { ...DEFAULT_QUERY, sort } })),
    ...STATIC_STATES.map((state) => ({ page: 'overview' as const, query: { ...DEFAULT_QUERY, states: [state] } })),
    ...data.report.locales.map((locale) => ({ page: 'overview' as const, query: { ...DEFAULT_QUERY, locale } })),
    ...data.report.documents.map((d) => ({ page: 'document' as const, source: d.source })),
    ...data.report.locales.map((locale) => ({ page: 'locale' as const, locale })),
  ];

  // Render everything first: a rendering error leaves the folder as it was.
  const files = new Map<string, string>();
  const total = languages.length * routes.length * 2;
  let done = 0;
  for (const lang of languages) {
    for (const route of routes) {
      const path = staticPagePath(layout, route, lang);
      files.set(path, renderRoute(data, route, lang, staticLinks(layout, path)).html);
      options.onProgress?.(++done, total);
    }
  }
  files.set('dashboard.css', DASHBOARD_CSS);
  files.set('dashboard.js', DASHBOARD_JS);
  files.set('coverage.json', `${JSON.stringify(data.report, null, 2)}\n`);

  const root = resolve(outDir);
  const info = await stat(root).catch(() => null);
  if (info && !info.isDirectory()) throw new Error(`${root} exists and is not a directory`);
  await mkdir(root, { recursive: true });
  const previous = await readManifest(root);
  for (const dir of new Set([...files.keys()].map((path) => dirname(join(root, path))))) await mkdir(dir, { recursive: true });
  // A few writes in flight at a time: thousands of pages one by one wait on the disk each time.
  const queue = [...files];
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        await writeAtomically(join(root, next[0]), next[1]);
        options.onProgress?.(Math.min(++done, total), total);
      }
    }),
  );
  for (const path of previous) if (!files.has(path)) await rm(join(root, path), { force: true });
  const written = [...files.keys()].sort();
  await writeAtomically(join(root, EXPORT_MANIFEST), `${JSON.stringify({ files: written }, null, 2)}\n`);
  return written.map((p) => join(root, p));
}

async function writeAtomically(path: string, content: string): Promise<void> {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, content, 'utf8');
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

async function readManifest(root: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(join(root, EXPORT_MANIFEST), 'utf8');
  } catch {
    return [];
  }
  try {
    const files = (JSON.parse(text) as { files?: unknown }).files;
    // Only names this module could have written: never delete outside the folder.
    return Array.isArray(files) ? files.filter((f): f is string => typeof f === 'string' && /^[A-Za-z0-9._/-]+$/.test(f) && !f.split('/').includes('..')) : [];
  } catch {
    return [];
  }
}
