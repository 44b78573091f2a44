import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ConsentError, isRetryable } from './errors.js';
import type { RemoteSupportConsentEventMap, TermsEventDetail } from './events.js';
import { observeLang, resolveLang, type UiLang } from './lang.js';
import { formatDate, messages, type Messages } from './messages.js';
import { styles } from './remote-support-consent.styles.js';
import { transition, isCommitted, type ConsentAction, type ConsentState, type ShownTerms } from './state.js';
import { resolveTerms } from './terms/resolve.js';
import { getDeviceKey } from './consent/key-store.js';
import { createRecord } from './consent/record.js';
import { signRecord } from './consent/sign.js';

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
 * @attr state - Read-only: `loading`, `ready`, `signing`, `done`, `declined` or `error`, reflected for styling and tests.
 *
 * @fires terms-loaded - The terms passed every check and are on screen. `detail: { terms: { id, version, locale, sha256 } }`.
 * @fires consent - The customer agreed and the record is signed. Cancelable. `detail: { record, jws, deviceKey? }`; `deviceKey: { kid, persistent }` in device-key mode.
 * @fires decline - The customer declined. `detail: { terms: { id, version, locale, sha256 } }`.
 * @fires consent-error - Something failed. `detail: { code, message }`, `code` being stable (see the README).
 *
 * @csspart terms - The scrollable, keyboard-focusable region holding the terms text.
 * @csspart agree - The agree button.
 * @csspart decline - The decline button.
 * @csspart status - The live region for progress and error messages.
 * @csspart title - The terms' title (a heading).
 * @csspart meta - The version and effective date line.
 * @csspart retry - The button that loads the terms again after a network failure.
 * @csspart reconsider - The button that shows the terms again after the customer declined.
 *
 * @cssprop [--rsc-font-family=inherit] - Font of the whole element.
 * @cssprop [--rsc-color=#1f2328] - Text colour.
 * @cssprop [--rsc-background=#ffffff] - Background colour.
 * @cssprop [--rsc-muted-color=#57606a] - Colour of secondary text (notice, version line).
 * @cssprop [--rsc-border-color=#8c959f] - Border of the terms region and the decline button.
 * @cssprop [--rsc-accent-color=#0b57d0] - Background of the agree button and the focus ring.
 * @cssprop [--rsc-accent-text-color=#ffffff] - Text on the agree button.
 * @cssprop [--rsc-error-color=#b3261e] - Colour of error messages.
 * @cssprop [--rsc-radius=6px] - Corner radius of the terms region and the buttons.
 * @cssprop [--rsc-terms-max-height=24rem] - Height after which the terms region scrolls.
 */
export class RemoteSupportConsent extends LitElement {
  static override styles = styles;

  /** URL of a vendor's terms document (JSON, see the README); shown in its own `locale`. Empty: the built-in terms. */
  @property({ attribute: 'terms-src' }) termsSrc = '';

  /** Which built-in version to show; an unknown one is the error `terms-version-unknown`. Empty: the latest effective one. Ignored with `terms-src`. */
  @property({ attribute: 'terms-version' }) termsVersion = '';

  /** `sha256-<base64url>`: the terms' digest must equal it, or the element refuses them (`terms-integrity-mismatch`). */
  @property({ attribute: 'terms-integrity' }) termsIntegrity = '';

  /** A server-issued nonce, copied into the signed record's `nonce` so the server can tie the consent to this session. */
  @property() challenge = '';

  /** An opaque customer or contract reference, copied into the signed record's `subject`. */
  @property() subject = '';

  /** If set, the record is POSTed here as `{ record }` and the server's `{ jws }` is used instead of the device key. */
  @property({ attribute: 'sign-url' }) signUrl = '';

  /** Milliseconds to wait for a server (`terms-src`, `sign-url`) before `terms-fetch-failed` or `sign-failed`. */
  @property({ type: Number }) timeout = 10_000;

  @state() private view: ConsentState = { name: 'loading' };
  @state() private uiLang: UiLang = 'ja';

  private stopObservingLang?: () => void;
  private loading?: AbortController;
  private signing?: AbortController;
  /** The inputs the shown (or loading) terms were made from; a change means load again. */
  private loadedFrom?: string;

  /** Where the element is: `loading`, `ready`, `signing`, `done`, `declined` or `error`. Reflected to the read-only `state` attribute. */
  get state(): ConsentStateName {
    return this.view.name;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.uiLang = resolveLang(this);
    this.stopObservingLang = observeLang(this, (lang) => (this.uiLang = lang));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopObservingLang?.();
    if (this.view.name === 'loading') {
      this.loading?.abort();
      this.loadedFrom = undefined;
    }
    // A removed element consents to nothing: a signature still in flight is dropped.
    this.signing?.abort();
    this.dispatch({ type: 'sign-failed' });
  }

  protected override willUpdate(): void {
    // A vendor document keeps its own language, so only built-in terms follow `lang`.
    const inputs = JSON.stringify([this.termsSrc, this.termsVersion, this.termsIntegrity, this.timeout, this.termsSrc ? '' : this.uiLang]);
    if (inputs !== this.loadedFrom && !isCommitted(this.view)) {
      this.loadedFrom = inputs;
      void this.load();
    }
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('view')) this.setAttribute('state', this.view.name);
  }

  private async load(): Promise<void> {
    this.loading?.abort();
    const loading = (this.loading = new AbortController());
    this.dispatch({ type: 'load' });
    try {
      const terms = await resolveTerms({
        src: this.termsSrc,
        version: this.termsVersion,
        integrity: this.termsIntegrity,
        lang: this.uiLang,
        timeoutMs: this.timeout,
        signal: loading.signal,
      });
      if (loading.signal.aborted) return;
      this.dispatch({ type: 'loaded', terms });
      // Make the device key now, so the agree click only has to sign.
      if (!this.signUrl) getDeviceKey().catch(() => undefined);
      await this.updateComplete;
      if (this.loading === loading) emit(this, 'terms-loaded', termsDetail(terms));
    } catch (error) {
      if (loading.signal.aborted) return;
      this.fail(error);
    }
  }

  private dispatch(action: ConsentAction): void {
    this.view = transition(this.view, action);
  }

  private fail(error: unknown): void {
    const failure = asConsentError(error, 'terms-invalid');
    this.dispatch({ type: 'fail', error: failure });
    report(this, failure);
  }

  /** A consent needs a trusted activation of this very button: a script's `click()` is not a customer. */
  private async onAgree(event: MouseEvent): Promise<void> {
    if (!event.isTrusted || this.view.name !== 'ready') return;
    const { terms } = this.view;
    this.dispatch({ type: 'agree' });
    this.signing?.abort();
    const signing = (this.signing = new AbortController());
    try {
      const record = createRecord({
        terms: terms.ref,
        origin: location.origin,
        nonce: this.challenge,
        subject: this.subject,
      });
      const signed = await signRecord(record, this.signUrl, { timeoutMs: this.timeout, signal: signing.signal });
      if (signing.signal.aborted) return;
      this.dispatch({ type: 'signed' });
      emit(this, 'consent', { record, ...signed }, { cancelable: true });
    } catch (error) {
      if (signing.signal.aborted) return;
      const failure = asConsentError(error, 'sign-failed');
      this.dispatch({ type: 'sign-failed', error: failure });
      report(this, failure);
    }
  }

  private onDecline(): void {
    if (this.view.name !== 'ready') return;
    const { terms } = this.view;
    this.dispatch({ type: 'decline' });
    emit(this, 'decline', termsDetail(terms));
  }

  private onReconsider(): void {
    this.dispatch({ type: 'reconsider' });
  }

  private onRetry(): void {
    this.loadedFrom = undefined;
    this.requestUpdate();
  }

  protected override render() {
    const m = messages[this.uiLang];
    const view = this.view;
    return html`
      <p class="instruction">${m.instruction}</p>
      <p class="notice">${m.notice}</p>
      ${'terms' in view ? this.renderTerms(view.terms, m) : nothing}
      <p part="status" class="status ${view.name}" role="status">${this.statusText(m)}</p>
      <div class="actions">${this.renderActions(m)}</div>
    `;
  }

  private renderTerms({ document }: ShownTerms, m: Messages) {
    const { title, version, effectiveDate, preamble = [], clauses, closing, locale } = document;
    return html`
      <h2 part="title" id="title" lang=${locale}>${title}</h2>
      <p part="meta" class="meta">
        <span>${m.version(version)}</span>
        ${effectiveDate ? html`<span>${m.effective(formatDate(effectiveDate, this.uiLang))}</span>` : nothing}
      </p>
      <div part="terms" class="terms" role="region" tabindex="0" aria-labelledby="title" lang=${locale}>
        ${preamble.map((paragraph) => html`<p>${paragraph}</p>`)}
        ${preamble.length ? this.renderSeparator(locale) : nothing}
        <ol>
          ${clauses.map((clause) => html`<li>${clause}</li>`)}
        </ol>
        ${closing ? html`<p class="closing">${closing}</p>` : nothing}
      </div>
    `;
  }

  /** Japanese terms introduce their clauses with 記 and end them with 以上, as the paper form does. */
  private renderSeparator(locale: string) {
    return locale.split('-')[0] === 'ja' ? html`<p class="ki">―記―</p>` : html`<hr />`;
  }

  private statusText(m: Messages): string {
    const view = this.view;
    // Exhaustive: a new state without a message fails to compile.
    switch (view.name) {
      case 'loading':
        return m.loading;
      case 'ready':
        return view.error ? m.errors[view.error.code] : '';
      case 'signing':
        return m.signing;
      case 'done':
        return m.done;
      case 'declined':
        return m.declined;
      case 'error':
        return m.errors[view.error.code];
    }
  }

  private renderActions(m: Messages) {
    const view = this.view;
    switch (view.name) {
      case 'ready':
      case 'signing': {
        // While signing the buttons stay (focus must not jump) but do nothing.
        const busy = view.name === 'signing';
        return html`
          <button part="decline" class="decline" type="button" aria-disabled=${busy} @click=${this.onDecline}>${m.decline}</button>
          <button part="agree" class="agree" type="button" aria-disabled=${busy} @click=${this.onAgree}>${m.agree}</button>
        `;
      }
      case 'declined':
        return html`<button part="reconsider" type="button" @click=${this.onReconsider}>${m.reconsider}</button>`;
      case 'error':
        return isRetryable(view.error.code)
          ? html`<button part="retry" type="button" @click=${this.onRetry}>${m.retry}</button>`
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

const termsDetail = ({ ref }: ShownTerms): TermsEventDetail => ({ terms: { ...ref } });

declare global {
  interface HTMLElementTagNameMap {
    'remote-support-consent': RemoteSupportConsent;
  }
}

