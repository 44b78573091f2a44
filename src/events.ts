import type { ConsentErrorDetail } from './errors.js';
import type { TermsRef } from './terms/types.js';

/** `detail` of `terms-loaded` and `decline`: which terms were on screen. */
export interface TermsEventDetail {
  terms: TermsRef;
}

/** The element's events, by name, with their `detail`. All bubble and are composed. */
export interface RemoteSupportConsentEventMap {
  'terms-loaded': CustomEvent<TermsEventDetail>;
  decline: CustomEvent<TermsEventDetail>;
  'consent-error': CustomEvent<ConsentErrorDetail>;
}

declare global {
  interface HTMLElementEventMap extends RemoteSupportConsentEventMap {}
}
