import type { VerificationKey } from '../verify/index.js';
import { CliError } from './errors.js';
import { readJson } from './files.js';

const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);

/**
 * `--keys`: the public JWK or JWK Set of the vendor's sign-url server, every
 * key a public P-256 one, as `verifyConsent`'s `keys` takes them (the verifier
 * itself judges each key's coordinates). Checked here so a wrong file is named
 * as such, not reported as a bad signature.
 */
export function readKeysFile(path: string): VerificationKey[] {
  const { json } = readJson(path);
  const keys = isObject(json) && 'keys' in json ? json.keys : isObject(json) && 'kty' in json ? [json] : undefined;
  if (!Array.isArray(keys) || !keys.every(isObject)) throw new CliError('bad-keys', [`${path}: not a JWK or a JWK Set ({ "keys": [...] })`]);
  if (keys.length === 0) throw new CliError('bad-keys', [`${path}: holds no key`]);
  keys.forEach((key, index) => {
    const which = keys.length > 1 ? `key ${index}${typeof key.kid === 'string' ? ` (kid ${JSON.stringify(key.kid)})` : ''}` : 'the key';
    if ('d' in key) throw new CliError('bad-keys', [`${path}: ${which} is a private key (member "d"): give the public key only, and keep the private one on the signing server`]);
    if (key.kty !== 'EC' || key.crv !== 'P-256') {
      throw new CliError('bad-keys', [`${path}: ${which} is not a P-256 key (kty "EC", crv "P-256"), the only kind that signs ES256`]);
    }
  });
  return keys as VerificationKey[];
}
