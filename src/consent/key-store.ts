import { within } from '../within.js';
import { ecdsa, thumbprint, type PublicJwk } from './jws.js';

/** The browser profile's signing key: private half non-extractable, public half ready for the JWS header. */
export interface DeviceKey {
  privateKey: CryptoKey;
  jwk: PublicJwk;
  kid: string;
  /** False when storage failed and the key lives only as long as this page. */
  persistent: boolean;
}

const database = 'remote-support-consent';
const store = 'keys';
const slot = 'device-key';
/** A blocked or hanging IndexedDB must not hold up a consent for long. */
const storageTimeoutMs = 2000;

let deviceKey: Promise<DeviceKey> | undefined;

/**
 * The device key, made once per browser profile and kept in IndexedDB; where
 * storage is unavailable or fails, a key for this page's life instead, so
 * storage never costs the customer their consent. One promise per page.
 */
export function getDeviceKey(): Promise<DeviceKey> {
  // A key that could not be made at all is not remembered: the next agree tries again.
  return (deviceKey ??= loadDeviceKey().catch((error: unknown) => {
    deviceKey = undefined;
    throw error;
  }));
}

async function loadDeviceKey(): Promise<DeviceKey> {
  const fresh = (await crypto.subtle.generateKey(ecdsa, false, ['sign', 'verify'])) as CryptoKeyPair;
  let pair = fresh;
  let persistent = true;
  try {
    pair = await within(keepFirst(fresh), storageTimeoutMs, new Error('IndexedDB timed out'));
  } catch {
    persistent = false;
  }
  const { kty, crv, x, y } = (await crypto.subtle.exportKey('jwk', pair.publicKey)) as PublicJwk;
  const jwk: PublicJwk = { kty, crv, x, y };
  return { privateKey: pair.privateKey, jwk, kid: await thumbprint(jwk), persistent };
}

/**
 * Stores `candidate` unless a key is stored already, and returns the stored
 * one. Get-or-put in one readwrite transaction, so two tabs making their first
 * key at once still end up with one.
 */
function keepFirst(candidate: CryptoKeyPair): Promise<CryptoKeyPair> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(database, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(store);
    open.onerror = () => reject(open.error);
    open.onblocked = () => reject(new Error('IndexedDB blocked'));
    open.onsuccess = () => {
      const db = open.result;
      let kept: CryptoKeyPair | undefined;
      try {
        const transaction = db.transaction(store, 'readwrite');
        const objects = transaction.objectStore(store);
        const read = objects.get(slot);
        read.onsuccess = () => {
          if (isKeyPair(read.result)) kept = read.result;
          else objects.put((kept = candidate), slot);
        };
        transaction.oncomplete = () => (db.close(), resolve(kept!));
        transaction.onerror = transaction.onabort = () => (db.close(), reject(transaction.error));
      } catch (error) {
        db.close();
        reject(error);
      }
    };
  });
}

const isKeyPair = (value: unknown): value is CryptoKeyPair =>
  !!value &&
  (value as CryptoKeyPair).privateKey instanceof CryptoKey &&
  (value as CryptoKeyPair).publicKey instanceof CryptoKey;
