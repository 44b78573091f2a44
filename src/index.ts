import { RemoteSupportConsent } from './remote-support-consent.js';

// Idempotent, so two imports (or two copies of the package) on one page never throw.
if (globalThis.customElements && !customElements.get('remote-support-consent')) {
  customElements.define('remote-support-consent', RemoteSupportConsent);
}

export { RemoteSupportConsent, type ConsentStateName } from './remote-support-consent.js';
export { ConsentError, type ConsentErrorCode, type ConsentErrorDetail } from './errors.js';
export type { RemoteSupportConsentEventMap, TermsEventDetail } from './events.js';
export type { TermsDocument } from './terms/schema.js';
export type { TermsRef } from './terms/types.js';
