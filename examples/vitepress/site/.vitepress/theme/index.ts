import DefaultTheme from 'vitepress/theme';
import { useData, type Theme } from 'vitepress';
import { defineComponent, h, type FunctionalComponent } from 'vue';
import '@i18n-drift/markdown-it/i18n-drift.css';

// The seeds wrap each data category in <Note>: a Vue component in a VitePress page.
const Note: FunctionalComponent = (_, { slots }) => h('section', { class: 'note' }, slots['default']?.());

// The site's own words for the page's coverage, which the plugin leaves in frontmatter.i18nDrift.
const SUMMARY: Record<string, (current: number, total: number) => string> = {
  en: (current, total) => `Translation status: ${current} of ${total} sections up to date with the English version.`,
  fr: (current, total) => `État de la traduction : ${current} sections sur ${total} à jour avec la version anglaise.`,
  nl: (current, total) => `Vertaalstatus: ${current} van de ${total} secties bijgewerkt met de Engelse versie.`,
};

const TranslationCoverage = defineComponent(() => {
  const { frontmatter } = useData();
  return () => {
    const data = frontmatter.value['i18nDrift'] as { locale: string; coverage: { current: number; total: number; share: number } | null } | undefined;
    if (!data?.coverage) return null;
    const say = SUMMARY[data.locale] ?? SUMMARY['en']!;
    return h('p', { class: 'i18n-drift-coverage', 'data-share': String(data.coverage.share) }, say(data.coverage.current, data.coverage.total));
  };
});

export default {
  extends: DefaultTheme,
  Layout: () => h(DefaultTheme.Layout, null, { 'doc-before': () => h(TranslationCoverage) }),
  enhanceApp({ app }) {
    app.component('Note', Note);
  },
} satisfies Theme;
