// Options come from the vendor's own code: one verifyConsent cannot use is a TypeError, thrown before
// the token is read, and never a quiet fallback to weaker checks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { exportJWK, generateKeyPair } from 'jose';
import { ConsentVerificationError, verifyConsent } from '../../src/verify/index.js';
import { aRecord, deviceSign, now, terms } from './verify-fixtures.js';

/** A current, self-signed token with nonce-1: what any fallback to weaker checks would accept. */
const token = (async () => deviceSign(await aRecord()))();

/** What verifyConsent made of the options: accepted, refused by code, or the error it threw. */
async function outcome(options: unknown, jws?: string): Promise<unknown> {
  return verifyConsent(jws ?? (await token), options as never).then(
    () => 'accepted',
    (error: unknown) => (error instanceof ConsentVerificationError ? error.code : error),
  );
}

async function throwsTypeError(options: unknown) {
  const result = await outcome(options);
  assert.ok(result instanceof TypeError, `not a TypeError: ${String(result)}`);
  // Before the token: garbage with the same options is the same TypeError, not 'malformed'.
  assert.ok((await outcome(options, 'garbage')) instanceof TypeError);
}

const server = (async () => {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  return { jwk: { ...(await exportJWK(publicKey)), kid: 'server-2026' }, secret: await exportJWK(privateKey) };
})();

describe('verifyConsent: options it cannot use are a TypeError', () => {
  it('the token passes with usable options (so each refusal below is the option, not the token)', async () => {
    assert.equal(await outcome({ terms, now }), 'accepted');
    assert.equal(await outcome({ terms, now, nonce: 'nonce-1', maxAgeSeconds: 60, keys: undefined }), 'accepted');
  });

  for (const [name, options] of [
    ['no options', undefined],
    ['null options', null],
    ['options a string', 'terms'],
  ] as const) {
    it(`throws for ${name}`, () => throwsTypeError(options));
  }

  describe('keys', () => {
    it('null is not "no keys": a self-signed token is never accepted through it', () => throwsTypeError({ terms, now, keys: null }));

    const notKeys: Array<[string, () => Promise<unknown>]> = [
      ['a string', async () => 'server-2026'],
      ['a number', async () => 42],
      ['true', async () => true],
      ['an empty object', async () => ({})],
      ['a JWK Set whose keys is null', async () => ({ keys: null })],
      ['a JWK Set whose keys is an object', async () => ({ keys: (await server).jwk })],
      ['an array holding null', async () => [(await server).jwk, null]],
      ['an array of arrays', async () => [[(await server).jwk]]],
      ['a key without x and y', async () => [{ kty: 'EC', crv: 'P-256' }]],
      ['a P-384 key', async () => [{ ...(await server).jwk, crv: 'P-384' }]],
      ['an RSA key', async () => [{ kty: 'RSA', n: 'AQAB', e: 'AQAB' }]],
      ['an HMAC key', async () => [{ kty: 'oct', k: 'c2VjcmV0' }]],
      ['a private key', async () => [(await server).secret]],
      ['a key whose x is padded', async () => [{ ...(await server).jwk, x: `${(await server).jwk.x}=` }]],
      ['a key whose x has 33 bytes', async () => [{ ...(await server).jwk, x: `AA${(await server).jwk.x}` }]],
      ['a key whose y is in the +/ alphabet', async () => [{ ...(await server).jwk, y: `+${(await server).jwk.y!.slice(1)}` }]],
      ['a key whose kid is a number', async () => [{ ...(await server).jwk, kid: 2026 }]],
    ];
    for (const [name, keys] of notKeys) it(`throws for ${name}`, async () => throwsTypeError({ terms, now, keys: await keys() }));

    it('an empty list or set trusts no key: every token is refused, none passes', async () => {
      assert.equal(await outcome({ terms, now, keys: [] }), 'bad-signature');
      assert.equal(await outcome({ terms, now, keys: { keys: [] } }), 'bad-signature');
    });
  });

  describe('nonce', () => {
    for (const [name, nonce] of [
      ['null', null],
      ['an empty string', ''],
      ['a number', 1],
      ['an array', ['nonce-1']],
      ['an object', { nonce: 'nonce-1' }],
    ] as const) {
      it(`throws for ${name}, never skipping the check`, () => throwsTypeError({ terms, now, nonce }));
    }

    it('is a TypeError exactly when it is neither undefined nor a non-empty string', async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.anything(), fc.string()), async (nonce) => {
          const result = await outcome({ terms, now, nonce });
          const usable = nonce === undefined || (typeof nonce === 'string' && nonce !== '');
          if (!usable) assert.ok(result instanceof TypeError, `${String(result)} for ${typeof nonce}`);
          else assert.equal(result, nonce === undefined || nonce === 'nonce-1' ? 'accepted' : 'nonce-mismatch');
        }),
        { numRuns: 200 },
      );
    });
  });

  describe('terms, maxAgeSeconds and now', () => {
    for (const [name, options] of [
      ['no terms', { terms: undefined }],
      ['terms null', { terms: null }],
      ['terms one document, not an array', { terms: terms[0] }],
      ['terms a Set', { terms: new Set(terms) }],
      ['maxAgeSeconds NaN', { maxAgeSeconds: Number.NaN }],
      ['maxAgeSeconds Infinity', { maxAgeSeconds: Number.POSITIVE_INFINITY }],
      ['a negative maxAgeSeconds', { maxAgeSeconds: -1 }],
      ['maxAgeSeconds a string', { maxAgeSeconds: '600' }],
      ['maxAgeSeconds null', { maxAgeSeconds: null }],
      ['maxAgeSeconds a bigint', { maxAgeSeconds: 600n }],
      ['an invalid now', { now: new Date('soon') }],
      ['now null', { now: null }],
      ['now a timestamp', { now: now.getTime() }],
      ['now a date string', { now: now.toISOString() }],
      ['now an object like a Date', { now: { getTime: () => now.getTime() } }],
    ] as const) {
      it(`throws for ${name}`, () => throwsTypeError({ terms, now, ...options }));
    }

    it('maxAgeSeconds is a TypeError exactly when it is not undefined or a finite number ≥ 0', async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.anything(), fc.double(), fc.integer()), async (maxAgeSeconds) => {
          const result = await outcome({ terms, now, maxAgeSeconds });
          const usable = maxAgeSeconds === undefined || (typeof maxAgeSeconds === 'number' && Number.isFinite(maxAgeSeconds) && maxAgeSeconds >= 0);
          if (usable) assert.ok(result === 'accepted', String(result));
          else assert.ok(result instanceof TypeError, `${String(result)} for ${String(maxAgeSeconds)}`);
        }),
        { numRuns: 200 },
      );
    });
  });
});
