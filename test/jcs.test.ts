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

  it('tells a lone surrogate from a pair, anywhere in a string', () => {
    for (const lone of ['\udc00', 'a\ud800b', '\ud83d\ude00\ude00', '\ud83d']) expect(() => canonicalize(lone), JSON.stringify(lone)).to.throw(TypeError);
    for (const whole of ['😀', 'a😀b', '同意']) expect(canonicalize(whole)).to.equal(JSON.stringify(whole));
  });

  it('refuses exactly the strings that are not well-formed UTF-16', () => {
    // Decoding as UTF-8 and back changes a string exactly when it holds a lone surrogate.
    const wellFormed = (text: string) => new TextDecoder().decode(new TextEncoder().encode(text)) === text;
    fc.assert(
      // Halves of one pair, in any order and number, among ordinary characters.
      fc.property(fc.string({ unit: fc.constantFrom('a', '同', '\ud83d', '\ude00') }), (text) => {
        if (wellFormed(text)) expect(canonicalize(text)).to.equal(JSON.stringify(text));
        else expect(() => canonicalize(text)).to.throw(TypeError);
      }),
      { numRuns: 500 },
    );
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
