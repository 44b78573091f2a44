import { deepFreeze } from '../freeze.js';
import type { TermsRef } from '../terms/types.js';
import type { ConsentRecord } from './record-schema.js';

export type { ConsentRecord };

/** What the element knows when the customer agrees. */
export interface RecordInput {
  terms: TermsRef;
  origin: string;
  redirect?: string | undefined;
  nonce?: string | undefined;
  subject?: string | undefined;
  now?: Date;
}

/**
 * UI state → record: the contract's consent record, with `redirect`, `nonce`
 * and `subject` only when set. Frozen, because it is evidence: the object a
 * host receives is exactly what was signed.
 */
export function createRecord({ terms, origin, redirect, nonce, subject, now = new Date() }: RecordInput): ConsentRecord {
  const { id, version, locale, sha256 } = terms;
  const record: ConsentRecord = {
    v: 1,
    id: crypto.randomUUID(),
    iat: Math.floor(now.getTime() / 1000),
    terms: { id, version, locale, sha256 },
    origin,
    ...(redirect ? { redirect } : {}),
    ...(nonce ? { nonce } : {}),
    ...(subject ? { subject } : {}),
  };
  return deepFreeze(record);
}
