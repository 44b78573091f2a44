import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { base64url, fromBase64url } from '../src/base64url.js';

// The same strict decoder runs in the verifier and the element's JWS reader, in Node and in each
// browser: these tests hold it to one reading per text in every engine, with no engine's own base64.
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('base64url, strictly read', () => {
  it('reads back what it writes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(Array.from(fromBase64url(base64url(bytes))!)).to.deep.equal(Array.from(bytes));
      }),
      { numRuns: 500 },
    );
  });

  it('reads a text only in the spelling it writes for those bytes', () => {
    const texts = fc.string({ unit: fc.constantFrom(...alphabet, '=', '+', '/', ' ', '\n', 'é'), maxLength: 40 });
    fc.assert(
      fc.property(texts, (text) => {
        const bytes = fromBase64url(text);
        if (bytes) expect(base64url(bytes)).to.equal(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('decodes the RFC 4648 vectors, in the URL alphabet without padding', () => {
    const vectors: Array<[string, string]> = [['', ''], ['Zg', 'f'], ['Zm8', 'fo'], ['Zm9v', 'foo'], ['Zm9vYg', 'foob'], ['Zm9vYmE', 'fooba'], ['Zm9vYmFy', 'foobar']];
    for (const [text, plain] of vectors) expect(new TextDecoder().decode(fromBase64url(text))).to.equal(plain);
    expect(Array.from(fromBase64url('-_8')!)).to.deep.equal([0xfb, 0xff]);
  });

  for (const text of ['Zg==', 'Zg=', 'Zh', 'Zm9', 'Z', 'Zm9v ', ' Zm9v', 'Zm 9v', 'Zm9v\n', '+/8', 'Zm9v.', '\u00e9', '\u0660\u0661']) {
    it(`refuses ${JSON.stringify(text)}`, () => {
      expect(fromBase64url(text)).to.equal(undefined);
    });
  }
});
