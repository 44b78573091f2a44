/**
 * `remote-support-consent/terms`: every built-in terms document, exactly the
 * objects the element digests, so a server can pass them to `verifyConsent`.
 * No Lit, no DOM.
 */
export { all as builtInTerms } from './generated/all.js';
export { termsDigest } from './digest.js';
export type { TermsDocument } from './schema.js';
export type { TermsRef } from './types.js';
