/**
 * The remark (unified) plugin: reads the page's stale and missing markers (and pins) through
 * `@i18n-drift/core` and edits the mdast tree: a notice right under an outdated section's
 * heading, the current English in place of a stale translation (`stale: english`), a missing
 * section dropped (`missing: hide`), or one notice at the top of a page below `minCoverage`.
 * Notices are mdast nodes carrying `data.hName`/`hProperties`/`hChildren`, so they become
 * real elements through remark-rehype (Astro, Starlight, Docusaurus, MDX) without raw HTML.
 */
import { isMarkerBlock, noticeAttributes, preparePage, type Notice, type PageInfo, type PublishPageData, type PublishPluginOptions, type PublishWarning } from '@i18n-drift/core';
import type { Parent, Root, RootContent } from 'mdast';
import type { Processor } from 'unified';
import type { VFile } from 'vfile';

declare module 'vfile' {
  interface DataMap {
    /** What `@i18n-drift/remark` found on the page: coverage and outdated sections, for a theme to show. */
    i18nDrift: PublishPageData;
  }
}

export interface RemarkI18nDriftOptions extends PublishPluginOptions {
  /** The frontmatter data of a file whose value no longer holds it. Default: Astro's `data.astro.frontmatter`, Docusaurus's `data.frontMatter`, vfile-matter's `data.matter`, or `data.frontmatter`. */
  frontmatter?: (file: VFile) => Record<string, unknown> | null | undefined;
}

/** A node's place: its parent and index there, and its 1-based line in the page. */
interface Place {
  parent: Parent;
  index: number;
  line: number;
}

/**
 * `unified().use(remarkParse).use(remarkI18nDrift, options)`.
 * Pages with no locale, in the source locale, or without pins or markers are left as they are.
 * Sets `file.data.i18nDrift` (and `i18nDrift` in Astro's frontmatter) for the page's theme.
 * A page whose frontmatter (or its English source's) cannot be read is left as it is, with a
 * vfile message (or `options.onWarning`) saying which file, line and why.
 */
export function remarkI18nDrift(this: Processor, options: RemarkI18nDriftOptions = {}) {
  const processor = this;
  return (tree: Root, file: VFile): void => {
    const frontmatter = (options.frontmatter ? options.frontmatter(file) : frontmatterOf(file)) ?? {};
    const page: PageInfo = { path: file.path || null, frontmatter };
    // One unreadable page must not stop the site's build: a vfile message says which and why.
    const onWarning =
      options.onWarning ??
      ((warning: PublishWarning) => {
        file.message(warning.message, { ruleId: 'frontmatter', source: 'i18n-drift' });
      });
    const prepared = preparePage(String(file.value), page, { ...options, onWarning });
    if (!prepared) return;
    file.data.i18nDrift = prepared.data;
    const astro = (file.data as { astro?: { frontmatter?: Record<string, unknown> } }).astro;
    if (astro?.frontmatter) astro.frontmatter['i18nDrift'] = prepared.data;

    const lineOf = (node: RootContent) => (node.position ? node.position.start.line + prepared.lineOffset : null);
    const headings = new Map<number, Place>();
    walk(tree, (parent, index, node) => {
      const line = lineOf(node);
      if (node.type === 'heading' && line !== null && !headings.has(line)) headings.set(line, { parent, index, line });
    });

    // Later sections first, so the indices of earlier nodes stay valid.
    for (const { section, notice } of [...prepared.sections].reverse()) {
      const heading = section.heading === null ? null : headings.get(section.line);
      if (section.heading !== null && !heading) continue;
      const parent = heading?.parent ?? tree;
      const from = heading ? heading.index + 1 : parent.children.findIndex((node) => !isFrontmatterNode(node) && (lineOf(node) ?? 0) >= section.line);
      let to = from;
      while (to >= 0 && to < parent.children.length && (lineOf(parent.children[to]!) ?? Infinity) < section.endLine) to++;
      const noticeNodes = notice ? [noticeNode(notice)] : [];
      if (section.action === 'english' && section.englishBody !== null && to > from) {
        const english = (processor.parse(section.englishBody) as Root).children;
        for (const node of english) markEnglish(node, prepared.plan.sourceLocale);
        parent.children.splice(from, to - from, ...noticeNodes, ...english);
      } else if (section.action === 'hide') {
        // Raw HTML stays: a wrapper such as `<Note>` opened before the heading is closed in this section.
        const start = heading ? heading.index : Math.max(from, 0);
        const kept = parent.children.slice(start, Math.max(to, start)).filter((node) => node.type === 'html' && !isMarkerBlock(node.value));
        parent.children.splice(start, Math.max(to, start) - start, ...kept);
      } else if (noticeNodes.length > 0) {
        parent.children.splice(from < 0 ? firstContentIndex(tree) : from, 0, ...noticeNodes);
      }
    }
    if (prepared.pageNotice) tree.children.splice(firstContentIndex(tree), 0, noticeNode(prepared.pageNotice));
  };
}

/** A notice as an mdast node that remark-rehype turns into `<aside role="note" …><p>… <a>…</a></p></aside>`. */
function noticeNode(notice: Notice): RootContent {
  const properties: Record<string, string | string[]> = {};
  for (const [name, value] of noticeAttributes(notice)) properties[hastName(name)] = name === 'class' ? [value] : value;
  return {
    type: 'i18nDriftNotice',
    data: {
      hName: 'aside',
      hProperties: properties,
      hChildren: [
        {
          type: 'element',
          tagName: 'p',
          properties: {},
          children: [
            { type: 'text', value: `${notice.text} ` },
            { type: 'element', tagName: 'a', properties: { href: notice.link.href, hrefLang: notice.link.hreflang }, children: [{ type: 'text', value: notice.link.text }] },
          ],
        },
      ],
    },
  } as unknown as RootContent;
}

/** `data-section` -> `dataSection`, `class` -> `className`: hast property names. */
function hastName(attribute: string): string {
  if (attribute === 'class') return 'className';
  return attribute.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** English nodes shown in a translated page say they are English, and drop the positions of another text. */
function markEnglish(node: RootContent, lang: string): void {
  const strip = (n: { position?: unknown; children?: unknown }) => {
    delete n.position;
    if (Array.isArray(n.children)) for (const child of n.children) strip(child as typeof n);
  };
  strip(node as { position?: unknown });
  if (node.type === 'html') return;
  node.data = { ...node.data, hProperties: { ...(node.data as { hProperties?: Record<string, unknown> } | undefined)?.hProperties, lang } } as typeof node.data;
}

function walk(parent: Parent, visit: (parent: Parent, index: number, node: RootContent) => void): void {
  parent.children.forEach((node, index) => {
    visit(parent, index, node);
    if ('children' in node) walk(node as Parent, visit);
  });
}

function firstContentIndex(tree: Root): number {
  const index = tree.children.findIndex((node) => !isFrontmatterNode(node));
  return index === -1 ? tree.children.length : index;
}

function isFrontmatterNode(node: RootContent): boolean {
  return node.type === 'yaml' || (node.type as string) === 'toml';
}


function frontmatterOf(file: VFile): Record<string, unknown> | null {
  const data = file.data as Record<string, unknown> & { astro?: { frontmatter?: unknown } };
  for (const candidate of [data.astro?.frontmatter, data['frontMatter'], data['matter'], data['frontmatter']]) {
    if (typeof candidate === 'object' && candidate !== null && !Array.isArray(candidate)) return candidate as Record<string, unknown>;
  }
  return null;
}
