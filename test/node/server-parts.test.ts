// The server kit's pure parts, alone: references, challenges, routes, and how a missing driver is told.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { acceptTerms } from '../../src/server/accepted-terms.js';
import { challenges } from '../../src/server/challenge.js';
import { ConsentServerError } from '../../src/server/errors.js';
import { newReference, normalReference, referenceAlphabet } from '../../src/server/reference.js';
import { routeOf } from '../../src/server/routes.js';
import { loadDriver } from '../../src/server/store/driver.js';
import { canonicalize } from '../../src/terms/jcs.js';
import { builtInTerms, termsDigest } from '../../src/terms/index.js';
import { digestOf } from '../../src/verify/digests.js';

const spoken = /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/;
const aReference = fc.string({ unit: fc.constantFrom(...referenceAlphabet), minLength: 8, maxLength: 8 }).map((s) => `${s.slice(0, 4)}-${s.slice(4)}`);

describe('references', () => {
  it('are XXXX-XXXX from 31 letters and digits a caller cannot misread, each of them drawn', () => {
    assert.equal(referenceAlphabet.length, 31);
    assert.doesNotMatch(referenceAlphabet, /[01ILO]/);
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const reference = newReference();
      assert.match(reference, spoken);
      for (const letter of reference.replace('-', '')) seen.add(letter);
    }
    assert.equal(seen.size, 31, 'every letter of the alphabet turns up');
  });

  it('are read back as an operator may type them: any case, with or without the hyphen, spaces around', () => {
    fc.assert(
      fc.property(aReference, (reference) => {
        for (const typed of [reference, reference.toLowerCase(), reference.replace('-', ''), ` ${reference} `]) {
          assert.equal(normalReference(typed), reference);
        }
      }),
    );
  });

  it('are never read from a string that cannot be one', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 12 }), (typed) => {
        const read = normalReference(typed);
        if (read !== undefined) assert.match(read, spoken);
      }),
    );
    for (const typed of ['', 'ABCD-EFG', 'ABCD-EFGHJ', 'ABCD--EFGH', 'ABCD-EFG0', 'OBCD-EFGH', 'IBCD-EFGH', 'LBCD-EFGH', '1BCD-EFGH', 'ABCD_EFGH']) {
      assert.equal(normalReference(typed), undefined, typed);
    }
  });
});

describe('challenges', () => {
  const secret = randomBytes(32);
  const at = (seconds: number) => () => new Date(seconds * 1000);

  it('are valid until their expiry second, then expired', () => {
    const issued = challenges(secret, 600, at(1_000_000)).issue();
    assert.match(issued, /^[\w-]{54}$/);
    assert.equal(challenges(secret, 600, at(1_000_000)).check(issued), 'valid');
    assert.equal(challenges(secret, 600, at(1_000_600)).check(issued), 'valid');
    assert.equal(challenges(secret, 600, at(1_000_601)).check(issued), 'expired');
    // The lifetime is read from the challenge, not from the checker's settings.
    assert.equal(challenges(secret, 5, at(1_000_600)).check(issued), 'valid');
  });

  it('are unknown under another secret', () => {
    const issued = challenges(secret, 600, at(1_000_000)).issue();
    assert.equal(challenges(randomBytes(32), 600, at(1_000_000)).check(issued), 'unknown');
  });

  it('are unknown with any bit changed: expiry, randomness or tag', () => {
    const book = challenges(secret, 600, at(1_000_000));
    const issued = book.issue();
    fc.assert(
      fc.property(fc.nat({ max: 40 * 8 - 1 }), (bit) => {
        const bytes = Buffer.from(issued, 'base64url');
        bytes[bit >> 3]! ^= 1 << (bit & 7);
        assert.equal(book.check(bytes.toString('base64url')), 'unknown');
      }),
    );
  });

  it('are unknown in any other spelling of the same bytes, and for any string at all, never throwing', () => {
    const book = challenges(secret, 600, at(1_000_000));
    const issued = book.issue();
    // The last character carries 2 bits; the 4 below them are zero in the one true spelling. Its
    // neighbour in the alphabet decodes to the same bytes.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sibling = `${issued.slice(0, -1)}${alphabet[alphabet.indexOf(issued.at(-1)!) + 1]}`;
    assert.deepEqual(Buffer.from(sibling, 'base64url'), Buffer.from(issued, 'base64url'));
    assert.equal(book.check(sibling), 'unknown');
    for (const variant of [`${issued}=`, `${issued} `, issued.replaceAll('-', '+').replaceAll('_', '/'), issued.slice(1)]) {
      if (variant !== issued) assert.equal(book.check(variant), 'unknown', variant);
    }
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => assert.equal(book.check(text), 'unknown')));
    fc.assert(fc.property(fc.uint8Array({ minLength: 40, maxLength: 40 }), (bytes) => assert.equal(book.check(Buffer.from(bytes).toString('base64url')), 'unknown')));
  });

  it('carry an expiry a year ahead, the longest lifetime the kit takes', () => {
    const year = 31_536_000;
    const issued = challenges(secret, year, at(1_000_000)).issue();
    assert.equal(challenges(secret, year, at(1_000_000 + year)).check(issued), 'valid');
    assert.equal(challenges(secret, year, at(1_000_001 + year)).check(issued), 'expired');
  });

  it('differ each time', () => {
    const book = challenges(secret, 600, at(1_000_000));
    assert.equal(new Set(Array.from({ length: 1000 }, () => book.issue())).size, 1000);
  });
});

describe('accepted terms', () => {
  it("are digested once, at start, into the verifier's cache: a request digests none of them again", async () => {
    const { documents, rows } = await acceptTerms(builtInTerms);
    assert.deepEqual(
      rows.map(({ sha256, document }) => ({ sha256, document })),
      await Promise.all(builtInTerms.map(async (document) => ({ sha256: await termsDigest(document), document: canonicalize(document) }))),
    );
    const { subtle } = globalThis.crypto;
    const digest = subtle.digest;
    let digests = 0;
    subtle.digest = (...args: Parameters<SubtleCrypto['digest']>) => (digests++, digest.apply(subtle, args));
    try {
      assert.deepEqual(await Promise.all(documents.map(digestOf)), rows.map(({ sha256 }) => sha256));
    } finally {
      subtle.digest = digest;
    }
    assert.equal(digests, 0);
  });
});

describe('routes, by the tail of the path', () => {
  const prefix = fc.array(fc.webSegment(), { maxLength: 4 }).map((segments) => segments.map((segment) => `/${segment}`).join(''));

  it('are found under any prefix', () => {
    fc.assert(
      fc.property(prefix, fc.string({ minLength: 1 }).filter((s) => !s.includes('/')), (base, reference) => {
        assert.deepEqual(routeOf(`${base}/challenge`), { name: 'challenge' });
        assert.deepEqual(routeOf(`${base}/consent`), { name: 'consent' });
        assert.deepEqual(routeOf(`${base}/consents/${reference}`), reference === 'challenge' || reference === 'consent' ? { name: reference } : { name: 'consents', reference });
      }),
    );
  });

  it('are not found anywhere else', () => {
    for (const path of ['/', '', '/challenge/', '/consent/x', '/consents', '/consents/', '/challenges', '/api/challenge.json', '/Consent']) {
      assert.equal(routeOf(path), undefined, path);
    }
  });
});

describe('database drivers', () => {
  it('say how to install a missing one', async () => {
    const specifier = 'remote-support-consent-no-such-driver';
    await assert.rejects(loadDriver(specifier, () => import(specifier)), (error: unknown) => {
      assert.ok(error instanceof ConsentServerError);
      assert.equal(error.code, 'driver-not-installed');
      assert.equal(error.message, `the database driver is not installed: npm install ${specifier}`);
      return true;
    });
  });

  it('tell a driver that fails to load from a missing one', async () => {
    await assert.rejects(loadDriver('pg', () => Promise.reject(new Error('NODE_MODULE_VERSION mismatch'))), { code: 'storage-unavailable' });
    assert.equal(await loadDriver('pg', () => Promise.resolve('loaded')), 'loaded');
  });
});
