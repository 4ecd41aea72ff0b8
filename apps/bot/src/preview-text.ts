/**
 * The text of the preview comment on an English pull request: per locale, how many
 * sections it will mark stale, add as missing and remove, so maintainers see the
 * translation cost before merging. Pure.
 */
import { languageName, type SourceChangePreview, type Translate } from '@i18n-drift/core';

/** True when merging would change nothing for any translator. */
export function previewIsEmpty(preview: SourceChangePreview): boolean {
  return preview.locales.every((l) => l.stale + l.missing + l.removed === 0 && l.files.length === 0);
}

/** Markdown for the comment (without the hidden marker), in the language of `t`. */
export function previewText(preview: SourceChangePreview, t: Translate, language = 'en'): string {
  const lines = [`### ${t('bot:preview.title')}`, ''];
  const affected = preview.locales.filter((l) => l.stale + l.missing + l.removed > 0 || l.files.length > 0);
  if (affected.length === 0) {
    lines.push(t('bot:preview.none'));
  } else {
    const stale = affected.filter((l) => l.stale > 0);
    if (stale.length > 0) {
      // "3 sections stale in fr, nl": the English sections that change, counted once (the
      // largest locale count), not summed over locales; the table gives each locale's own.
      const most = Math.max(...stale.map((l) => l.stale));
      lines.push(t('bot:preview.headline', { count: most, locales: stale.map((l) => l.locale).join(', ') }), '');
    } else {
      lines.push(t('bot:preview.headlineNoStale'), '');
    }
    lines.push(`| ${t('bot:preview.locale')} | ${t('bot:preview.stale')} | ${t('bot:preview.missing')} | ${t('bot:preview.removed')} | ${t('bot:preview.files')} |`);
    lines.push('| --- | ---: | ---: | ---: | --- |');
    for (const l of affected) {
      const files = l.files.map((f) => `\`${f}\``).join('<br>') || '—';
      lines.push(`| ${l.locale} (${languageName(l.locale, language)}) | ${l.stale} | ${l.missing} | ${l.removed} | ${files} |`);
    }
  }
  lines.push('', `<sub>${t('bot:preview.footer', { from: preview.from.slice(0, 7), to: preview.to.slice(0, 7) })}</sub>`);
  return lines.join('\n');
}
