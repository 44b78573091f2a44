/**
 * `remote-support-consent/terms`: every built-in terms document, exactly the
 * objects the element digests, so a server can pass them to `verifyConsent`.
 * No Lit, no DOM.
 */
import { deepFreeze } from '../freeze.js';
import { all } from './generated/all.js';

/** Every built-in terms document, frozen: they are evidence, not state. */
export const builtInTerms = deepFreeze([...all]);
export { termsDigest } from './digest.js';
export type { TermsDocument } from './schema.js';
export type { TermsRef } from './types.js';
