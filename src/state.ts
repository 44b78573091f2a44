import type { ConsentError } from './errors.js';
import type { TermsDocument } from './terms/schema.js';
import type { TermsRef } from './terms/types.js';

/** Terms that passed every check and are on screen. */
export interface ShownTerms {
  document: TermsDocument;
  ref: TermsRef;
}

/**
 * What the element is doing. Each state carries exactly what its view needs,
 * so no view can show terms that were not validated, or an agree control in
 * `error`. `ready` may carry the error of a failed signing, to show while the
 * customer tries again.
 */
export type ConsentState =
  | { name: 'loading' }
  | { name: 'ready'; terms: ShownTerms; error?: ConsentError }
  | { name: 'signing'; terms: ShownTerms }
  | { name: 'done'; terms: ShownTerms }
  | { name: 'declined'; terms: ShownTerms }
  | { name: 'error'; error: ConsentError };

export type ConsentAction =
  | { type: 'load' }
  | { type: 'loaded'; terms: ShownTerms }
  | { type: 'fail'; error: ConsentError }
  | { type: 'agree' }
  | { type: 'signed' }
  | { type: 'sign-failed'; error?: ConsentError }
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
      return { name: 'loading' };
    case 'loaded':
      return state.name === 'loading' ? { name: 'ready', terms: action.terms } : state;
    case 'fail':
      return { name: 'error', error: action.error };
    case 'agree':
      return state.name === 'ready' ? { name: 'signing', terms: state.terms } : state;
    case 'signed':
      return state.name === 'signing' ? { name: 'done', terms: state.terms } : state;
    case 'sign-failed':
      return state.name === 'signing'
        ? { name: 'ready', terms: state.terms, ...(action.error ? { error: action.error } : {}) }
        : state;
    case 'decline':
      return state.name === 'ready' ? { name: 'declined', terms: state.terms } : state;
    case 'reconsider':
      return state.name === 'declined' ? { name: 'ready', terms: state.terms } : state;
  }
}

/** States in which the shown terms are settled: a change of inputs must not swap them. */
export const isCommitted = (state: ConsentState): boolean => state.name === 'signing' || state.name === 'done';
