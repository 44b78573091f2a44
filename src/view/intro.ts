import { html, nothing } from 'lit';
import type { Catalog } from '../i18n/catalog.js';
import type { ConsentState } from '../state.js';

/**
 * The seed's instruction and external-site notice, only while they are true: while the customer
 * can agree (the buttons stay while signing, so the view does not jump under their pointer), and
 * the notice only where agreeing leads to the external site.
 */
export function renderIntro(name: ConsentState['name'], navigates: boolean, m: Catalog) {
  if (name !== 'ready' && name !== 'signing') return nothing;
  return html`
    <p class="instruction">${m.instruction()}</p>
    ${navigates ? html`<p class="notice">${m.notice()}</p>` : nothing}
  `;
}
