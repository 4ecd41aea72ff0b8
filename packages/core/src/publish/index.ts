export { DEFAULT_PUBLISH_RULES, isMarkerBlock, publishRulesFor, planPublication } from './publish-plan.js';
export type { PageCoverage, PublishAction, PublishedSection, PublishPlan, PublishPlanInput } from './publish-plan.js';
export { coverageNotice, DEFAULT_ENGLISH_URL, englishHref, escapeHtml, noticeAttributes, noticeHtml, sectionNotice } from './notice.js';
export type { EnglishTarget, EnglishUrl, Notice, NoticeMessages, NoticeOptions } from './notice.js';
export { englishPathOf, englishSourceLoader, localePagePath, pageText } from './page-source.js';
export type { EnglishPathOptions, EnglishSourceLoaderOptions, PageText } from './page-source.js';
export { PUBLISH_MESSAGES } from './messages.js';
export { preparePage } from './prepare-page.js';
export type { PageInfo, PreparedPage, PreparedSection, PublishPageData, PublishPluginOptions, PublishWarning } from './prepare-page.js';
