import type { ConsentVerificationErrorCode } from '../verify/index.js';

/**
 * The `code` of the kit's error answers, besides the verifier's own on 422.
 * Stable: clients (the element, a vendor's own pages) branch on `code`, never
 * on `message`.
 */
export type ConsentServerResponseCode =
  /** Not JSON, or no string `jws` in it. */
  | 'bad-request'
  /** No `authorization: Bearer <operatorToken>`, or another token. */
  | 'unauthorized'
  /** No route here, an unknown reference, or the look-up is off. */
  | 'not-found'
  /** The route exists, not for this method (the `Allow` header lists those it takes). */
  | 'method-not-allowed'
  /** A JWS whose challenge or record `id` another JWS already used. */
  | 'replayed'
  /** The body is over 16 KiB. */
  | 'body-too-large'
  /** The body is not `application/json`. */
  | 'unsupported-media-type'
  /** The database failed or is closing. The consent may or may not have been stored: retry the same JWS, which gets the stored answer if it was. */
  | 'storage-unavailable'
  /** A fault in the kit itself. */
  | 'internal-error';

/** A refusal as JSON `{ code, message }`, never cached. */
export function errorResponse(status: number, code: ConsentServerResponseCode | ConsentVerificationErrorCode, message: string, headers: Record<string, string> = {}): Response {
  return jsonResponse(status, { code, message }, headers);
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      // Challenges are single-use and evidence is private: no cache may keep either.
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...headers,
    },
  });
}

/** Why `createConsentServer` could not start. */
export type ConsentServerErrorCode =
  /** The database's driver package is missing (the message says which to install). */
  | 'driver-not-installed'
  /** The database could not be opened or migrated. */
  | 'storage-unavailable';

/** The error `createConsentServer` rejects with when the database cannot be used. */
export class ConsentServerError extends Error {
  override name = 'ConsentServerError';
  constructor(
    readonly code: ConsentServerErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A database failure while serving: the request is answered 503, the process stays up. */
export class StorageFailure extends Error {
  override name = 'StorageFailure';
}
