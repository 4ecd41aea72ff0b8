export * from './types.js';
export * from './render-page.js';
export { interfaceLanguages, pickLanguage } from './interface-strings.js';
export { DASHBOARD_CSS } from './dashboard-css.js';
