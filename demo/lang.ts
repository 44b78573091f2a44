/** The demo pages' languages: the two the element speaks. */
export type Lang = 'ja' | 'en';

/** `?lang=en` asks for English; Japanese otherwise, as the element's own default. */
export const langFromUrl = (): Lang => (new URL(location.href).searchParams.get('lang') === 'en' ? 'en' : 'ja');

/** `href` with `lang` for `lang`: set for English, left out for Japanese, the default. */
export function withLang(href: string, lang: Lang): string {
  const url = new URL(href, location.href);
  if (lang === 'ja') url.searchParams.delete('lang');
  else url.searchParams.set('lang', lang);
  return url.href;
}

/**
 * Sets `<html lang>` (which the element follows) and every static text: an element with
 * `data-en` holds its Japanese text in the markup and its English in the attribute. Only
 * leaf elements carry `data-en`, since setting `textContent` replaces an element's children.
 */
export function setPageLang(lang: Lang): void {
  document.documentElement.lang = lang;
  for (const node of document.querySelectorAll<HTMLElement>('[data-en]')) {
    node.dataset.ja ??= node.textContent ?? '';
    node.textContent = node.dataset[lang]!;
  }
}
