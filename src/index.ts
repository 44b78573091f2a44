/**
 * `remote-support-consent`: defines `<remote-support-consent>` and exports its
 * class and public types. `remote-support-consent/element` has the class alone.
 */
import './define.js';

export { RemoteSupportConsent, type ConsentStateName } from './remote-support-consent.js';
export { ConsentError, type ConsentErrorCode, type ConsentErrorDetail } from './errors.js';
export type { ConsentEventDetail, RemoteSupportConsentEventMap, TermsEventDetail } from './events.js';
export type { ConsentRecord } from './consent/record-schema.js';
export type { RedirectTarget } from './redirect.js';
export type { TermsDocument } from './terms/schema.js';
export type { TermsRef } from './terms/types.js';
