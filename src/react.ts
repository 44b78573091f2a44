/**
 * `remote-support-consent/react`: the element as a React component, with its
 * events as typed `on…` props. React is an optional peer dependency.
 *
 * ```tsx
 * <RemoteSupportConsent redirectUrl="https://…" challenge={nonce} onConsent={(e) => save(e.detail.jws)} />
 * ```
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import './define.js';
import type { ConsentErrorDetail } from './errors.js';
import type { ConsentEventDetail, TermsEventDetail } from './events.js';
import { RemoteSupportConsent as RemoteSupportConsentElement } from './remote-support-consent.js';

export const RemoteSupportConsent = createComponent({
  tagName: 'remote-support-consent',
  elementClass: RemoteSupportConsentElement,
  react: React,
  events: {
    onTermsLoaded: 'terms-loaded' as EventName<CustomEvent<TermsEventDetail>>,
    onConsent: 'consent' as EventName<CustomEvent<ConsentEventDetail>>,
    onDecline: 'decline' as EventName<CustomEvent<TermsEventDetail>>,
    onConsentError: 'consent-error' as EventName<CustomEvent<ConsentErrorDetail>>,
  },
  displayName: 'RemoteSupportConsent',
});
