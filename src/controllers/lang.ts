import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Catalog } from '../i18n/catalog.js';
import { catalogAtHand, catalogFor } from '../i18n/index.js';
import { sourceLocale } from '../i18n/locale-codes.js';
import { observeLang, resolveLang, uiLang, type UiLang } from '../lang.js';

/**
 * The element's language: `lang` on the element or the nearest ancestor (across shadow roots),
 * followed while connected, and the UI strings in it. The strings of a language load as a lazy
 * chunk; until they arrive (or if they fail) the element speaks the language it already has.
 * Never touches @lit/localize's page-wide locale: the element is a guest on the page.
 */
export class LangController implements ReactiveController {
  /** The language asked for. */
  lang: UiLang = sourceLocale;
  /** The UI strings, and the language they are in: `lang` once its catalog has loaded, a fallback until then. */
  strings: Catalog = catalogAtHand(sourceLocale).catalog;
  spoken: UiLang = sourceLocale;
  /** Whether `lang` is the language the element will have in the page: false on a server, where only its own attribute is seen, without one. */
  known = true;
  #stopObserving?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    /** Told when the language asked for changes. */
    private readonly onChange: () => void,
  ) {
    host.addController(this);
  }

  /** On a server (no DOM around the element), its own `lang` attribute is all there is. */
  fromAttribute(): void {
    const own = this.host.getAttribute('lang');
    this.known = own !== null;
    this.lang = uiLang(own ?? sourceLocale);
    ({ catalog: this.strings, lang: this.spoken } = catalogAtHand(this.lang));
  }

  hostConnected(): void {
    void this.use(resolveLang(this.host));
    this.#stopObserving = observeLang(this.host, (lang) => void this.use(lang));
  }

  hostDisconnected(): void {
    this.#stopObserving?.();
  }

  /** Asks for `lang`; settles once its strings are shown (or a newer language took over). */
  use(lang: UiLang): Promise<void> {
    if (lang !== this.lang) {
      this.lang = lang;
      this.onChange();
    }
    return catalogFor(lang).then(({ catalog: strings, lang: spoken }) => {
      // A slower, older request must not undo a newer language.
      if (this.lang !== lang || this.strings === strings) return;
      this.strings = strings;
      this.spoken = spoken;
      this.host.requestUpdate();
    });
  }
}
