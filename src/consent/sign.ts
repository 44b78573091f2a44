import { ConsentError } from '../errors.js';
import { loadCode } from '../within.js';
import type { Deadline } from '../http.js';
import { signCompact } from './jws.js';
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
  if (!signUrl) return signOnDevice(record);
  return loadCode(serverSigning, deadline.timeoutMs, 'sign-failed', 'the server-signing code').then(({ signOnServer }) =>
    signOnServer(record, signUrl, deadline),
  );
}

/**
 * What the next consent needs, made ready ahead of the click: the device key, or the code that asks
 * the server (a lazy chunk, since a page signs one way only). A failure here is met again on agree.
 */
export function prepareSigning(signUrl: string): void {
  (signUrl ? serverSigning() : getDeviceKey()).catch(() => undefined);
}

/** A failed load is met again, and reported as `sign-failed`, on agree; the next agree loads again. */
const serverSigning = () => import('./server-sign.js');

async function signOnDevice(record: ConsentRecord): Promise<SignedConsent> {
  try {
    const { privateKey, jwk, kid, persistent } = await getDeviceKey();
    const jws = await signCompact({ alg: 'ES256', jwk, kid }, JSON.stringify(record), privateKey);
    return { jws, deviceKey: { kid, persistent } };
  } catch (error) {
    throw new ConsentError('sign-failed', `device signing failed: ${String(error)}`, { cause: error });
  }
}
