import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { calculateJwkThumbprint, compactVerify, decodeProtectedHeader, EmbeddedJWK } from 'jose';
import type { ConsentEventDetail } from '../src/events.js';
import type { RemoteSupportConsent } from '../src/index.js';
import { builtInTerms } from '../src/terms/index.js';
import { verifyConsent } from '../src/verify/index.js';
import { clickPart, doubleClick, engine, frameReport, part, record, settle, settled, spyOnOpen, spyOnWarn, untilState } from './helpers.js';

const payloadOf = async (jws: string) =>
  JSON.parse(new TextDecoder().decode((await compactVerify(jws, EmbeddedJWK)).payload));

/** The device key as a fresh page (same profile) with storage broken the way `storage` says reports it. */
const deviceKeyInNewPage = (storage = '') =>
  frameReport<{ kid: string; persistent: boolean; jwk: JsonWebKey }>(`/test/fixtures/device-key.html?storage=${storage}`);

const consents = () => record('consent');



describe('consent: a real click signs a record', () => {
  it('emits one cancelable consent whose JWS verifies with jose and carries the record', async () => {
    const events = record('consent', 'terms-loaded');
    const element = await settled(html`<remote-support-consent redirect-target="none" challenge="n-123" subject="contract 42"></remote-support-consent>`);
    const before = Math.floor(Date.now() / 1000);
    await clickPart(element, 'agree');
    await untilState(element, 'done');
    const [loaded, consent] = events as [CustomEvent, CustomEvent<ConsentEventDetail>];
    expect(events.map((event) => event.type)).to.deep.equal(['terms-loaded', 'consent']);
    expect(consent.cancelable && consent.bubbles && consent.composed).to.equal(true);
    const { record: signed, jws, deviceKey } = consent.detail;
    expect(await payloadOf(jws)).to.deep.equal(signed);
    expect(signed).to.have.keys('v', 'id', 'iat', 'terms', 'origin', 'nonce', 'subject');
    expect(signed.v).to.equal(1);
    expect(signed.id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(signed.iat).to.be.within(before - 1, Math.ceil(Date.now() / 1000));
    expect(signed.terms).to.deep.equal(loaded.detail.terms);
    expect(signed.origin).to.equal(location.origin);
    expect(signed.nonce).to.equal('n-123');
    expect(signed.subject).to.equal('contract 42');
    expect(Object.isFrozen(signed)).to.equal(true);
    const header = decodeProtectedHeader(jws);
    expect(header.alg).to.equal('ES256');
    expect(header.jwk).to.have.keys('kty', 'crv', 'x', 'y');
    expect(header.kid).to.equal(await calculateJwkThumbprint(header.jwk!));
    expect(deviceKey).to.deep.equal({ kid: header.kid, persistent: true });
    expect(await verifyConsent(jws, { terms: builtInTerms, nonce: 'n-123' })).to.deep.equal(signed);
    expect(part(element, 'status')!.textContent).to.contain('同意を記録しました');
    expect(part(element, 'agree')).to.equal(null);
  });

  it('leaves nonce and subject out when they are not set', async () => {
    const events = consents();
    const element = await settled(html`<remote-support-consent redirect-target="none"></remote-support-consent>`);
    await clickPart(element, 'agree');
    await untilState(element, 'done');
    expect(events[0]!.detail.record).to.have.keys('v', 'id', 'iat', 'terms', 'origin');
  });

  it('takes a key press on the agree button', async () => {
    const events = consents();
    const element = await settled(html`<remote-support-consent redirect-target="none" lang="en"></remote-support-consent>`);
    part(element, 'agree')!.focus();
    await sendKeys({ press: 'Enter' });
    await untilState(element, 'done');
    expect(events).to.have.length(1);
    expect(events[0]!.detail.record.terms.locale).to.equal('en');
  });

  it('ignores a scripted click: a script is not a customer', async () => {
    const events = consents();
    const element = await settled(html`<remote-support-consent redirect-target="none"></remote-support-consent>`);
    part(element, 'agree')!.click();
    part(element, 'agree')!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    await settle(100);
    expect(events).to.have.length(0);
    expect(element.state).to.equal('ready');
  });

  it('emits one consent for a double click', async function () {
    // A real double click comes from Puppeteer's page; WebDriver has none.
    if (engine === 'webkit') this.skip();
    const events = consents();
    const element = await settled(html`<remote-support-consent redirect-target="none"></remote-support-consent>`);
    part(element, 'agree')!.scrollIntoView({ block: 'center' });
    const box = part(element, 'agree')!.getBoundingClientRect();
    await doubleClick([Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)]);
    await untilState(element, 'done');
    await settle(100);
    expect(events).to.have.length(1);
  });

  it('emits one consent for a second click while signing', async () => {
    const events = consents();
    const element = await settled(html`<remote-support-consent redirect-target="none" sign-url="/__sign/slow/1200"></remote-support-consent>`);
    await clickPart(element, 'agree');
    // Past the double-click interval: this is a second, separate click on the still-visible button.
    await settle(700);
    expect(element.state).to.equal('signing');
    await clickPart(element, 'agree');
    await untilState(element, 'done');
    await settle(100);
    expect(events).to.have.length(1);
  });

  it('emits one consent for Enter pressed again and again while signing', async () => {
    const events = consents();
    // Slow enough to outlast four key presses over WebDriver.
    const element = await settled(html`<remote-support-consent redirect-target="none" sign-url="/__sign/slow/2000"></remote-support-consent>`);
    part(element, 'agree')!.focus();
    for (let i = 0; i < 4; i++) await sendKeys({ press: 'Enter' });
    expect(element.state).to.equal('signing');
    await untilState(element, 'done');
    await settle(100);
    expect(events).to.have.length(1);
  });

  it('does not take the second click of a double click on "back to the terms" as consent', async function () {
    if (engine === 'webkit') this.skip();
    const events = consents();
    // Short and wide: all of it in the viewport (nothing scrolls), the status on one line.
    const element = await settled(html`<remote-support-consent redirect-target="none" style="--rsc-max-width: 44rem; --rsc-terms-max-height: 3rem"></remote-support-consent>`);
    element.scrollIntoView();
    const agree = part(element, 'agree')!.getBoundingClientRect();
    await clickPart(element, 'decline');
    await untilState(element, 'declined');
    // A spot on "back to the terms" where agree will appear once the terms are back.
    const back = part(element, 'reconsider')!.getBoundingClientRect();
    const x = (Math.max(agree.left, back.left) + Math.min(agree.right, back.right)) / 2;
    const y = (Math.max(agree.top, back.top) + Math.min(agree.bottom, back.bottom)) / 2;
    expect(x > agree.left && x < agree.right && y > agree.top && y < agree.bottom, 'the buttons overlap').to.equal(true);
    await doubleClick([Math.round(x), Math.round(y)]);
    await settle(200);
    expect(element.state).to.equal('ready');
    expect(events).to.have.length(0);
  });
});

describe('consent: a record without a nonce', () => {
  const aboutNonce = (warnings: unknown[][]) => warnings.filter(([text]) => /^<remote-support-consent> .*\bnonce\b/.test(String(text)));

  it('warns the integrator once, when it is signed, however often the customer agrees', async () => {
    const warnings = spyOnWarn();
    const element = await settled(html`<remote-support-consent redirect-target="none"></remote-support-consent>`);
    expect(aboutNonce(warnings), 'before agreeing').to.have.length(0);
    // The first signature fails, so the customer agrees twice and two records are made.
    const sign = crypto.subtle.sign;
    crypto.subtle.sign = () => Promise.reject(new Error('no signature this time'));
    try {
      await clickPart(element, 'agree');
      await untilState(element, () => element.state === 'ready' && part(element, 'status')!.textContent !== '');
    } finally {
      delete (crypto.subtle as Partial<SubtleCrypto>).sign;
    }
    expect(crypto.subtle.sign).to.equal(sign);
    expect(aboutNonce(warnings)).to.have.length(1);
    await clickPart(element, 'agree');
    await untilState(element, 'done');
    expect(aboutNonce(warnings)).to.have.length(1);
    expect(String(aboutNonce(warnings)[0]![0])).to.contain('challenge');
  });

  it('does not warn when the host sets challenge after the element connected, before agree', async () => {
    const warnings = spyOnWarn();
    const events = consents();
    const element = await settled(html`<remote-support-consent redirect-target="none"></remote-support-consent>`);
    element.challenge = 'late-nonce';
    await clickPart(element, 'agree');
    await untilState(element, 'done');
    expect(events[0]!.detail.record.nonce).to.equal('late-nonce');
    expect(aboutNonce(warnings)).to.deep.equal([]);
  });

  it('does not warn when the vendor server signs (sign-url)', async () => {
    const warnings = spyOnWarn();
    const element = await settled(html`<remote-support-consent redirect-target="none" sign-url="/__sign/ok"></remote-support-consent>`);
    await clickPart(element, 'agree');
    await untilState(element, 'done');
    expect(aboutNonce(warnings)).to.deep.equal([]);
  });
});

describe('consent: the device key', () => {
  it('is the same key on the next page of the same profile', async () => {
    const first = await deviceKeyInNewPage();
    const second = await deviceKeyInNewPage();
    expect(first.persistent).to.equal(true);
    expect(second.kid).to.equal(first.kid);
    expect(second.jwk).to.deep.equal(first.jwk);
    expect(first.jwk).not.to.have.property('d');
  });

  for (const storage of ['missing', 'throw', 'error', 'quota', 'hang']) {
    it(`falls back to a key for this page when IndexedDB is ${storage}`, async () => {
      const stored = await deviceKeyInNewPage();
      const fallback = await deviceKeyInNewPage(storage);
      expect(fallback.persistent).to.equal(false);
      expect(fallback.kid).to.match(/^[A-Za-z0-9_-]{43}$/);
      expect(fallback.kid).not.to.equal(stored.kid);
    });
  }
});

describe('consent: signing on the vendor server (sign-url)', () => {
  const jwks = () => fetch('/__sign/jwks').then((response) => response.json());

  for (const endpoint of ['ok', 'reordered']) {
    it(`uses the server's JWS (${endpoint}), which verifies with the server's keys`, async () => {
      const events = consents();
      const element = await settled(html`<remote-support-consent redirect-target="none" sign-url="/__sign/${endpoint}" challenge="c-1"></remote-support-consent>`);
      await clickPart(element, 'agree');
      await untilState(element, 'done');
      const { record: signed, jws, deviceKey } = events[0]!.detail as ConsentEventDetail;
      expect(deviceKey).to.equal(undefined);
      expect(decodeProtectedHeader(jws)).not.to.have.property('jwk');
      const verified = await verifyConsent(jws, { terms: builtInTerms, nonce: 'c-1', keys: await jwks() });
      expect(verified).to.deep.equal(signed);
    });
  }

  const failures: Array<[string, string]> = [
    ['an HTTP error', '/__sign/status/500'],
    ['no answer in time', '/__sign/slow/1000'],
    ['an answer that is not JSON', '/__sign/garbage'],
    ['an answer without jws', '/__sign/no-jws'],
    ['a signature over another record', '/__sign/tampered'],
    ['a signed payload that repeats a member name', '/__sign/repeated'],
    ['a network error', '/__terms/reset'],
  ];
  for (const [name, url] of failures) {
    it(`reports sign-failed for ${name}, emits no consent, and lets the customer try again`, async () => {
      const events = record('consent', 'consent-error');
      const element = await settled(html`<remote-support-consent redirect-target="none" sign-url=${url} timeout="300"></remote-support-consent>`);
      await clickPart(element, 'agree');
      await untilState(element, () => events.length > 0);
      expect(element.state).to.equal('ready');
      expect(events.map((event) => `${event.type} ${event.detail.code}`)).to.deep.equal(['consent-error sign-failed']);
      expect(part(element, 'status')!.textContent).to.contain('同意を記録できませんでした');
      element.signUrl = '/__sign/ok';
      // The short timeout was for the failure; the retry must not fail by it on a busy machine.
      element.timeout = 5000;
      await clickPart(element, 'agree');
      await untilState(element, 'done');
      expect(events.map((event) => event.type)).to.deep.equal(['consent-error', 'consent']);
    });
  }

  it('emits nothing and navigates nowhere when removed while the server is signing', async () => {
    const element = await settled(html`<remote-support-consent redirect-url="https://connect.optim.co.jp/" redirect-target="_blank" sign-url="/__sign/slow/400"></remote-support-consent>`);
    // On the element itself: a removed element's events no longer reach the document.
    const events: string[] = [];
    for (const type of ['consent', 'consent-error']) element.addEventListener(type, () => events.push(type));
    const opened = spyOnOpen();
    await clickPart(element, 'agree');
    await untilState(element, 'signing');
    element.remove();
    await settle(700);
    expect(events).to.deep.equal([]);
    expect(opened).to.deep.equal([]);
    expect(element.state).to.equal('ready');
  });

  it('keeps agree and decline in place, inert, while signing', async () => {
    const events = record('consent', 'decline');
    const element = await fixture<RemoteSupportConsent>(html`<remote-support-consent redirect-target="none" sign-url="/__sign/slow/400"></remote-support-consent>`);
    await untilState(element, 'ready');
    await clickPart(element, 'agree');
    await untilState(element, 'signing');
    expect(part(element, 'agree')!.getAttribute('aria-disabled')).to.equal('true');
    await clickPart(element, 'decline');
    await untilState(element, 'done');
    expect(events.map((event) => event.type)).to.deep.equal(['consent']);
  });
});
