import type { ReactiveController } from 'lit';
import { ConsentError } from '../errors.js';
import { asConsentError, report } from '../emit.js';
import { handOff } from '../navigate.js';
import { checkRedirect, parseAllowedOrigins } from '../redirect.js';
import { isSettled } from '../state.js';
import type { ConsentHost } from './host.js';

/**
 * Where agreeing leads, and going there: the redirect URL checked by the open-redirect rule before
 * the customer can agree (a consent that cannot be carried out is never signed), the hand-off after
 * `consent` (once per element, whoever starts it), and the return through the back/forward cache.
 */
export class HandOffController implements ReactiveController {
  /** The checked redirect URL the shown terms lead to (undefined with `redirect-target="none"` and no URL). */
  href?: string | undefined;
  /** Why the redirect inputs cannot be carried out, if they cannot. */
  error?: ConsentError | undefined;
  #from?: string;
  #handedOff = false;

  constructor(private readonly host: ConsentHost) {
    host.addController(this);
  }

  /**
   * Checks the redirect inputs when they changed, until the customer has acted (then the destination
   * stays as it was). Returns the error it found now, to report.
   */
  check(): ConsentError | undefined {
    const { redirectUrl, allowedOrigins, redirectTarget } = this.host.element;
    const from = JSON.stringify([redirectUrl, allowedOrigins, redirectTarget]);
    if (isSettled(this.host.view) || from === this.#from) return undefined;
    this.#from = from;
    this.error = undefined;
    try {
      this.href = this.#checked();
    } catch (error) {
      this.error = asConsentError(error, 'redirect-not-allowed');
    }
    return this.error;
  }

  /** The redirect URL, checked by the open-redirect rule; throws the `redirect-*` errors. */
  #checked(): string | undefined {
    const { redirectUrl, allowedOrigins, redirectTarget } = this.host.element;
    const { ignored } = parseAllowedOrigins(allowedOrigins);
    if (ignored.length) console.warn(`<remote-support-consent> allowed-origins: ignored ${ignored.join(' ')} (write bare origins, like https://*.optim.co.jp)`);
    if (!['_self', '_blank', 'none'].includes(redirectTarget)) {
      throw new ConsentError('redirect-not-configured', `redirect-target "${redirectTarget}" is not _self, _blank or none`);
    }
    if (redirectUrl) return checkRedirect(redirectUrl, allowedOrigins);
    if (redirectTarget === 'none') return undefined;
    throw new ConsentError('redirect-not-configured', 'set redirect-url to the entry page on the remote-support site, or redirect-target="none"');
  }

  /** Hands over to the consent's checked destination, at most once; see the element's `proceed()`. */
  proceed(): boolean {
    const view = this.host.view;
    const target = this.host.element.redirectTarget;
    if (view.name !== 'done' || view.outcome !== 'recorded' || !view.href || this.#handedOff) return false;
    if (target !== '_self' && target !== '_blank') return false;
    try {
      checkRedirect(view.href, this.host.element.allowedOrigins);
    } catch (error) {
      report(this.host.element, asConsentError(error, 'redirect-not-allowed'));
      return false;
    }
    this.#handedOff = true;
    this.host.dispatch({ type: 'redirect' });
    // `_blank` must open while the click's activation lasts, so no waiting for the notice to render.
    const outcome = handOff(view.href, target);
    if (outcome !== 'navigating') this.host.dispatch({ type: 'handed-off', outcome });
    return true;
  }

  hostConnected(): void {
    addEventListener('pageshow', this.#onPageShow);
  }

  hostDisconnected(): void {
    removeEventListener('pageshow', this.#onPageShow);
  }

  /** Back from the external site through the back/forward cache: show the finished state, never replay. */
  #onPageShow = (event: PageTransitionEvent): void => {
    if (event.persisted) this.host.dispatch({ type: 'came-back' });
  };
}
