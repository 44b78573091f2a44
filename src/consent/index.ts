/**
 * Everything consent needs once the customer agrees: the record, the device key, the signature,
 * and storing it on the vendor's server (`consent-url`). In the entry: a tap on agree must not wait
 * for a round trip (the server-signing and storing code, which only some pages use, stay lazy).
 */
export { createRecord, warnIfNoNonce } from './record.js';
export { prepareSigning, signRecord } from './sign.js';
export { prepareStoring, storeConsent } from './store.js';
