/**
 * Everything consent needs once the customer agrees: the record, the device
 * key, the signature, storing it on the vendor's server (`consent-url`) and the hand-off to the external site. A lazy chunk: the element loads it at the first sign
 * of intent (a pointer or focus on its buttons), so a page that only shows the
 * terms never downloads it.
 */
export { createRecord, warnIfNoNonce } from './record.js';
export { prepareSigning, signRecord } from './sign.js';
export { prepareStoring, storeConsent } from './store.js';
export { handOff } from '../navigate.js';
