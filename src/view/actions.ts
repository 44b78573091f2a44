import { html, nothing } from 'lit';
import { isRetryable } from '../errors.js';
import type { Catalog } from '../i18n/catalog.js';
import type { ConsentState } from '../state.js';

/** What the buttons do. */
export interface Handlers {
  agree(event: MouseEvent): void;
  decline(): void;
  reconsider(): void;
  retry(): void;
}

/** The buttons each state offers; none while loading, handing over or done. */
export function renderActions(view: ConsentState, m: Catalog, on: Handlers) {
  switch (view.name) {
    case 'ready':
    case 'signing': {
      // While signing the buttons stay (focus must not jump) but do nothing.
      const busy = view.name === 'signing';
      return html`
        <button part="decline" class="decline" type="button" aria-disabled=${busy} @click=${on.decline}>${m.decline()}</button>
        <button part="agree" class="agree" type="button" aria-disabled=${busy} @click=${on.agree}>${m.agree()}</button>
      `;
    }
    case 'declined':
      return html`<button part="reconsider" type="button" @click=${on.reconsider}>${m.reconsider()}</button>`;
    case 'error':
      return isRetryable(view.error) ? html`<button part="retry" type="button" @click=${on.retry}>${m.retry()}</button>` : nothing;
    default:
      return nothing;
  }
}
