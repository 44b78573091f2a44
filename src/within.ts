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
