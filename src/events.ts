import type { SignedConsent } from './consent/sign.js';
import type { ConsentRecord } from './consent/record.js';
import type { ConsentErrorDetail } from './errors.js';
import type { TermsRef } from './terms/types.js';

/** `detail` of `terms-loaded` and `decline`: which terms were on screen. */
export interface TermsEventDetail {
  terms: TermsRef;
}

/** `detail` of `consent`: the record and its compact JWS, whose payload is exactly `record`. */
export interface ConsentEventDetail extends SignedConsent {
  record: ConsentRecord;
  /** With `consent-url`: the reference the vendor's server stored the consent under, when its answer gave one. */
  reference?: string;
}

/** The element's events, by name, with their `detail`. All bubble and are composed. */
export interface RemoteSupportConsentEventMap {
  'terms-loaded': CustomEvent<TermsEventDetail>;
  consent: CustomEvent<ConsentEventDetail>;
  decline: CustomEvent<TermsEventDetail>;
  'consent-error': CustomEvent<ConsentErrorDetail>;
}

declare global {
  interface HTMLElementEventMap extends RemoteSupportConsentEventMap {}
}
