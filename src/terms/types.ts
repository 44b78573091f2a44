/**
 * What a consent record and the events say about the terms that were shown:
 * enough to find the exact text again (id, version, locale) and to prove it
 * (the contract's digest).
 */
export interface TermsRef {
  id: string;
  version: string;
  locale: string;
  /** base64url SHA-256 of the RFC 8785 canonical JSON of the document. */
  sha256: string;
}
