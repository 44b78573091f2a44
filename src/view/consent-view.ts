import { html, nothing } from 'lit';
import type { Catalog } from '../i18n/catalog.js';
import type { UiLang } from '../lang.js';
import type { ReceptionNotice } from '../reception/index.js';
import type { ConsentState } from '../state.js';
import type { TermsDocument } from '../terms/schema.js';
import { renderActions, type Handlers } from './actions.js';
import { renderHandOffLink } from './hand-off-link.js';
import { renderIntro } from './intro.js';
import { renderReception } from './reception.js';
import { renderStatus } from './status.js';
import { renderTerms } from './terms.js';

/** Everything the view shows, worked out by the element and its controllers. */
export interface ConsentViewModel {
  view: ConsentState;
  /** Built-in terms to show while loading, when their text is at hand. */
  preview: TermsDocument | undefined;
  /** The UI strings, and the language they are in. */
  m: Catalog;
  lang: UiLang;
  headingLevel: number;
  /** Whether agreeing leads to the external site. */
  navigates: boolean;
  /** Whether the hand-off link opens a new tab (`redirect-target="_blank"`). */
  blank: boolean;
  /** The page was reached with the back or forward button. */
  cameBack: boolean;
  reception: ReceptionNotice | undefined;
  now: Date;
  /** Focus is about to move to the status, which then speaks by itself: not read twice. */
  statusFocused: boolean;
  on: Handlers;
}

/** The whole element: slots for the vendor, the terms, the status, the way on and the buttons. */
export function renderConsent(model: ConsentViewModel) {
  const { view, preview, m, lang } = model;
  const shown = 'terms' in view ? view.terms.document : view.name === 'loading' ? preview : undefined;
  return html`
    <div class="root" lang=${lang}>
      <slot name="header"></slot>
      ${renderIntro(view.name, model.navigates, m)}
      ${shown ? renderTerms(shown, m, lang, model.headingLevel) : nothing}
      ${'terms' in view ? renderReception(model.reception, model.now, lang) : nothing}
      <slot name="notes"></slot>
      ${renderStatus(view, m, { cameBack: model.cameBack, focused: model.statusFocused, preview: !!shown })}
      ${renderHandOffLink(view, m, model.blank)}
      <div class="actions">${renderActions(view, m, model.on)}</div>
      <slot name="footer"></slot>
    </div>
  `;
}
