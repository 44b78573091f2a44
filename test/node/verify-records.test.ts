// The bounds on a record's strings: the verifier refuses exactly the records the shared schema
// refuses, and the element's createRecord never makes one, so it never signs what a server refuses.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import * as z from 'zod/mini';
import { ecdsa } from '../../src/consent/jws.js';
import { recordLimits } from '../../src/consent/record-bounds.js';
import { consentRecordSchema } from '../../src/consent/record-schema.js';
import { createRecord, maxRecordBytes, type RecordInput } from '../../src/consent/record.js';
import { signRecord } from '../../src/consent/sign.js';
import { ConsentError } from '../../src/errors.js';
import { termsDigest } from '../../src/terms/index.js';
import { ConsentVerificationError, verifyConsent } from '../../src/verify/index.js';
import { signedToken } from '../hostile-tokens.js';
import { aRecord, deviceSign, ja, now, rejects, terms } from './verify-fixtures.js';

const never = { signal: new AbortController().signal, timeoutMs: 1000 };

/** The rule, stated independently of the code: 1 to `max` UTF-16 units, no C0/C1 control, no lone surrogate. */
function isPlainText(value: string, max: number): boolean {
  const wellFormed = new TextDecoder('utf-8', { ignoreBOM: true }).decode(new TextEncoder().encode(value)) === value;
  const control = [...value].some((char) => {
    const code = char.codePointAt(0)!;
    return code <= 0x1f || (code >= 0x7f && code <= 0x9f);
  });
  return value.length >= 1 && value.length <= max && wellFormed && !control;
}

/** Characters at the edges of the rule: controls and their neighbours, surrogate halves, and some ordinary ones. */
const edgeChar = fc.constantFrom(
  ...[0x00, 0x09, 0x0a, 0x1f, 0x20, 0x7e, 0x7f, 0x85, 0x9f, 0xa0, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xfeff, 0xfffd, 0xffff, 0x2028].map((code) =>
    String.fromCharCode(code),
  ),
  'a',
  '同',
  '😀',
);

/** Strings for a field of at most `max`: short and odd, or about the limit long, with an edge character somewhere. */
const fieldValue = (max: number) =>
  fc.oneof(
    fc.array(fc.oneof(edgeChar, fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code))), { maxLength: 8 }).map((chars) => chars.join('')),
    fc.tuple(fc.integer({ min: max - 2, max: max + 2 }), fc.constantFrom('a', '同'), fc.option(edgeChar), fc.nat()).map(([length, filler, odd, at]) => {
      const text = filler.repeat(length);
      return odd === null ? text : (text.slice(0, at % (length + 1)) + odd + text.slice(at % (length + 1))).slice(0, length);
    }),
  );

const fields = ['terms.id', 'terms.version', 'terms.locale', 'redirect', 'nonce', 'subject'] as const;
const limitOf = (field: (typeof fields)[number]) => (field.startsWith('terms.') ? recordLimits.terms : recordLimits[field as 'redirect' | 'nonce' | 'subject']);

describe('verifyConsent: bounded, plain-text record strings', () => {
  it('accepts a string exactly when it is 1 to its limit long, with no control character or lone surrogate', async () => {
    const pair = (await crypto.subtle.generateKey(ecdsa, false, ['sign', 'verify'])) as CryptoKeyPair;
    const base = await aRecord({ redirect: 'https://optim.co.jp/', subject: 'contract 42' });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...fields).chain((field) => fc.tuple(fc.constant(field), fieldValue(limitOf(field)))),
        async ([field, value]) => {
          const plain = isPlainText(value, limitOf(field));
          const record = structuredClone(base) as Record<string, unknown> & { terms: Record<string, string> };
          if (field.startsWith('terms.')) record.terms[field.slice(6)] = value;
          else record[field] = value;
          // A document with the record's id, version and locale, so a record the schema passes is accepted.
          const document = { ...ja, ...(({ id, version, locale }) => ({ id, version, locale }))(record.terms) };
          if (plain) record.terms.sha256 = await termsDigest(document);
          const jws = await deviceSign(record, pair);
          const outcome = await verifyConsent(jws, { terms: [document], now }).then(
            () => 'accepted',
            (error: ConsentVerificationError) => error.code,
          );
          // 2048 characters of redirect may take 6 KB of UTF-8: within the limit, yet too long a token.
          const expected = plain && jws.length <= 8192 ? 'accepted' : 'malformed';
          assert.equal(outcome, expected, `${field} ${JSON.stringify(value).slice(0, 80)} (${value.length})`);
        },
      ),
      { numRuns: 400 },
    );
  });

  for (const [name, origin, accepted] of [
    ['an origin of 256 characters', `https://${'a'.repeat(248)}`, true],
    ['an origin of 257 characters', `https://${'a'.repeat(249)}`, false],
    ['an origin with \\u0000', 'https://portal\u0000.example.com', false],
    ['an origin with a DEL', 'https://portal.example.com\u007f', false],
    ['the opaque origin "null"', 'null', false],
  ] as const) {
    it(`${accepted ? 'accepts' : 'refuses'} ${name}`, async () => {
      const jws = await deviceSign({ ...(await aRecord()), origin });
      if (accepted) assert.equal((await verifyConsent(jws, { terms, now })).origin, origin);
      else await rejects(verifyConsent(jws, { terms, now }), 'malformed');
    });
  }

  it('refuses a validly signed 10 MB subject without reading it', async () => {
    const jws = signedToken(JSON.stringify({ ...(await aRecord()), subject: 'a'.repeat(10 << 20) }));
    await rejects(verifyConsent(jws, { terms, now }), 'malformed');
  });
});

describe('verifyConsent: one spelling of a record id', () => {
  it('accepts the lower-case UUID crypto.randomUUID makes, and refuses the same UUID in upper or mixed case', async () => {
    const record = await aRecord();
    assert.match(record.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal((await verifyConsent(await deviceSign(record), { terms, now })).id, record.id);
    // Either would be a second row for one id: the database compares text, not UUIDs.
    for (const id of [record.id.toUpperCase(), record.id.replace(/[a-f]/, (letter) => letter.toUpperCase())]) {
      if (id !== record.id) await rejects(verifyConsent(await deviceSign({ ...record, id }), { terms, now }), 'malformed');
    }
  });

  it('refuses any id with an upper-case letter, and accepts any lower-case UUID', async () => {
    const pair = (await crypto.subtle.generateKey(ecdsa, false, ['sign', 'verify'])) as CryptoKeyPair;
    const record = await aRecord();
    await fc.assert(
      fc.asyncProperty(fc.uuid(), fc.boolean(), async (uuid, upper) => {
        const id = upper ? uuid.toUpperCase() : uuid.toLowerCase();
        const outcome = await verifyConsent(await deviceSign({ ...record, id }, pair), { terms, now }).then(
          () => 'accepted',
          (error: ConsentVerificationError) => error.code,
        );
        assert.equal(outcome, /[A-F]/.test(id) ? 'malformed' : 'accepted', id);
      }),
      { numRuns: 100 },
    );
  });
});

describe('createRecord: never a record the verifier refuses', () => {
  const ref = (async () => ({ id: ja.id, version: ja.version, locale: ja.locale, sha256: await termsDigest(ja) }))();
  const made = async (input: Partial<RecordInput>) => createRecord({ terms: await ref, origin: 'https://portal.example.com', now, ...input });

  /** The integrator's message for an input createRecord refuses; fails when it makes a record instead. */
  async function refusal(input: Partial<RecordInput>): Promise<string> {
    try {
      await made(input);
    } catch (error) {
      assert.ok(error instanceof ConsentError, String(error));
      assert.equal(error.code, 'sign-failed');
      return error.message;
    }
    assert.fail('a record was made');
  }

  it('refuses a 10 MB subject, naming the attribute and the limit', async () => {
    assert.match(await refusal({ subject: 'a'.repeat(10 << 20) }), /subject is 10485760 characters long, not a string of 1 to 256 characters/);
  });

  it('refuses a control character in the challenge, naming the attribute and where', async () => {
    assert.match(await refusal({ nonce: 'abc\u0000def' }), /nonce \(challenge\) has "\\u0000" at index 3/);
  });

  it('refuses a lone surrogate in the subject', async () => {
    assert.match(await refusal({ subject: 'a\ud800' }), /subject has "\\ud800" at index 1/);
  });

  it('refuses a page whose origin is opaque, and a time that is no time', async () => {
    assert.match(await refusal({ origin: 'null' }), /origin \(the page's\) is not an http\(s\) origin/);
    assert.match(await refusal({ now: new Date('soon') }), /iat NaN/);
  });

  it('refuses terms whose version is longer than a record may carry', async () => {
    assert.match(await refusal({ terms: { ...(await ref), version: 'v'.repeat(65) } }), /terms\.version is 65 characters long, not a string of 1 to 64/);
  });

  it('refuses a record whose JWS would not fit in 8192 characters, though each string is within its limit', async () => {
    // Three bytes for each of 2048 characters: within the redirect limit, but 6 KB of JSON.
    assert.match(await refusal({ redirect: '同'.repeat(2048) }), new RegExp(`more than ${maxRecordBytes} bytes`));
  });

  it('makes the largest record it allows into a JWS the verifier accepts', async () => {
    const document = { ...ja, id: 'i'.repeat(64), version: 'v'.repeat(64), locale: 'l'.repeat(64) };
    const record = createRecord({
      terms: { id: document.id, version: document.version, locale: document.locale, sha256: await termsDigest(document) },
      origin: `https://${'o'.repeat(248)}`,
      redirect: `https://optim.co.jp/${'r'.repeat(2048 - 20)}`,
      nonce: '"'.repeat(256),
      subject: '\\'.repeat(256),
      now,
    });
    const { jws } = await signRecord(record, '', never);
    assert.deepEqual(await verifyConsent(jws, { terms: [document], now }), record);
  });

  it('makes exactly the records the schema accepts, and each, signed, is accepted by the verifier', async () => {
    const input = fc.record({
      id: fieldValue(recordLimits.terms),
      version: fc.oneof(fc.constant(ja.version), fieldValue(recordLimits.terms)),
      locale: fc.oneof(fc.constant(ja.locale), fieldValue(recordLimits.terms)),
      origin: fc.constantFrom('https://portal.example.com', 'http://127.0.0.1:8080', 'null', 'https://a b', `https://${'a'.repeat(249)}`),
      redirect: fc.option(fieldValue(recordLimits.redirect), { nil: undefined }),
      nonce: fc.option(fieldValue(recordLimits.nonce), { nil: undefined }),
      subject: fc.option(fieldValue(recordLimits.subject), { nil: undefined }),
      seconds: fc.oneof(fc.constant(now.getTime() / 1000), fc.integer({ min: -100, max: 4e9 }), fc.constant(Number.NaN)),
    });
    await fc.assert(
      fc.asyncProperty(input, async ({ id, version, locale, origin, redirect, nonce, subject, seconds }) => {
        const document = { ...ja, id, version, locale };
        let sha256: string;
        try {
          sha256 = await termsDigest(document);
        } catch {
          sha256 = 'A'.repeat(43); // not JSON (a lone surrogate): the record is refused before its digest matters
        }
        const at = new Date(seconds * 1000);
        const terms = { id, version, locale, sha256 };
        // The record as the contract defines it, to ask the schema about.
        const expected = {
          v: 1,
          id: crypto.randomUUID(),
          iat: Math.floor(at.getTime() / 1000),
          terms,
          origin,
          ...(redirect ? { redirect } : {}),
          ...(nonce ? { nonce } : {}),
          ...(subject ? { subject } : {}),
        };
        const schemaAccepts = z.safeParse(consentRecordSchema, expected).success;
        let record;
        try {
          record = createRecord({ terms, origin, redirect, nonce, subject, now: at });
        } catch (error) {
          assert.ok(error instanceof ConsentError && error.code === 'sign-failed', String(error));
          // Refused although the schema passes it: only when its JWS could not fit the verifier's bound.
          if (schemaAccepts) assert.ok(new TextEncoder().encode(JSON.stringify(expected)).length > maxRecordBytes, error.message);
          return;
        }
        assert.ok(schemaAccepts, `made a record the schema refuses: ${JSON.stringify(expected).slice(0, 200)}`);
        const { jws } = await signRecord(record, '', never);
        const verified = await verifyConsent(jws, { terms: [document], now: at, maxAgeSeconds: 0 });
        assert.deepEqual(verified, record);
      }),
      { numRuns: 300 },
    );
  });
});
