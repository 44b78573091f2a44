import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { calculateJwkThumbprint, compactVerify, CompactSign, EmbeddedJWK, exportJWK, generateKeyPair } from 'jose';
import { base64url } from '../../src/base64url.js';
import { ecdsa, thumbprint, type PublicJwk } from '../../src/consent/jws.js';
import { signRecord } from '../../src/consent/sign.js';
import { builtInTerms } from '../../src/terms/index.js';
import { ConsentVerificationError, verifyConsent } from '../../src/verify/index.js';
import { repeatedMemberName } from '../../src/consent/repeated-name.js';
import { aRecord, deviceSign, now, rejects, termsRef, terms } from './verify-fixtures.js';

const never = { signal: new AbortController().signal, timeoutMs: 1000 };

const parts = (jws: string) => jws.split('.') as [string, string, string];
const encodeJson = (value: unknown) => base64url(new TextEncoder().encode(JSON.stringify(value)));

describe('verifyConsent: what the element signs', () => {
  it('accepts a JWS made by the element signer, against the built-in terms', async () => {
    const record = await aRecord({ subject: 'contract 42' });
    const { jws, deviceKey } = await signRecord(record, '', never);
    assert.equal(deviceKey?.persistent, false, 'Node has no IndexedDB: a key for this process');
    assert.deepEqual(await verifyConsent(jws, { terms, nonce: 'nonce-1', now }), record);
  });

  it('accepts English terms too', async () => {
    const en = builtInTerms.find((document) => document.locale === 'en')!;
    const record = await aRecord({ terms: await termsRef(en) });
    const { jws } = await signRecord(record, '', never);
    assert.deepEqual(await verifyConsent(jws, { terms, now }), record);
  });

  it('is read by jose, and reads what jose signs', async () => {
    const record = await aRecord();
    const { jws } = await signRecord(record, '', never);
    const { payload } = await compactVerify(jws, EmbeddedJWK);
    assert.deepEqual(JSON.parse(new TextDecoder().decode(payload)), record);

    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const jwk = await exportJWK(publicKey);
    const joseJws = await new CompactSign(new TextEncoder().encode(JSON.stringify(record)))
      .setProtectedHeader({ alg: 'ES256', jwk, kid: await calculateJwkThumbprint(jwk) })
      .sign(privateKey);
    assert.deepEqual(await verifyConsent(joseJws, { terms, nonce: 'nonce-1', now }), record);
  });
});

describe('verifyConsent: signatures and keys', () => {
  it('refuses a changed payload', async () => {
    const jws = await deviceSign(await aRecord());
    const [header, , signature] = parts(jws);
    const other = encodeJson({ ...(await aRecord()), subject: 'someone else' });
    await rejects(verifyConsent(`${header}.${other}.${signature}`, { terms, now }), 'bad-signature');
  });

  it('refuses a signature by another key than the header names', async () => {
    const record = await aRecord();
    const [header] = parts(await deviceSign(record));
    const [, payload, signature] = parts(await deviceSign(record));
    await rejects(verifyConsent(`${header}.${payload}.${signature}`, { terms, now }), 'bad-signature');
  });

  it('refuses a kid that is not the header key thumbprint', async () => {
    await rejects(verifyConsent(await deviceSign(await aRecord(), undefined, { kid: 'other' }), { terms, now }), 'bad-signature');
  });

  it('refuses a header without a key, or with a private one', async () => {
    const record = await aRecord();
    await rejects(verifyConsent(await deviceSign(record, undefined, { jwk: undefined }), { terms, now }), 'bad-signature');
    await rejects(verifyConsent(await deviceSign(record, undefined, { jwk: { kty: 'oct', k: 'AAAA' } }), { terms, now }), 'bad-signature');
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const secret = await exportJWK(privateKey);
    await rejects(verifyConsent(await deviceSign(record, undefined, { jwk: secret, kid: await calculateJwkThumbprint(secret) }), { terms, now }), 'bad-signature');
  });

  it('refuses a key that is not on the curve', async () => {
    const jwk = { kty: 'EC', crv: 'P-256', x: base64url(new Uint8Array(32).fill(1)), y: base64url(new Uint8Array(32).fill(2)) } as PublicJwk;
    const jws = await deviceSign(await aRecord(), undefined, { jwk, kid: await thumbprint(jwk) });
    await rejects(verifyConsent(jws, { terms, now }), 'bad-signature');
  });

  describe('with the vendor server keys', () => {
    const server = (async () => {
      const { privateKey, publicKey } = await generateKeyPair('ES256');
      const jwk = { ...(await exportJWK(publicKey)), kid: 'server-2026' };
      const sign = (payload: unknown, header: Record<string, unknown> = {}) =>
        new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader({ alg: 'ES256', kid: 'server-2026', ...header }).sign(privateKey);
      return { jwk, sign };
    })();

    it('accepts the server signature with one JWK, a list, or a JWK Set', async () => {
      const { jwk, sign } = await server;
      const record = await aRecord();
      const jws = await sign(record);
      for (const keys of [jwk, [jwk], { keys: [jwk] }]) assert.deepEqual(await verifyConsent(jws, { terms, now, keys }), record);
    });

    it('matches a trusted key without kid by its thumbprint', async () => {
      const { jwk, sign } = await server;
      const { kid: _, ...bare } = jwk;
      const record = await aRecord();
      const jws = await sign(record, { kid: await calculateJwkThumbprint(bare) });
      assert.deepEqual(await verifyConsent(jws, { terms, now, keys: [bare] }), record);
      await rejects(verifyConsent(await sign(record), { terms, now, keys: [bare] }), 'bad-signature');
    });


    it('refuses a kid it does not hold', async () => {
      const { jwk, sign } = await server;
      await rejects(verifyConsent(await sign(await aRecord(), { kid: 'server-1999' }), { terms, now, keys: [jwk] }), 'bad-signature');
    });

    it('does not trust a key embedded in the header', async () => {
      const { jwk } = await server;
      const forged = await deviceSign(await aRecord(), undefined, { kid: 'server-2026' });
      await rejects(verifyConsent(forged, { terms, now, keys: [jwk] }), 'bad-signature');
      const embedded = await deviceSign(await aRecord());
      await rejects(verifyConsent(embedded, { terms, now, keys: [jwk] }), 'bad-signature');
    });
  });
});

describe('verifyConsent: algorithms', () => {
  it('refuses alg none', async () => {
    const record = await aRecord();
    await rejects(verifyConsent(`${encodeJson({ alg: 'none' })}.${encodeJson(record)}.`, { terms, now }), 'bad-alg');
  });

  it('refuses HS256 keyed with the public key', async () => {
    const record = await aRecord();
    const [header] = parts(await deviceSign(record));
    const jwk = JSON.parse(Buffer.from(header, 'base64url').toString()).jwk;
    const input = `${encodeJson({ alg: 'HS256', jwk, kid: await thumbprint(jwk) })}.${encodeJson(record)}`;
    const mac = createHmac('sha256', JSON.stringify(jwk)).update(input).digest('base64url');
    await rejects(verifyConsent(`${input}.${mac}`, { terms, now }), 'bad-alg');
  });

  for (const alg of ['ES384', 'ES512', 'RS256', 'es256', 'ES256 ', undefined, 256]) {
    it(`refuses alg ${JSON.stringify(alg)}`, async () => {
      await rejects(verifyConsent(await deviceSign(await aRecord(), undefined, { alg }), { terms, now }), 'bad-alg');
    });
  }

  it('refuses crit extensions it does not know', async () => {
    await rejects(verifyConsent(await deviceSign(await aRecord(), undefined, { crit: ['exp'], exp: 1 }), { terms, now }), 'malformed');
  });
});

describe('verifyConsent: the record', () => {
  it('refuses terms with an unknown digest, version, locale or id', async () => {
    const record = await aRecord();
    for (const change of [{ sha256: 'A'.repeat(43) }, { version: '2099-01-01' }, { locale: 'fr' }, { id: 'other' }]) {
      const jws = await deviceSign({ ...record, terms: { ...record.terms, ...change } });
      await rejects(verifyConsent(jws, { terms, now }), 'unknown-terms');
    }
    await rejects(verifyConsent(await deviceSign(record), { terms: [], now }), 'unknown-terms');
  });

  it('checks the nonce when one is expected', async () => {
    const jws = await deviceSign(await aRecord());
    await rejects(verifyConsent(jws, { terms, now, nonce: 'nonce-2' }), 'nonce-mismatch');
    const bare = await deviceSign(await aRecord({ nonce: undefined }));
    await rejects(verifyConsent(bare, { terms, now, nonce: 'nonce-1' }), 'nonce-mismatch');
    assert.equal((await verifyConsent(jws, { terms, now })).nonce, 'nonce-1');
  });

  it('accepts iat from maxAgeSeconds ago to 60 s ahead, and nothing outside', async () => {
    const at = (seconds: number) => aRecord({ now: new Date(now.getTime() + seconds * 1000) });
    const ok = async (seconds: number, maxAgeSeconds?: number) =>
      (await verifyConsent(await deviceSign(await at(seconds)), { terms, now, maxAgeSeconds })).iat;
    await ok(-600);
    await ok(60);
    await ok(-3600, 3600);
    await rejects(verifyConsent(await deviceSign(await at(-601)), { terms, now }), 'expired');
    await rejects(verifyConsent(await deviceSign(await at(-61)), { terms, now, maxAgeSeconds: 60 }), 'expired');
    await rejects(verifyConsent(await deviceSign(await at(61)), { terms, now }), 'not-yet-valid');
  });

  const broken: Array<[string, (record: Record<string, unknown>) => unknown]> = [
    ['v missing', ({ v, ...rest }) => rest],
    ['v 2', (record) => ({ ...record, v: 2 })],
    ['id not a uuid', (record) => ({ ...record, id: 'abc' })],
    ['iat a string', (record) => ({ ...record, iat: String(record.iat) })],
    ['iat a fraction', (record) => ({ ...record, iat: 1.5 })],
    ['terms missing', ({ terms: _, ...rest }) => rest],
    ['terms.sha256 not a digest', (record) => ({ ...record, terms: { ...(record.terms as object), sha256: 'x' } })],
    ['origin missing', ({ origin: _, ...rest }) => rest],
    ['origin with a path', (record) => ({ ...record, origin: 'https://portal.example.com/x' })],
    ['nonce a number', (record) => ({ ...record, nonce: 1 })],
    ['an extra claim', (record) => ({ ...record, admin: true })],
    ['an array', () => []],
    ['a string', () => 'consent'],
    ['null', () => null],
  ];
  for (const [name, mutate] of broken) {
    it(`refuses a validly signed record with ${name} as malformed`, async () => {
      const jws = await deviceSign(mutate({ ...(await aRecord()) }));
      await rejects(verifyConsent(jws, { terms, now }), 'malformed');
    });
  }
});

describe('verifyConsent: repeated member names', () => {
  /** A device signature over `payload` exactly as written, under a header exactly as written. */
  async function signText(payloadText: (record: string) => string, headerText = (header: string) => header) {
    const keys = (await crypto.subtle.generateKey(ecdsa, false, ['sign', 'verify'])) as CryptoKeyPair;
    const { kty, crv, x, y } = (await crypto.subtle.exportKey('jwk', keys.publicKey)) as PublicJwk;
    const jwk = { kty, crv, x, y } as PublicJwk;
    const header = headerText(JSON.stringify({ alg: 'ES256', jwk, kid: await thumbprint(jwk) }));
    const payload = payloadText(JSON.stringify(await aRecord()));
    const input = `${base64url(new TextEncoder().encode(header))}.${base64url(new TextEncoder().encode(payload))}`;
    const signature = new Uint8Array(await crypto.subtle.sign(ecdsa, keys.privateKey, new TextEncoder().encode(input)));
    return `${input}.${base64url(signature)}`;
  }

  for (const [name, payload] of [
    ['a second nonce', (record: string) => record.replace('{', '{"nonce":"attacker",')],
    ['a name spelled with an escape', (record: string) => record.replace('{', '{"\\u006eonce":"attacker",')],
    ['a repeated name inside terms', (record: string) => record.replace('"terms":{', '"terms":{"locale":"en",')],
  ] as const) {
    it(`refuses a validly signed payload with ${name} as malformed`, async () => {
      await rejects(verifyConsent(await signText(payload), { terms, now, nonce: 'nonce-1' }), 'malformed');
    });
  }

  it('finds no repeated name in any JSON that JSON.stringify writes, and finds one added at any depth', () => {
    // A marker object, wrapped in arrays and objects `depth` deep beside the random value, is replaced by one that repeats `name`.
    const marker = '"\\u0000marker":0';
    const nested = (depth: number, value: unknown): unknown =>
      depth === 0 ? { '\u0000marker': 0 } : depth % 2 ? [value, nested(depth - 1, value)] : { value, inner: nested(depth - 1, value) };
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), fc.nat(6), fc.nat(4), (value, name, depth, indent) => {
        assert.equal(repeatedMemberName(JSON.stringify(value, null, indent)), undefined);
        const text = JSON.stringify(nested(depth, value), null, indent);
        const spaced = indent ? `${marker.replace(':', ': ')}` : marker;
        assert.ok(text.includes(spaced));
        const twice = text.replace(spaced, () => `${JSON.stringify(name)}: 0, ${JSON.stringify(name)}: 1`);
        assert.equal(repeatedMemberName(twice), name);
      }),
      { numRuns: 500 },
    );
  });

  it('scans JSON nested 100,000 deep without recursing, and finds a repeat at the bottom', () => {
    const depth = 100_000;
    assert.equal(repeatedMemberName(`${'[{"a":'.repeat(depth)}0${'}]'.repeat(depth)}`), undefined);
    assert.equal(repeatedMemberName(`${'[{"a":'.repeat(depth)}{"b":0,"b":1}${'}]'.repeat(depth)}`), 'b');
  });

  it('refuses a header that repeats a member name as malformed', async () => {
    await rejects(verifyConsent(await signText((record) => record, (header) => header.replace('{', '{"alg":"none",')), { terms, now }), 'malformed');
  });

  it('accepts the same names in different objects, and names inside string values', async () => {
    const jws = await signText((record) => record.replace('"origin":', '"subject":"{\\"origin\\":1,\\"origin\\":2}","origin":'));
    const record = await verifyConsent(jws, { terms, now });
    assert.equal(record.subject, '{"origin":1,"origin":2}');
  });
});

describe('verifyConsent: garbage', () => {
  for (const input of ['', 'a', 'a.b', 'a.b.c.d', '..', 'W10.e30.AAAA', 'bnVsbA.e30.AAAA', '!!!.e30.AAAA', ' e30.e30.AAAA', 'e30=.e30.AAAA']) {
    it(`refuses ${JSON.stringify(input)} as malformed`, async () => {
      await rejects(verifyConsent(input, { terms, now }), 'malformed');
    });
  }
  for (const input of [null, undefined, 42, {}, ['a', 'b', 'c']]) {
    it(`refuses a ${JSON.stringify(input) ?? 'undefined'} token as malformed`, async () => {
      await rejects(verifyConsent(input as unknown as string, { terms, now }), 'malformed');
    });
  }

  it('refuses a signature spelt in non-canonical base64url', async () => {
    const jws = await deviceSign(await aRecord());
    const [header, payload, signature] = parts(jws);
    // 64 bytes take 86 characters; the last one carries 4 unused bits.
    const last = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const index = last.indexOf(signature.at(-1)!);
    const sibling = last[index ^ 1]!;
    await rejects(verifyConsent(`${header}.${payload}.${signature.slice(0, -1)}${sibling}`, { terms, now }), 'malformed');
  });
});

describe('verifyConsent: properties', () => {
  it('never accepts a mutated token', async () => {
    const pair = (await crypto.subtle.generateKey(ecdsa, false, ['sign', 'verify'])) as CryptoKeyPair;
    const jws = await deviceSign(await aRecord(), pair);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('replace'), at: fc.nat(jws.length - 1), char: fc.constantFrom(...alphabet) }),
      fc.record({ kind: fc.constant('insert'), at: fc.nat(jws.length), char: fc.constantFrom(...alphabet) }),
      fc.record({ kind: fc.constant('delete'), at: fc.nat(jws.length - 1), char: fc.constant('') }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        let token = jws;
        for (const { kind, at, char } of mutations) {
          const i = Math.min(at, token.length);
          token = token.slice(0, i) + char + token.slice(kind === 'insert' ? i : i + 1);
        }
        fc.pre(token !== jws);
        const result = await verifyConsent(token, { terms, now }).then(
          () => 'accepted',
          (error: unknown) => (error instanceof ConsentVerificationError ? 'refused' : `threw ${String(error)}`),
        );
        assert.equal(result, 'refused');
      }),
      { numRuns: 300 },
    );
  });

  it('answers any input with a ConsentVerificationError and nothing else', async () => {
    const tokens = fc.oneof(
      fc.string(),
      fc.tuple(fc.jsonValue(), fc.jsonValue(), fc.string()).map(([header, payload, signature]) => `${encodeJson(header)}.${encodeJson(payload)}.${signature}`),
      fc.jsonValue().map((payload) => `${encodeJson({ alg: 'ES256' })}.${encodeJson(payload)}.${'A'.repeat(86)}`),
      fc.anything(),
    );
    await fc.assert(
      fc.asyncProperty(tokens, async (token) => {
        const error = await verifyConsent(token as string, { terms, now }).then(() => undefined, (caught: unknown) => caught);
        assert.ok(error instanceof ConsentVerificationError, `threw ${String(error)}`);
      }),
      { numRuns: 500 },
    );
  });
});
