import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Catalog } from '../i18n/catalog.js';
import { catalogAtHand, catalogFor, fallback } from '../i18n/index.js';
import { sourceLocale } from '../i18n/locale-codes.js';
import { observeLang, resolveLang, uiLang, type UiLang } from '../lang.js';

/**
 * The element's language: `lang` on the element or the nearest ancestor (across shadow roots),
 * followed while connected, and the UI strings in it. A language's strings come in a lazy file;
 * until the first arrive the element has only a few words (`i18n/fallback.ts`), and a language
 * whose file fails leaves the strings it already had. Never touches @lit/localize's page-wide
 * locale: the element is a guest on the page.
 */
export class LangController implements ReactiveController {
  /** The language asked for. */
  lang: UiLang = sourceLocale;
  /** The UI strings, and the language they are in: `lang` once its file has loaded. */
  strings: Catalog = fallback.catalog;
  spoken: UiLang = sourceLocale;
  /** Whether `strings` are a whole catalog (not the few words of the fallback). */
  loaded = false;
  /**
   * Whether `lang` is the language the element will have in the page: false where only its own
   * attribute can be seen and it has none (a server; the first render when hydrating one's output).
   */
  known = true;
  /** Until the first render is done: render as the server did, then follow the page. */
  hydrating = false;
  #stopObserving?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    /** Told when the language asked for changes. */
    private readonly onChange: () => void,
  ) {
    host.addController(this);
  }

  /** What a server sees: the element's own `lang` attribute, and the strings at hand for it. */
  fromAttribute(): void {
    const own = this.host.getAttribute('lang');
    this.known = own !== null;
    this.lang = uiLang(own ?? sourceLocale);
    const spoken = catalogAtHand(this.lang);
    this.loaded = spoken !== undefined;
    ({ catalog: this.strings, lang: this.spoken } = spoken ?? fallback);
  }

  hostConnected(): void {
    this.#stopObserving = observeLang(this.host, (lang) => void this.use(lang));
    if (this.hydrating) this.fromAttribute();
    else void this.use(resolveLang(this.host));
  }

  hostDisconnected(): void {
    this.#stopObserving?.();
  }

  /** After the first render of a server's output: the page's language from now on. */
  hydrated(): void {
    this.hydrating = false;
    this.known = true;
    void this.use(resolveLang(this.host));
  }

  /** Asks for `lang`; settles once its strings are shown, or did not load, or a newer language took over. */
  use(lang: UiLang): Promise<void> {
    if (lang !== this.lang) {
      this.lang = lang;
      this.onChange();
    }
    return catalogFor(lang).then(
      ({ catalog: strings, lang: spoken }) => {
        // A slower, older request must not undo a newer language.
        if (this.lang !== lang || this.strings === strings) return;
        this.strings = strings;
        this.spoken = spoken;
        this.loaded = true;
        this.host.requestUpdate();
      },
      (error: unknown) => console.warn(`<remote-support-consent> the ${lang} UI strings did not load (${String(error)})`),
    );
  }
}
