import { ConsentError } from '../errors.js';
import { fetchText, type Deadline } from '../http.js';
import { canonicalize } from '../terms/jcs.js';
import { decodeCompact, parseJson, signCompact } from './jws.js';
import { getDeviceKey } from './key-store.js';
import type { ConsentRecord } from './record.js';

/** A signed record, and which key signed it. */
export interface SignedConsent {
  jws: string;
  /** The device key's thumbprint and whether it is kept across visits; absent when a server signed. */
  deviceKey?: { kid: string; persistent: boolean };
}

/** record → signature: by the server at `signUrl` when set, else by the device key. */
export function signRecord(record: ConsentRecord, signUrl: string, deadline: Deadline): Promise<SignedConsent> {
  return signUrl ? signOnServer(record, signUrl, deadline) : signOnDevice(record);
}

async function signOnDevice(record: ConsentRecord): Promise<SignedConsent> {
  try {
    const { privateKey, jwk, kid, persistent } = await getDeviceKey();
    const jws = await signCompact({ alg: 'ES256', jwk, kid }, JSON.stringify(record), privateKey);
    return { jws, deviceKey: { kid, persistent } };
  } catch (error) {
    throw new ConsentError('sign-failed', `device signing failed: ${String(error)}`, { cause: error });
  }
}

/**
 * POSTs `{ record }` and takes back `{ jws }`, refusing any answer whose
 * payload is not the posted record unchanged: the server attests what the
 * customer agreed to, not something else.
 */
async function signOnServer(record: ConsentRecord, signUrl: string, deadline: Deadline): Promise<SignedConsent> {
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
