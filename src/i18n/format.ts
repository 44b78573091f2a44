import { primarySubtag, type UiLang } from '../lang.js';
import { formattedDates } from '../terms/generated/dates.js';

/**
 * A calendar date (YYYY-MM-DD) written the way the language writes dates: 2025年4月1日, April 1, 2025.
 * The built-in documents' dates come formatted from the build (the same Intl call, made by Node), as
 * a cold page's first Intl call costs tens of milliseconds before the terms can show.
 */
export const formatDate = (date: string, lang: UiLang): string =>
  formattedDates[date]?.[lang] ?? new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));

/** The name of a document's language in the UI language (英語, Japanese), or the tag itself where Intl cannot say. */
export function languageName(locale: string, lang: UiLang): string {
  try {
    return new Intl.DisplayNames(lang, { type: 'language' }).of(locale) ?? locale;
  } catch {
    return locale;
  }
}

/** Whether two language tags name the same language (their primary subtags match). */
export const sameLanguage = (a: string, b: string): boolean => primarySubtag(a) === primarySubtag(b);
