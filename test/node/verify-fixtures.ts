// What the verifier's tests share: a record as the element makes it, device signatures over any
// payload, and the assertion that a promise rejects with one ConsentVerificationError code.
import assert from 'node:assert/strict';
import { ecdsa, signCompact, thumbprint, type PublicJwk } from '../../src/consent/jws.js';
import { createRecord, type ConsentRecord } from '../../src/consent/record.js';
import { builtInTerms, termsDigest } from '../../src/terms/index.js';
import { ConsentVerificationError, type ConsentVerificationErrorCode } from '../../src/verify/index.js';

export const ja = builtInTerms.find((document) => document.locale === 'ja')!;
export const now = new Date('2026-11-25T12:00:00Z');
export const terms = builtInTerms;

/** Every code `verifyConsent` documents. */
export const verificationCodes: readonly ConsentVerificationErrorCode[] = [
  'malformed',
  'bad-alg',
  'bad-signature',
  'unknown-terms',
  'nonce-mismatch',
  'expired',
  'not-yet-valid',
];

export async function termsRef(document: { id: string; version: string; locale: string } = ja) {
  const { id, version, locale } = document;
  return { id, version, locale, sha256: await termsDigest(document) };
}

/** A record as the element makes it, at `now`. */
export async function aRecord(extra: Partial<Parameters<typeof createRecord>[0]> = {}): Promise<ConsentRecord> {
  return createRecord({ terms: await termsRef(), origin: 'https://portal.example.com', nonce: 'nonce-1', now, ...extra });
}

/** Signs any payload the way the device does, with a fresh key (or the one given). */
export async function deviceSign(payload: unknown, pair?: CryptoKeyPair, header: Record<string, unknown> = {}) {
  const keys = pair ?? ((await crypto.subtle.generateKey(ecdsa, false, ['sign', 'verify'])) as CryptoKeyPair);
  const { kty, crv, x, y } = (await crypto.subtle.exportKey('jwk', keys.publicKey)) as PublicJwk;
  const jwk = { kty, crv, x, y } as PublicJwk;
  return signCompact({ alg: 'ES256', jwk, kid: await thumbprint(jwk), ...header }, JSON.stringify(payload), keys.privateKey);
}

export async function rejects(promise: Promise<unknown>, code: ConsentVerificationErrorCode) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ConsentVerificationError, `not a ConsentVerificationError: ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return true;
  });
}
