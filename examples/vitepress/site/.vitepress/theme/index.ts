import DefaultTheme from 'vitepress/theme';
import { h, type FunctionalComponent } from 'vue';
import type { Theme } from 'vitepress';
import '@i18n-drift/markdown-it/i18n-drift.css';

// The seeds wrap each data category in <Note>: a Vue component in a VitePress page.
const Note: FunctionalComponent = (_, { slots }) => h('section', { class: 'note' }, slots['default']?.());

export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('Note', Note);
  },
} satisfies Theme;
