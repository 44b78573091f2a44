import { compactVerify, EmbeddedJWK } from 'jose';
import { createRecord } from '../src/consent/record.js';
import { signCompact, thumbprint, ecdsa, type PublicJwk } from '../src/consent/jws.js';
import { builtInTerms, termsDigest } from '../src/terms/index.js';
import { verifyConsent } from '../src/verify/index.js';
import { median, pairedRatio, type Figure } from './stats.js';

/**
 * Records verified per second by `verifyConsent` and by a bare jose
 * `compactVerify` of the same tokens (signature only, key from the header),
 * measured in alternating rounds so both see the same machine state.
 */
export async function verifyThroughput({ tokens: count = 500, rounds = 21 } = {}): Promise<Figure[]> {
  const ja = builtInTerms.find((document) => document.locale === 'ja')!;
  const terms = { id: ja.id, version: ja.version, locale: ja.locale, sha256: await termsDigest(ja) };
  // Customers bring their own keys: every record is signed by a key of its own.
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    const pair = (await crypto.subtle.generateKey(ecdsa, false, ['sign'])) as CryptoKeyPair;
    const { kty, crv, x, y } = (await crypto.subtle.exportKey('jwk', pair.publicKey)) as PublicJwk;
    const jwk: PublicJwk = { kty, crv, x, y };
    const record = createRecord({ terms, origin: 'https://portal.example.com', nonce: `n${i}` });
    tokens.push(await signCompact({ alg: 'ES256', jwk, kid: await thumbprint(jwk) }, JSON.stringify(record), pair.privateKey));
  }
  const perSecond = async (verify: (jws: string) => Promise<unknown>) => {
    const start = performance.now();
    for (const jws of tokens) await verify(jws);
    return (tokens.length / (performance.now() - start)) * 1000;
  };
  const ours: number[] = [];
  const bare: number[] = [];
  const verifyOurs = (jws: string) => verifyConsent(jws, { terms: builtInTerms });
  const verifyBare = (jws: string) => compactVerify(jws, EmbeddedJWK);
  await perSecond(verifyOurs); // warm-up, and the terms digests get cached as on a long-running server
  await perSecond(verifyBare);
  for (let round = 0; round < rounds; round++) {
    ours.push(await perSecond(verifyOurs));
    bare.push(await perSecond(verifyBare));
  }
  // Records per second, so the baseline's rate over ours is the time ours takes over the baseline's.
  const overhead = (pairedRatio(bare, ours) - 1) * 100;
  return [
    { name: 'verifyConsent', value: median(ours), unit: 'records/s' },
    { name: 'jose compactVerify (baseline)', value: median(bare), unit: 'records/s' },
    { name: 'verifier overhead over the bare signature check', value: overhead, unit: '%', target: '< 15 %' },
  ];
}
