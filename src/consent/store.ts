import type { Deadline } from '../http.js';
import { loadCode } from '../within.js';
import type { ConsentRecord } from './record.js';

/**
 * The code that stores a consent on the vendor's server: a lazy chunk of its own (with the HTTP code
 * it brings), since only a page with `consent-url` needs it. A failed load is forgotten, met again on agree.
 */
const serverStoring = () => import('./server-store.js');

/** Loads the storing code ahead of the click, on a page that stores; a failure here is met again, and reported, on agree. */
export function prepareStoring(consentUrl: string): void {
  if (consentUrl) serverStoring().catch(() => undefined);
}

/**
 * Stores the signed consent at `consentUrl` and resolves with the reference the server gave, if
 * any; rejects with `consent-not-stored` (see `server-store.ts`), also when its code does not load.
 */
export function storeConsent(record: ConsentRecord, jws: string, consentUrl: string, deadline: Deadline): Promise<string | undefined> {
  return loadCode(serverStoring, deadline.timeoutMs, 'consent-not-stored', 'the consent-storing code').then(({ storeConsent }) =>
    storeConsent(record, jws, consentUrl, deadline),
  );
}
