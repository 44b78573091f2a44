import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { fromBase64url } from '../base64url.js';

/**
 * Stateless challenges: base64url of (expiry in seconds, 8 bytes; 16 random
 * bytes; an HMAC-SHA256 tag over both, cut to 16 bytes) under a secret the
 * database keeps. Issuing writes nothing, so an open `GET …/challenge` cannot
 * grow storage; the consent row that carries a challenge spends it.
 */
export interface Challenges {
  issue(): string;
  /** `valid`, `expired` (issued here, now past its expiry) or `unknown` (not issued under this secret, or not a challenge at all). */
  check(challenge: string): 'valid' | 'expired' | 'unknown';
}

const expiryBytes = 8;
const randomLength = 16;
const tagLength = 16;
const challengeLength = expiryBytes + randomLength + tagLength;
/** Binds the tag to this use of the secret. */
const purpose = Buffer.from('remote-support-consent challenge v1\0');

export function challenges(secret: Uint8Array, ttlSeconds: number, now: () => Date): Challenges {
  const tag = (body: Uint8Array) => createHmac('sha256', secret).update(purpose).update(body).digest().subarray(0, tagLength);
  const seconds = () => Math.floor(now().getTime() / 1000);
  return {
    issue() {
      const body = Buffer.alloc(expiryBytes + randomLength);
      body.writeBigUInt64BE(BigInt(seconds() + ttlSeconds));
      randomBytes(randomLength).copy(body, expiryBytes);
      return Buffer.concat([body, tag(body)]).toString('base64url');
    },
    check(challenge) {
      // Strict base64url, the one spelling `issue` gives: the same 40 bytes spelt otherwise are no challenge.
      const bytes = fromBase64url(challenge);
      if (bytes?.length !== challengeLength) return 'unknown';
      const body = bytes.subarray(0, expiryBytes + randomLength);
      if (!timingSafeEqual(tag(body), bytes.subarray(expiryBytes + randomLength))) return 'unknown';
      return Number(new DataView(bytes.buffer).getBigUint64(0)) < seconds() ? 'expired' : 'valid';
    },
  };
}
