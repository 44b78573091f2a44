import { isObject } from '../is-object.js';
import type { VerificationKey } from '../verify/index.js';
import { CliError } from './errors.js';
import { readJson } from './files.js';

/**
 * `--keys`: the public JWK or JWK Set of the vendor's sign-url server, as
 * `verifyConsent`'s `keys` takes them. Only the file's shape is checked here,
 * so a wrong file is named as such, not reported as a bad signature; each key
 * is judged by the verifier, whose refusal is reported as `bad-keys` too.
 */
export function readKeysFile(path: string): VerificationKey[] {
  const { json } = readJson(path);
  const keys = isObject(json) && 'keys' in json ? json.keys : isObject(json) && 'kty' in json ? [json] : undefined;
  if (!Array.isArray(keys) || !keys.every(isObject)) throw new CliError('bad-keys', [`${path}: not a JWK or a JWK Set ({ "keys": [...] })`]);
  if (keys.length === 0) throw new CliError('bad-keys', [`${path}: holds no key`]);
  return keys as VerificationKey[];
}
