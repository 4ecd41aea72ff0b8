export { remarkI18nDrift, remarkI18nDrift as default } from './remark-plugin.js';
export type { RemarkI18nDriftOptions } from './remark-plugin.js';
export { englishPathOf, englishSourceLoader, PUBLISH_MESSAGES } from '@i18n-drift/core';
export type { EnglishUrl, EnglishTarget, NoticeMessages, PublishPageData, PublishPluginOptions, PublishWarning } from '@i18n-drift/core';
