import * as z from 'zod/mini';
import { ecdsa, thumbprint, type PublicJwk } from '../consent/jws.js';
import { decodeCompact, parseJson, repeatedNameIn } from '../consent/jws-read.js';
import { consentRecordSchema, type ConsentRecord } from '../consent/record-schema.js';
import { termsDigest } from '../terms/digest.js';
import { ConsentVerificationError } from './errors.js';

/** A public JWK as a server holds it; `kid` picks it out of a set. */
export type VerificationKey = JsonWebKey & { kid?: string };

export interface VerifyOptions {
  /** The terms documents the vendor accepts, as parsed from JSON (e.g. `builtInTerms`). */
  terms: readonly unknown[];
  /** The challenge this session was given; when set, the record must carry exactly it. */
  nonce?: string | undefined;
  /**
   * The vendor signing server's public keys (one JWK, an array, or a JWK Set).
   * When given, only they may sign, matched by `kid` (a key without `kid` by its
   * RFC 7638 thumbprint), and a key in the header is not trusted. Without it,
   * the header's `jwk` is used and `kid` must be its thumbprint.
   */
  keys?: VerificationKey | readonly VerificationKey[] | { keys: readonly VerificationKey[] } | undefined;
  /** How old `iat` may be. Default 600. */
  maxAgeSeconds?: number;
  /** The time to check against (tests). Default: now. */
  now?: Date;
}

const clockSkewSeconds = 60;
const fail = (code: ConstructorParameters<typeof ConsentVerificationError>[0], message: string): never => {
  throw new ConsentVerificationError(code, message);
};

/**
 * Verifies a consent JWS from `<remote-support-consent>` and resolves to its
 * record, or rejects with a `ConsentVerificationError` for any token it
 * refuses (and a `TypeError` for options that are not usable, such as a
 * `maxAgeSeconds` that is not a finite number).
 * Checks, in order: the JWS shape, `alg` ES256, that the header repeats no
 * member name, the signature and its key, the record's shape (repeating no
 * member name either), the terms digest, the nonce, and the age.
 */
export async function verifyConsent(jws: string, options: VerifyOptions): Promise<ConsentRecord> {
  const { maxAgeSeconds: maxAge = 600, now = new Date() } = options ?? {};
  // Options come from the server's own code: a mistake there is a TypeError, never a pass.
  if (!Array.isArray(options?.terms)) throw new TypeError('verifyConsent: options.terms must be an array of terms documents');
  if (!(maxAge >= 0 && Number.isFinite(maxAge))) throw new TypeError('verifyConsent: maxAgeSeconds must be a finite number of seconds');
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new TypeError('verifyConsent: now must be a valid Date');
  const decoded = decodeCompact(jws);
  if (!decoded) return fail('malformed', 'not a compact JWS');
  const { header } = decoded;
  if (header.alg !== 'ES256') return fail('bad-alg', `alg must be ES256, not ${JSON.stringify(header.alg)}`);
  if ('crit' in header) return fail('malformed', 'the header has crit extensions this verifier does not understand');
  refuseRepeatedNames('header', decoded.headerBytes);

  const { key, kid } = await signingKey(header, options.keys);
  // The thumbprint and the signature are independent WebCrypto jobs: run them side by side.
  const [valid, thumbprintMatches] = await Promise.all([
    crypto.subtle.verify(ecdsa, key, decoded.signature, decoded.signingInput).catch(() => false),
    kid,
  ]);
  if (!thumbprintMatches) return fail('bad-signature', 'kid is not the thumbprint of the header jwk');
  if (!valid) return fail('bad-signature', 'the signature does not verify');

  const parsed = z.safeParse(consentRecordSchema, parseJson(decoded.payload));
  if (!parsed.success) return fail('malformed', `the payload is not a consent record (${parsed.error.issues.map((issue) => issue.path.join('.') || issue.code).join(', ')})`);
  refuseRepeatedNames('payload', decoded.payload);
  const record = parsed.data;

  await checkTerms(record.terms, options.terms);
  if (options.nonce !== undefined && record.nonce !== options.nonce) {
    return fail('nonce-mismatch', record.nonce === undefined ? 'the record carries no nonce' : 'the record carries another nonce');
  }
  const seconds = Math.floor(now.getTime() / 1000);
  if (record.iat > seconds + clockSkewSeconds) return fail('not-yet-valid', `iat is ${record.iat - seconds} s in the future`);
  if (seconds - record.iat > maxAge) return fail('expired', `iat is ${seconds - record.iat} s old, more than ${maxAge}`);
  return record;
}

/** A header or payload that repeats a member name is `malformed`. */
function refuseRepeatedNames(part: 'header' | 'payload', bytes: Uint8Array): void {
  const repeated = repeatedNameIn(part, bytes);
  if (repeated) fail('malformed', repeated);
}

/**
 * The key that must have signed: a trusted server key picked by `kid`, or
 * the header's own key, whose thumbprint must be `kid` (`kid` resolves to
 * whether it is; the caller awaits it beside the signature check).
 */
async function signingKey(header: Record<string, unknown>, keys: VerifyOptions['keys']): Promise<{ key: CryptoKey; kid: Promise<boolean> }> {
  const list = trustedKeys(keys);
  const jwk = list ? await findTrusted(list, header.kid) : header.jwk;
  if (!isPublicP256(jwk)) {
    return fail('bad-signature', list ? `kid ${JSON.stringify(header.kid)} is not a trusted P-256 key` : 'the header carries no public P-256 jwk');
  }
  const { kty, crv, x, y } = jwk;
  const kid = list ? Promise.resolve(true) : thumbprint(jwk).then((value) => value === header.kid);
  const key = await crypto.subtle.importKey('jwk', { kty, crv, x, y }, ecdsa, false, ['verify']).catch(() => undefined);
  return key ? { key, kid } : fail('bad-signature', 'the signing key is not a valid P-256 point');
}

/** The trusted key named by `kid`: its own `kid`, or for a key without one, its RFC 7638 thumbprint. */
async function findTrusted(keys: readonly VerificationKey[], kid: unknown): Promise<VerificationKey | undefined> {
  for (const key of keys) {
    if (key?.kid !== undefined ? key.kid === kid : isPublicP256(key) && (await thumbprint(key)) === kid) return key;
  }
  return undefined;
}

function trustedKeys(keys: VerifyOptions['keys']): readonly VerificationKey[] | undefined {
  if (keys == null) return undefined;
  if (Array.isArray(keys)) return keys;
  const set = (keys as { keys?: unknown }).keys;
  return Array.isArray(set) ? set : [keys as VerificationKey];
}

const isPublicP256 = (jwk: unknown): jwk is PublicJwk =>
  !!jwk &&
  typeof jwk === 'object' &&
  (jwk as PublicJwk).kty === 'EC' &&
  (jwk as PublicJwk).crv === 'P-256' &&
  typeof (jwk as PublicJwk).x === 'string' &&
  typeof (jwk as PublicJwk).y === 'string' &&
  !('d' in jwk);

/** Digests are cached per document object: a server passes the same array on every call. */
const digests = new WeakMap<object, Promise<string | undefined>>();

function digestOf(document: unknown): Promise<string | undefined> {
  if (!document || typeof document !== 'object') return Promise.resolve(undefined);
  let digest = digests.get(document);
  if (!digest) {
    digest = termsDigest(document).catch(() => undefined);
    digests.set(document, digest);
  }
  return digest;
}

async function checkTerms(terms: ConsentRecord['terms'], accepted: readonly unknown[]): Promise<void> {
  for (const document of Array.isArray(accepted) ? accepted : []) {
    const { id, version, locale } = (document ?? {}) as Record<string, unknown>;
    if (id === terms.id && version === terms.version && locale === terms.locale && (await digestOf(document)) === terms.sha256) return;
  }
  fail('unknown-terms', `terms ${terms.id} ${terms.version} ${terms.locale} with this digest are not among the accepted documents`);
}
