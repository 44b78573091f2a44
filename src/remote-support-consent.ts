import { isServer, LitElement, type CSSResultGroup, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { ConsentError } from './errors.js';
import { asConsentError, report } from './emit.js';
import { ConsentController } from './controllers/consent.js';
import { FocusController } from './controllers/focus.js';
import { HandOffController } from './controllers/hand-off.js';
import type { ConsentHost } from './controllers/host.js';
import { LangController } from './controllers/lang.js';
import { ReceptionController } from './controllers/reception.js';
import { TermsController } from './controllers/terms.js';
import { defaultReception } from './reception/attributes.js';
import { defaultAllowedOrigins, type RedirectTarget } from './redirect.js';
import { styles } from './remote-support-consent.styles.js';
import { transition, type ConsentAction, type ConsentState } from './state.js';
import { renderConsent } from './view/consent-view.js';
import { errorText } from './view/error-text.js';

/** A removed attribute means its default, never `null`. */
const orDefault = (fallback: string) => ({ fromAttribute: (value: string | null) => value ?? fallback });
const text = orDefault('');
const defaultTimeoutMs = 10_000;
const receptionKeys = ['receptionHours', 'receptionDays', 'receptionClosed', 'receptionTimeZone'];

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
export class RemoteSupportConsent extends LitElement {
  static override styles: CSSResultGroup = styles;

  // Declared without decorators, so the class reads the same in JavaScript. Field defaults are written
  // out (they are the documentation); the converters bring them back when an attribute is removed.
  static override properties: PropertyDeclarations = {
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
    // The `state` attribute, reflected by Lit from the state machine in `willUpdate` (and put back there if anything else writes it).
    reflectedState: { attribute: 'state', reflect: true },
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

  #view: ConsentState = { name: 'loading' };
  // What Lit reflects to the `state` attribute (the property `state` is the read-only way to read it).
  /** Read-only: `loading`, `ready`, `signing`, `redirecting`, `done`, `declined` or `error`, reflected for styling and tests. */
  private reflectedState: ConsentStateName = 'loading';
  /** A server's output being hydrated, once what it rendered is at hand again. */
  #hydration?: Promise<void>;
  /** The page was reached with the back or forward button: a fresh start the customer should be told about. */
  #cameBack = (globalThis.performance?.getEntriesByType?.('navigation')[0] as PerformanceNavigationTiming | undefined)?.type === 'back_forward';
  /** Failures to tell the host about once rendered. */
  #failures: ConsentError[] = [];

  /** What the controllers see of the element. */
  readonly #host: ConsentHost;
  readonly #focus: FocusController;
  readonly #lang: LangController;
  readonly #reception: ReceptionController;
  readonly #handOff: HandOffController;
  readonly #terms: TermsController;
  readonly #consent: ConsentController;

  constructor() {
    super();
    const element = this;
    this.#host = {
      element,
      addController: (controller) => this.addController(controller),
      removeController: (controller) => this.removeController(controller),
      requestUpdate: () => this.requestUpdate(),
      get updateComplete() {
        return element.updateComplete;
      },
      get view() {
        return element.#view;
      },
      dispatch: (action) => this.#dispatch(action),
      fail: (error, action = 'fail') => {
        this.#dispatch({ type: action, error });
        this.#failures.push(error);
      },
      get timeoutMs() {
        const { timeout } = element;
        return timeout > 0 && Number.isFinite(timeout) ? timeout : defaultTimeoutMs;
      },
    };
    this.#focus = new FocusController(this);
    this.#lang = new LangController(this, () => this.requestUpdate());
    this.#reception = new ReceptionController(this.#host);
    this.#handOff = new HandOffController(this.#host);
    this.#terms = new TermsController(this.#host, this.#lang, this.#reception, this.#focus);
    this.#consent = new ConsentController(this.#host, this.#handOff, this.#focus);
  }

  /** Where the element is: `loading`, `ready`, `signing`, `redirecting`, `done`, `declined` or `error`. Reflected to the read-only `state` attribute. */
  get state(): ConsentStateName {
    return this.#view.name;
  }

  /** Every step of the state machine renders (even one that keeps the name: a new error in `error`). */
  #dispatch(action: ConsentAction): ConsentState {
    this.#view = transition(this.#view, action);
    this.requestUpdate();
    return this.#view;
  }

  override connectedCallback(): void {
    // Rendered by a server (see `willUpdate`): Lit's hydration support waits while `defer-hydration` stays.
    if (this.hasAttribute('defer-hydration') && this.shadowRoot) this.#hydration ??= this.#hydrate();
    super.connectedCallback();
  }

  /**
   * Hydrates a server's output once what it rendered is at hand again (its language's strings and
   * terms), so that the first render is the server's, then follows the page's language. Where they
   * do not load within `timeout`, the server's terms stay as text, with the error in the status.
   */
  async #hydrate(): Promise<void> {
    this.#lang.hydrating = true;
    this.#lang.fromAttribute();
    try {
      await this.#terms.whenAtHand();
      this.removeAttribute('defer-hydration');
    } catch (error) {
      const failure = asConsentError(error, 'terms-fetch-failed');
      const status = this.shadowRoot?.querySelector('[part~="status"]');
      if (status) status.textContent = errorText(this.#lang.strings, failure);
      report(this, failure);
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (isServer) {
      // A server sees only the element's own attributes, and hands hydration to the page (`#hydrate`).
      this.#lang.fromAttribute();
      this.setAttribute('defer-hydration', '');
    } else if (receptionKeys.some((key) => changed.has(key as keyof RemoteSupportConsent))) {
      this.#reception.readIfChanged();
    }
    const redirectError = this.#handOff.check();
    if (redirectError) this.#host.fail(redirectError);
    this.#terms.derive(!!this.#handOff.error);
    if (this.reflectedState !== this.#view.name) this.reflectedState = this.#view.name;
  }

  protected override firstUpdated(): void {
    if (this.#lang.hydrating) this.#lang.hydrated();
  }

  protected override updated(): void {
    for (const failure of this.#failures.splice(0)) report(this, failure);
  }

  /**
   * Hands the customer over to `redirect-url` after the host cancelled the
   * `consent` event (for example to store the record first). The same checks
   * run again, and the hand-off happens at most once; `redirect-target="none"`
   * never navigates. Returns whether the hand-off started.
   */
  proceed(): boolean {
    return this.#handOff.proceed();
  }

  protected override render() {
    return renderConsent({
      view: this.#view,
      preview: this.#terms.preview,
      m: this.#lang.strings,
      lang: this.#lang.spoken,
      headingLevel: Math.min(6, Math.max(1, Math.round(this.headingLevel) || 2)),
      navigates: this.redirectTarget !== 'none',
      blank: this.redirectTarget === '_blank',
      cameBack: this.#cameBack,
      reception: this.#reception.notice,
      now: this.now(),
      statusFocused: this.#focus.next === 'status',
      on: this.#on,
    });
  }

  /** The buttons' handlers, made once so the template does not rebind them on every render. */
  #on = {
    agree: (event: MouseEvent) => void this.#consent.agree(event),
    decline: () => void this.#consent.decline(),
    reconsider: () => this.#consent.reconsider(),
    retry: () => {
      this.#focus.moveAfterRender('status');
      this.#terms.retry();
    },
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'remote-support-consent': RemoteSupportConsent;
  }
}
