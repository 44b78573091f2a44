import { base64url } from '../base64url.js';
import { canonicalize } from './jcs.js';

/**
 * The contract's terms digest: base64url(SHA-256(UTF-8(JCS(document)))), over
 * the document exactly as parsed from JSON. The element and the verifier both
 * call this one function, so a server holding the same file gets the same value.
 */
export async function termsDigest(document: unknown): Promise<string> {
  return canonicalDigest(canonicalize(document));
}

/** The terms digest of a document already in RFC 8785 canonical JSON, for a caller that holds that text. */
export async function canonicalDigest(canonical: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical))));
}
