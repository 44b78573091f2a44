// The accepted terms documents: a digest is never taken from a cache past a change to the document.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deepFreeze } from '../../src/freeze.js';
import { termsDigest } from '../../src/terms/index.js';
import { verifyConsent } from '../../src/verify/index.js';
import { aRecord, deviceSign, ja, now, rejects } from './verify-fixtures.js';

/** A record signed over the document as it reads now. */
async function signedOver(document: typeof ja) {
  const { id, version, locale } = document;
  return deviceSign(await aRecord({ terms: { id, version, locale, sha256: await termsDigest(document) } }));
}

describe('verifyConsent: terms documents edited in place', () => {
  it('follows a document edited between two verifications, both ways', async () => {
    const document = structuredClone(ja) as typeof ja & { clauses: string[] };
    const before = await signedOver(document);
    assert.equal((await verifyConsent(before, { terms: [document], now })).terms.id, document.id);

    document.clauses[0] = `${document.clauses[0]} (amended)`;
    await rejects(verifyConsent(before, { terms: [document], now }), 'unknown-terms');
    const after = await signedOver(document);
    assert.equal((await verifyConsent(after, { terms: [document], now })).terms.id, document.id);

    document.clauses[0] = ja.clauses[0]!;
    assert.equal((await verifyConsent(before, { terms: [document], now })).terms.id, document.id);
    await rejects(verifyConsent(after, { terms: [document], now }), 'unknown-terms');
  });

  it('follows a frozen document whose nested array is not frozen', async () => {
    const clauses = [...ja.clauses];
    const document = Object.freeze({ ...ja, clauses });
    const before = await signedOver(document);
    assert.ok(await verifyConsent(before, { terms: [document], now }));
    clauses.push('an added clause');
    await rejects(verifyConsent(before, { terms: [document], now }), 'unknown-terms');
  });

  it('follows a frozen document whose text comes from a getter', async () => {
    let title = ja.title;
    const document = deepFreeze(
      Object.defineProperty({ ...ja }, 'title', { get: () => title, enumerable: true }),
    ) as typeof ja;
    const before = await signedOver(document);
    assert.ok(await verifyConsent(before, { terms: [document], now }));
    title = `${title}!`;
    await rejects(verifyConsent(before, { terms: [document], now }), 'unknown-terms');
  });

  it('keeps accepting a deeply frozen document, as the built-in ones are, and a copy of it', async () => {
    const document = deepFreeze(structuredClone(ja));
    const jws = await signedOver(document);
    for (const terms of [[document], [document], [structuredClone(ja)]]) assert.ok(await verifyConsent(jws, { terms, now }));
  });

  it('takes a document that is not JSON (frozen or not, with a cycle) for no match, and goes on to the next', async () => {
    const jws = await signedOver(ja);
    const cyclic: Record<string, unknown> = { ...ja };
    cyclic.self = cyclic;
    for (const document of [cyclic, Object.freeze(cyclic)]) {
      await rejects(verifyConsent(jws, { terms: [document], now }), 'unknown-terms');
      assert.ok(await verifyConsent(jws, { terms: [document, ja], now }));
    }
  });

  it('keeps telling many documents apart, past any cache bound', async () => {
    const documents = Array.from({ length: 100 }, (_, i) => ({ ...ja, version: `v${i}` }));
    const tokens = await Promise.all(documents.map(signedOver));
    for (const [i, jws] of tokens.entries()) {
      assert.equal((await verifyConsent(jws, { terms: documents, now })).terms.version, `v${i}`);
      await rejects(verifyConsent(jws, { terms: documents.filter((_, j) => j !== i), now }), 'unknown-terms');
    }
  });
});
