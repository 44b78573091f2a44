import { ConsentError } from '../errors.js';
import { fetchText, type Deadline } from '../http.js';
import { describe, parseJson } from './untrusted-json.js';
import type { ConsentRecord } from './record.js';

/** What a consent server's 2xx answer says: that it stored this record, and under which reference. */
export type StoredAnswer = { stored: true; reference?: string } | { stored: false; why: string };

/** Longest reference taken: the package's server gives 9 characters; another vendor's may be longer, but is still read aloud. */
const maxReference = 64;
/** Printable text only (letters, marks, digits, punctuation, symbols, inner spaces): no controls, no bidi overrides, no lone surrogates. */
const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S}](?:[\p{L}\p{M}\p{N}\p{P}\p{S} ]*[\p{L}\p{M}\p{N}\p{P}\p{S}])?$/u;

const utf8 = new TextEncoder();

/**
 * Reads a 2xx answer: `{ "id": <this record's id>, "reference"?: <printable text> }`, where a
 * `null` reference is none. Anything else is not proof that this record was stored, whatever the
 * status said: the customer must not be sent on.
 */
export function readStoredAnswer(text: string, id: string): StoredAnswer {
  const answer = parseJson(utf8.encode(text));
  if (!answer || typeof answer !== 'object' || Array.isArray(answer)) return { stored: false, why: 'the answer is not a JSON object { "id", "reference" }' };
  const { id: storedId, reference } = answer as { id?: unknown; reference?: unknown };
  if (storedId !== id) return { stored: false, why: `the answer's id is ${describe(storedId)}, not this record's (${id})` };
  if (reference === undefined || reference === null) return { stored: true };
  if (typeof reference !== 'string' || reference.length > maxReference || !printable.test(reference)) {
    return { stored: false, why: `the answer's reference is ${describe(reference)}, not printable text of at most ${maxReference} characters` };
  }
  return { stored: true, reference };
}

/**
 * POSTs `{ jws }` to the vendor's consent server and resolves, with the reference it gives if any,
 * only once it answered 2xx that it stored this very record. Every other outcome is a
 * `consent-not-stored` (with `status` when the server answered with an HTTP error). The page's
 * credentials go as `fetch` sends them by default: same-origin.
 */
export async function storeConsent(record: ConsentRecord, jws: string, consentUrl: string, deadline: Deadline): Promise<string | undefined> {
  const init: RequestInit = {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ jws }),
  };
  const answer = readStoredAnswer(await fetchText(consentUrl, init, 'consent-not-stored', deadline), record.id);
  if (!answer.stored) throw new ConsentError('consent-not-stored', `${consentUrl}: ${answer.why}`);
  return answer.reference;
}
