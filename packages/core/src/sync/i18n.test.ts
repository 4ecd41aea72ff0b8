import { describe, expect, it } from 'vitest';
import { createTranslator, pickLanguage } from './i18n.js';
import { resources } from './test-fixtures.js';

describe('createTranslator', () => {
  it('speaks French and Dutch, falling back to English', () => {
    expect(createTranslator(resources, 'fr')('pr:commits')).toBe('Commits anglais');
    expect(createTranslator(resources, 'nl')('pr:commits')).toBe('Engelse commits');
    expect(createTranslator(resources, 'de')('pr:commits')).toBe('English commits');
  });
  it('uses plural forms', () => {
    const t = createTranslator(resources, 'en');
    expect(t('pr:title', { count: 1, language: 'French' })).toContain('1 section to translate');
    expect(t('pr:title', { count: 3, language: 'French' })).toContain('3 sections');
  });
  it('matches locale variants and environment values', () => {
    expect(pickLanguage(['en', 'fr', 'nl'], 'fr_BE.UTF-8')).toBe('fr');
    expect(pickLanguage(['en', 'fr', 'nl'], 'nl-NL')).toBe('nl');
    expect(pickLanguage(['en', 'fr', 'nl'], 'C')).toBe('en');
    expect(pickLanguage(['en', 'fr', 'nl'], undefined)).toBe('en');
  });
});
