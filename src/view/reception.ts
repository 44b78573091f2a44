import { html, nothing } from 'lit';
import type { UiLang } from '../lang.js';
import type { ReceptionNotice } from '../reception/index.js';

/** The reception-hours notice: the hours, and whether it is within them now. */
export function renderReception(notice: ReceptionNotice | undefined, now: Date, lang: UiLang) {
  if (!notice) return nothing;
  const { open, hours, now: state } = notice.at(now, lang);
  return html`<p part="reception" class="reception ${open ? 'open' : 'closed'}">${hours}<br />${state}</p>`;
}
