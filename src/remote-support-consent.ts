import { LitElement, type CSSResultGroup, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { ConsentError } from './errors.js';
import { report } from './emit.js';
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
    // Read-only and reflected: the getter answers from the state machine, whose every step asks for an update.
    state: { reflect: true, noAccessor: true },
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
        // Reported after the next render, even where the state's name stays (a new error in `error`).
        this.requestUpdate();
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
    // `state` is reflected from the first render on (and rendered by a server).
    this.requestUpdate('state', undefined);
  }

  /** Where the element is: `loading`, `ready`, `signing`, `redirecting`, `done`, `declined` or `error`. Reflected to the read-only `state` attribute. */
  get state(): ConsentStateName {
    return this.#view.name;
  }

  // Read-only: an assignment (or an edit of the attribute) is ignored.
  set state(_ignored: ConsentStateName) {}

  #dispatch(action: ConsentAction): ConsentState {
    const before = this.#view.name;
    this.#view = transition(this.#view, action);
    this.requestUpdate('state', before);
    return this.#view;
  }

  /**
   * A server-rendered element (its shadow root came with the page) hydrates once what the server
   * rendered is at hand again, its language's strings and terms, so that its first render is the
   * server's; any other renders at once.
   */
  protected override async scheduleUpdate(): Promise<void> {
    if (!this.hasUpdated && this.renderRoot.childNodes.length) await this.#terms.atHand();
    super.scheduleUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated && !this.isConnected) this.#lang.fromAttribute();
    if (receptionKeys.some((key) => changed.has(key as keyof RemoteSupportConsent))) this.#reception.readIfChanged();
    const redirectError = this.#handOff.check();
    if (redirectError) this.#host.fail(redirectError);
    this.#terms.derive(!!this.#handOff.error);
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
    decline: () => this.#consent.decline(),
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
