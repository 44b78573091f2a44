import type { ReactiveControllerHost } from 'lit';
import type { ConsentError } from '../errors.js';
import type { ConsentAction, ConsentState } from '../state.js';

/**
 * What a controller sees of the element: its reactive host, the state machine (read it, and change
 * it only by dispatching actions) and the `timeout` it runs under. The element's public properties
 * are read through `element`.
 */
export interface ConsentHost extends ReactiveControllerHost {
  readonly element: HTMLElement & ConsentInputs;
  readonly view: ConsentState;
  dispatch(action: ConsentAction): ConsentState;
  /** Fails into `error` (or back to `ready` with the error, by `action`), and tells the host and the integrator once rendered. */
  fail(error: ConsentError, action?: 'fail' | 'sign-failed'): void;
  /** `timeout`, or the default where it is not a positive number. */
  readonly timeoutMs: number;
}

/** The element's attributes, as the controllers read them. */
export interface ConsentInputs {
  termsSrc: string;
  termsVersion: string;
  termsIntegrity: string;
  challenge: string;
  subject: string;
  signUrl: string;
  consentUrl: string;
  redirectUrl: string;
  allowedOrigins: string;
  redirectTarget: string;
  receptionHours: string;
  receptionDays: string;
  receptionClosed: string;
  receptionTimeZone: string;
  now: () => Date;
}
