import { ConsentError, type ConsentErrorCode } from './errors.js';
import type { RemoteSupportConsentEventMap, TermsEventDetail } from './events.js';
import type { ShownTerms } from './state.js';

/** Every event of the element bubbles and is composed, so a host can listen anywhere above it. */
export function emit<K extends keyof RemoteSupportConsentEventMap>(
  target: EventTarget,
  type: K,
  detail: RemoteSupportConsentEventMap[K]['detail'],
  { cancelable = false } = {},
): boolean {
  return target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
}

/** `error` as a `ConsentError`: one of ours as it is, anything else (a bug, a missing API) under `code`, marked unexpected. */
export const asConsentError = (error: unknown, code: ConsentErrorCode): ConsentError =>
  error instanceof ConsentError ? error : new ConsentError(code, `unexpected failure: ${String(error)}`, { cause: error, unexpected: true });

/** Tells the host (`consent-error`) and the integrator (console) what failed. */
export function report(target: EventTarget, { code, message }: ConsentError): void {
  console.error(`<remote-support-consent> ${code}: ${message}`);
  emit(target, 'consent-error', { code, message });
}

/** `detail` of `terms-loaded` and `decline`: which terms were on screen. */
export const termsDetail = ({ ref }: ShownTerms): TermsEventDetail => ({ terms: { ...ref } });
