import { createHash, timingSafeEqual } from 'node:crypto';
import { errorResponse, jsonResponse } from './errors.js';
import { normalReference } from './reference.js';
import type { ConsentStore } from './store/index.js';

/**
 * `GET …/consents/<reference>`: the evidence for the operator on the phone.
 * The token is checked before the reference, so without it nobody learns
 * which references exist.
 */
export async function lookUpConsent(request: Request, reference: string, store: ConsentStore, operatorToken: string | undefined): Promise<Response> {
  if (operatorToken === undefined) return errorResponse(404, 'not-found', 'the operator look-up is off (no operatorToken)');
  if (!bearerMatches(request.headers.get('authorization'), operatorToken)) {
    return errorResponse(401, 'unauthorized', 'authorization: Bearer <operator token> is missing or wrong', { 'www-authenticate': 'Bearer' });
  }
  const stored = await lookUpStored(reference, store);
  if (!stored) return errorResponse(404, 'not-found', 'no consent has this reference');
  return jsonResponse(200, {
    record: JSON.parse(stored.record),
    jws: stored.jws,
    terms: JSON.parse(stored.document),
    reference: stored.reference,
    storedAt: stored.storedAt,
  });
}

function lookUpStored(typed: string, store: ConsentStore) {
  const reference = normalReference(typed);
  return reference === undefined ? undefined : store.evidence(reference);
}

/** Compares digests, so the time taken says nothing about the token, not even its length. */
function bearerMatches(header: string | null, token: string): boolean {
  const presented = /^Bearer +(\S+) *$/i.exec(header ?? '')?.[1] ?? '';
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(token));
}
