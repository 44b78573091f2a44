import { fromBase64url } from '../base64url.js';
import { isObject } from '../is-object.js';
import type { PublicJwk } from '../consent/jws.js';

/** A key the vendor's server signs with, as `verifyConsent` was given it. */
export interface TrustedKey {
  jwk: PublicJwk;
  /** Its `kid`; a key without one is named by its RFC 7638 thumbprint. */
  kid: string | undefined;
}

/** A P-256 coordinate: exactly 32 bytes, in the one spelling strict base64url allows (43 characters). */
const isCoordinate = (value: unknown): value is string => typeof value === 'string' && value.length === 43 && fromBase64url(value) !== undefined;

/**
 * The public P-256 key `value` spells, reduced to its RFC 7638 members, or undefined when it is not
 * exactly one: `kty` EC, `crv` P-256, `x` and `y` of 32 bytes each in strict base64url, and no private
 * part. Strict, so that one key has one spelling and so one thumbprint (`kid`): a padded, 33-byte or
 * space-holding `x` is no key at all, in Node and in every browser alike.
 */
export function publicP256(value: unknown): PublicJwk | undefined {
  if (!isObject(value) || 'd' in value) return undefined;
  const { kty, crv, x, y } = value;
  return kty === 'EC' && crv === 'P-256' && isCoordinate(x) && isCoordinate(y) ? { kty, crv, x, y } : undefined;
}

/**
 * `options.keys` read: undefined when left out, else every key, each a public P-256 JWK (the only
 * kind that signs ES256). Anything else is a TypeError: `keys: null` or a key it cannot use must
 * never fall back to trusting the key a token brings along.
 */
export function trustedKeys(keys: unknown): readonly TrustedKey[] | undefined {
  if (keys === undefined) return undefined;
  const wrong = (what: string) =>
    new TypeError(`verifyConsent: options.keys ${what}; pass a public P-256 JWK, an array of them or a JWK Set ({ keys: [...] }), or leave it out to trust the header's key`);
  if (keys === null) throw wrong('is null');
  const list = Array.isArray(keys) ? keys : typeof keys === 'object' && 'keys' in keys ? (keys as { keys: unknown }).keys : [keys];
  if (!Array.isArray(list)) throw wrong('is a JWK Set whose keys member is not an array');
  return list.map((key: unknown, index) => {
    // What is wrong with one key, said of that key alone: a vendor (or the command line's --keys) knows what to fix.
    const jwk = publicP256(key);
    if (!jwk) throw new TypeError(`verifyConsent: options.keys[${index}] ${whyNotPublicP256(key)}`);
    const { kid } = key as { kid?: unknown };
    if (kid !== undefined && typeof kid !== 'string') throw new TypeError(`verifyConsent: options.keys[${index}] has a kid that is not a string`);
    return { jwk, kid };
  });
}

/** Why a value `publicP256` refuses is not a public P-256 JWK, in words that say what to fix. */
function whyNotPublicP256(value: unknown): string {
  if (!isObject(value)) return 'is not a JWK (a JSON object)';
  if ('d' in value) return 'is a private key (member "d"): give the public key only, and keep the private one on the signing server';
  const { kty, crv } = value;
  if (kty !== 'EC' || crv !== 'P-256') return 'is not a P-256 key (kty "EC", crv "P-256"), the only kind that signs ES256';
  return 'has an x or y that is not 32 bytes in strict base64url';
}
