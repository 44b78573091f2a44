import { expect, fixture, html } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import { catalog, sourceMessages } from '../src/i18n/catalog.js';
import { catalogFor } from '../src/i18n/index.js';
import { formatDate } from '../src/i18n/format.js';
import { formattedDates } from '../src/terms/generated/dates.js';
import { templates as en } from '../src/i18n/locales/en.js';
import { sourceMessages as receptionSource } from '../src/reception/messages.js';
import { templates as receptionEn } from '../src/reception/locales/en.js';
import type { RemoteSupportConsent } from '../src/index.js';
import { clauseTexts, clickPart, faultyKit, kitChallenge, part, settled, untilState, waitFor } from './helpers.js';

const text = (element: Element, name: string) => part(element, name)!.textContent!.replace(/\s+/g, ' ').trim();

describe('languages', () => {
  it('has every message in English, the reception notice\'s in its own chunk, each as a plain function', async () => {
    const keys = (messages: object) => Object.keys(messages).sort();
    expect(keys(en)).to.deep.equal(keys(sourceMessages));
    expect(keys(catalog)).to.deep.equal(keys(sourceMessages));
    expect(keys(receptionEn)).to.deep.equal(keys(receptionSource));
    expect((await catalogFor('en')).catalog).to.equal(en);
    expect((await catalogFor('ja')).catalog).to.equal(catalog);
  });

  it('puts the values of a message with placeholders where its translation wants them', () => {
    expect(en.version('2025-04-01')).to.equal('Version 2025-04-01');
    expect(en['open-site']('connect.optim.co.jp')).to.equal('Open the remote-support site (connect.optim.co.jp)');
    expect(receptionEn['reception-hours']('Mon–Fri', '9:00 AM–5:00 PM', 'Japan time')).to.equal('Reception hours: Mon–Fri, 9:00 AM–5:00 PM (Japan time).');
    expect(catalog['terms-language']('英語')).to.equal('この同意確認書は英語で書かれています。');
  });

  it('speaks English throughout for lang="en"', async () => {
    const element = await settled(html`<remote-support-consent lang="en" redirect-target="none"></remote-support-consent>`);
    expect(element.shadowRoot!.querySelector('.instruction')!.textContent).to.equal('Please read the consent form, then select "I agree".');
    expect(text(element, 'meta')).to.equal('Version 2025-04-01 Effective April 1, 2025');
    await clickPart(element, 'decline');
    await untilState(element, 'declined');
    expect(text(element, 'status')).to.equal('You did not agree, so remote support will not start.');
    expect(text(element, 'reconsider')).to.equal('Back to the consent form');
  });

  it('speaks English in the views without an agree control: no instruction, no external-site notice', async () => {
    const declined = await settled(html`<remote-support-consent lang="en" redirect-url="https://connect.optim.co.jp/"></remote-support-consent>`);
    expect(declined.shadowRoot!.querySelector('.notice')!.textContent).to.equal('You will be connected to Remote Connect Support (an external site).');
    await clickPart(declined, 'decline');
    await untilState(declined, 'declined');
    expect(declined.shadowRoot!.querySelector('.instruction, .notice')).to.equal(null);
    const refused = await settled(html`<remote-support-consent lang="en" redirect-target="none" terms-src="/__terms/status/404"></remote-support-consent>`);
    expect(refused.state).to.equal('error');
    expect(refused.shadowRoot!.querySelector('.instruction, .notice')).to.equal(null);
    expect(text(refused, 'status')).to.equal('The consent form could not be retrieved from the server, so it cannot be shown. Please contact support.');
  });

  it('speaks English about a consent the server could not store, and about one it stored', async () => {
    const { url, heal } = faultyKit('status-500');
    const element = await settled(html`<remote-support-consent lang="en" redirect-target="none" consent-url=${url} challenge=${await kitChallenge()}></remote-support-consent>`);
    await clickPart(element, 'agree');
    await untilState(element, () => element.state === 'ready' && text(element, 'status') !== '');
    expect(text(element, 'status')).to.equal('Your consent could not be saved. Please try again.');
    await heal();
    await clickPart(element, 'agree');
    await untilState(element, 'done');
    const reference = text(element, 'reference');
    expect(text(element, 'status')).to.equal(
      `Your consent has been recorded. Consent number: ${reference} Please give this consent number to the support operator on the phone.`,
    );
  });

  it('marks the UI text with its language, and the terms with theirs', async () => {
    const element = await settled(html`<remote-support-consent lang="en" redirect-target="none" terms-src="/test/fixtures/markup.json"></remote-support-consent>`);
    expect(element.shadowRoot!.querySelector('.root')!.getAttribute('lang')).to.equal('en');
    expect(part(element, 'terms')!.getAttribute('lang')).to.equal('ja');
    expect(part(element, 'title')!.getAttribute('lang')).to.equal('ja');
  });

  it('says which language a vendor document is in when it differs from the UI', async () => {
    const element = await settled(html`<remote-support-consent lang="ja" redirect-target="none" terms-src="/test/fixtures/vendor-terms.json"></remote-support-consent>`);
    expect(element.shadowRoot!.querySelector('.note')!.textContent).to.equal('この同意確認書はイギリス英語で書かれています。');
    element.lang = 'en';
    await untilState(element, () => element.shadowRoot!.querySelector('.note') === null);
    expect(clauseTexts(element)[0]).to.equal('We only connect with your consent.');
    expect(text(element, 'agree')).to.equal('I agree');
  });

  it('keeps the built-in Japanese terms free of a language note', async () => {
    const element = await settled(html`<remote-support-consent redirect-target="none"></remote-support-consent>`);
    expect(element.shadowRoot!.querySelector('.note')).to.equal(null);
  });
});

describe('structure', () => {
  it('puts the title at the heading level the host asks for', async () => {
    const element = await settled(html`<remote-support-consent redirect-target="none" heading-level="3"></remote-support-consent>`);
    expect(part(element, 'title')!.localName).to.equal('h3');
    element.headingLevel = 9;
    await element.updateComplete;
    expect(part(element, 'title')!.localName).to.equal('h6');
    element.headingLevel = 1;
    await element.updateComplete;
    expect(part(element, 'title')!.localName).to.equal('h1');
    expect(part(element, 'terms')!.getAttribute('aria-labelledby')).to.equal('title');
  });

  it('shows the vendor content in the header, notes and footer slots', async () => {
    const element = await settled(html`<remote-support-consent redirect-target="none">
      <img slot="header" alt="ACME" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" />
      <p slot="notes">お問い合わせ: 0120-000-000</p>
      <small slot="footer">ACME Corp.</small>
    </remote-support-consent>`);
    for (const name of ['header', 'notes', 'footer']) {
      const slot = element.shadowRoot!.querySelector<HTMLSlotElement>(`slot[name="${name}"]`)!;
      expect(slot.assignedElements(), name).to.have.length(1);
    }
    const order = [...element.shadowRoot!.querySelectorAll('slot, [part~="terms"], [part~="agree"]')].map(
      (node) => node.getAttribute('name') ?? node.getAttribute('part'),
    );
    expect(order).to.deep.equal(['header', 'terms', 'notes', 'agree', 'footer']);
  });
});

describe('reception hours', () => {
  const at = (moment: string) => () => new Date(moment);

  it('says when remote support is received, and that it is open now', async () => {
    const element = await fixture<RemoteSupportConsent>(html`<remote-support-consent redirect-target="none" reception-hours="09:00-17:00" .now=${at('2026-11-25T10:00:00+09:00')}></remote-support-consent>`);
    await untilState(element, 'ready');
    expect(text(element, 'reception')).to.equal('受付時間: 月〜金、9:00〜17:00(日本時間)。祝日、12月29日〜1月3日は休業です。ただいま受付時間内です。');
  });

  it('says it is closed on a substitute holiday, in English too, and still takes consent', async () => {
    const element = await fixture<RemoteSupportConsent>(html`<remote-support-consent lang="en" redirect-target="none" reception-hours="09:00-17:00" .now=${at('2025-11-24T10:00:00+09:00')}></remote-support-consent>`);
    await untilState(element, 'ready');
    expect(text(element, 'reception')).to.equal(
      'Reception hours: Mon–Fri, 9:00 AM–5:00 PM (Japan time). Closed on Japanese national holidays, Dec 29–Jan 3.' +
        'We are currently outside reception hours. Our staff may still help outside these hours if needed.',
    );
    await clickPart(element, 'agree');
    await untilState(element, 'done');
  });

  it('follows the configured schedule', async () => {
    const element = await fixture<RemoteSupportConsent>(html`<remote-support-consent redirect-target="none" reception-days="mon wed sat" reception-hours="10:00-12:30" reception-closed="08-13/08-16" .now=${at('2026-11-28T11:00:00+09:00')}></remote-support-consent>`);
    await untilState(element, 'ready');
    expect(text(element, 'reception')).to.equal('受付時間: 月、水、土、10:00〜12:30(日本時間)。8月13日〜8月16日は休業です。ただいま受付時間内です。');
  });

  it('shows, changes and hides the notice as reception-hours comes and goes', async () => {
    const element = await settled(html`<remote-support-consent redirect-target="none" .now=${at('2026-11-25T10:00:00+09:00')}></remote-support-consent>`);
    expect(part(element, 'reception')).to.equal(null);
    element.setAttribute('reception-hours', '13:00-17:00');
    await waitFor(() => part(element, 'reception') !== null);
    expect(text(element, 'reception')).to.match(/^受付時間: 月〜金、13:00〜17:00(.+)ただいま受付時間外です。/);
    element.removeAttribute('reception-hours');
    await waitFor(() => part(element, 'reception') === null);
    expect(element.state).to.equal('ready');
  });

  it('shows no notice, and says nothing, without reception-hours or with "none"', async () => {
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args);
    try {
      for (const hours of [undefined, 'none', ' ']) {
        const element = await settled(html`<remote-support-consent redirect-target="none" reception-hours=${ifDefined(hours)}></remote-support-consent>`);
        expect(part(element, 'reception')).to.equal(null);
      }
    } finally {
      console.warn = warn;
    }
    expect(warnings).to.deep.equal([]);
  });

  it('shows no notice for reception hours it cannot understand', async () => {
    const odd = await settled(html`<remote-support-consent redirect-target="none" reception-hours="nine to five"></remote-support-consent>`);
    expect(part(odd, 'reception')).to.equal(null);
    expect(odd.state).to.equal('ready');
  });
});

describe('dates written at build time', () => {
  it("read as this engine's Intl writes them, in every UI language", () => {
    const entries = Object.entries(formattedDates);
    expect(entries.length).to.be.greaterThan(0);
    for (const [date, byLang] of entries) {
      for (const [lang, text] of Object.entries(byLang)) {
        expect(text, `${date} in ${lang}`).to.equal(new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`)));
        expect(formatDate(date, lang as 'ja' | 'en')).to.equal(text);
      }
    }
    // Any other date is formatted at run time.
    expect(formatDate('2031-12-24', 'en')).to.equal('December 24, 2031');
  });
});
