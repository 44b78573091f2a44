import { unverifiedPayload } from '../consent/jws-read.js';
import { ConsentVerificationError, verifyConsent, type ConsentRecord, type VerifyOptions } from '../verify/index.js';
import { CliError } from './errors.js';

/** The largest `iat` a Date holds (ECMAScript's limit, 8.64e15 ms). */
const lastSecond = 8.64e12;

/** When the record says it was signed, read before verifying; undefined when the token is too broken to say. */
function signedAt(jws: string): Date | undefined {
  const iat = (unverifiedPayload(jws) as { iat?: unknown } | null | undefined)?.iat;
  return typeof iat === 'number' && Number.isSafeInteger(iat) && iat >= 0 && iat <= lastSecond ? new Date(iat * 1000) : undefined;
}

/** The files the options came from, to name in a message. */
export interface Sources {
  file: string;
  keys?: string | undefined;
}

/**
 * Verifies as of the record's own `iat`, so an old consent still verifies
 * offline: every check but the age. A token too broken to carry an `iat`
 * is checked as of now, which refuses it for what it is.
 */
export async function verifyIgnoringAge(jws: string, options: Omit<VerifyOptions, 'now' | 'maxAgeSeconds'>, sources: Sources): Promise<ConsentRecord> {
  try {
    return await verifyConsent(jws, { ...options, now: signedAt(jws) ?? new Date() });
  } catch (error) {
    if (error instanceof ConsentVerificationError) throw new CliError('not-verified', [`${sources.file}: not verified: ${error.code}: ${error.message}`]);
    // The verifier's TypeError is about options; the only one this command cannot check beforehand is a key it cannot use.
    if (error instanceof TypeError && sources.keys !== undefined) throw new CliError('bad-keys', [`${sources.keys}: not usable as --keys (${error.message})`]);
    throw error;
  }
}
