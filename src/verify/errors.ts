/** Why a consent JWS was refused. Stable: servers branch on these. */
export type ConsentVerificationErrorCode =
  /** Not a compact JWS, or its header or record is not of the expected shape. */
  | 'malformed'
  /** `alg` is not exactly ES256. */
  | 'bad-alg'
  /** The signature does not verify, or the key is not one that may sign. */
  | 'bad-signature'
  /** `terms` names no accepted document, or its digest differs from that document's. */
  | 'unknown-terms'
  /** A nonce was expected and the record carries another, or none. */
  | 'nonce-mismatch'
  /** `iat` is older than `maxAgeSeconds`. */
  | 'expired'
  /** `iat` is more than 60 seconds in the future. */
  | 'not-yet-valid';

/** The only error `verifyConsent` rejects with. */
export class ConsentVerificationError extends Error {
  override name = 'ConsentVerificationError';
  constructor(
    readonly code: ConsentVerificationErrorCode,
    message: string,
  ) {
    super(message);
  }
}
