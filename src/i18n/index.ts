import { joinStringsAndValues, type StrResult } from '@lit/localize';
import type { UiLang } from '../lang.js';
import { catalog, type Catalog } from './catalog.js';
import { sourceLocale } from './locale-codes.js';

export type { Catalog };

type Templates = Record<string, string | StrResult>;

/** Each translation is a lazy chunk: a page loads only the language it shows. */
const translations: Record<Exclude<UiLang, typeof sourceLocale>, () => Promise<{ templates: Templates }>> = {
  en: () => import('./locales/en.js'),
};

const loaded = new Map<UiLang, Promise<Catalog>>([[sourceLocale, Promise.resolve(catalog)]]);

/**
 * The catalog in `lang`, from the generated templates, without touching
 * @lit/localize's page-wide locale: each element speaks its own language
 * whatever the host page (or another element) has configured.
 */
export function catalogFor(lang: UiLang): Promise<Catalog> {
  let entry = loaded.get(lang);
  if (!entry) {
    // A translation that failed to load (a network blip) leaves the source language, and is tried again next time.
    entry = translations[lang as keyof typeof translations]()
      .then(({ templates }) => translate(templates))
      .catch(() => (loaded.delete(lang), catalog));
    loaded.set(lang, entry);
  }
  return entry;
}

/** The catalog with every message that has a translation answered from `templates`. */
function translate(templates: Templates): Catalog {
  const entries = Object.entries(catalog).map(([key, source]) => {
    const template = templates[`rsc-${key}`];
    const message =
      template === undefined
        ? source
        : typeof template === 'string'
          ? () => template
          : (...values: string[]) => joinStringsAndValues(template.strings, values, template.values as number[]);
    return [key, message];
  });
  return Object.fromEntries(entries) as Catalog;
}
