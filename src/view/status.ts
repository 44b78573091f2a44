import { html, nothing } from 'lit';
import type { Catalog } from '../i18n/catalog.js';
import type { ConsentState } from '../state.js';
import { errorText } from './error-text.js';

/**
 * The live region: what is happening, or what failed, and after consenting with `consent-url` the
 * reference the vendor's server stored the consent under.
 */
export function renderStatus(view: ConsentState, m: Catalog, { cameBack, focused, preview }: { cameBack: boolean; focused: boolean; preview: boolean }) {
  return html`<p
    part="status"
    class="status ${'error' in view && view.error ? 'failed' : ''}"
    role="status"
    aria-live=${focused ? 'off' : 'polite'}
    tabindex="-1"
  >${statusText(view, m, cameBack, preview)}${renderReference(view, m)}</p>`;
}

function statusText(view: ConsentState, m: Catalog, cameBack: boolean, preview: boolean): string {
  // Exhaustive: a new state without a message fails to compile.
  switch (view.name) {
    case 'loading':
      // Terms already on screen are not "loading" to the customer.
      return preview ? '' : m.loading();
    case 'ready':
      return view.error ? errorText(m, view.error) : cameBack ? m['came-back']() : '';
    case 'signing':
      return m.signing();
    case 'redirecting':
      return m.redirecting();
    case 'done':
      return m[`done-${view.outcome}`]();
    case 'declined':
      return m.declined();
    case 'error':
      return errorText(m, view.error);
  }
}

/**
 * The reference, in the status (so it is read out with what happened, and where focus lands) and as
 * plain text, so a screen reader spells it as shown.
 */
function renderReference(view: ConsentState, m: Catalog) {
  if ((view.name !== 'done' && view.name !== 'redirecting') || !view.reference) return nothing;
  return html`<span class="stored">
    <span class="reference-line">${m['reference-label']()} <strong part="reference" class="reference">${view.reference}</strong></span>
    <span class="reference-hint">${m['reference-hint']()}</span>
  </span>`;
}
