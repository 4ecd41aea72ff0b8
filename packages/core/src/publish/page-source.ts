/**
 * What a plugin knows about the page it renders, turned into what `planPublication` needs.
 * Site generators hand Markdown plugins the body only (Astro's content collections,
 * Docusaurus, VitePress strip the frontmatter first and keep its data aside), while pins live
 * in the frontmatter: `pageText` puts the two back together and says by how many lines the
 * body moved, so that plugin line numbers still land on the planned sections.
 */
import { stringify as yamlStringify } from 'yaml';
import { documentOf, pathFor } from '../file-patterns.js';
import { findFrontmatter } from '../pins.js';
import type { Config } from '../types.js';

/** The translated document as `planPublication` reads it, and how its lines relate to the body the plugin parsed. */
export interface PageText {
  text: string;
  /** Add to a 1-based line of the parsed body to get its line in `text`. */
  lineOffset: number;
}

/**
 * The whole document for a body a site generator parsed: the body itself when it still
 * starts with its frontmatter, else a frontmatter block written from `frontmatter` (the data
 * the generator read) followed by the body.
 */
export function pageText(body: string, frontmatter: Record<string, unknown> | null | undefined): PageText {
  if (findFrontmatter(body) !== null || !frontmatter || Object.keys(frontmatter).length === 0) return { text: body, lineOffset: 0 };
  const yaml = yamlStringify(frontmatter, { lineWidth: 0 });
  const head = `---\n${yaml}---\n`;
  return { text: head + body, lineOffset: head.split('\n').length - 1 };
}

/** The page's path inside its locale folder, without extension: `your-data` for `docs/fr/your-data.md` with locale `fr`. */
export function localePagePath(path: string, locale: string): string {
  const segments = path.replace(/\\/g, '/').split('/');
  const at = segments.lastIndexOf(locale);
  const inside = at >= 0 ? segments.slice(at + 1) : segments.slice(-1);
  return inside.join('/').replace(/\.(?:md|mdx|markdown)$/i, '');
}

/** Where a site's pages are: the repository's config and root. */
export interface EnglishPathOptions {
  /** The repository's `.github/i18n-drift.yml`, parsed: its `files` patterns map a translation to its English document. */
  config: Config;
  /** Absolute path of the repository root, stripped from absolute page paths. */
  root?: string;
}

export interface EnglishSourceLoaderOptions extends EnglishPathOptions {
  /** Reads a file by its path relative to the repository root (`fs.readFileSync(join(root, path), 'utf8')`); null or a throw when absent. */
  readFile: (path: string) => string | null;
}

/**
 * The path (relative to the repository root) of a translated page's English document, by the
 * config's `files` patterns; null for a path outside them or an English page. For a
 * `history` option built from `git log -- <that path>`.
 */
export function englishPathOf(options: EnglishPathOptions): (page: { path: string | null | undefined }) => string | null {
  const root = options.root?.replace(/\\/g, '/').replace(/\/+$/, '');
  return ({ path }) => {
    if (!path) return null;
    let relative = path.replace(/\\/g, '/');
    if (root && relative.startsWith(`${root}/`)) relative = relative.slice(root.length + 1);
    const found = documentOf(relative, options.config);
    if (!found || found.locale === options.config.sourceLocale) return null;
    return pathFor(found.key, options.config.sourceLocale, options.config);
  };
}

/**
 * The documented loader of a page's English source: maps the translated file's path to the
 * English one with the config's patterns (`englishPathOf`) and reads it with the caller's
 * `readFile` (so this package still opens no file itself). The returned function gives null
 * for a path outside the patterns, an English page, or an English file that does not exist
 * (`ENOENT`); other read errors are thrown.
 */
export function englishSourceLoader(options: EnglishSourceLoaderOptions): (page: { path: string | null | undefined }) => string | null {
  const englishPath = englishPathOf(options);
  return (page) => {
    const path = englishPath(page);
    if (path === null) return null;
    try {
      return options.readFile(path);
    } catch (error) {
      // A translation without an English document (an orphan) is published as it is; any other failure is the caller's to see.
      if ((error as { code?: unknown } | null)?.code === 'ENOENT') return null;
      throw error;
    }
  };
}
