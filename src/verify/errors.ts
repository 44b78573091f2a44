/** Why a consent JWS was refused. Stable: servers branch on these. */
export type ConsentVerificationErrorCode =
  /**
   * Not a compact JWS (over 8192 characters, or not strict base64url), or its header or record is
   * not of the expected shape (a record string too long, or holding a control character or a lone
   * surrogate, included).
   */
  | 'malformed'
  /** `alg` is not exactly ES256. */
  | 'bad-alg'
  /**
   * The signature does not verify, or the key is not one that may sign (the header's `jwk` not
   * exactly a public P-256 key in strict base64url, or `kid` not its thumbprint or no trusted key's).
   */
  | 'bad-signature'
  /** `terms` names no accepted document, or its digest differs from that document's. */
  | 'unknown-terms'
  /** A nonce was expected and the record carries another, or none. */
  | 'nonce-mismatch'
  /** `iat` is older than `maxAgeSeconds`. */
  | 'expired'
  /** `iat` is more than 60 seconds in the future. */
  | 'not-yet-valid';

/** The only error `verifyConsent` rejects with for a token it refuses, whatever the token. */
export class ConsentVerificationError extends Error {
  override name = 'ConsentVerificationError';
  constructor(
    readonly code: ConsentVerificationErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
