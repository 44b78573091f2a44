import { ConsentError } from '../errors.js';
import { fetchText, type Deadline } from '../http.js';
import { canonicalize } from '../terms/jcs.js';
import { decodeCompact, repeatedNameIn } from './jws-read.js';
import { parseJson } from './untrusted-json.js';
import type { ConsentRecord } from './record.js';
import type { SignedConsent } from './sign.js';

/**
 * POSTs `{ record }` and takes back `{ jws }`, refusing any answer whose
 * payload is not the posted record unchanged: the server attests what the
 * customer agreed to, not something else.
 */
export async function signOnServer(record: ConsentRecord, signUrl: string, deadline: Deadline): Promise<SignedConsent> {
  const body = JSON.stringify({ record });
  const init: RequestInit = {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body,
  };
  const answer = parseJson(new TextEncoder().encode(await fetchText(signUrl, init, 'sign-failed', deadline)));
  const jws = (answer as { jws?: unknown } | undefined)?.jws;
  const decoded = decodeCompact(jws);
  if (!decoded) throw new ConsentError('sign-failed', `${signUrl}: the answer is not { "jws": "<compact JWS>" }`);
  if (decoded.header.alg !== 'ES256') throw new ConsentError('sign-failed', `${signUrl}: the JWS is not ES256`);
  if (!sameJson(parseJson(decoded.payload), record)) {
    throw new ConsentError('sign-failed', `${signUrl}: the signed payload is not the record that was sent`);
  }
  // The verifier refuses such a token: better the customer tries again now than the proof fails later.
  const repeated = repeatedNameIn('header', decoded.headerBytes) ?? repeatedNameIn('payload', decoded.payload);
  if (repeated) throw new ConsentError('sign-failed', `${signUrl}: ${repeated}`);
  return { jws: jws as string };
}

/** Equal as JSON values, whatever the key order; false for what is not JSON. */
function sameJson(a: unknown, b: unknown): boolean {
  try {
    return canonicalize(a) === canonicalize(b);
  } catch {
    return false;
  }
}
