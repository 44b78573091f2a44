/**
 * `remote-support-consent/verify`: checks consent records on a vendor's
 * server. WebCrypto only; no DOM, no Lit. Runs in Node 20+ and browsers.
 */
export { verifyConsent, type VerifyOptions, type VerificationKey } from './verify.js';
export { ConsentVerificationError, type ConsentVerificationErrorCode } from './errors.js';
export type { ConsentRecord } from '../consent/record-schema.js';
export type { TermsRef } from '../terms/types.js';
