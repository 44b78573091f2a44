/**
 * The element class without defining it, for scoped registries or another tag name.
 * `import 'remote-support-consent'` defines `<remote-support-consent>`.
 */
export { RemoteSupportConsent, type ConsentStateName } from './remote-support-consent.js';
