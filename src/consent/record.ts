import { ConsentError } from '../errors.js';
import { deepFreeze } from '../freeze.js';
import type { TermsRef } from '../terms/types.js';
import { recordLimits, recordOriginProblem, recordTextProblem } from './record-bounds.js';
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
 * The most UTF-8 bytes a record's JSON may take, so that its JWS, base64url-encoded (4/3 as long)
 * beside an ES256 header and signature (about 320 characters from the device key), stays within
 * the 8192 characters the verifier reads (`maxJwsLength`), with room for a signing server's header.
 */
export const maxRecordBytes = 5632;

/**
 * UI state → record: the contract's consent record, with `redirect`, `nonce`
 * and `subject` only when set. Frozen, because it is evidence: the object a
 * host receives is exactly what was signed. A record the verifier would
 * refuse (a 10 MB `subject`, a control character in `challenge`) is never
 * made: `sign-failed`, naming what to fix, before anyone signs it.
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
  const problem = recordProblem(record);
  if (problem) throw new ConsentError('sign-failed', `the consent record cannot be made: ${problem}; a server's verifier would refuse it`);
  return deepFreeze(record);
}

/** What in a record made here the record schema would refuse, or undefined: the schema's own checks, without the schema library. */
function recordProblem(record: ConsentRecord): string | undefined {
  const { iat, terms, origin, redirect, nonce, subject } = record;
  // Named as the integrator sets them; an optional member left out is no problem.
  const texts: Array<[string, unknown, number, optional?: boolean]> = [
    ['terms.id', terms.id, recordLimits.terms],
    ['terms.version', terms.version, recordLimits.terms],
    ['terms.locale', terms.locale, recordLimits.terms],
    ['redirect (redirect-url)', redirect, recordLimits.redirect, true],
    ['nonce (challenge)', nonce, recordLimits.nonce, true],
    ['subject', subject, recordLimits.subject, true],
  ];
  for (const [name, value, max, optional] of texts) {
    const problem = optional && value === undefined ? undefined : recordTextProblem(value, max);
    if (problem) return `${name} ${problem}`;
  }
  const originProblem = recordOriginProblem(origin);
  if (originProblem) return `origin (the page's) ${originProblem}`;
  // Defence in depth: the element's clock always gives a time since 1970; a caller's `now` may not (an invalid Date, or before 1970).
  if (!(iat >= 0)) return `iat ${iat} is not a time since 1970`;
  return new TextEncoder().encode(JSON.stringify(record)).length > maxRecordBytes ? `the record takes more than ${maxRecordBytes} bytes` : undefined;
}

/** The elements already told that their record has no nonce: once each, however often the customer agrees again. */
const warnedNoNonce = new WeakSet<object>();

/**
 * Warns the integrator, once per `element`, that `record` has no nonce. Only once a record is made is that certain: hosts often
 * set `challenge` after the page loads, so its absence earlier means nothing. With `sign-url` the vendor's own server signs the
 * record, within the customer's session, so it knows which session it came from anyway.
 */
export function warnIfNoNonce(element: object, { nonce }: ConsentRecord, signUrl: string): void {
  if (nonce || signUrl || warnedNoNonce.has(element)) return;
  warnedNoNonce.add(element);
  console.warn(
    '<remote-support-consent> the consent record has no nonce: set challenge to a nonce your server issued for this session (or use sign-url), or the server cannot tell this consent from a replayed one',
  );
}
