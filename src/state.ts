import type { ConsentError } from './errors.js';
import type { TermsDocument } from './terms/schema.js';
import type { TermsRef } from './terms/types.js';

/** Terms that passed every check and are on screen. */
export interface ShownTerms {
  document: TermsDocument;
  ref: TermsRef;
}

/**
 * How a consent ended: `recorded` (no navigation: `redirect-target="none"` or
 * the host cancelled the event), `opened` (a new tab was opened), `blocked`
 * (the new tab would have been blocked; the customer uses the link) or
 * `returned` (the customer came back with the back button after leaving).
 */
export type Outcome = 'recorded' | 'opened' | 'blocked' | 'returned';

/**
 * What the element is doing. Each state carries exactly what its view needs,
 * so no view can show terms that were not validated, or an agree control in
 * `error`. `ready` may carry the error of a failed signing or storing, to show while the
 * customer tries again; `href` is the checked redirect URL, when there is one;
 * `reference` is what the vendor's server (`consent-url`) stored the consent under, when it gave one.
 */
export type ConsentState =
  | { name: 'loading' }
  | { name: 'ready'; terms: ShownTerms; error?: ConsentError }
  | { name: 'signing'; terms: ShownTerms }
  | { name: 'redirecting'; terms: ShownTerms; href: string; reference?: string }
  | { name: 'done'; terms: ShownTerms; outcome: Outcome; href?: string; reference?: string }
  | { name: 'declined'; terms: ShownTerms }
  | { name: 'error'; error: ConsentError };

export type ConsentAction =
  | { type: 'load' }
  | { type: 'loaded'; terms: ShownTerms }
  | { type: 'fail'; error: ConsentError }
  | { type: 'agree' }
  | { type: 'signed'; href?: string | undefined; reference?: string | undefined }
  | { type: 'sign-failed'; error?: ConsentError }
  | { type: 'redirect' }
  | { type: 'handed-off'; outcome: 'opened' | 'blocked' }
  | { type: 'came-back' }
  | { type: 'decline' }
  | { type: 'reconsider' };

/**
 * The only way the state changes. An action that does not apply to the current
 * state returns the state unchanged, which is how a stray event (a second
 * click while signing, a decline while loading, a late load result) is made harmless.
 */
export function transition(state: ConsentState, action: ConsentAction): ConsentState {
  switch (action.type) {
    case 'load':
      return isSettled(state) ? state : { name: 'loading' };
    case 'loaded':
      return state.name === 'loading' ? { name: 'ready', terms: action.terms } : state;
    case 'fail':
      return isSettled(state) ? state : { name: 'error', error: action.error };
    case 'agree':
      return state.name === 'ready' ? { name: 'signing', terms: state.terms } : state;
    case 'signed':
      return state.name === 'signing'
        ? {
            name: 'done',
            terms: state.terms,
            outcome: 'recorded',
            ...(action.href ? { href: action.href } : {}),
            ...(action.reference ? { reference: action.reference } : {}),
          }
        : state;
    case 'sign-failed':
      return state.name === 'signing'
        ? { name: 'ready', terms: state.terms, ...(action.error ? { error: action.error } : {}) }
        : state;
    case 'redirect':
      return state.name === 'done' && state.outcome === 'recorded' && state.href
        ? { name: 'redirecting', terms: state.terms, href: state.href, ...(state.reference ? { reference: state.reference } : {}) }
        : state;
    case 'handed-off':
      return state.name === 'redirecting' ? { ...state, name: 'done', outcome: action.outcome } : state;
    case 'came-back':
      return state.name === 'redirecting' ? { ...state, name: 'done', outcome: 'returned' } : state;
    case 'decline':
      return state.name === 'ready' ? { name: 'declined', terms: state.terms } : state;
    case 'reconsider':
      return state.name === 'declined' ? { name: 'ready', terms: state.terms } : state;
  }
}

/**
 * States in which the customer has acted on the shown terms (agreed, or
 * declined): a change of inputs must not swap the terms or undo the decision.
 */
export const isSettled = (state: ConsentState): boolean =>
  state.name === 'signing' || state.name === 'redirecting' || state.name === 'done' || state.name === 'declined';
