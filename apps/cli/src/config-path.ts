/** Where the configuration lives, relative to the repository's root (a module of its own: error messages name it before any command is loaded). */
export const CONFIG_PATH = '.github/i18n-drift.yml';
