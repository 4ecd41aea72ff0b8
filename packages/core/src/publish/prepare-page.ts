/**
 * The part of the remark and markdown-it plugins that does not depend on their trees: from
 * the options a site passes and what the generator knows about the page (its body, its
 * frontmatter data, its path), the plan, the notices and the data exposed to themes. Each
 * plugin then only finds the planned lines in its own tree.
 */
import { DEFAULT_FRONTMATTER_KEYS, FrontmatterError, parseDocument } from '@i18n-drift/sections';
import { documentOf } from '../file-patterns.js';
import { readPins } from '../pins.js';
import type { CommitInfo, Config, MissingRule, PublishRules, SectionState, StaleRule } from '../types.js';
import { coverageNotice, sectionNotice, type EnglishUrl, type Notice, type NoticeMessages } from './notice.js';
import { localePagePath, pageText } from './page-source.js';
import { planPublication, publishRulesFor, type PublishAction, type PublishPlan } from './publish-plan.js';

/** What a plugin knows about the page it renders. */
export interface PageInfo {
  /** The file's path as the generator gives it (absolute or relative); null when unknown. */
  path: string | null;
  /** The frontmatter data the generator read (empty when it left the frontmatter in the body). */
  frontmatter: Record<string, unknown>;
}

/** Options shared by `@i18n-drift/remark` and `@i18n-drift/markdown-it`. */
export interface PublishPluginOptions {
  /** The repository's `.github/i18n-drift.yml`, parsed (`parseConfigText`): `publish` rules per locale, `sourceLocale`, `frontmatterKeys`, and `files` patterns to tell a page's locale from its path. */
  config?: Config;
  /** The page's locale. Default: the locale `config.files` finds in its path, else its frontmatter `lang` or `locale`. Pages in the source locale, or with none, are left alone. */
  locale?: string | ((page: PageInfo) => string | null | undefined);
  /** The current English document of a page (the text, or a function such as `englishSourceLoader(…)`): needed for pin checks, coverage and `stale: english`. Without it only the markers are shown. */
  englishSource?: string | ((page: PageInfo & { locale: string }) => string | null | undefined);
  /** The English document's commits, newest first (`CommitInfo`): notices then say on which date English changed. */
  history?: readonly CommitInfo[] | ((page: PageInfo & { locale: string }) => readonly CommitInfo[] | null | undefined);
  /** Overrides `publish.<locale>.stale` of the config. */
  stale?: StaleRule;
  /** Overrides `publish.<locale>.missing`. */
  missing?: MissingRule;
  /** Overrides `publish.<locale>.minCoverage`. */
  minCoverage?: number;
  /** Link to the English section: a pattern with `{sourceLocale}`, `{locale}`, `{path}`, `{id}` (default `/{sourceLocale}/{path}#{id}`) or a function. */
  englishUrl?: EnglishUrl;
  /** Per language, strings replacing the bundled ones (keys of the `publish` namespace). */
  messages?: NoticeMessages;
  /** For "days behind" in the coverage data; default now. */
  now?: Date;
  /**
   * Told about a page left as it is because its frontmatter (or its English document's) cannot
   * be read; one bad page does not stop the site's build. Default: remark adds a vfile
   * message, markdown-it writes to `console.warn`.
   */
  onWarning?: (warning: PublishWarning) => void;
}

/** A page rendered without notices, and why. */
export interface PublishWarning {
  /** The page's path, as the generator gave it. */
  path: string | null;
  /** Which document could not be read. */
  document: 'translation' | 'english';
  /** 1-based line in that document (in the translation as rebuilt with its frontmatter, when the generator had stripped it). */
  line: number;
  reason: string;
  /** One line for a log: `i18n-drift: docs/fr/a.md: frontmatter, line 2: …; the page is shown without notices`. */
  message: string;
}

/** What the plugins expose to themes (`file.data.i18nDrift`, `env.i18nDrift`, and the frontmatter's `i18nDrift`). */
export interface PublishPageData {
  locale: string;
  /** Null without the English source. */
  coverage: { total: number; current: number; stale: number; missing: number; untranslated: number; share: number; sections: Record<string, SectionState> } | null;
  /** True when one notice at the top replaced the per-section ones. */
  pageNotice: boolean;
  outdated: { id: string; kind: 'stale' | 'missing'; action: PublishAction; since: string | null; sinceDate: string | null }[];
}

/** One planned section with its notice (null when it shows none). */
export interface PreparedSection {
  section: PublishPlan['sections'][number];
  notice: Notice | null;
}

export interface PreparedPage {
  plan: PublishPlan;
  /** Add to a 1-based line of the body the plugin parsed to get a plan line. */
  lineOffset: number;
  pageNotice: Notice | null;
  sections: PreparedSection[];
  data: PublishPageData;
}

/**
 * Plans one page for a plugin, or null when there is nothing to do (no locale, the source
 * locale, a page with no pins or markers) or when the page's or its English document's
 * frontmatter cannot be read (then `options.onWarning` is told, and the page is left as it is).
 * @throws ConfigError for bad `stale`, `missing` or `minCoverage` options.
 */
export function preparePage(body: string, page: PageInfo, options: PublishPluginOptions = {}): PreparedPage | null {
  const config = options.config;
  const sourceLocale = config?.sourceLocale ?? 'en';
  const locale = localeOf(page, options);
  if (!locale || locale === sourceLocale) return null;
  const withLocale = { ...page, locale };
  const { text, lineOffset } = pageText(body, page.frontmatter);
  if (!text.includes('i18n-drift:') && !/^i18n[ \t]*:/m.test(text)) return null;
  const source = typeof options.englishSource === 'function' ? options.englishSource(withLocale) : options.englishSource;
  const history = typeof options.history === 'function' ? options.history(withLocale) : options.history;
  const overrides: Partial<PublishRules> = { stale: options.stale, missing: options.missing, minCoverage: options.minCoverage };
  const rules = publishRulesFor(config, locale, overrides);
  let plan: PublishPlan;
  try {
    plan = planPublication({
      translation: text,
      source: source ?? null,
      locale,
      rules,
      ...(config ? { config } : {}),
      ...(history ? { history } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
  } catch (error) {
    if (!(error instanceof FrontmatterError)) throw error;
    const document = unreadable(text, config) ? 'translation' : 'english';
    const where = page.path ?? (document === 'translation' ? 'the page' : 'its English document');
    const message = `i18n-drift: ${where}${document === 'english' ? ' (English document)' : ''}: frontmatter, line ${error.line}: ${error.reason}; the page is shown without notices`;
    options.onWarning?.({ path: page.path, document, line: error.line, reason: error.reason, message });
    return null;
  }
  const noticeOptions = {
    path: page.path ? localePagePath(page.path, locale) : '',
    ...(options.englishUrl ? { englishUrl: options.englishUrl } : {}),
    ...(options.messages ? { messages: options.messages } : {}),
  };
  return {
    plan,
    lineOffset,
    pageNotice: plan.pageNotice ? coverageNotice(plan, noticeOptions) : null,
    sections: plan.sections.map((section) => ({ section, notice: section.notice ? sectionNotice(section, plan, noticeOptions) : null })),
    data: {
      locale,
      coverage: plan.coverage,
      pageNotice: plan.pageNotice,
      outdated: plan.sections.map(({ id, kind, action, since, sinceDate }) => ({ id, kind, action, since, sinceDate })),
    },
  };
}

function localeOf(page: PageInfo, options: PublishPluginOptions): string | null {
  if (typeof options.locale === 'string') return options.locale;
  if (typeof options.locale === 'function') return options.locale(page) ?? null;
  if (options.config && page.path) {
    // Generators give absolute paths: try the path from each of its folders down until a pattern matches.
    const segments = page.path.replace(/\\/g, '/').split('/');
    for (let i = 0; i < segments.length - 1; i++) {
      const found = documentOf(segments.slice(i).join('/'), options.config);
      if (found) return found.locale;
    }
  }
  const declared = page.frontmatter['lang'] ?? page.frontmatter['locale'];
  return typeof declared === 'string' && declared !== '' ? declared : null;
}

/** Whether the translated text's frontmatter is what cannot be read (else it is the English one's). */
function unreadable(text: string, config: Config | undefined): boolean {
  try {
    parseDocument(text, { frontmatterKeys: config?.frontmatterKeys ?? DEFAULT_FRONTMATTER_KEYS });
    readPins(text);
    return false;
  } catch (error) {
    return error instanceof FrontmatterError;
  }
}
