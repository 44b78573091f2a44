import { html, nothing } from 'lit';
import type { Catalog } from '../i18n/catalog.js';
import type { ConsentState } from '../state.js';

/**
 * The way on that always works: a plain link the customer can follow themselves, while and after
 * handing over. It stands apart from the buttons, so a double click on agree cannot land on it.
 */
export function renderHandOffLink(view: ConsentState, m: Catalog, blank: boolean) {
  const shown = view.name === 'redirecting' || (view.name === 'done' && view.outcome !== 'recorded');
  if (!shown || !view.href) return nothing;
  return html`<p class="handoff">
    <a part="redirect-link" href=${view.href} target=${blank ? '_blank' : '_self'} rel="noopener">${m['open-site'](new URL(view.href).host)}</a>
  </p>`;
}
