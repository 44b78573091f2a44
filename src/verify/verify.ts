import * as z from 'zod/mini';
import { ecdsa, thumbprint, type PublicJwk } from '../consent/jws.js';
import { decodeCompact, maxJwsLength, repeatedNameIn } from '../consent/jws-read.js';
import { describe, parseJson } from '../consent/untrusted-json.js';
import { consentRecordSchema, type ConsentRecord } from '../consent/record-schema.js';
import { digestOf } from './digests.js';
import { ConsentVerificationError, type ConsentVerificationErrorCode } from './errors.js';
import { publicP256, type TrustedKey } from './keys.js';
import { readOptions, type Settings, type VerifyOptions } from './options.js';

export type { VerificationKey, VerifyOptions } from './options.js';

const clockSkewSeconds = 60;
const fail = (code: ConsentVerificationErrorCode, message: string): never => {
  throw new ConsentVerificationError(code, message);
};

/**
 * Verifies a consent JWS from `<remote-support-consent>` and resolves to its
 * record, or rejects with a `ConsentVerificationError` for any token it
 * refuses, whatever the token (and a `TypeError`, before looking at the
 * token, for options it cannot use, such as `keys: null`).
 * Checks, in order: the token's length and JWS shape, `alg` ES256, that the
 * header repeats no member name, the signature and its key, the record's shape
 * (repeating no member name either), the terms digest, the nonce, and the age.
 */
export async function verifyConsent(jws: string, options: VerifyOptions): Promise<ConsentRecord> {
  const settings = readOptions(options);
  try {
    return await verifyToken(jws, settings);
  } catch (error) {
    if (error instanceof ConsentVerificationError) throw error;
    // Whatever else a token makes a check throw is refused, never passed, and never a crash of the server.
    throw new ConsentVerificationError('malformed', 'the token could not be checked', { cause: error });
  }
}

async function verifyToken(jws: unknown, { terms, nonce, keys, maxAgeSeconds, now }: Settings): Promise<ConsentRecord> {
  if (typeof jws !== 'string') return fail('malformed', `the token is ${describe(jws)}, not a string`);
  // Bounded before anything is decoded, so the work on any token is small.
  if (jws.length > maxJwsLength) return fail('malformed', `the token is ${jws.length} characters long, more than ${maxJwsLength}`);
  const decoded = decodeCompact(jws);
  if (!decoded) return fail('malformed', 'not a compact JWS: three parts in strict base64url, the first a JSON object');
  const { header } = decoded;
  if (header.alg !== 'ES256') return fail('bad-alg', `alg must be ES256, not ${describe(header.alg)}`);
  if ('crit' in header) return fail('malformed', 'the header has crit extensions this verifier does not understand');
  refuseRepeatedNames('header', decoded.headerBytes);

  const { key, kidMatches } = await signingKey(header, keys);
  // The thumbprint and the signature are independent WebCrypto jobs: run them side by side.
  const [valid, thumbprintMatches] = await Promise.all([
    crypto.subtle.verify(ecdsa, key, decoded.signature, decoded.signingInput).catch(() => false),
    kidMatches,
  ]);
  if (!thumbprintMatches) return fail('bad-signature', 'kid is not the thumbprint of the header jwk');
  if (!valid) return fail('bad-signature', 'the signature does not verify');

  const parsed = z.safeParse(consentRecordSchema, parseJson(decoded.payload));
  if (!parsed.success) {
    const where = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || issue.code))];
    return fail('malformed', `the payload is not a consent record (${where.join(', ')})`);
  }
  refuseRepeatedNames('payload', decoded.payload);
  const record = parsed.data;

  await checkTerms(record.terms, terms);
  if (nonce !== undefined && record.nonce !== nonce) {
    return fail('nonce-mismatch', record.nonce === undefined ? 'the record carries no nonce' : 'the record carries another nonce');
  }
  const seconds = Math.floor(now.getTime() / 1000);
  if (record.iat > seconds + clockSkewSeconds) return fail('not-yet-valid', `iat is ${record.iat - seconds} s in the future`);
  if (seconds - record.iat > maxAgeSeconds) return fail('expired', `iat is ${seconds - record.iat} s old, more than ${maxAgeSeconds}`);
  return record;
}

/** A header or payload that repeats a member name is `malformed`. */
function refuseRepeatedNames(part: 'header' | 'payload', bytes: Uint8Array): void {
  const repeated = repeatedNameIn(part, bytes);
  if (repeated) fail('malformed', repeated);
}

/**
 * The key that must have signed: a trusted server key picked by `kid`, or
 * the header's own key, whose thumbprint must be `kid` (`kidMatches` resolves to
 * whether it is; the caller awaits it beside the signature check).
 */
async function signingKey(header: Record<string, unknown>, keys: readonly TrustedKey[] | undefined): Promise<{ key: CryptoKey; kidMatches: Promise<boolean> }> {
  let jwk: PublicJwk;
  let kidMatches: Promise<boolean>;
  if (keys) {
    jwk = (await findTrusted(keys, header.kid)) ?? fail('bad-signature', `kid ${describe(header.kid)} names no trusted key`);
    kidMatches = Promise.resolve(true);
  } else {
    jwk = publicP256(header.jwk) ?? fail('bad-signature', 'the header carries no public P-256 jwk (kty, crv, and x and y of 32 bytes in strict base64url)');
    kidMatches = thumbprint(jwk).then((value) => value === header.kid);
  }
  const key = await crypto.subtle.importKey('jwk', jwk, ecdsa, false, ['verify']).catch(() => undefined);
  return key ? { key, kidMatches } : fail('bad-signature', 'the signing key is not a valid P-256 point');
}

/** The trusted key named by `kid`: its own `kid`, or for a key without one, its RFC 7638 thumbprint. */
async function findTrusted(keys: readonly TrustedKey[], kid: unknown): Promise<PublicJwk | undefined> {
  if (typeof kid !== 'string') return undefined;
  for (const key of keys) {
    if (key.kid !== undefined ? key.kid === kid : (await thumbprint(key.jwk)) === kid) return key.jwk;
  }
  return undefined;
}

async function checkTerms(terms: ConsentRecord['terms'], accepted: readonly unknown[]): Promise<void> {
  for (const document of accepted) {
    const { id, version, locale } = (document ?? {}) as Record<string, unknown>;
    if (id === terms.id && version === terms.version && locale === terms.locale && (await digestOf(document)) === terms.sha256) return;
  }
  fail('unknown-terms', `terms ${terms.id} ${terms.version} ${terms.locale} with this digest are not among the accepted documents`);
}
