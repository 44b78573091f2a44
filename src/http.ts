import { ConsentError, type ConsentErrorCode } from './errors.js';

export interface Deadline {
  /** How long the whole exchange (answer and body) may take. */
  timeoutMs: number;
  /** The caller's cancellation (the element was removed, or the inputs changed). */
  signal: AbortSignal;
}

/**
 * One request to a vendor server with a deadline, read as text. Every failure
 * (network, HTTP status, timeout) becomes a `ConsentError` with `code`, and
 * with `status` when the server answered with an HTTP error (whose message
 * names the body's error `code`, if it has one); a cancellation rejects with
 * the caller's abort reason instead, so the caller can tell "gave up" from "failed".
 */
export async function fetchText(
  url: string,
  init: RequestInit,
  code: ConsentErrorCode,
  { timeoutMs, signal }: Deadline,
): Promise<string> {
  const controller = new AbortController();
  const abort = () => controller.abort(signal.reason);
  signal.addEventListener('abort', abort);
  const timer = setTimeout(() => controller.abort(new ConsentError(code, `${url}: no answer within ${timeoutMs} ms`)), timeoutMs);
  try {
    const response = await fetch(new URL(url, document.baseURI), { ...init, signal: controller.signal });
    const { ok, status, statusText } = response;
    if (!ok) {
      const reason = `HTTP ${status}${statusText ? ` ${statusText}` : ''}${await errorCodeOf(response)}`;
      throw new ConsentError(code, `${url}: the server answered ${reason}`, { status });
    }
    return await response.text();
  } catch (error) {
    if (controller.signal.aborted) throw controller.signal.reason;
    if (error instanceof ConsentError) throw error;
    throw new ConsentError(code, `${url}: network error (${String(error)})`, { cause: error });
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', abort);
  }
}

/**
 * The `code` of a JSON error body (`{ code, message }`, as the package's server kit answers), for
 * the integrator's message: a 422 says little until it says `nonce-mismatch`. Empty for any other body.
 */
async function errorCodeOf(response: Response): Promise<string> {
  try {
    const { code } = JSON.parse(await response.text()) as { code?: unknown };
    return typeof code === 'string' && /^[\w.-]{1,64}$/.test(code) ? ` (${code})` : '';
  } catch {
    return '';
  }
}
