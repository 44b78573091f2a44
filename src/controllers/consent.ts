import type { ReactiveController } from 'lit';
import { mayPass } from '../errors.js';
import { asConsentError, emit, termsDetail } from '../emit.js';
import type { ConsentEventDetail } from '../events.js';
import type { Deadline } from '../http.js';
import type { ShownTerms } from '../state.js';
import type { FocusController } from './focus.js';
import type { HandOffController } from './hand-off.js';
import type { ConsentHost } from './host.js';
import * as code from '../consent/index.js';

/** The frame, then the task, that make consenting ready once the terms are painted. */
type Preparing = { frame?: number; task?: ReturnType<typeof setTimeout> };

/**
 * The customer's decision: a real click on agree makes the record, signs it (device key or
 * `sign-url`), stores it (`consent-url`), emits `consent` and hands over; decline and reconsider
 * go between the terms and `declined`. The signing is made ready as soon as the terms show (the
 * device key, or the server-signing code), so a tap on agree only signs and sends.
 */
export class ConsentController implements ReactiveController {
  /** The `sign-url` and `consent-url` the signing and storing were made ready for. */
  #prepared?: string | undefined;
  /** Cancelled when the element is removed. */
  #preparing?: Preparing | undefined;
  #signing?: AbortController;
  /**
   * A consent signed that `consent-url` has not confirmed storing, with the `sign-url` that signed it: while it still says what
   * the next record would (see `#resendable`), the next agree sends it again, unchanged, rather than sign a second record the
   * server might store beside the first.
   */
  #unstored?: { detail: ConsentEventDetail; signUrl: string } | undefined;

  constructor(
    private readonly host: ConsentHost,
    private readonly handOff: HandOffController,
    private readonly focus: FocusController,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#prepare();
  }

  hostUpdated(): void {
    this.#prepare();
  }

  /**
   * The terms are on screen: make ready what consenting needs before the customer taps (a tap gives no warning ahead).
   * Only while connected: a removed element that finishes rendering prepares nothing, and leaves no frame or task behind.
   */
  #prepare(): void {
    const { signUrl, consentUrl, isConnected } = this.host.element;
    const prepared = `${signUrl} ${consentUrl}`;
    if (!isConnected || this.host.view.name !== 'ready' || prepared === this.#prepared) return;
    this.#prepared = prepared;
    this.#cancelPreparing();
    // After the frame that shows the terms: opening IndexedDB for the key must not hold up their first paint.
    const preparing: Preparing = {};
    this.#preparing = preparing;
    preparing.frame = requestAnimationFrame(() => {
      preparing.task = setTimeout(() => {
        this.#preparing = undefined;
        code.prepareSigning(signUrl);
        code.prepareStoring(consentUrl);
      });
    });
  }

  hostDisconnected(): void {
    // Nothing is prepared for a removed element; inserted again, it prepares on its next render.
    if (this.#cancelPreparing()) this.#prepared = undefined;
    // A removed element consents to nothing: a signature still in flight is dropped.
    this.#signing?.abort();
    this.host.dispatch({ type: 'sign-failed' });
  }

  /** Cancels a preparation not yet run; true if there was one. */
  #cancelPreparing(): boolean {
    const preparing = this.#preparing;
    if (!preparing) return false;
    if (preparing.frame !== undefined) cancelAnimationFrame(preparing.frame);
    clearTimeout(preparing.task);
    this.#preparing = undefined;
    return true;
  }

  /**
   * A consent needs a trusted activation of this very button: a script's `click()` is not a customer.
   * The second click of a double click (`detail` 2 or more) is not a decision either: it may have been
   * aimed at the button that stood here a moment ago (retry, back to the terms).
   */
  async agree(event: MouseEvent): Promise<void> {
    const view = this.host.view;
    if (!event.isTrusted || event.detail > 1 || view.name !== 'ready') return;
    const { terms } = view;
    this.host.dispatch({ type: 'agree' });
    this.#signing?.abort();
    const signing = (this.#signing = new AbortController());
    const deadline = { timeoutMs: this.host.timeoutMs, signal: signing.signal };
    const { consentUrl } = this.host.element;
    let consent: ConsentEventDetail;
    try {
      const signed = this.#resendable(terms) ?? (await this.#sign(terms, deadline));
      if (signing.signal.aborted) return;
      const reference = consentUrl ? await code.storeConsent(signed.record, signed.jws, consentUrl, deadline) : undefined;
      consent = reference ? { ...signed, reference } : signed;
    } catch (error) {
      if (signing.signal.aborted) return;
      const failure = asConsentError(error, 'sign-failed');
      // A server's considered refusal (a 4xx) means it did not store this JWS, and never will: the next agree signs afresh.
      if (failure.code === 'consent-not-stored' && !mayPass(failure)) this.#unstored = undefined;
      this.focus.moveAfterRender('status');
      this.host.fail(failure, 'sign-failed');
      return;
    }
    if (signing.signal.aborted) return;
    this.#unstored = undefined;
    // Only the signing → done step may announce a consent.
    if (this.host.dispatch({ type: 'signed', href: consent.record.redirect, reference: consent.reference }).name !== 'done') return;
    // The agree button is gone: to what happened (the status), then to the way on once the hand-off shows one.
    this.focus.moveAfterRender('redirect-link');
    // Rendered first, so a listener finds the element (and its `state` attribute) in `done`; a removal meanwhile consents to nothing.
    await this.host.updateComplete;
    if (signing.signal.aborted) return;
    if (emit(this.host.element, 'consent', consent, { cancelable: true })) this.handOff.proceed();
    this.focus.moveAfterRender('redirect-link');
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
      record.redirect === (this.handOff.href || undefined) &&
      record.subject === (this.host.element.subject || undefined) &&
      signUrl === this.host.element.signUrl;
    return same ? detail : undefined;
  }

  /** A new record for `terms`, signed; with `consent-url`, kept as the one to send until the server confirms it. */
  async #sign(terms: ShownTerms, deadline: Deadline): Promise<ConsentEventDetail> {
    const { challenge: nonce, signUrl, subject, consentUrl } = this.host.element;
    const record = code.createRecord({ terms: terms.ref, origin: location.origin, redirect: this.handOff.href, nonce, subject });
    code.warnIfNoNonce(this.host.element, record, signUrl);
    const detail = { record, ...(await code.signRecord(record, signUrl, deadline)) };
    // Kept even if the element was removed meanwhile: never sent, it is sent on the next agree all the same.
    if (consentUrl) this.#unstored = { detail, signUrl };
    return detail;
  }

  async decline(): Promise<void> {
    const view = this.host.view;
    if (view.name !== 'ready') return;
    this.host.dispatch({ type: 'decline' });
    this.focus.moveAfterRender('reconsider');
    // Rendered first, as for `consent`: a listener finds the element in `declined`.
    await this.host.updateComplete;
    emit(this.host.element, 'decline', termsDetail(view.terms));
  }

  reconsider(): void {
    this.host.dispatch({ type: 'reconsider' });
    // Back to reading: the terms, never agree (a held Enter would consent).
    this.focus.moveAfterRender('terms');
  }
}
