// Base64url read strictly, in one place: one byte string has one spelling, so one token one reading
// and one key one kid, in Node (checked here against Buffer) as in the browsers (test/base64url.test.ts).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { base64url, fromBase64url } from '../../src/base64url.js';
import { ecdsa, thumbprint, type PublicJwk } from '../../src/consent/jws.js';
import { unverifiedPayload } from '../../src/consent/jws-read.js';
import { verifyConsent } from '../../src/verify/index.js';
import { signedToken } from '../hostile-tokens.js';
import { aRecord, deviceSign, now, rejects, terms } from './verify-fixtures.js';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('fromBase64url', () => {
  it('reads back what base64url writes, and Buffer reads the same bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = base64url(bytes);
        assert.deepEqual(fromBase64url(text), bytes);
        assert.deepEqual(new Uint8Array(Buffer.from(text, 'base64url')), bytes);
      }),
      { numRuns: 500 },
    );
  });

  it('reads a text exactly when it is the one spelling base64url gives its bytes', () => {
    // Buffer forgives padding, whitespace, the +/ alphabet and stray bits: each such text decodes
    // there to bytes whose canonical spelling is another text. Here it is refused.
    const lenient = fc.string({ unit: fc.constantFrom(...alphabet, '=', '+', '/', ' ', '\n', '.', 'é'), maxLength: 40 });
    fc.assert(
      fc.property(fc.oneof(lenient, fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 40 })), (text) => {
        const decoded = fromBase64url(text);
        const canonical = Buffer.from(text, 'base64url').toString('base64url') === text;
        assert.equal(decoded !== undefined, canonical, JSON.stringify(text));
        if (decoded) assert.equal(base64url(decoded), text);
      }),
      { numRuns: 2000 },
    );
  });

  for (const text of ['QQ==', 'QQ=', 'QR', 'QUJ', 'Q', 'QUJD ', ' QUJD', 'QU JD', 'QUJD\n', '+/8', '_-+', 'QUJD.', '\u00e9']) {
    it(`refuses ${JSON.stringify(text)}`, () => assert.equal(fromBase64url(text), undefined));
  }
});

describe('verifyConsent: one key, one spelling, one kid', () => {
  async function keyPair() {
    const pair = (await crypto.subtle.generateKey(ecdsa, false, ['sign', 'verify'])) as CryptoKeyPair;
    const { kty, crv, x, y } = (await crypto.subtle.exportKey('jwk', pair.publicKey)) as PublicJwk;
    return { pair, jwk: { kty, crv, x, y } as PublicJwk };
  }
  /** The RFC 7638 thumbprint of a key exactly as spelt. */
  const kidOf = ({ crv, kty, x, y }: Record<string, unknown>) => createHash('sha256').update(JSON.stringify({ crv, kty, x, y })).digest('base64url');

  const respellings: Array<[string, (coordinate: string) => string]> = [
    ['padded', (c) => `${c}=`],
    ['with a space', (c) => `${c.slice(0, 10)} ${c.slice(10)}`],
    ['with a line break', (c) => `${c}\n`],
    ['in the +/ alphabet', (c) => `+${c.slice(1)}`],
    ['as 33 bytes with a leading zero', (c) => base64url(new Uint8Array([0, ...Buffer.from(c, 'base64url')]))],
    ['with the unused bits set', (c) => c.slice(0, -1) + alphabet[alphabet.indexOf(c.at(-1)!) | 1]],
  ];
  for (const [name, respell] of respellings) {
    for (const coordinate of ['x', 'y'] as const) {
      it(`refuses the signer's own key with ${coordinate} ${name}, under the kid of that spelling, as bad-signature`, async () => {
        const { pair, jwk } = await keyPair();
        const spelt = { ...jwk, [coordinate]: respell(jwk[coordinate]) };
        assert.notEqual(kidOf(spelt), await thumbprint(jwk));
        const jws = await deviceSign(await aRecord(), pair, { jwk: spelt, kid: kidOf(spelt) });
        await rejects(verifyConsent(jws, { terms, now }), 'bad-signature');
        // The same key in its one spelling is accepted.
        assert.ok(await verifyConsent(await deviceSign(await aRecord(), pair), { terms, now }));
      });
    }
  }
});

describe('verifyConsent: token encodings', () => {
  it('refuses a header or record behind a byte order mark, or in bytes that are not UTF-8, as malformed', async () => {
    const record = JSON.stringify(await aRecord());
    const header = (await deviceSign({})).split('.')[0]!;
    const headerText = Buffer.from(header, 'base64url').toString();
    const bom = [0xef, 0xbb, 0xbf];
    for (const jws of [
      signedToken(record, new Uint8Array([...bom, ...Buffer.from(headerText)])),
      signedToken(new Uint8Array([...bom, ...Buffer.from(record)])),
      signedToken(new Uint8Array([...Buffer.from(record.slice(0, -2)), 0xed, 0xa0, 0x80, ...Buffer.from(record.slice(-2))])),
      signedToken(new Uint8Array([...Buffer.from(record.slice(0, -2)), 0xc0, 0xaf, ...Buffer.from(record.slice(-2))])),
    ]) {
      await rejects(verifyConsent(jws, { terms, now }), 'malformed');
    }
  });

  it('refuses every part spelt otherwise than strictly, however valid the signature', async () => {
    const jws = await deviceSign(await aRecord());
    const parts = jws.split('.');
    for (const [index, part] of parts.entries()) {
      for (const spelling of [`${part}=`, ` ${part}`, `${part}\n`, part.replace(/-/g, '+').replace(/_/g, '/') + (part.includes('-') || part.includes('_') ? '' : '+')]) {
        const changed = parts.map((other, i) => (i === index ? spelling : other)).join('.');
        await rejects(verifyConsent(changed, { terms, now }), 'malformed');
      }
    }
  });
});

describe('unverifiedPayload: a claim read before verifying, as strictly as the verifier reads it', () => {
  it('reads the payload of a token the verifier can read, and nothing from one it cannot', async () => {
    const record = await aRecord();
    const jws = await deviceSign(record);
    assert.deepEqual(unverifiedPayload(jws), record);
    const [header, payload, signature] = jws.split('.') as [string, string, string];
    // Each of these Buffer's base64url would have read as the same record.
    for (const spelling of [`${payload}=`, `${payload} `, payload.replace(/-/g, '+').replace(/_/g, '/')]) {
      if (spelling !== payload) assert.equal(unverifiedPayload(`${header}.${spelling}.${signature}`), undefined, spelling);
    }
    for (const token of ['', 'a.b', `${header}.${payload}`, `.${payload}.`, `${header}.${base64url(new TextEncoder().encode('{"id":'))}.${signature}`]) {
      assert.equal(unverifiedPayload(token), undefined, token);
    }
  });
});
