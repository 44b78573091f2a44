import { unverifiedPayload } from '../consent/jws-read.js';
import { ConsentVerificationError, verifyConsent, type ConsentVerificationErrorCode, type VerifyOptions } from '../verify/index.js';
import type { AcceptedTerms } from './accepted-terms.js';
import type { Challenges } from './challenge.js';
import { errorResponse, jsonResponse, StorageFailure } from './errors.js';
import { newReference } from './reference.js';
import type { ConsentStore, StoredConsent } from './store/index.js';

export interface ConsentDesk {
  store: ConsentStore;
  challenges: Challenges;
  terms: AcceptedTerms;
  keys: VerifyOptions['keys'];
  maxAgeSeconds: number | undefined;
  now: () => Date;
}

/** A fresh reference that collides is drawn again; this many collisions in a row means something else is wrong. */
const referenceAttempts = 5;

/**
 * `POST …/consent`: verify, check the challenge is one this database's
 * secret made and not expired, then store once. The database's unique
 * constraints decide between a first store (201), a retry of the identical
 * JWS (200, the same body) and a replay (409): never a read before the write.
 */
export async function acceptConsent(jws: string, desk: ConsentDesk): Promise<Response> {
  const { store, challenges, terms, now } = desk;
  let record;
  try {
    record = await verifyConsent(jws, { terms: terms.documents, keys: desk.keys, maxAgeSeconds: desk.maxAgeSeconds, now: now() });
  } catch (error) {
    if (!(error instanceof ConsentVerificationError)) throw error;
    // A retry that comes after the record's age ran out still gets the answer it was owed.
    if (error.code === 'expired') return (await storedAnswer(claimedId(jws), jws, store)) ?? refusal(error.code, error.message);
    return refusal(error.code, error.message);
  }
  if (record.nonce === undefined) return refusal('nonce-mismatch', 'the record carries no challenge');
  const challenge = challenges.check(record.nonce);
  if (challenge === 'unknown') return refusal('nonce-mismatch', 'the record carries a challenge this server did not issue');
  if (challenge === 'expired') return (await storedAnswer(record.id, jws, store)) ?? refusal('nonce-mismatch', 'the challenge has expired');

  for (let attempt = 0; attempt < referenceAttempts; attempt++) {
    const reference = newReference();
    const outcome = await store.insert({
      id: record.id,
      reference,
      nonce: record.nonce,
      jws,
      record: JSON.stringify(record),
      // The verifier matched it against an accepted document, whose row the store has held since it opened.
      termsSha256: record.terms.sha256,
      storedAt: now().toISOString(),
    });
    if (outcome.kind === 'inserted') return jsonResponse(201, { id: record.id, reference });
    if (outcome.kind === 'conflict') {
      const same = outcome.rows.find((row) => row.jws === jws);
      return same ? answer(200, same) : errorResponse(409, 'replayed', 'another consent already used this challenge or record id');
    }
  }
  throw new StorageFailure(`${referenceAttempts} fresh references in a row were taken`);
}

const answer = (status: number, { id, reference }: StoredConsent) => jsonResponse(status, { id, reference });
const refusal = (code: ConsentVerificationErrorCode, message: string) => errorResponse(422, code, message);

/** The answer for a JWS identical to one already stored (a stored JWS was verified when it was stored). */
async function storedAnswer(id: string | undefined, jws: string, store: ConsentStore): Promise<Response | undefined> {
  const row = id === undefined ? undefined : await store.byId(id);
  return row?.jws === jws ? answer(200, row) : undefined;
}

/** The record id a JWS claims, unverified: only ever compared against stored, verified JWSs. */
function claimedId(jws: string): string | undefined {
  const id = (unverifiedPayload(jws) as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}
