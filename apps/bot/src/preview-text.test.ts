import { expect, test } from 'vitest';
import { createLocalizer } from '@i18n-drift/core';
import { loadResources } from './load-resources.js';
import { previewIsEmpty, previewText } from './preview-text.js';

const localize = createLocalizer(loadResources());
const preview = {
  from: 'a'.repeat(40),
  to: 'b'.repeat(40),
  locales: [
    { locale: 'fr', stale: 3, missing: 1, removed: 0, files: ['docs/fr/privacy.md'] },
    { locale: 'nl', stale: 2, missing: 1, removed: 0, files: ['docs/nl/privacy.md'] },
    { locale: 'de', stale: 0, missing: 0, removed: 0, files: [] },
  ],
};

test('says what merging costs per locale, leaving untouched locales out', () => {
  const text = previewText(preview, localize('en'));
  expect(text).toContain('Merging this pull request will mark 3 sections stale in fr, nl.');
  expect(text).toContain('| fr (French) | 3 | 1 | 0 | `docs/fr/privacy.md` |');
  expect(text).not.toContain('| de');
  expect(text).toContain('aaaaaaa…bbbbbbb');
  expect(previewIsEmpty(preview)).toBe(false);
});

test('in the source language, and says so when nothing changes', () => {
  const none = { ...preview, locales: [{ locale: 'fr', stale: 0, missing: 0, removed: 0, files: [] }] };
  expect(previewIsEmpty(none)).toBe(true);
  expect(previewText(none, localize('en'))).toContain('Merging this pull request changes no translated section.');
  expect(previewText(preview, localize('fr'), 'fr')).toContain('rendra 3 sections obsolètes en fr, nl');
  expect(previewText(preview, localize('nl'), 'nl')).toContain('| fr (Frans) |');
});
