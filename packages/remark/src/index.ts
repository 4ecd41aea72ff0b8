export { remarkI18nDrift, remarkI18nDrift as default } from './remark-plugin.js';
export type { RemarkI18nDriftOptions } from './remark-plugin.js';
export { englishSourceLoader, PUBLISH_MESSAGES } from '@i18n-drift/core';
export type { EnglishUrl, EnglishTarget, NoticeMessages, PublishPageData, PublishPluginOptions } from '@i18n-drift/core';
