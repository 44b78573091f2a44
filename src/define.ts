import { RemoteSupportConsent } from './remote-support-consent.js';

/**
 * Defines `<remote-support-consent>`, once: importing twice, or two copies of
 * the package on one page, never throws. Touches nothing where there is no
 * registry (a server importing the package to render or type-check).
 */
if (globalThis.customElements && !customElements.get('remote-support-consent')) {
  customElements.define('remote-support-consent', RemoteSupportConsent);
}
