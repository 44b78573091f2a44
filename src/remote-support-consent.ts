import { html, nothing } from 'lit/html.js';
import { ConsentError, isRetryable, mayPass } from './errors.js';
import type { ConsentEventDetail, RemoteSupportConsentEventMap, TermsEventDetail } from './events.js';
import { catalog, type Catalog } from './i18n/catalog.js';
import { sourceLocale } from './i18n/locale-codes.js';
import { catalogFor } from './i18n/index.js';
import { observeLang, resolveLang, type UiLang } from './lang.js';
import { defaultReception, type ReceptionAttributes } from './reception/attributes.js';
import type { ReceptionNotice } from './reception/index.js';
import { styles } from './remote-support-consent.styles.js';
import { ElementBase, type ChangedProperties, type PropertyDeclaration } from './view/element-base.js';
import { errorText } from './view/error-text.js';
import { renderTerms } from './view/terms.js';
import { transition, isSettled, type ConsentAction, type ConsentState, type ShownTerms } from './state.js';
import { resolveTerms } from './terms/resolve.js';
import { checkRedirect, defaultAllowedOrigins, parseAllowedOrigins, type RedirectTarget } from './redirect.js';
import { loadCode, within } from './within.js';
import type { Deadline } from './http.js';

/** A removed attribute means its default, never `null`. */
const orDefault = (fallback: string) => ({ fromAttribute: (value: string | null) => value ?? fallback });
const text = orDefault('');
const defaultTimeoutMs = 10_000;
/** How long the terms wait for the reception notice to come with them. */
const receptionGraceMs = 1000;

/** The `state` attribute's values, in the order a customer meets them. */
export type ConsentStateName = ConsentState['name'];

/**
 * The consent step before remote support: shows the vendor's versioned terms,
 * takes the customer's real click on agree, and emits a signed consent record
 * that the vendor's server can verify.
 *
 * @summary Versioned remote-support terms and a signed record of the customer's consent.
 *
 * @attr lang - UI language and language of the built-in terms (`ja` or `en`): the element's own, else the nearest ancestor's across shadow roots, else `ja`. Follows run-time changes. The native `lang` property reflects it.
 * @attr {'light' | 'dark'} color-scheme - `light` or `dark` forces a colour scheme; without it the element follows `prefers-color-scheme`.
 * @attr {'loading' | 'ready' | 'signing' | 'redirecting' | 'done' | 'declined' | 'error'} state - Read-only: `loading`, `ready`, `signing`, `redirecting`, `done`, `declined` or `error`, reflected for styling and tests.
 *
 * @fires {CustomEvent<TermsEventDetail>} terms-loaded - The terms passed every check and are on screen. `detail: { terms: { id, version, locale, sha256 } }`.
 * @fires {CustomEvent<ConsentEventDetail>} consent - The customer agreed and the record is signed (and, with `consent-url`, stored). Cancelable: `preventDefault()` stops the navigation, which the host may start later with `proceed()`. `detail: { record, jws, deviceKey?, reference? }`; `deviceKey: { kid, persistent }` in device-key mode; `reference` with `consent-url`, when the server gave one.
 * @fires {CustomEvent<TermsEventDetail>} decline - The customer declined. `detail: { terms: { id, version, locale, sha256 } }`.
 * @fires {CustomEvent<ConsentErrorDetail>} consent-error - Something failed. `detail: { code, message }`, `code` being stable (see the README).
 *
 * @csspart terms - The scrollable, keyboard-focusable region holding the terms text.
 * @csspart agree - The agree button.
 * @csspart decline - The decline button.
 * @csspart status - The live region for progress and error messages.
 * @csspart reference - The reference the server stored the consent under (with `consent-url`), in the status after consenting, with a line asking the customer to give it to the support operator on the phone.
 * @csspart title - The terms' title (a heading).
 * @csspart meta - The version and effective date line.
 * @csspart retry - The button that loads the terms again after a failure that may pass: a network failure, a timeout, a server error (5xx).
 * @csspart reconsider - The button that shows the terms again after the customer declined.
 * @csspart reception - The reception-hours notice (with `reception-hours`): the hours, and whether it is within them now.
 * @csspart redirect-link - The link to the external site, shown while and after handing over (the fallback when navigation or a new tab fails).
 *
 * @slot header - Above everything: the vendor's logo or heading.
 * @slot notes - Under the terms: the vendor's own notes (contact numbers, what happens next).
 * @slot footer - At the very end, under the buttons.
 *
 * @cssprop [--rsc-font-family=inherit] - Font of the whole element.
 * @cssprop [--rsc-color=#1f2328] - Text colour (dark scheme: #e6edf3).
 * @cssprop [--rsc-background=#ffffff] - Background colour (dark scheme: #0d1117).
 * @cssprop [--rsc-muted-color=#57606a] - Colour of secondary text: notice, version line (dark scheme: #9da7b3).
 * @cssprop [--rsc-border-color=#6e7781] - Border of the terms region and the decline button (dark scheme: #6e7681).
 * @cssprop [--rsc-accent-color=#0b57d0] - Background of the agree button and the focus ring (dark scheme: #4493f8).
 * @cssprop [--rsc-accent-text-color=#ffffff] - Text on the agree button (dark scheme: #0d1117).
 * @cssprop [--rsc-error-color=#b3261e] - Colour of error messages (dark scheme: #ff7b72).
 * @cssprop [--rsc-max-width=44rem] - Widest the element grows; keeps lines readable.
 * @cssprop [--rsc-radius=6px] - Corner radius of the terms region and the buttons.
 * @cssprop [--rsc-terms-max-height=24rem] - Height after which the terms region scrolls.
 */
export class RemoteSupportConsent extends ElementBase {
  static override styles = styles;

  // Lit's declarations, read by ElementBase (which has no decorators: they would cost bytes in every bundle).
  // Field defaults are written out (they are the documentation); the converters bring them back when an attribute is removed.
  static override properties: Record<string, PropertyDeclaration> = {
    termsSrc: { attribute: 'terms-src', converter: text },
    termsVersion: { attribute: 'terms-version', converter: text },
    termsIntegrity: { attribute: 'terms-integrity', converter: text },
    challenge: { converter: text },
    subject: { converter: text },
    signUrl: { attribute: 'sign-url', converter: text },
    consentUrl: { attribute: 'consent-url', converter: text },
    redirectUrl: { attribute: 'redirect-url', converter: text },
    allowedOrigins: { attribute: 'allowed-origins', converter: orDefault(defaultAllowedOrigins) },
    redirectTarget: { attribute: 'redirect-target', converter: orDefault('_self') },
    receptionHours: { attribute: 'reception-hours', converter: text },
    receptionDays: { attribute: 'reception-days', converter: orDefault(defaultReception.days) },
    receptionClosed: { attribute: 'reception-closed', converter: orDefault(defaultReception.closed) },
    receptionTimeZone: { attribute: 'reception-time-zone', converter: orDefault(defaultReception.timeZone) },
    headingLevel: { attribute: 'heading-level', type: Number },
    now: { attribute: false },
    timeout: { type: Number },
    view: { state: true, attribute: false },
    uiLang: { state: true, attribute: false },
    strings: { state: true, attribute: false },
    reception: { state: true, attribute: false },
  };

  /** URL of a vendor's terms document (JSON, see the README), shown in its own `locale`; cross-origin needs CORS. Empty: the built-in terms. */
  termsSrc = '';

  /** Which built-in version to show; an unknown one is the error `terms-version-unknown`. Empty: the latest effective one. Ignored with `terms-src`. */
  termsVersion = '';

  /** `sha256-<base64url>` (padded standard base64 also accepted): the terms' digest must equal it, or the element refuses them (`terms-integrity-mismatch`), as it does a malformed value. */
  termsIntegrity = '';

  /** A server-issued nonce, copied into the signed record's `nonce` so the server can tie the consent to this session. */
  challenge = '';

  /** An opaque customer or contract reference, copied into the signed record's `subject`. */
  subject = '';

  /** If set, the record is POSTed here as JSON `{ record }` (same-origin credentials) and the answer's `{ jws }` is used instead of the device key; its payload must be the posted record unchanged, or `sign-failed`. */
  signUrl = '';

  /**
   * If set, the signed consent is POSTed here as JSON `{ jws }` (same-origin credentials), and the element waits, within `timeout`,
   * for a 2xx answer `{ id, reference? }` naming this record's `id` before it emits `consent` (with `reference`) and hands over;
   * the reference is shown to the customer. Any other outcome is `consent-not-stored`, back to `ready`; agreeing again re-sends the
   * same JWS, so a server that stored it answers as before, unless the record would now differ (other terms, `redirect-url`,
   * `subject` or `sign-url`) or the server refused it with a 4xx other than 408 and 429: then the next agree signs a new record.
   * Empty: the host stores `detail.jws` itself.
   */
  consentUrl = '';

  /** Where the customer goes after consenting: the vendor's entry page on OPTiM's site. Required unless `redirect-target="none"`; checked against `allowed-origins` before the customer can agree. */
  redirectUrl = '';

  /** Space-separated origins the redirect may go to; `https://*.example.com` matches every subdomain (never `example.com` itself). Entries that are not bare origins are ignored, with a console warning. */
  allowedOrigins: string = 'https://optim.co.jp https://*.optim.co.jp';

  /** `_self` (this tab), `_blank` (a new tab opened with `noopener`) or `none` (the element never navigates). */
  redirectTarget: RedirectTarget = '_self';

  /** Level of the terms' heading (1–6), so it fits the host page's outline. */
  headingLevel = 2;

  /** Reception hours, `HH:MM-HH:MM` in `reception-time-zone`: shows a notice of the hours and whether it is within them now (informational: it never blocks consent). Empty or `none`: no notice. */
  receptionHours = '';

  /** Days of reception, as names or ranges: `mon tue wed thu fri`, `mon-fri`, `mon-sat`. */
  receptionDays: string = 'mon tue wed thu fri';

  /** Days closed every year: `jp-holidays` (Japan's national holidays, computed), `MM-DD`, or `MM-DD/MM-DD` ranges that may wrap the year end. */
  receptionClosed: string = 'jp-holidays 12-29/01-03';

  /** The IANA time zone the reception hours are in. */
  receptionTimeZone: string = 'Asia/Tokyo';

  /** The clock: which built-in version is in effect, and whether it is within reception hours. For tests and demos. */
  now: () => Date = () => new Date();

  /** Milliseconds to wait for a server (`terms-src`, `sign-url`, `consent-url`), or for the element's own lazy code and built-in terms, before `terms-fetch-failed`, `sign-failed` or `consent-not-stored`; anything but a positive number means the default. */
  timeout: number = 10000;

  private view: ConsentState = { name: 'loading' };
  private uiLang: UiLang = 'ja';
  /** The UI strings, and the language they are in: `uiLang` once its translation has loaded. */
  private strings: Catalog = catalog;
  #stringsLang: UiLang = sourceLocale;
  private reception?: ReceptionNotice;
  /** Settles once the notice for the current `reception-*` attributes is known, so the terms and it show together. */
  #readingReception?: Promise<void>;
  /** The attributes of the latest read; undefined again when its code failed to load, so the next load of the terms reads again. */
  #receptionFrom?: string;
  /** Where focus goes after the next render, when a change the customer made removed what had it. */
  #focusNext?: FocusTarget;
  #receptionTimer?: ReturnType<typeof setTimeout>;
  #consent?: Promise<ConsentCode>;
  /** The consent chunk once loaded: a consent, and so a hand-off, can only follow its loading. */
  #consentCode?: ConsentCode;

  #stopObservingLang?: () => void;
  #loading?: AbortController;
  #signing?: AbortController;
  /** The inputs the shown (or loading) terms were made from; a change means load again. */
  #loadedFrom?: string;
  /** The redirect inputs last checked, and what the check gave. */
  #redirectFrom?: string;
  #redirectError?: ConsentError;
  /** The checked redirect URL the shown terms will lead to (undefined with `redirect-target="none"` and no URL). */
  #redirect?: string;
  /**
   * A consent signed that `consent-url` has not confirmed storing, with the `sign-url` that signed it: while it still says what
   * the next record would (see `#resendable`), the next agree sends it again, unchanged, rather than sign a second record the
   * server might store beside the first.
   */
  #unstored?: { detail: ConsentEventDetail; signUrl: string };
  /** The hand-off happens once per element, whoever starts it. */
  #handedOff = false;
  /** The page was reached with the back or forward button: a fresh start the customer should be told about. */
  #cameBack = (performance.getEntriesByType?.('navigation')[0] as PerformanceNavigationTiming | undefined)?.type === 'back_forward';

  /** Where the element is: `loading`, `ready`, `signing`, `redirecting`, `done`, `declined` or `error`. Reflected to the read-only `state` attribute. */
  get state(): ConsentStateName {
    return this.view.name;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Back in a page after a removal that interrupted the load: load again.
    if (this.#loadedFrom === undefined) this.requestUpdate();
    void this.#useLang(resolveLang(this));
    // Moved in the page: the reception notice resumes its minute ticks.
    this.#scheduleReceptionTick();
    this.#stopObservingLang = observeLang(this, (lang) => void this.#useLang(lang));
    addEventListener('pageshow', this.#onPageShow);
  }

  #useLang(lang: UiLang): Promise<void> {
    this.uiLang = lang;
    return catalogFor(lang).then(({ catalog: strings, lang: spoken }) => {
      // A slower, older request must not undo a newer language.
      if (this.uiLang !== lang) return;
      this.strings = strings;
      this.#stringsLang = spoken;
    });
  }

  disconnectedCallback(): void {
    this.#stopObservingLang?.();
    removeEventListener('pageshow', this.#onPageShow);
    clearTimeout(this.#receptionTimer);
    if (this.view.name === 'loading') {
      this.#loading?.abort();
      this.#loadedFrom = undefined;
    }
    // A removed element consents to nothing: a signature still in flight is dropped.
    this.#signing?.abort();
    this.#dispatch({ type: 'sign-failed' });
  }

  protected override willUpdate(changed: ChangedProperties): void {
    if (['receptionHours', 'receptionDays', 'receptionClosed', 'receptionTimeZone'].some((key) => changed.has(key))) {
      this.#readingReception = this.#readReception();
    }
    // Once the customer has acted, the shown terms and destination stay as they were.
    if (isSettled(this.view)) return;
    const redirectInputs = JSON.stringify([this.redirectUrl, this.allowedOrigins, this.redirectTarget]);
    if (redirectInputs !== this.#redirectFrom) {
      this.#redirectFrom = redirectInputs;
      this.#redirectError = undefined;
      try {
        // A consent that cannot be carried out must not be signed: check where it leads first.
        this.#redirect = this.#checkedRedirect();
      } catch (error) {
        this.#redirectError = asConsentError(error, 'redirect-not-allowed');
        this.#loading?.abort();
        this.#loadedFrom = undefined;
        this.#fail(this.#redirectError);
      }
    }
    if (this.#redirectError) return;
    // A vendor document keeps its own language, so only built-in terms follow `lang`.
    const termsInputs = JSON.stringify([this.termsSrc, this.termsVersion, this.termsIntegrity, this.#timeoutMs, this.termsSrc ? '' : this.uiLang]);
    if (termsInputs !== this.#loadedFrom) {
      this.#loadedFrom = termsInputs;
      void this.#load();
    }
  }

  protected override updated(): void {
    if (this.#focusNext) {
      (part(this, this.#focusNext) ?? part(this, 'status'))?.focus();
      this.#focusNext = undefined;
    }
    this.#scheduleReceptionTick();
  }

  /**
   * The notice for the `reception-*` attributes, its code loaded on first use; none (with a console
   * warning) where they cannot be understood or the code does not load. Never rejects.
   */
  async #readReception(): Promise<void> {
    const attributes: ReceptionAttributes = {
      hours: this.receptionHours,
      days: this.receptionDays,
      closed: this.receptionClosed,
      timeZone: this.receptionTimeZone,
    };
    const from = (this.#receptionFrom = JSON.stringify(attributes));
    const hours = attributes.hours.trim();
    let notice: ReceptionNotice | string | undefined;
    let loaded = true;
    try {
      notice = hours && hours !== 'none' ? (await import('./reception/index.js')).receptionNotice(attributes) : undefined;
    } catch (error) {
      notice = `the notice did not load (${String(error)})`;
      loaded = false;
    }
    // A newer read owns the notice.
    if (from !== this.#receptionFrom) return;
    if (!loaded) this.#receptionFrom = undefined;
    if (typeof notice === 'string') console.warn(`<remote-support-consent> ${notice}: the reception notice is hidden`);
    this.reception = typeof notice === 'string' ? undefined : notice;
  }

  /** While the notice shows, look again at the next minute: the hours may have begun or ended. */
  #scheduleReceptionTick(): void {
    clearTimeout(this.#receptionTimer);
    if (!this.reception || !('terms' in this.view) || !this.isConnected) return;
    this.#receptionTimer = setTimeout(() => this.requestUpdate(), 60_000 - (Date.now() % 60_000));
  }

  /**
   * Focus follows the customer's own actions, and only from inside the
   * element: a guest never takes focus from the host page.
   */
  #moveFocusAfterRender(target: FocusTarget): void {
    if (this.shadowRoot?.activeElement || this.matches(':focus-within')) this.#focusNext = target;
  }

  /**
   * The consent chunk, loaded once; with the signing made ready as soon as it
   * arrives (the device key, or the server-signing code), and the storing code with `consent-url`, so the agree click only
   * has to sign and send. A failed load is forgotten, so the next attempt tries again.
   */
  #loadConsent = (): Promise<ConsentCode> =>
    (this.#consent ??= import('./consent/index.js').then(
      (consent) => {
        consent.prepareSigning(this.signUrl);
        consent.prepareStoring(this.consentUrl);
        return (this.#consentCode = consent);
      },
      (error: unknown) => {
        this.#consent = undefined;
        throw error;
      },
    ));

  /** At the first sign of intent (pointerover comes with mouse, pen and touch alike, focusin with keys); a failure here is met again, and reported, on agree. */
  #warmConsent = (): void => void this.#loadConsent().catch(() => undefined);

  /** `timeout`, or the default where it is not a positive number. */
  get #timeoutMs(): number {
    return this.timeout > 0 && Number.isFinite(this.timeout) ? this.timeout : defaultTimeoutMs;
  }

  async #load(): Promise<void> {
    this.#loading?.abort();
    const loading = (this.#loading = new AbortController());
    this.#dispatch({ type: 'load' });
    // A notice whose code failed to load is tried again with the terms.
    if (this.#receptionFrom === undefined) this.#readingReception = this.#readReception();
    try {
      const terms = await resolveTerms({
        src: this.termsSrc,
        version: this.termsVersion,
        integrity: this.termsIntegrity,
        lang: this.uiLang,
        timeoutMs: this.#timeoutMs,
        signal: loading.signal,
        now: this.now(),
      });
      // The UI strings and the reception notice arrive with the terms, so the first view is whole, in one language.
      // Neither holds the terms up for long, though: late strings or a late notice follow them.
      const strings = within(this.#useLang(this.uiLang), this.#timeoutMs, 'late').catch(() => undefined);
      const notice = within(this.#readingReception ?? Promise.resolve(), receptionGraceMs, 'late').catch(() => undefined);
      await Promise.all([strings, notice]);
      if (loading.signal.aborted) return;
      this.#dispatch({ type: 'loaded', terms });
      // After a retry, focus waited on the status; the terms are what to read now.
      if (this.shadowRoot?.activeElement === part(this, 'status')) this.#moveFocusAfterRender('terms');
      await this.updateComplete;
      if (this.#loading === loading) emit(this, 'terms-loaded', termsDetail(terms));
    } catch (error) {
      if (loading.signal.aborted) return;
      this.#fail(error);
    }
  }

  /** The redirect URL, checked by the open-redirect rule; throws the `redirect-*` errors. */
  #checkedRedirect(): string | undefined {
    const { ignored } = parseAllowedOrigins(this.allowedOrigins);
    if (ignored.length) console.warn(`<remote-support-consent> allowed-origins: ignored ${ignored.join(' ')} (write bare origins, like https://*.optim.co.jp)`);
    if (!['_self', '_blank', 'none'].includes(this.redirectTarget)) {
      throw new ConsentError('redirect-not-configured', `redirect-target "${this.redirectTarget}" is not _self, _blank or none`);
    }
    if (this.redirectUrl) return checkRedirect(this.redirectUrl, this.allowedOrigins);
    if (this.redirectTarget === 'none') return undefined;
    throw new ConsentError('redirect-not-configured', 'set redirect-url to the entry page on the remote-support site, or redirect-target="none"');
  }

  /** The state changes here only; the attribute follows at once, so a `consent` listener reads `done`. */
  #dispatch(action: ConsentAction): ConsentState {
    this.view = transition(this.view, action);
    if (this.isConnected) this.setAttribute('state', this.view.name);
    return this.view;
  }

  #fail(error: unknown): void {
    const failure = asConsentError(error, 'terms-invalid');
    this.#dispatch({ type: 'fail', error: failure });
    report(this, failure);
  }

  /**
   * A consent needs a trusted activation of this very button: a script's
   * `click()` is not a customer. The second click of a double click (`detail`
   * 2 or more) is not a decision either: it may have been aimed at the button
   * that stood here a moment ago (retry, back to the terms).
   */
  async #onAgree(event: MouseEvent): Promise<void> {
    if (!event.isTrusted || event.detail > 1 || this.view.name !== 'ready') return;
    const { terms } = this.view;
    this.#dispatch({ type: 'agree' });
    this.#signing?.abort();
    const signing = (this.#signing = new AbortController());
    const deadline = { timeoutMs: this.#timeoutMs, signal: signing.signal };
    try {
      const consent = await loadCode(this.#loadConsent, this.#timeoutMs, 'sign-failed', 'the consent code');
      const signed = this.#resendable(terms) ?? (await this.#sign(consent, terms, deadline));
      if (signing.signal.aborted) return;
      const reference = this.consentUrl ? await consent.storeConsent(signed.record, signed.jws, this.consentUrl, deadline) : undefined;
      if (signing.signal.aborted) return;
      this.#unstored = undefined;
      // Only the signing → done step may announce a consent.
      if (this.#dispatch({ type: 'signed', href: signed.record.redirect, reference }).name !== 'done') return;
      // The agree button is gone: to the way on if there is one, else to what happened.
      this.#moveFocusAfterRender('redirect-link');
      if (emit(this, 'consent', reference ? { ...signed, reference } : signed, { cancelable: true })) this.proceed();
    } catch (error) {
      if (signing.signal.aborted) return;
      const failure = asConsentError(error, 'sign-failed');
      // A server's considered refusal (a 4xx) means it did not store this JWS, and never will: the next agree signs afresh.
      if (failure.code === 'consent-not-stored' && !mayPass(failure)) this.#unstored = undefined;
      this.#dispatch({ type: 'sign-failed', error: failure });
      this.#moveFocusAfterRender('status');
      report(this, failure);
    }
  }

  /**
   * The unstored consent, if it is still the one to send: for the shown terms (by digest), to the redirect checked now (so the
   * customer is never handed to one the host has since changed or disallowed), for the current `subject`, signed the way
   * `sign-url` says now. Not the nonce: a host refreshes `challenge` after `consent-not-stored`, and a server that did store
   * the first POST must get the same JWS again.
   */
  #resendable(terms: ShownTerms): ConsentEventDetail | undefined {
    const { detail, signUrl } = this.#unstored ?? {};
    const record = detail?.record;
    const same =
      record?.terms.sha256 === terms.ref.sha256 &&
      record.redirect === (this.#redirect || undefined) &&
      record.subject === (this.subject || undefined) &&
      signUrl === this.signUrl;
    return same ? detail : undefined;
  }

  /** A new record for `terms`, signed; with `consent-url`, kept as the one to send until the server confirms it. */
  async #sign(consent: ConsentCode, terms: ShownTerms, deadline: Deadline): Promise<ConsentEventDetail> {
    const { challenge: nonce, signUrl } = this;
    const record = consent.createRecord({
      terms: terms.ref,
      origin: location.origin,
      redirect: this.#redirect,
      nonce,
      subject: this.subject,
    });
    consent.warnIfNoNonce(this, record, signUrl);
    const detail = { record, ...(await consent.signRecord(record, signUrl, deadline)) };
    // Kept even if the element was removed meanwhile: never sent, it is sent on the next agree all the same.
    if (this.consentUrl) this.#unstored = { detail, signUrl };
    return detail;
  }

  /**
   * Hands the customer over to `redirect-url` after the host cancelled the
   * `consent` event (for example to store the record first). The same checks
   * run again, and the hand-off happens at most once; `redirect-target="none"`
   * never navigates. Returns whether the hand-off started.
   */
  proceed(): boolean {
    const view = this.view;
    const consent = this.#consentCode;
    if (view.name !== 'done' || view.outcome !== 'recorded' || !view.href || this.#handedOff || !consent) return false;
    const target = this.redirectTarget;
    if (target !== '_self' && target !== '_blank') return false;
    try {
      checkRedirect(view.href, this.allowedOrigins);
    } catch (error) {
      report(this, asConsentError(error, 'redirect-not-allowed'));
      return false;
    }
    this.#handedOff = true;
    this.#dispatch({ type: 'redirect' });
    // `_blank` must open while the click's activation lasts, so no waiting for the notice to render.
    const outcome = consent.handOff(view.href, target);
    if (outcome !== 'navigating') this.#dispatch({ type: 'handed-off', outcome });
    return true;
  }

  /** Back from the external site through the back/forward cache: show the finished state, never replay. */
  #onPageShow = (event: PageTransitionEvent): void => {
    if (event.persisted) this.#dispatch({ type: 'came-back' });
  };

  #onDecline(): void {
    if (this.view.name !== 'ready') return;
    const { terms } = this.view;
    this.#dispatch({ type: 'decline' });
    this.#moveFocusAfterRender('reconsider');
    emit(this, 'decline', termsDetail(terms));
  }

  #onReconsider(): void {
    this.#dispatch({ type: 'reconsider' });
    // Back to reading: the terms, never agree (a held Enter would consent).
    this.#moveFocusAfterRender('terms');
  }

  #onRetry(): void {
    this.#loadedFrom = undefined;
    this.#moveFocusAfterRender('status');
    this.requestUpdate();
  }

  protected override render() {
    const m = this.strings;
    const view = this.view;
    return html`
      <div class="root" lang=${this.#stringsLang}>
        <slot name="header"></slot>
        ${this.#renderIntro(m)}
        ${'terms' in view ? renderTerms(view.terms.document, m, this.#stringsLang, this.#level) : nothing}
        ${'terms' in view ? this.#renderReception() : nothing}
        <slot name="notes"></slot>
        <p
          part="status"
          class="status ${'error' in view && view.error ? 'failed' : ''}"
          role="status"
          aria-live=${this.#focusNext === 'status' ? 'off' : 'polite'}
          tabindex="-1"
        >${this.#statusText(m)}${this.#renderReference(m)}</p>
        ${this.#renderLink(m)}
        <div class="actions" @pointerover=${this.#warmConsent} @focusin=${this.#warmConsent}>
          ${this.#renderActions(m)}
        </div>
        <slot name="footer"></slot>
      </div>
    `;
  }

  /**
   * The seed's instruction and external-site notice, only while they are true: while the customer
   * can agree (the buttons stay while signing, so the view does not jump under their pointer), and
   * the notice only where agreeing leads to the external site.
   */
  #renderIntro(m: Catalog) {
    const name = this.view.name;
    if (name !== 'ready' && name !== 'signing') return nothing;
    return html`
      <p class="instruction">${m.instruction()}</p>
      ${this.redirectTarget === 'none' ? nothing : html`<p class="notice">${m.notice()}</p>`}
    `;
  }

  /** `heading-level`, kept to 1–6. */
  get #level(): number {
    return Math.min(6, Math.max(1, Math.round(this.headingLevel) || 2));
  }

  #renderReception() {
    if (!this.reception) return nothing;
    const { open, hours, now } = this.reception.at(this.now(), this.#stringsLang);
    return html`<p part="reception" class="reception ${open ? 'open' : 'closed'}">${hours}<br />${now}</p>`;
  }

  #statusText(m: Catalog): string {
    const view = this.view;
    // Exhaustive: a new state without a message fails to compile.
    switch (view.name) {
      case 'loading':
        return m.loading();
      case 'ready':
        return view.error ? errorText(m, view.error) : this.#cameBack ? m['came-back']() : '';
      case 'signing':
        return m.signing();
      case 'redirecting':
        return m.redirecting();
      case 'done':
        return m[`done-${view.outcome}`]();
      case 'declined':
        return m.declined();
      case 'error':
        return errorText(m, view.error);
    }
  }

  /**
   * The reference the vendor's server stored the consent under, in the status (so it is read out with
   * what happened, and where focus lands) and as plain text, so a screen reader spells it as shown.
   */
  #renderReference(m: Catalog) {
    const view = this.view;
    if ((view.name !== 'done' && view.name !== 'redirecting') || !view.reference) return nothing;
    return html`<span class="stored">
      <span class="reference-line">${m['reference-label']()} <strong part="reference" class="reference">${view.reference}</strong></span>
      <span class="reference-hint">${m['reference-hint']()}</span>
    </span>`;
  }

  /**
   * The way on that always works: a plain link the customer can follow
   * themselves, while and after handing over. It stands apart from the
   * buttons, so a double click on agree cannot land on it.
   */
  #renderLink(m: Catalog) {
    const view = this.view;
    const shown = view.name === 'redirecting' || (view.name === 'done' && view.outcome !== 'recorded');
    if (!shown || !view.href) return nothing;
    const blank = this.redirectTarget === '_blank';
    return html`<p class="handoff">
      <a part="redirect-link" href=${view.href} target=${blank ? '_blank' : '_self'} rel="noopener">${m['open-site'](new URL(view.href).host)}</a>
    </p>`;
  }

  #renderActions(m: Catalog) {
    const view = this.view;
    switch (view.name) {
      case 'ready':
      case 'signing': {
        // While signing the buttons stay (focus must not jump) but do nothing.
        const busy = view.name === 'signing';
        return html`
          <button part="decline" class="decline" type="button" aria-disabled=${busy} @click=${this.#onDecline}>${m.decline()}</button>
          <button part="agree" class="agree" type="button" aria-disabled=${busy} @click=${this.#onAgree}>${m.agree()}</button>
        `;
      }
      case 'declined':
        return html`<button part="reconsider" type="button" @click=${this.#onReconsider}>${m.reconsider()}</button>`;
      case 'error':
        return isRetryable(view.error)
          ? html`<button part="retry" type="button" @click=${this.#onRetry}>${m.retry()}</button>`
          : nothing;
      default:
        return nothing;
    }
  }
}

/** Every event of the element bubbles and is composed, so a host can listen anywhere above it. */
function emit<K extends keyof RemoteSupportConsentEventMap>(
  target: EventTarget,
  type: K,
  detail: RemoteSupportConsentEventMap[K]['detail'],
  { cancelable = false } = {},
): boolean {
  return target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
}

const asConsentError = (error: unknown, code: ConsentError['code']): ConsentError =>
  error instanceof ConsentError ? error : new ConsentError(code, String(error), { cause: error });

/** Tells the host (`consent-error`) and the integrator (console) what failed. */
function report(target: EventTarget, { code, message }: ConsentError): void {
  console.error(`<remote-support-consent> ${code}: ${message}`);
  emit(target, 'consent-error', { code, message });
}

type ConsentCode = typeof import('./consent/index.js');

/** Where focus may go after a render: a part's name. */
type FocusTarget = 'status' | 'terms' | 'reconsider' | 'redirect-link';

const termsDetail = ({ ref }: ShownTerms): TermsEventDetail => ({ terms: { ...ref } });

const part = (element: Element, name: string) => element.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`);

declare global {
  interface HTMLElementTagNameMap {
    'remote-support-consent': RemoteSupportConsent;
  }
}

