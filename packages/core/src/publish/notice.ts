/**
 * The words and attributes of a reader-facing notice, in the page's language, with no
 * markup: each plugin builds its own tree from this (remark: hast properties; markdown-it:
 * `noticeHtml`). One `<aside role="note">` per notice, no script, styled by the optional
 * `i18n-drift.css`.
 */
import { createLocalizer, pickLanguage, type Resources } from '../sync/i18n.js';
import { PUBLISH_MESSAGES } from './messages.js';
import type { PublishedSection, PublishPlan } from './publish-plan.js';

/** Where the English version of a section is: `{sourceLocale}`, `{locale}`, `{path}` and `{id}` are filled in. */
export type EnglishUrl = string | ((target: EnglishTarget) => string);

/** What an `englishUrl` function is told. */
export interface EnglishTarget {
  /** English section id (the anchor); null for the page as a whole and for the intro. */
  id: string | null;
  locale: string;
  sourceLocale: string;
  /** The page's path inside its locale, without extension (`your-data` for `fr/your-data.md`); '' when unknown. */
  path: string;
}

/** Per language, strings replacing the bundled ones (keys as in the `publish` namespace of `i18n-drift.json`). */
export type NoticeMessages = Record<string, Partial<Record<string, string>>>;

export interface NoticeOptions {
  /** Default `/{sourceLocale}/{path}#{id}` (the `#{id}` part is left out when there is no id). */
  englishUrl?: EnglishUrl;
  /** The page's path inside its locale, without extension, for `{path}`. */
  path?: string;
  messages?: NoticeMessages;
}

/** A notice, ready to be turned into markup. */
export interface Notice {
  /** `data-i18n-drift`: `stale`, `missing`, or `coverage` for the page notice. */
  kind: 'stale' | 'missing' | 'coverage';
  /** `data-section`: the English section id; null for the page notice. */
  section: string | null;
  /** Set when the current English is shown in place of the translation. */
  fallback: 'english' | null;
  /** Language the notice is written in (the page's, or English when there are no strings for it). */
  lang: string;
  /** The sentences, plain text. */
  text: string;
  link: { href: string; text: string; hreflang: string };
}

export const DEFAULT_ENGLISH_URL = '/{sourceLocale}/{path}#{id}';

/** The notice under one outdated section's heading. */
export function sectionNotice(section: PublishedSection, plan: PublishPlan, options: NoticeOptions = {}): Notice {
  const { t, lang } = translator(plan.locale, options.messages);
  const lead = section.kind === 'missing' ? t('missing') : section.action === 'english' ? t('english') : t('stale');
  const since = sinceText(section, lang, t);
  const heading = section.englishHeading ?? section.heading;
  const isIntro = section.heading === null;
  return {
    kind: section.kind,
    section: section.id,
    fallback: section.action === 'english' ? 'english' : null,
    lang,
    text: since ? `${lead} ${since}` : lead,
    link: {
      href: englishHref(plan, isIntro ? null : section.id, options),
      text: isIntro || heading === null ? t('readIntro') : t('readSection', { heading }),
      hreflang: plan.sourceLocale,
    },
  };
}

/** The one notice at the top of a page whose coverage is below `minCoverage`. */
export function coverageNotice(plan: PublishPlan, options: NoticeOptions = {}): Notice {
  const { t, lang } = translator(plan.locale, options.messages);
  const coverage = plan.coverage ?? { current: 0, total: 0 };
  return {
    kind: 'coverage',
    section: null,
    fallback: null,
    lang,
    text: t('coverage', { count: coverage.current, total: coverage.total }),
    link: { href: englishHref(plan, null, options), text: t('readPage'), hreflang: plan.sourceLocale },
  };
}

/** The notice's element attributes, in a fixed order. */
export function noticeAttributes(notice: Notice): [string, string][] {
  const attributes: [string, string][] = [
    ['role', 'note'],
    ['class', 'i18n-drift-notice'],
    ['data-i18n-drift', notice.kind],
  ];
  if (notice.section !== null) attributes.push(['data-section', notice.section]);
  if (notice.fallback) attributes.push(['data-fallback', notice.fallback]);
  attributes.push(['lang', notice.lang]);
  return attributes;
}

/** The notice as HTML, every text and attribute escaped: `<aside role="note" …><p>… <a …>…</a></p></aside>`. */
export function noticeHtml(notice: Notice): string {
  const attributes = noticeAttributes(notice)
    .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
    .join('');
  const link = `<a href="${escapeHtml(notice.link.href)}" hreflang="${escapeHtml(notice.link.hreflang)}">${escapeHtml(notice.link.text)}</a>`;
  return `<aside${attributes}><p>${escapeHtml(notice.text)} ${link}</p></aside>\n`;
}

/** Escapes text for HTML content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The English URL of a section (or of the page when `id` is null). */
export function englishHref(plan: Pick<PublishPlan, 'locale' | 'sourceLocale'>, id: string | null, options: Pick<NoticeOptions, 'englishUrl' | 'path'> = {}): string {
  const target: EnglishTarget = { id, locale: plan.locale, sourceLocale: plan.sourceLocale, path: options.path ?? '' };
  const pattern = options.englishUrl ?? DEFAULT_ENGLISH_URL;
  if (typeof pattern === 'function') return pattern(target);
  const fill = (text: string) =>
    text.replace(/\{(sourceLocale|locale|path|id)\}/g, (_, key: keyof EnglishTarget) => (key === 'id' ? encodeURIComponent(id ?? '') : String(target[key])));
  // A pattern's `#{id}` part means nothing without an id: link the page.
  const hash = pattern.indexOf('#');
  if (id === null && hash >= 0 && pattern.slice(hash).includes('{id}')) return fill(pattern.slice(0, hash));
  return fill(pattern);
}

function sinceText(section: PublishedSection, lang: string, t: (key: string, values?: Record<string, unknown>) => string): string | null {
  if (section.kind !== 'stale') return null;
  if (section.sinceDate) {
    const date = new Date(section.sinceDate);
    if (!Number.isNaN(date.getTime())) return t('sinceDate', { date: new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(date) });
  }
  return section.since ? t('sinceCommit', { commit: section.since.slice(0, 7) }) : null;
}

const localizers = new WeakMap<NoticeMessages, ReturnType<typeof createLocalizer>>();
let bundled: ReturnType<typeof createLocalizer> | null = null;

/** The `publish` strings of a language, the site's overrides over the bundled ones. */
function translator(locale: string, messages: NoticeMessages | undefined) {
  const resources: Resources = {};
  for (const [lng, strings] of Object.entries(PUBLISH_MESSAGES)) resources[lng] = { publish: { ...strings } };
  for (const [lng, strings] of Object.entries(messages ?? {})) resources[lng] = { publish: { ...resources[lng]?.publish, ...strings } };
  let localize = messages ? localizers.get(messages) : bundled;
  if (!localize) {
    localize = createLocalizer(resources);
    if (messages) localizers.set(messages, localize);
    else bundled = localize;
  }
  const lang = pickLanguage(Object.keys(resources), locale);
  const t = localize(lang);
  return { lang, t: (key: string, values?: Record<string, unknown>) => t(`publish:${key}`, values) };
}
