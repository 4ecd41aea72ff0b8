/**
 * Locale-aware formatting of numbers, dates, language names and commit ids for one
 * interface language. Formatters are built once per language: Intl constructors are
 * slow and a large overview formats tens of thousands of numbers.
 */
import type { Translator } from '../interface-strings.js';

export interface Formatter extends Translator {
  /** `60 %` / `60%` for 0..100. */
  percent: (value: number) => string;
  number: (value: number) => string;
  /** Date of an ISO 8601 string, e.g. `27 Nov 2026`; the input unchanged if unparsable. */
  date: (iso: string) => string;
  /** Date and time, for "generated at". */
  dateTime: (iso: string) => string;
  /** `French` for `fr` in English, `français` in French; the code itself if unknown. */
  languageName: (code: string) => string;
}

const cache = new Map<string, Formatter>();

/** The formatter of a translator's language (cached per language). */
export function formatter(translator: Translator): Formatter {
  const cached = cache.get(translator.lang);
  if (cached) return cached;
  const lang = translator.lang;
  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 });
  const number = new Intl.NumberFormat(lang);
  const date = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' });
  const dateTime = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  const names = new Intl.DisplayNames([lang], { type: 'language', fallback: 'code' });
  const percentMemo = new Map<number, string>();
  const nameMemo = new Map<string, string>();
  const made: Formatter = {
    ...translator,
    percent: (value) => {
      let text = percentMemo.get(value);
      if (text === undefined) percentMemo.set(value, (text = percent.format(value / 100)));
      return text;
    },
    number: (value) => number.format(value),
    date: (iso) => {
      const time = Date.parse(iso);
      return Number.isFinite(time) ? date.format(time) : iso;
    },
    dateTime: (iso) => {
      const time = Date.parse(iso);
      return Number.isFinite(time) ? `${dateTime.format(time)} UTC` : iso;
    },
    languageName: (code) => {
      let name = nameMemo.get(code);
      if (name !== undefined) return name;
      try {
        name = names.of(code) ?? code;
      } catch {
        name = code; // not a well-formed tag: show it as written (escaped by the caller)
      }
      nameMemo.set(code, name);
      return name;
    },
  };
  cache.set(lang, made);
  return made;
}

/** First 7 characters of a commit id, as Git and GitHub show it. */
export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}
