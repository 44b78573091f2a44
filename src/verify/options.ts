import { trustedKeys, type TrustedKey } from './keys.js';

/** A public JWK as a server holds it; `kid` picks it out of a set. */
export type VerificationKey = JsonWebKey & { kid?: string };

export interface VerifyOptions {
  /** The terms documents the vendor accepts, as parsed from JSON (e.g. `builtInTerms`). */
  terms: readonly unknown[];
  /** The challenge this session was given; when set, the record must carry exactly it. */
  nonce?: string | undefined;
  /**
   * The vendor signing server's public keys (one JWK, an array, or a JWK Set), each a public P-256
   * key. When given, only they may sign, matched by `kid` (a key without `kid` by its RFC 7638
   * thumbprint), and a key in the header is not trusted. Without it, the header's `jwk` is used
   * and `kid` must be its thumbprint. `null` is a TypeError, not "no keys".
   */
  keys?: VerificationKey | readonly VerificationKey[] | { keys: readonly VerificationKey[] } | undefined;
  /** How old `iat` may be, in seconds. Default 600. */
  maxAgeSeconds?: number;
  /** The time to check against (tests). Default: now. */
  now?: Date;
}

/** The options, checked and with their defaults. */
export interface Settings {
  terms: readonly unknown[];
  nonce: string | undefined;
  keys: readonly TrustedKey[] | undefined;
  maxAgeSeconds: number;
  now: Date;
}

/**
 * Options come from the server's own code: one it cannot use is a TypeError, thrown before the token
 * is looked at, and never a quiet fallback to weaker checks (`keys: null` trusting the header's key,
 * `nonce: null` skipping the nonce).
 */
export function readOptions(options: VerifyOptions): Settings {
  if (!options || typeof options !== 'object') throw new TypeError('verifyConsent: options must be an object with at least terms');
  const { terms, nonce, keys, maxAgeSeconds = 600, now = new Date() } = options;
  if (!Array.isArray(terms)) throw new TypeError('verifyConsent: options.terms must be an array of terms documents');
  if (nonce !== undefined && (typeof nonce !== 'string' || !nonce)) {
    throw new TypeError('verifyConsent: options.nonce must be the non-empty challenge string, or left out when no nonce is expected');
  }
  if (typeof maxAgeSeconds !== 'number' || !(maxAgeSeconds >= 0) || !Number.isFinite(maxAgeSeconds)) {
    throw new TypeError('verifyConsent: options.maxAgeSeconds must be a finite, non-negative number of seconds');
  }
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new TypeError('verifyConsent: options.now must be a valid Date');
  return { terms, nonce, keys: trustedKeys(keys), maxAgeSeconds, now };
}
