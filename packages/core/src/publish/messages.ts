// Generated from locales/<lng>/i18n-drift.json (the `publish` namespace) by publish.test.ts
// with UPDATE=1: the plugins run inside other sites' builds, where this repository's locales/ is not.
// Edit the JSON, not this file.

/** The notices' strings per language, as in `locales/<lng>/i18n-drift.json` under `publish`. */
export const PUBLISH_MESSAGES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  en: {
    stale: "This section has changed in English since it was translated.",
    english: "The translation of this section is out of date, so the current English text is shown.",
    missing: "This section has not been translated yet.",
    sinceDate: "English updated on {{date}}.",
    sinceCommit: "English change: {{commit}}.",
    coverage_one: "This translation is out of date: {{count}} of {{total}} sections matches the current English version.",
    coverage_other: "This translation is out of date: {{count}} of {{total}} sections match the current English version.",
    readSection: "Read “{{heading}}” in English",
    readIntro: "Read the English version",
    readPage: "Read the English page",
  },
  fr: {
    stale: "Cette section a été modifiée en anglais depuis sa traduction.",
    english: "La traduction de cette section n’est plus à jour : le texte anglais actuel est affiché.",
    missing: "Cette section n’est pas encore traduite.",
    sinceDate: "Version anglaise mise à jour le {{date}}.",
    sinceCommit: "Modification anglaise : {{commit}}.",
    coverage_one: "Cette traduction n’est plus à jour : {{count}} section sur {{total}} correspond à la version anglaise actuelle.",
    coverage_many: "Cette traduction n’est plus à jour : {{count}} sections sur {{total}} correspondent à la version anglaise actuelle.",
    coverage_other: "Cette traduction n’est plus à jour : {{count}} sections sur {{total}} correspondent à la version anglaise actuelle.",
    readSection: "Lire « {{heading}} » en anglais",
    readIntro: "Lire la version anglaise",
    readPage: "Lire la page en anglais",
  },
  nl: {
    stale: "Deze sectie is in het Engels gewijzigd sinds ze werd vertaald.",
    english: "De vertaling van deze sectie is verouderd, daarom wordt de huidige Engelse tekst getoond.",
    missing: "Deze sectie is nog niet vertaald.",
    sinceDate: "Engelse versie bijgewerkt op {{date}}.",
    sinceCommit: "Engelse wijziging: {{commit}}.",
    coverage_one: "Deze vertaling is verouderd: {{count}} van de {{total}} secties komt overeen met de huidige Engelse versie.",
    coverage_other: "Deze vertaling is verouderd: {{count}} van de {{total}} secties komen overeen met de huidige Engelse versie.",
    readSection: "Lees “{{heading}}” in het Engels",
    readIntro: "Lees de Engelse versie",
    readPage: "Lees de Engelse pagina",
  },
};
