import { expect } from '@open-wc/testing';
import canonicalizeReference from 'canonicalize';
import fc from 'fast-check';
import { termsDigest } from '../src/terms/digest.js';
import { canonicalize } from '../src/terms/jcs.js';
import { jcsVectors as vectors } from './vectors.js';

describe('terms digest (RFC 8785 + SHA-256 + base64url)', () => {
  for (const { name, json, canonical, sha256 } of vectors) {
    it(`canonicalizes: ${name}`, () => {
      expect(canonicalize(JSON.parse(json))).to.equal(canonical);
    });
    it(`digests: ${name}`, async () => {
      expect(await termsDigest(JSON.parse(json))).to.equal(sha256);
    });
  }

  it('does not depend on the key order of the file', async () => {
    expect(await termsDigest(JSON.parse('{"a":1,"b":[true,{"y":2,"x":1}]}'))).to.equal(
      await termsDigest(JSON.parse('{"b":[true,{"x":1,"y":2}],"a":1}')),
    );
  });

  it('changes with a single character of the text', async () => {
    expect(await termsDigest({ clauses: ['同意'] })).not.to.equal(await termsDigest({ clauses: ['同意 '] }));
  });

  it('refuses what JSON cannot carry instead of digesting something else', () => {
    expect(() => canonicalize(JSON.parse('"\\ud800"'))).to.throw(TypeError);
    expect(() => canonicalize(Number.NaN)).to.throw(TypeError);
    expect(() => canonicalize(undefined)).to.throw(TypeError);
  });

  it('agrees with the reference implementation on random JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'grapheme' }), (value) => {
        expect(canonicalize(value)).to.equal(canonicalizeReference(value));
      }),
      { numRuns: 500 },
    );
  });
});
