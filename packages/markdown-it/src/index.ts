export { ENV_KEY, i18nDrift, i18nDrift as default } from './markdown-it-plugin.js';
export type { MarkdownItI18nDriftOptions, MarkdownItLike, StateCoreLike, TokenLike } from './markdown-it-plugin.js';
export { englishPathOf, englishSourceLoader, PUBLISH_MESSAGES } from '@i18n-drift/core';
export type { EnglishUrl, EnglishTarget, NoticeMessages, PublishPageData, PublishPluginOptions, PublishWarning } from '@i18n-drift/core';
