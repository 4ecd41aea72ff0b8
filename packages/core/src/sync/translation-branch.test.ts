import { describe, expect, it } from 'vitest';
import { TranslationBranch } from './translation-branch.js';

describe('TranslationBranch', () => {
  it('builds and parses locale branch names', () => {
    const b = TranslationBranch.forLocale('i18n-drift/', 'fr');
    expect(b.name).toBe('i18n-drift/fr');
    expect(TranslationBranch.parse('refs/heads/i18n-drift/pt-BR')).toEqual({ prefix: 'i18n-drift/', locale: 'pt-BR', name: 'i18n-drift/pt-BR' });
    expect(TranslationBranch.parse('l10n-fr', 'l10n-')?.locale).toBe('fr');
  });
  it('refuses what is not a locale branch', () => {
    expect(TranslationBranch.parse('main')).toBeNull();
    expect(TranslationBranch.parse('i18n-drift/../x')).toBeNull();
    expect(() => TranslationBranch.forLocale('i18n-drift/', '../x')).toThrow(/not a locale/);
  });
});
