import { joinStringsAndValues, type StrResult } from '@lit/localize/internal/str-tag.js';
import type { UiLang } from '../lang.js';
import { catalog, type Catalog } from './catalog.js';
import { sourceLocale } from './locale-codes.js';
import type { Messages } from './msg.js';

export type { Catalog };

/** A language's translations by message id, as lit-localize builds them. */
export type Templates = Record<string, string | StrResult>;

/** Each translation is a lazy chunk: a page loads only the language it shows. */
const translations: Record<Exclude<UiLang, typeof sourceLocale>, () => Promise<{ templates: Templates }>> = {
  en: () => import('./locales/en.js'),
};

/** A catalog and the language it really speaks: the source language where a translation failed to load. */
export interface Spoken {
  catalog: Catalog;
  lang: UiLang;
}

const source: Spoken = { catalog, lang: sourceLocale };
const loaded = new Map<UiLang, Promise<Spoken>>([[sourceLocale, Promise.resolve(source)]]);

/**
 * The catalog in `lang`, from the generated templates, without touching
 * @lit/localize's page-wide locale: each element speaks its own language
 * whatever the host page (or another element) has configured.
 */
export function catalogFor(lang: UiLang): Promise<Spoken> {
  let entry = loaded.get(lang);
  if (!entry) {
    // A translation that failed to load (a network blip) leaves the source language, and is tried again next time.
    entry = translations[lang as keyof typeof translations]()
      .then(({ templates }) => ({ catalog: translate(catalog, templates), lang }))
      .catch((error: unknown) => {
        console.warn(`<remote-support-consent> the ${lang} UI strings did not load (${String(error)}); showing ${sourceLocale}`);
        loaded.delete(lang);
        return source;
      });
    loaded.set(lang, entry);
  }
  return entry;
}

/** `messages` with every message that has a translation in `templates` answered from it. */
export function translate<T extends Messages>(messages: T, templates: Templates): T {
  const entries = Object.entries(messages).map(([key, source]) => {
    const template = templates[`rsc-${key}`];
    const message =
      template === undefined
        ? source
        : typeof template === 'string'
          ? () => template
          : (...values: string[]) => joinStringsAndValues(template.strings, values, template.values as number[]);
    return [key, message];
  });
  return Object.fromEntries(entries) as T;
}
