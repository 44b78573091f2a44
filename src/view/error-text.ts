import { isRetryable, type ConsentError } from '../errors.js';
import type { Catalog } from '../i18n/catalog.js';

/**
 * What the customer reads for a failure: the words for its code, except for terms a server
 * refused with an HTTP status, where checking their own connection cannot help: then whether to
 * try again later (the error may pass) or to contact support; so for a failure nobody foresaw.
 */
export function errorText(m: Catalog, error: ConsentError): string {
  if (error.code !== 'terms-fetch-failed' || (error.status === undefined && !error.unexpected)) return m[`error-${error.code}`]();
  return isRetryable(error) ? m['error-terms-fetch-server-error']() : m['error-terms-fetch-refused']();
}
