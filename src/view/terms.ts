import { html, nothing } from 'lit';
import type { Catalog } from '../i18n/catalog.js';
import { formatDate, languageName, sameLanguage } from '../i18n/format.js';
import type { UiLang } from '../lang.js';
import type { TermsDocument } from '../terms/schema.js';

/**
 * The terms as text: a heading at the host's chosen level (1–6), the version line,
 * then a labelled, focusable, scrollable region with the preamble, the
 * clauses as a list and the closing. Every string is bound as text; none is
 * ever parsed as markup.
 */
export function renderTerms(document: TermsDocument, m: Catalog, lang: UiLang, headingLevel: number) {
  const { title, version, effectiveDate, preamble = [], clauses, closing, locale } = document;
  return html`
    ${heading(headingLevel, title, locale)}
    <p part="meta" class="meta">
      <span>${m.version(version)}</span>
      ${effectiveDate ? html`<span>${m.effective(formatDate(effectiveDate, lang))}</span>` : nothing}
    </p>
    ${sameLanguage(locale, lang) ? nothing : html`<p class="note">${m['terms-language'](languageName(locale, lang))}</p>`}
    <div part="terms" class="terms" role="region" tabindex="0" aria-labelledby="title" lang=${locale}>
      ${preamble.map((paragraph) => html`<p>${paragraph}</p>`)}
      ${preamble.length ? separator(locale) : nothing}
      <ol>
        ${clauses.map((clause) => html`<li>${clause}</li>`)}
      </ol>
      ${closing ? html`<p class="closing">${closing}</p>` : nothing}
    </div>
  `;
}

/** Japanese terms introduce their clauses with 記 and end them with 以上, as the paper form does. */
const separator = (locale: string) => (sameLanguage(locale, 'ja') ? html`<p class="ki">―記―</p>` : html`<hr />`);

/** The title as a real heading, at the level the host page's outline needs. */
function heading(level: number, title: string, locale: string) {
  switch (level) {
    case 1:
      return html`<h1 part="title" class="title" id="title" lang=${locale}>${title}</h1>`;
    case 2:
      return html`<h2 part="title" class="title" id="title" lang=${locale}>${title}</h2>`;
    case 3:
      return html`<h3 part="title" class="title" id="title" lang=${locale}>${title}</h3>`;
    case 4:
      return html`<h4 part="title" class="title" id="title" lang=${locale}>${title}</h4>`;
    case 5:
      return html`<h5 part="title" class="title" id="title" lang=${locale}>${title}</h5>`;
    default:
      return html`<h6 part="title" class="title" id="title" lang=${locale}>${title}</h6>`;
  }
}
