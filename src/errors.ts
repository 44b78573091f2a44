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
  | 'redirect-not-configured'
  | 'consent-not-stored';

/** `detail` of the `consent-error` event. */
export interface ConsentErrorDetail {
  code: ConsentErrorCode;
  /** For the integrator (English, technical); the customer sees plain words chosen by `code`. */
  message: string;
}

/** An error with a stable `code`, thrown by the element's internals and turned into a `consent-error`. */
export class ConsentError extends Error implements ConsentErrorDetail {
  override name = 'ConsentError';
  /**
   * The HTTP error status a vendor server answered with; absent when no answer came (a network
   * failure, a timeout). The code is the same either way; this tells what the customer can do.
   */
  readonly status: number | undefined;
  /** Not a failure the element foresaw (a bug, an API the browser lacks): no retry, and the customer is sent to support. */
  readonly unexpected: boolean;
  constructor(
    readonly code: ConsentErrorCode,
    message: string,
    options?: { cause?: unknown; status?: number; unexpected?: boolean },
  ) {
    super(message, options);
    this.status = options?.status;
    this.unexpected = options?.unexpected ?? false;
  }
}

/**
 * Whether a failed exchange with a server may pass: no answer came (a network failure, a timeout),
 * or a server error (5xx, or 408 and 429, which ask to come back later). Any other HTTP status is
 * the server's considered answer to this very request (a wrong URL, refused access, a refused
 * consent): asking again gets the same answer.
 */
export const mayPass = ({ status, unexpected }: ConsentError): boolean =>
  !unexpected && (status === undefined || status >= 500 || status === 408 || status === 429);

/** Whether loading the terms again may help the customer, so the UI offers a retry rather than sending them to support. */
export const isRetryable = (error: ConsentError): boolean => error.code === 'terms-fetch-failed' && mayPass(error);
