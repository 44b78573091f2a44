import { ConsentError, type ConsentErrorCode } from './errors.js';

/**
 * `promise`, or a rejection with `reason` once `ms` have passed, whichever
 * comes first. The timer goes when the promise settles, so a race the
 * promise wins leaves nothing behind.
 */
export function within<T>(promise: Promise<T>, ms: number, reason: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(reason), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

/**
 * Lazy code the element waits on (a chunk): a load that fails, or that does not end within `ms`, is
 * a `ConsentError` with `code`, a network failure that a retry may mend.
 */
export function loadCode<T>(load: () => Promise<T>, ms: number, code: ConsentErrorCode, what: string): Promise<T> {
  const failed = (why: string, cause?: unknown) => new ConsentError(code, `${what} did not load: ${why}`, { cause });
  return within(
    load().catch((error: unknown) => {
      throw failed(String(error), error);
    }),
    ms,
    failed(`no answer within ${ms} ms`),
  );
}
