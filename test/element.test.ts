import { expect, fixture, html, nextFrame } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { builtInTerms } from '../src/terms/index.js';
import { defaultAllowedOrigins } from '../src/redirect.js';
import { defaultReception } from '../src/reception/attributes.js';
import type { RemoteSupportConsent } from '../src/index.js';
import { clauseTexts, clickPart, engine, frameReport, navigationOver, nowhere, part, record, settle, settled, spyOnOpen, untilState } from './helpers.js';

const ja = builtInTerms.find((document) => document.locale === 'ja')!;
const en = builtInTerms.find((document) => document.locale === 'en')!;
const jaDigest = 'du44q8yT6FtY0D58qDRD-TYrpKstt1DH-vycdGt8P-s';
const fixtures = '/test/fixtures';
const here = location.origin;

/** The seed's two lines. */
const instruction = '同意確認書の内容を確認して、同意ボタンをクリックしてください。';
const notice = 'リモートコネクトサポート(外部サイト)に接続します。';
/** Which of the seed's lines the customer can read, in order. */
const seedLines = (element: RemoteSupportConsent) =>
  [...element.shadowRoot!.querySelectorAll('p')].map((p) => p.textContent).filter((text) => text === instruction || text === notice);

const visibleText = (element: RemoteSupportConsent) => element.shadowRoot!.textContent!.replace(/\s+/g, ' ');

describe('<remote-support-consent redirect-target="none"> with the built-in terms', () => {
  it('shows the Japanese terms: the seed instruction, then every clause in order', async () => {
    const element = await settled(html`<remote-support-consent redirect-target="none"></remote-support-consent>`);
    expect(element.state).to.equal('ready');
    expect(element.getAttribute('state')).to.equal('ready');
    const lines = [...element.shadowRoot!.querySelectorAll('p')].map((p) => p.textContent);
    expect(lines[0]).to.equal(instruction);
    // It never navigates, so there is no external site to announce.
    expect(lines).not.to.include(notice);
    expect(clauseTexts(element)).to.deep.equal(ja.clauses);
    const terms = part(element, 'terms')!;
    expect(terms.getAttribute('lang')).to.equal('ja');
    const blocks = [...terms.children].map((child) => `${child.localName} ${child.localName === 'ol' ? '' : child.textContent}`);
    expect(blocks).to.deep.equal([...ja.preamble!.map((text) => `p ${text}`), 'p ―記―', 'ol ', 'p 以上']);
    expect(part(element, 'title')!.textContent).to.equal(ja.title);
    expect(part(element, 'meta')!.textContent).to.contain('2025-04-01').and.contain('2025年4月1日');
  });

  it('announces the shown terms with their digest', async () => {
    const events = record('terms-loaded');
    await settled(html`<remote-support-consent redirect-target="none"></remote-support-consent>`);
    const [event] = events;
    expect(event!.bubbles && event!.composed).to.equal(true);
    expect(event!.detail).to.deep.equal({
      terms: { id: 'remote-connect-support', version: '2025-04-01', locale: 'ja', sha256: jaDigest },
    });
  });

  it('shows the English terms and UI for lang="en", on the element or an ancestor', async () => {
    const own = await settled(html`<remote-support-consent redirect-target="none" lang="en"></remote-support-consent>`);
    expect(clauseTexts(own)).to.deep.equal(en.clauses);
    expect(part(own, 'agree')!.textContent!.trim()).to.equal('I agree');
    expect(part(own, 'meta')!.textContent).to.contain('April 1, 2025');
    const wrapper = await fixture(html`<div lang="en-US"><remote-support-consent redirect-target="none"></remote-support-consent></div>`);
    const inherited = wrapper.querySelector('remote-support-consent')!;
    await untilState(inherited, 'ready');
    expect(clauseTexts(inherited)).to.deep.equal(en.clauses);
  });

  it('inherits lang across a shadow root', async () => {
    const host = await fixture(html`<div lang="en"></div>`);
    const root = host.attachShadow({ mode: 'open' });
    const element = document.createElement('remote-support-consent');
    element.redirectTarget = 'none';
    root.append(element);
    await untilState(element, 'ready');
    expect(clauseTexts(element)).to.deep.equal(en.clauses);
  });

  it('falls back to Japanese for languages it does not speak', async () => {
    const element = await settled(html`<remote-support-consent redirect-target="none" lang="fr"></remote-support-consent>`);
    expect(clauseTexts(element)).to.deep.equal(ja.clauses);
  });

  it('follows a run-time change of lang, on an ancestor or itself', async () => {
    const wrapper = await fixture(html`<section lang="ja"><remote-support-consent redirect-target="none"></remote-support-consent></section>`);
    const element = wrapper.querySelector('remote-support-consent')!;
    await untilState(element, 'ready');
    wrapper.setAttribute('lang', 'en');
    await untilState(element, () => clauseTexts(element)[0] === en.clauses[0]);
    element.lang = 'ja';
    await untilState(element, () => clauseTexts(element)[0] === ja.clauses[0]);
    expect(part(element, 'agree')!.textContent!.trim()).to.equal('同意する');
  });

  it('shows the requested built-in version', async () => {
    const element = await settled(html`<remote-support-consent redirect-target="none" terms-version="2025-04-01"></remote-support-consent>`);
    expect(element.state).to.equal('ready');
    expect(part(element, 'meta')!.textContent).to.contain('2025-04-01');
  });

  it('refuses an unknown version with terms-version-unknown and no way to agree', async () => {
    const errors = record('consent-error');
    const element = await fixture<RemoteSupportConsent>(html`<remote-support-consent redirect-target="none" terms-version="1999-01-01"></remote-support-consent>`);
    await untilState(element, 'error');
    expect(errors.map((event) => event.detail.code)).to.deep.equal(['terms-version-unknown']);
    expect(part(element, 'agree')).to.equal(null);
    expect(part(element, 'terms')).to.equal(null);
    expect(part(element, 'status')!.textContent).to.contain('指定された版');
  });

  it('lets the customer scroll the terms region with the keyboard', async () => {
    const element = await settled(html`<remote-support-consent redirect-target="none" style="--rsc-terms-max-height: 8rem"></remote-support-consent>`);
    const terms = part(element, 'terms')!;
    expect(terms.getAttribute('role')).to.equal('region');
    expect(terms.getAttribute('aria-labelledby')).to.equal('title');
    expect(terms.scrollHeight).to.be.greaterThan(terms.clientHeight);
    terms.focus();
    await sendKeys({ press: 'End' });
    await nextFrame();
    await nextFrame();
    expect(terms.scrollTop).to.be.greaterThan(0);
  });

  it('does not make the customer scroll before agreeing', async () => {
    const element = await settled(html`<remote-support-consent redirect-target="none" style="--rsc-terms-max-height: 8rem"></remote-support-consent>`);
    expect(part(element, 'terms')!.scrollTop).to.equal(0);
    expect((part(element, 'agree') as HTMLButtonElement).disabled).to.equal(false);
    expect(part(element, 'acknowledge')).to.equal(null);
  });
});

describe('<remote-support-consent> the seed\'s instruction and external-site notice', () => {
  const optim = 'https://connect.optim.co.jp/';

  it('come first while the customer can agree to go to the external site', async () => {
    const element = await settled(html`<remote-support-consent redirect-url=${optim}></remote-support-consent>`);
    expect(element.state).to.equal('ready');
    const lines = [...element.shadowRoot!.querySelectorAll('p')].slice(0, 2).map((p) => p.textContent);
    expect(lines).to.deep.equal([instruction, notice]);
  });

  it('stay while signing, where the buttons stay', async () => {
    spyOnOpen();
    const element = await settled(html`<remote-support-consent redirect-url=${optim} redirect-target="_blank" sign-url="/__sign/slow/800"></remote-support-consent>`);
    await clickPart(element, 'agree');
    await untilState(element, 'signing');
    expect(seedLines(element)).to.deep.equal([instruction, notice]);
  });

  it('announce no external site with redirect-target="none", even with a redirect-url', async () => {
    const element = await settled(html`<remote-support-consent redirect-url=${optim} redirect-target="none"></remote-support-consent>`);
    expect(element.state).to.equal('ready');
    expect(seedLines(element)).to.deep.equal([instruction]);
  });

  it('are not shown while loading: there is nothing to agree to yet', async () => {
    const element = await fixture<RemoteSupportConsent>(html`<remote-support-consent redirect-url=${optim} terms-src="/__terms/slow/1000"></remote-support-consent>`);
    await element.updateComplete;
    expect(element.state).to.equal('loading');
    expect(seedLines(element)).to.deep.equal([]);
  });

  /** States without an agree control, each reached with a destination that would navigate where it can. */
  afterEach(navigationOver);
  const withoutAgree: Record<string, () => Promise<RemoteSupportConsent>> = {
    error: () => settled(html`<remote-support-consent redirect-url=${optim} terms-src="/__terms/status/404"></remote-support-consent>`),
    declined: async () => {
      const element = await settled(html`<remote-support-consent redirect-url=${optim}></remote-support-consent>`);
      await clickPart(element, 'decline');
      await untilState(element, 'declined');
      return element;
    },
    done: async () => {
      spyOnOpen();
      const element = await settled(html`<remote-support-consent redirect-url=${optim} redirect-target="_blank"></remote-support-consent>`);
      await clickPart(element, 'agree');
      await untilState(element, 'done');
      return element;
    },
    redirecting: async () => {
      const element = await settled(html`<remote-support-consent redirect-url=${nowhere()} allowed-origins=${here}></remote-support-consent>`);
      await clickPart(element, 'agree');
      await untilState(element, 'redirecting');
      return element;
    },
  };
  for (const [name, reach] of Object.entries(withoutAgree)) {
    it(`are not shown in ${name}, where there is no agree control`, async function () {
      // Firefox under WebDriver BiDi takes the navigation to a 204 for a lost page.
      if (name === 'redirecting' && engine === 'firefox') this.skip();
      const element = await reach();
      expect(element.state).to.equal(name);
      expect(part(element, 'agree')).to.equal(null);
      expect(part(element, 'status')!.textContent).not.to.equal('');
      expect(seedLines(element)).to.deep.equal([]);
    });
  }
});

describe('<remote-support-consent redirect-target="none"> declining', () => {
  it('reports a real click on decline, and lets the customer go back to the terms', async () => {
    const element = await settled(html`<remote-support-consent redirect-target="none"></remote-support-consent>`);
    const events = record('decline', 'consent');
    await clickPart(element, 'decline');
    await untilState(element, 'declined');
    expect(events.map((event) => event.type)).to.deep.equal(['decline']);
    expect(events[0]!.detail.terms.sha256).to.equal(jaDigest);
    expect(part(element, 'agree')).to.equal(null);
    expect(part(element, 'status')!.textContent).to.contain('リモートサポートは開始しません');
    await clickPart(element, 'reconsider');
    await untilState(element, 'ready');
    expect(part(element, 'agree')).not.to.equal(null);
  });

  it('keeps the decision when the language changes after it', async () => {
    const wrapper = await fixture(html`<div lang="ja"><remote-support-consent redirect-target="none"></remote-support-consent></div>`);
    const element = wrapper.querySelector('remote-support-consent')!;
    await untilState(element, 'ready');
    await clickPart(element, 'decline');
    await untilState(element, 'declined');
    const loaded = record('terms-loaded');
    wrapper.setAttribute('lang', 'en');
    await untilState(element, () => part(element, 'status')!.textContent!.includes('You did not agree'));
    expect(element.state).to.equal('declined');
    expect(loaded).to.have.length(0);
  });
});

describe('<remote-support-consent> definition', () => {
  it('may be loaded again as a second copy of the package (the CDN build), without throwing', async function () {
    const copy = '/dist/cdn/remote-support-consent.js';
    // The CDN build is a true second copy, with its own class; it exists once `npm run build` ran (npm test runs it).
    if (!(await fetch(copy, { method: 'HEAD' })).ok) this.skip();
    const defined = customElements.get('remote-support-consent');
    const second = await import(/* @vite-ignore */ copy);
    expect(second.RemoteSupportConsent).to.be.a('function').and.not.equal(defined);
    expect(customElements.get('remote-support-consent')).to.equal(defined);
  });
});

describe('<remote-support-consent> attributes', () => {
  it('takes a removed attribute as its default', async () => {
    const element = await settled(
      html`<remote-support-consent redirect-url="https://connect.optim.co.jp/" allowed-origins="https://connect.optim.co.jp" redirect-target="none" timeout="abc"></remote-support-consent>`,
    );
    expect(element.state).to.equal('ready');
    element.removeAttribute('allowed-origins');
    element.removeAttribute('redirect-target');
    element.setAttribute('terms-src', `${fixtures}/vendor-terms.json`);
    await untilState(element, (state) => state === 'ready' && clauseTexts(element)[0] === 'We only connect with your consent.');
    expect(element.allowedOrigins).to.equal(defaultAllowedOrigins);
    expect(element.redirectTarget).to.equal('_self');
    element.removeAttribute('terms-src');
    await untilState(element, () => clauseTexts(element)[0] === ja.clauses[0]);
    expect(element.termsSrc).to.equal('');
  });

  it('has the documented defaults', () => {
    const element = document.createElement('remote-support-consent');
    expect(element.allowedOrigins).to.equal(defaultAllowedOrigins);
    expect([element.receptionHours, element.receptionDays, element.receptionClosed, element.receptionTimeZone]).to.deep.equal([
      defaultReception.hours,
      defaultReception.days,
      defaultReception.closed,
      defaultReception.timeZone,
    ]);
    expect([element.redirectTarget, element.timeout, element.headingLevel]).to.deep.equal(['_self', 10000, 2]);
  });
});

describe('<remote-support-consent redirect-target="none"> with terms-src', () => {
  it('shows a vendor document in its own locale, whatever lang is', async () => {
    const loaded = record('terms-loaded');
    const element = await fixture<RemoteSupportConsent>(html`<remote-support-consent redirect-target="none" lang="ja" terms-src="${fixtures}/vendor-terms.json"></remote-support-consent>`);
    await untilState(element, 'ready');
    await element.updateComplete;
    expect(clauseTexts(element)).to.deep.equal(['We only connect with your consent.', 'You can disconnect at any time.']);
    expect(part(element, 'terms')!.getAttribute('lang')).to.equal('en-GB');
    expect(part(element, 'agree')!.textContent!.trim()).to.equal('同意する');
    expect(loaded[0]!.detail.terms).to.include({ id: 'acme-remote-support', version: '7', locale: 'en-GB' });
    expect(loaded[0]!.detail.terms.sha256).to.match(/^[A-Za-z0-9_-]{43}$/);
  });

  it('accepts the document when terms-integrity matches its digest', async () => {
    const probe = await settled(html`<remote-support-consent redirect-target="none" terms-src="${fixtures}/vendor-terms.json"></remote-support-consent>`);
    const sha256 = (await fetch(`${fixtures}/vendor-terms.json`).then((response) => response.json()).then(async (document) => (await import('../src/terms/digest.js')).termsDigest(document)));
    expect(probe.state).to.equal('ready');
    const element = await settled(html`<remote-support-consent redirect-target="none" terms-src="${fixtures}/vendor-terms.json" terms-integrity="sha256-${sha256}"></remote-support-consent>`);
    expect(element.state).to.equal('ready');
  });

  const failures: Array<[string, string, string, boolean]> = [
    ['broken JSON', `${fixtures}/broken.json`, 'terms-invalid', false],
    ['an unknown key', `${fixtures}/unknown-key.json`, 'terms-invalid', false],
    ['no clauses', `${fixtures}/no-clauses.json`, 'terms-invalid', false],
    ['an HTTP error', '/__terms/status/500', 'terms-fetch-failed', true],
    // A 404 stays a 404 however often the customer asks.
    ['a missing file', `${fixtures}/missing.json`, 'terms-fetch-failed', false],
    ['a network error', '/__terms/reset', 'terms-fetch-failed', true],
    ['a server that does not answer in time', '/__terms/slow/1000', 'terms-fetch-failed', true],
    ['a wrong terms-integrity', `${fixtures}/vendor-terms.json#integrity`, 'terms-integrity-mismatch', false],
  ];
  /** Short only where the test is about the timeout: on a busy machine a short one overtakes the answer under test. */
  const timeoutFor = (src: string) => (src.includes('/slow/') ? 300 : 5000);
  for (const [name, src, code, retry] of failures) {
    it(`ends in error ${code} for ${name}, with no way to agree`, async () => {
      const integrity = src.endsWith('#integrity') ? `sha256-${jaDigest}` : '';
      const events = record('consent-error', 'terms-loaded', 'consent');
      const element = await fixture<RemoteSupportConsent>(
        html`<remote-support-consent redirect-target="none" terms-src=${src} terms-integrity=${integrity} timeout=${timeoutFor(src)}></remote-support-consent>`,
      );
      await untilState(element, 'error');
      expect(events.map((event) => `${event.type} ${event.detail.code}`)).to.deep.equal([`consent-error ${code}`]);
      expect(events[0]!.detail.message).to.be.a('string').and.not.empty;
      expect(part(element, 'agree')).to.equal(null);
      expect(part(element, 'terms')).to.equal(null);
      expect(part(element, 'status')!.textContent!.trim()).not.to.equal('');
      expect(part(element, 'retry') !== null, 'retry offered').to.equal(retry);
    });
  }

  const network = '同意確認書を読み込めませんでした。通信環境をご確認のうえ、もう一度お試しください。';
  const serverError =
    '同意確認書のサーバーが一時的に利用できないため、読み込めませんでした。しばらくしてからもう一度お試しいただくか、サポート窓口にお問い合わせください。';
  const refused = '同意確認書をサーバーから取得できなかったため、表示できません。お手数ですが、サポート窓口にお問い合わせください。';
  const fetchFailures: Array<[string, string, string, boolean, string]> = [
    ['a 404', '/__terms/status/404', refused, false, 'HTTP 404'],
    ['a 403', '/__terms/status/403', refused, false, 'HTTP 403'],
    ['a 503', '/__terms/status/503', serverError, true, 'HTTP 503'],
    ['a network error', '/__terms/reset', network, true, 'network error'],
    ['a server that does not answer in time', '/__terms/slow/1000', network, true, 'no answer within 300 ms'],
  ];
  for (const [name, src, wording, retry, why] of fetchFailures) {
    it(`tells the customer what they can do after ${name}, under the one code terms-fetch-failed`, async () => {
      const errors = record('consent-error');
      const element = await fixture<RemoteSupportConsent>(html`<remote-support-consent redirect-target="none" terms-src=${src} timeout=${timeoutFor(src)}></remote-support-consent>`);
      await untilState(element, 'error');
      expect(errors.map((event) => event.detail.code)).to.deep.equal(['terms-fetch-failed']);
      expect(errors[0]!.detail.message).to.contain(why);
      expect(part(element, 'status')!.textContent).to.equal(wording);
      expect(part(element, 'retry') !== null, 'retry offered').to.equal(retry);
    });
  }

  it('loads again when the customer retries after a server error', async () => {
    const element = await settled(html`<remote-support-consent redirect-target="none" terms-src="/__terms/flaky/${Math.random().toString(36).slice(2)}"></remote-support-consent>`);
    expect(element.state).to.equal('error');
    const events = record('consent-error', 'terms-loaded');
    await clickPart(element, 'retry');
    await untilState(element, 'ready');
    expect(events.map((event) => event.type)).to.deep.equal(['terms-loaded']);
    expect(clauseTexts(element)).to.have.length(2);
  });

  it('finishes loading when it is moved while the document is on its way', async () => {
    const element = await fixture<RemoteSupportConsent>(html`<remote-support-consent redirect-target="none" terms-src="/__terms/slow/300"></remote-support-consent>`);
    const parent = element.parentElement!;
    element.remove();
    element.termsSrc = `${fixtures}/vendor-terms.json`;
    parent.append(element);
    await untilState(element, 'ready');
    element.remove();
    parent.append(element);
    await element.updateComplete;
    expect(element.state).to.equal('ready');
  });

  it('shows markup in the document as text and runs none of it', async () => {
    const element = await settled(html`<remote-support-consent redirect-target="none" terms-src="${fixtures}/markup.json"></remote-support-consent>`);
    expect(element.state).to.equal('ready');
    const terms = part(element, 'terms')!;
    expect(terms.querySelectorAll('img, script, a, b')).to.have.length(0);
    expect(part(element, 'title')!.querySelectorAll('*')).to.have.length(0);
    expect(clauseTexts(element)[0]).to.equal('<img src=x onerror="window.__pwned = \'clause\'">');
    expect(visibleText(element)).to.contain("<script>window.__pwned = 'preamble'</script>").and.contain('<b>bold</b> title');
    await settle(50);
    expect((window as { __pwned?: string }).__pwned).to.equal(undefined);
  });

  it('forgets a load that was superseded by a new terms-src', async () => {
    const events = record('consent-error', 'terms-loaded');
    const element = await fixture<RemoteSupportConsent>(html`<remote-support-consent redirect-target="none" terms-src="/__terms/slow/500"></remote-support-consent>`);
    element.termsSrc = `${fixtures}/vendor-terms.json`;
    await untilState(element, 'ready');
    await settle(700);
    expect(element.state).to.equal('ready');
    expect(events.map((event) => event.type)).to.deep.equal(['terms-loaded']);
  });
});

// In a page of its own, as a real plain-http page would be: shadowing isSecureContext on this warmed-up
// page is not reliable, since WebKit's optimised code can keep reading the value the property had before.
describe('<remote-support-consent redirect-target="none"> outside a secure context', () => {
  it('shows insecure-context and no terms', async () => {
    const report = await frameReport<{ state: string; codes: string[]; agree: boolean }>('/test/fixtures/insecure.html');
    expect(report).to.deep.equal({ state: 'error', codes: ['insecure-context'], agree: false });
  });
});
