/**
 * Every failure the element reports, by a stable code. The code is the API:
 * hosts branch on it, the UI words it for the customer, the console explains
 * it to the integrator.
 */
export type ConsentErrorCode =
  | 'terms-fetch-failed'
  | 'terms-invalid'
  | 'terms-integrity-mismatch'
  | 'terms-version-unknown'
  | 'insecure-context'
  | 'sign-failed'
  | 'redirect-not-allowed'
  | 'redirect-not-configured';

/** `detail` of the `consent-error` event. */
export interface ConsentErrorDetail {
  code: ConsentErrorCode;
  /** For the integrator (English, technical); the customer sees plain words chosen by `code`. */
  message: string;
}

/** An error with a stable `code`, thrown by the element's internals and turned into a `consent-error`. */
export class ConsentError extends Error implements ConsentErrorDetail {
  override name = 'ConsentError';
  constructor(
    readonly code: ConsentErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Codes where trying again may help the customer (a flaky network), so the UI offers a retry. */
export const isRetryable = (code: ConsentErrorCode): boolean => code === 'terms-fetch-failed';
