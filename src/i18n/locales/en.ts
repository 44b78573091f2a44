
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      'rsc-agree': `I agree`,
'rsc-came-back': `This page was opened again with the browser's Back button. If you agree here, it will be recorded as a new consent.`,
'rsc-decline': `I do not agree`,
'rsc-declined': `You did not agree, so remote support will not start.`,
'rsc-done-blocked': `Your consent has been recorded. Your browser stopped the new tab from opening, so please use the link below.`,
'rsc-done-opened': `Your consent has been recorded and the remote-support site opened in a new tab. If it did not open, use the link below.`,
'rsc-done-recorded': `Your consent has been recorded.`,
'rsc-done-returned': `Your consent is already recorded; there is no need to agree again. The link below takes you to the remote-support site.`,
'rsc-effective': str`Effective ${0}`,
'rsc-error-consent-not-stored': `Your consent could not be saved. Please try again.`,
'rsc-error-insecure-context': `This page is not on a secure (https) connection, so consent cannot be taken. Please contact support.`,
'rsc-error-redirect-not-allowed': `Remote support cannot start because its destination is misconfigured. Please contact support.`,
'rsc-error-redirect-not-configured': `Remote support cannot start because no destination is configured. Please contact support.`,
'rsc-error-sign-failed': `Your consent could not be recorded. Please try again.`,
'rsc-error-terms-fetch-failed': `The consent form could not be loaded. Please check your connection and try again.`,
'rsc-error-terms-fetch-refused': `The consent form could not be retrieved from the server, so it cannot be shown. Please contact support.`,
'rsc-error-terms-fetch-server-error': `The consent form could not be loaded because its server is temporarily unavailable. Please try again in a few minutes, or contact support.`,
'rsc-error-terms-integrity-mismatch': `The consent form does not match the expected text and cannot be shown. Please contact support.`,
'rsc-error-terms-invalid': `The consent form is not in the expected format and cannot be shown. Please contact support.`,
'rsc-error-terms-version-unknown': `The requested version of the consent form was not found. Please contact support.`,
'rsc-instruction': `Please read the consent form, then select "I agree".`,
'rsc-loading': `Loading the consent form…`,
'rsc-notice': `You will be connected to Remote Connect Support (an external site).`,
'rsc-open-site': str`Open the remote-support site (${0})`,
'rsc-reconsider': `Back to the consent form`,
'rsc-redirecting': `Your consent has been recorded. Taking you to the remote-support site (an external site)…`,
'rsc-reference-hint': `Please give this consent number to the support operator on the phone.`,
'rsc-reference-label': `Consent number:`,
'rsc-retry': `Try again`,
'rsc-signing': `Recording your consent…`,
'rsc-terms-language': str`This consent form is written in ${0}.`,
'rsc-version': str`Version ${0}`,
    };
  