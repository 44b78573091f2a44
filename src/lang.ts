import { allLocales, sourceLocale } from './i18n/locale-codes.js';

/** The UI languages the element speaks: lit-localize's locales (source `ja`, then the translations). */
export type UiLang = (typeof allLocales)[number];

/** A language tag's primary subtag, lower-cased: `en-GB` → `en`. */
export const primarySubtag = (tag: string): string => tag.split('-')[0]!.toLowerCase();

/** The UI language for a language tag: its primary subtag where the element speaks it, else the source language. */
export const uiLang = (tag: string): UiLang => {
  const primary = primarySubtag(tag);
  return (allLocales as readonly string[]).includes(primary) ? (primary as UiLang) : sourceLocale;
};

/**
 * The element's language: the primary subtag of the nearest `lang` attribute on
 * the element or its ancestors, crossing shadow roots the way `:lang()` does;
 * Japanese when it names a language the element does not speak, or nothing says.
 */
export function resolveLang(element: Element): UiLang {
  for (let node: Element | null = element; node; ) {
    const owner = node.closest('[lang]');
    if (owner) return uiLang(owner.getAttribute('lang')!);
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return sourceLocale;
}

/**
 * Calls `onChange` whenever a `lang` attribute changes anywhere in the trees
 * that contain `element` (its document and every enclosing shadow root), since
 * any of them may change the inherited language. Returns the disconnect.
 */
export function observeLang(element: Element, onChange: (lang: UiLang) => void): () => void {
  const observer = new MutationObserver(() => onChange(resolveLang(element)));
  for (let root = element.getRootNode(); ; root = (root as ShadowRoot).host.getRootNode()) {
    observer.observe(root, { attributes: true, attributeFilter: ['lang'], subtree: true });
    if (!(root instanceof ShadowRoot)) break;
  }
  return () => observer.disconnect();
}
