/**
 * The locale branch name as a type (GUIDE §3, release-please's `BranchName`):
 * `<branchPrefix><locale>`, built and parsed in one place.
 */

/** A locale branch: `<prefix><locale>`, e.g. `i18n-drift/fr`. */
export interface TranslationBranch {
  readonly prefix: string;
  readonly locale: string;
  /** The full branch name (no `refs/heads/`). */
  readonly name: string;
}

// BCP 47-ish: letters, digits and dashes; what config validation lets through.
const LOCALE = /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/;

export const TranslationBranch = {
  /**
   * The branch for one locale.
   * @throws Error when `locale` is not a BCP 47-shaped tag (it ends up in a ref name).
   */
  forLocale(prefix: string, locale: string): TranslationBranch {
    if (!LOCALE.test(locale)) throw new Error(`not a locale code: ${JSON.stringify(locale)}`);
    return { prefix, locale, name: `${prefix}${locale}` };
  },

  /**
   * The locale branch a ref names, or null when it is not one (`refs/heads/` is accepted).
   * `parse(forLocale(p, l).name, p)` gives back `l`.
   */
  parse(ref: string, prefix = 'i18n-drift/'): TranslationBranch | null {
    const name = ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : ref;
    if (!name.startsWith(prefix)) return null;
    const locale = name.slice(prefix.length);
    if (!LOCALE.test(locale)) return null;
    return { prefix, locale, name };
  },
};
