export * from './types.js';
export * from './render-page.js';
export * from './load-dashboard-data.js';
export * from './dashboard-handler.js';
export * from './export-dashboard.js';
export { interfaceLanguages, pickLanguage } from './interface-strings.js';
export { DASHBOARD_CSS } from './dashboard-css.js';
export { html, type SafeHtml } from './html.js';
