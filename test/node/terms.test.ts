import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtInTerms, termsDigest } from '../../src/terms/index.js';
import { canonicalize } from '../../src/terms/jcs.js';
import { jcsVectors, publishedDigests } from '../vectors.js';

// The digest must be the same on a vendor's Node server as in the customer's browser.
describe('terms digest in Node', () => {
  for (const { name, json, canonical, sha256 } of jcsVectors) {
    it(`matches the known answer: ${name}`, async () => {
      assert.equal(canonicalize(JSON.parse(json)), canonical);
      assert.equal(await termsDigest(JSON.parse(json)), sha256);
    });
  }

  it('gives every built-in document its published digest', async () => {
    for (const document of builtInTerms) {
      const key = `${document.id} ${document.version} ${document.locale}`;
      assert.equal(await termsDigest(document), publishedDigests[key], key);
    }
  });
});
