// A consumer's code, type-checked in the repository (paths point at src/) and against the packed
// tarball (node_modules): events and their details are typed without a single cast.
import 'remote-support-consent';
import type { ConsentErrorCode, ConsentRecord, TermsDocument } from 'remote-support-consent';
import { builtInTerms } from 'remote-support-consent/terms';
import { ConsentVerificationError, verifyConsent } from 'remote-support-consent/verify';

const element = document.createElement('remote-support-consent');
element.redirectUrl = 'https://connect.optim.co.jp/start';
element.redirectTarget = '_blank';
element.addEventListener('consent', (event) => {
  const jws: string = event.detail.jws;
  const record: ConsentRecord = event.detail.record;
  const persistent: boolean | undefined = event.detail.deviceKey?.persistent;
  if (!element.proceed()) console.log(jws, record.terms.sha256, persistent);
});
element.addEventListener('consent-error', (event) => {
  const code: ConsentErrorCode = event.detail.code;
  console.log(code, event.detail.message);
});
element.addEventListener('terms-loaded', (event) => console.log(event.detail.terms.version));
const state: 'loading' | 'ready' | 'signing' | 'redirecting' | 'done' | 'declined' | 'error' = element.state;

// @ts-expect-error: the detail has no such field
element.addEventListener('consent', (event) => event.detail.signature);
// @ts-expect-error: not a redirect target
element.redirectTarget = '_top';

const documents: readonly TermsDocument[] = builtInTerms;
export async function check(jws: string): Promise<string> {
  try {
    return (await verifyConsent(jws, { terms: documents, nonce: 'n' })).id;
  } catch (error) {
    return error instanceof ConsentVerificationError ? error.code : state;
  }
}
