import { expect, fixture, html } from '@open-wc/testing';
import fc from 'fast-check';
import { decodeProtectedHeader } from 'jose';
import { readStoredAnswer } from '../src/consent/server-store.js';
import type { ConsentEventDetail } from '../src/events.js';
import type { RemoteSupportConsent } from '../src/index.js';
import {
  clickInFrame,
  clickPart,
  doubleClick,
  engine,
  faultyKit,
  type KitPost,
  kitChallenge,
  messages,
  operatorToken,
  part,
  record,
  settle,
  settled,
  spyOnOpen,
  spyOnWarn,
  storedRows,
  untilState,
  waitFor,
} from './helpers.js';

// Every test here runs against the package's real consent server, on a SQLite file, mounted in the
// test server at /kit/ (test/server/consent-kit.mjs), with faults a real network has in front of it.

/** What the kit's references look like: 8 of 31 unambiguous characters, in two groups of four. */
const kitReference = /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/;
const redirect = 'https://connect.optim.co.jp/start';

/** The element's outcomes, in order: `consent`, or `consent-error <code>`. */
const outcomes = (events: CustomEvent[]) =>
  events.map((event) => (event.type === 'consent-error' ? `consent-error ${event.detail.code}` : event.type));

const consentOf = (events: CustomEvent[]) => events.find((event) => event.type === 'consent')!.detail as ConsentEventDetail;

/** The operator's look-up of a stored consent: the evidence the kit keeps. */
async function evidence(reference: string): Promise<{ jws: string; record: unknown; reference: string }> {
  const response = await fetch(`/kit/consents/${reference}`, { headers: { authorization: `Bearer ${operatorToken}` } });
  expect(response.status, `look-up of ${reference}`).to.equal(200);
  return response.json();
}

/** An element that stores at `consentUrl` and opens the external site in a new tab (spied on: nothing opens). */
async function storing(consentUrl: string, { timeout = 5000, challenge = '', subject = '', signUrl = '' } = {}) {
  const opened = spyOnOpen();
  const element = await settled(
    html`<remote-support-consent redirect-url=${redirect} redirect-target="_blank" consent-url=${consentUrl} challenge=${challenge} subject=${subject} sign-url=${signUrl} timeout=${timeout}></remote-support-consent>`,
  );
  return { element, opened };
}

/** The members of a posted record that the kit's summary leaves untyped. */
const inputsOf = (post: KitPost) => {
  const { redirect, subject, nonce } = post.record as KitPost['record'] & { redirect?: string; subject?: string };
  return { redirect, subject, nonce };
};

/** After a failure: the customer is back at the terms, told so, with nothing emitted but the error and nothing opened. */
function expectNotStored(element: RemoteSupportConsent, events: CustomEvent[], opened: unknown[][]) {
  expect(outcomes(events)).to.deep.equal(['consent-error consent-not-stored']);
  expect(element.state).to.equal('ready');
  expect(part(element, 'status')!.textContent).to.contain('同意を保存できませんでした。もう一度お試しください。');
  expect(part(element, 'reference')).to.equal(null);
  expect(part(element, 'agree')).not.to.equal(null);
  expect(opened).to.deep.equal([]);
}

describe('consent-url: the consent is stored before the element hands over', () => {
  it('emits consent only after the server stored it, with its reference, and shows the reference (redirect-target none)', async () => {
    const events = record('consent', 'consent-error');
    const challenge = await kitChallenge();
    const element = await settled(html`<remote-support-consent redirect-target="none" consent-url="/kit/consent" challenge=${challenge}></remote-support-consent>`);
    await clickPart(element, 'agree');
    await untilState(element, 'done');
    expect(outcomes(events)).to.deep.equal(['consent']);
    const consent = consentOf(events);
    // The reference exists only in the server's answer: the event came after it.
    expect(consent.reference).to.match(kitReference);
    expect(consent.record.nonce).to.equal(challenge);
    expect(part(element, 'reference')!.textContent).to.equal(consent.reference);
    const status = part(element, 'status')!.textContent!.replace(/\s+/g, ' ');
    expect(status).to.contain('同意を記録しました。').and.contain(`同意番号: ${consent.reference}`).and.contain('お電話でサポート担当者にこの同意番号をお伝えください。');
    const kept = await evidence(consent.reference!);
    expect(kept.jws).to.equal(consent.jws);
    expect(kept.record).to.deep.equal(consent.record);
  });

  it('shows the reference while handing over, and navigates once, after storing (a real redirect)', async function () {
    this.timeout(15000);
    const seen = messages();
    const frame = await fixture<HTMLIFrameElement>(html`<iframe style="width: 800px; height: 900px; border: 0"></iframe>`);
    // The portal's page is on localhost; the external site on 127.0.0.1, reached through a slow detour,
    // so the page that navigates stays a moment, as it does before a real site answers.
    const elsewhere = `http://127.0.0.1:${location.port}`;
    const provider = `${elsewhere}/test/fixtures/provider.html`;
    const target = `${elsewhere}/kit/detour/1000/test/fixtures/provider.html`;
    frame.src = `/test/fixtures/portal.html?${new URLSearchParams({ 'redirect-url': target, 'allowed-origins': elsewhere })}`;
    await waitFor(() => frame.contentDocument?.querySelector('remote-support-consent')?.getAttribute('state') === 'ready');
    const element = frame.contentDocument!.querySelector('remote-support-consent')!;
    element.consentUrl = '/kit/consent';
    element.challenge = await kitChallenge();
    await element.updateComplete;
    await clickInFrame(frame, element, 'agree');
    await waitFor(() => element.state === 'redirecting');
    await element.updateComplete;
    // The portal posts the event to this page: a message, so a task later.
    await waitFor(() => seen.some((message) => message.type === 'consent'));
    const consent = seen.find((message) => message.type === 'consent')!.detail as ConsentEventDetail;
    expect(consent.reference).to.match(kitReference);
    expect(part(element, 'reference')!.textContent).to.equal(consent.reference);
    expect((await evidence(consent.reference!)).jws).to.equal(consent.jws);
    await waitFor(() => seen.some((message) => message.from === 'provider'), 6000);
    await settle();
    expect(seen.map((message) => message.type ?? message.from)).to.deep.equal(['consent', 'provider']);
    expect(seen[1]!.href).to.equal(provider);
    expect(consent.record.redirect).to.equal(target);
  });

  it('reports consent-not-stored for a server error, and the next agree sends the same JWS once the server works', async () => {
    const events = record('consent', 'consent-error');
    const { url, posts, heal } = faultyKit('status-500');
    const { element, opened } = await storing(url, { challenge: await kitChallenge() });
    await clickPart(element, 'agree');
    await untilState(element, () => events.length > 0);
    expectNotStored(element, events, opened);
    expect(events[0]!.detail.message).to.contain('HTTP 500');
    await heal();
    await clickPart(element, 'agree');
    await untilState(element, 'done');
    expect(outcomes(events)).to.deep.equal(['consent-error consent-not-stored', 'consent']);
    const sent = await posts();
    expect(sent.map((post) => post.status)).to.deep.equal([500, 201]);
    expect(sent[1]!.jws).to.equal(sent[0]!.jws);
    expect(consentOf(events).jws).to.equal(sent[0]!.jws);
    expect(opened).to.deep.equal([[redirect, '_blank', 'noopener']]);
    expect(part(element, 'reference')!.textContent).to.equal(sent[1]!.answer.reference);
    expect(await storedRows(sent[0]!.record)).to.equal(1);
  });

  it('reports consent-not-stored when the server answers too late, and the retry gets what it stored meanwhile', async function () {
    this.timeout(15000);
    const events = record('consent', 'consent-error');
    const { url, posts, heal } = faultyKit('hang-1500');
    const { element, opened } = await storing(url, { challenge: await kitChallenge(), timeout: 500 });
    await clickPart(element, 'agree');
    await untilState(element, () => events.length > 0);
    expectNotStored(element, events, opened);
    expect(events[0]!.detail.message).to.contain('no answer within 500 ms');
    // The server goes on and stores it, after the element gave up.
    await waitFor(async () => (await posts())[0]?.status === 201, 5000);
    await heal();
    // A new timeout loads the terms again: the same document, so the same JWS still goes.
    element.timeout = 5000;
    await element.updateComplete;
    await untilState(element, 'ready');
    await clickPart(element, 'agree');
    await untilState(element, 'done');
    const sent = await posts();
    expect(sent.map((post) => post.status)).to.deep.equal([201, 200]);
    expect(sent[1]!.jws).to.equal(sent[0]!.jws);
    expect(consentOf(events).reference).to.equal(sent[0]!.answer.reference);
    expect(await storedRows(sent[0]!.record)).to.equal(1);
  });

  it('reports consent-not-stored when the answer is lost, and the retry gets the stored answer: one row', async () => {
    const events = record('consent', 'consent-error');
    const { url, posts, heal } = faultyKit('lost');
    const { element, opened } = await storing(url, { challenge: await kitChallenge() });
    await clickPart(element, 'agree');
    await untilState(element, () => events.length > 0);
    expectNotStored(element, events, opened);
    expect(events[0]!.detail.message).to.contain('network error');
    await heal();
    await clickPart(element, 'agree');
    await untilState(element, 'done');
    // The browser itself may have sent the first POST again when its connection dropped: each got the stored answer.
    const sent = await posts();
    expect(sent[0]).to.include({ status: 201, delivered: false });
    expect(sent.at(-1)).to.include({ status: 200, delivered: true });
    for (const post of sent) {
      expect(post.jws).to.equal(sent[0]!.jws);
      expect(post.answer).to.deep.equal(sent[0]!.answer);
    }
    expect(consentOf(events).reference).to.equal(sent[0]!.answer.reference);
    expect(part(element, 'reference')!.textContent).to.equal(sent[0]!.answer.reference);
    expect(opened).to.have.length(1);
    expect(await storedRows(sent[0]!.record)).to.equal(1);
  });

  it("reports consent-not-stored for a 2xx answer that names another record, and sends the same JWS again", async () => {
    const events = record('consent', 'consent-error');
    const { url, posts, heal } = faultyKit('other-id');
    const { element, opened } = await storing(url, { challenge: await kitChallenge() });
    await clickPart(element, 'agree');
    await untilState(element, () => events.length > 0);
    expectNotStored(element, events, opened);
    expect(events[0]!.detail.message).to.contain("not this record's");
    await heal();
    await clickPart(element, 'agree');
    await untilState(element, 'done');
    const sent = await posts();
    expect(sent.map((post) => post.status)).to.deep.equal([201, 201]);
    expect(sent[1]!.jws).to.equal(sent[0]!.jws);
    expect(consentOf(events).reference).to.match(kitReference).and.equal(sent[1]!.answer.reference);
    expect(await storedRows(sent[0]!.record)).to.equal(1);
  });

  it('signs a new record after the server refused the last one (a 4xx), so a fresh challenge can be used', async () => {
    spyOnWarn();
    const events = record('consent', 'consent-error');
    const { url, posts } = faultyKit('none');
    // No challenge: the kit refuses the record (422 nonce-mismatch), and will refuse that JWS however often it comes.
    const { element, opened } = await storing(url);
    await clickPart(element, 'agree');
    await untilState(element, () => events.length > 0);
    expectNotStored(element, events, opened);
    expect(events[0]!.detail.message).to.contain('HTTP 422').and.contain('(nonce-mismatch)');
    const challenge = await kitChallenge();
    element.challenge = challenge;
    await clickPart(element, 'agree');
    await untilState(element, 'done');
    const sent = await posts();
    expect(sent.map((post) => post.status)).to.deep.equal([422, 201]);
    expect(sent[1]!.record.id).not.to.equal(sent[0]!.record.id);
    expect(sent[1]!.record.nonce).to.equal(challenge);
    expect(await storedRows(sent[0]!.record)).to.equal(0);
    expect(await storedRows(sent[1]!.record)).to.equal(1);
  });

  // The unstored JWS is resent only while it says what a new record would: a host that changed where the customer goes,
  // who they are or who signs between two attempts gets a record that says so, never the old one (and its old redirect).
  const changes: Array<[string, { subject?: string; signUrl?: string }, (element: RemoteSupportConsent) => void, (post: KitPost) => void]> = [
    ['redirect-url changed', {}, (element) => (element.redirectUrl = 'https://connect.optim.co.jp/other'), (post) => expect(inputsOf(post).redirect).to.equal('https://connect.optim.co.jp/other')],
    [
      'allowed-origins changed so that the old redirect is no longer allowed, and redirect-url with it',
      {},
      (element) => {
        element.allowedOrigins = 'https://support.example.com';
        element.redirectUrl = 'https://support.example.com/start';
      },
      (post) => expect(inputsOf(post).redirect).to.equal('https://support.example.com/start'),
    ],
    ['subject changed', { subject: 'contract 42' }, (element) => (element.subject = 'contract 43'), (post) => expect(inputsOf(post).subject).to.equal('contract 43')],
    ['subject removed', { subject: 'contract 42' }, (element) => (element.subject = ''), (post) => expect(inputsOf(post).subject).to.equal(undefined)],
    // The first JWS is the signing server's, the next the device key's (which the kit takes: it carries its key).
    ['sign-url changed', { signUrl: '/__sign/ok' }, (element) => (element.signUrl = ''), (post) => expect(decodeProtectedHeader(post.jws)).to.have.property('jwk')],
  ];
  for (const [name, options, change, expectNew] of changes) {
    it(`signs a new record when ${name} after a consent that was not stored, and hands over where it now says`, async () => {
      const events = record('consent', 'consent-error');
      const { url, posts, heal } = faultyKit('status-500');
      const { element, opened } = await storing(url, { challenge: await kitChallenge(), ...options });
      await clickPart(element, 'agree');
      await untilState(element, () => events.length > 0);
      expectNotStored(element, events, opened);
      await heal();
      change(element);
      await element.updateComplete;
      expect(element.state).to.equal('ready');
      await clickPart(element, 'agree');
      await untilState(element, 'done');
      expect(outcomes(events)).to.deep.equal(['consent-error consent-not-stored', 'consent']);
      const sent = await posts();
      expect(sent.map((post) => post.status)).to.deep.equal([500, 201]);
      expect(sent[1]!.record.id).not.to.equal(sent[0]!.record.id);
      expect(sent[1]!.jws).not.to.equal(sent[0]!.jws);
      expectNew(sent[1]!);
      const consent = consentOf(events);
      expect(consent.jws).to.equal(sent[1]!.jws);
      expect(opened).to.deep.equal([[element.redirectUrl, '_blank', 'noopener']]);
      expect(await storedRows({ id: sent[1]!.record.id })).to.equal(1);
      expect(await storedRows({ id: sent[0]!.record.id })).to.equal(0);
    });
  }

  it('sends the same JWS after consent-not-stored when only challenge changed (hosts refresh it), or an input was set to what it was', async () => {
    const events = record('consent', 'consent-error');
    const { url, posts, heal } = faultyKit('status-500');
    const challenge = await kitChallenge();
    const { element, opened } = await storing(url, { challenge, subject: 'contract 42' });
    await clickPart(element, 'agree');
    await untilState(element, () => events.length > 0);
    expectNotStored(element, events, opened);
    await heal();
    element.challenge = await kitChallenge();
    element.redirectUrl = `${redirect}`;
    element.subject = 'contract 42';
    element.allowedOrigins = 'https://connect.optim.co.jp';
    await element.updateComplete;
    await clickPart(element, 'agree');
    await untilState(element, 'done');
    const sent = await posts();
    expect(sent.map((post) => post.status)).to.deep.equal([500, 201]);
    expect(sent[1]!.jws).to.equal(sent[0]!.jws);
    expect(inputsOf(sent[1]!)).to.deep.equal({ redirect, subject: 'contract 42', nonce: challenge });
    expect(consentOf(events).jws).to.equal(sent[0]!.jws);
    expect(opened).to.deep.equal([[redirect, '_blank', 'noopener']]);
  });

  it('signs a new record for new terms: a load of terms drops the consent it could not store', async () => {
    const events = record('consent', 'consent-error');
    const { url, posts, heal } = faultyKit('status-500');
    const { element } = await storing(url, { challenge: await kitChallenge() });
    await clickPart(element, 'agree');
    await untilState(element, () => events.length > 0);
    await heal();
    element.lang = 'en';
    await untilState(element, () => element.state === 'ready' && part(element, 'agree')!.textContent!.trim() === 'I agree');
    await clickPart(element, 'agree');
    await untilState(element, 'done');
    const sent = await posts();
    expect(sent.map((post) => [post.status, post.record.terms.locale])).to.deep.equal([
      [500, 'ja'],
      [201, 'en'],
    ]);
    expect(sent[1]!.record.id).not.to.equal(sent[0]!.record.id);
  });

  it('keeps the customer waiting in signing while storing, and sends one POST for a second click', async function () {
    this.timeout(12000);
    const events = record('consent', 'consent-error');
    const { url, posts } = faultyKit('hang-2000');
    const { element } = await storing(url, { challenge: await kitChallenge() });
    await clickPart(element, 'agree');
    await waitFor(async () => (await posts()).length === 1);
    expect(element.state).to.equal('signing');
    expect(part(element, 'status')!.textContent).to.equal('同意を記録しています…');
    expect(part(element, 'agree')!.getAttribute('aria-disabled')).to.equal('true');
    // Past the double-click interval: a second, separate click on the still-visible button.
    await clickPart(element, 'agree');
    await untilState(element, 'done');
    await settle(200);
    expect(outcomes(events)).to.deep.equal(['consent']);
    expect(await posts()).to.have.length(1);
  });

  it('sends one POST for a double click', async function () {
    // A real double click comes from Puppeteer's page; WebDriver has none.
    if (engine === 'webkit') this.skip();
    const events = record('consent', 'consent-error');
    const { url, posts } = faultyKit('none');
    const { element } = await storing(url, { challenge: await kitChallenge() });
    part(element, 'agree')!.scrollIntoView({ block: 'center' });
    const box = part(element, 'agree')!.getBoundingClientRect();
    await doubleClick([Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)]);
    await untilState(element, 'done');
    await settle(200);
    expect(outcomes(events)).to.deep.equal(['consent']);
    expect((await posts()).map((post) => post.status)).to.deep.equal([201]);
  });

  it('emits nothing when removed while storing, and sends the same JWS when agreed to again', async function () {
    this.timeout(12000);
    const { url, posts, heal } = faultyKit('hang-800');
    const { element, opened } = await storing(url, { challenge: await kitChallenge() });
    // On the element itself: a removed element's events no longer reach the document.
    const events: string[] = [];
    for (const type of ['consent', 'consent-error']) element.addEventListener(type, () => events.push(type));
    const parent = element.parentElement!;
    await clickPart(element, 'agree');
    await waitFor(async () => (await posts()).length === 1);
    element.remove();
    await waitFor(async () => (await posts())[0]?.status === 201, 5000);
    expect(events).to.deep.equal([]);
    expect(opened).to.deep.equal([]);
    await heal();
    parent.append(element);
    await untilState(element, 'ready');
    await clickPart(element, 'agree');
    await untilState(element, 'done');
    const sent = await posts();
    expect(sent.map((post) => post.status)).to.deep.equal([201, 200]);
    expect(sent[1]!.jws).to.equal(sent[0]!.jws);
    expect(events).to.deep.equal(['consent']);
    expect(await storedRows(sent[0]!.record)).to.equal(1);
  });
});

describe("consent-url: reading the server's answer", () => {
  const id = crypto.randomUUID();
  const read = (answer: unknown) => readStoredAnswer(JSON.stringify(answer), id);
  /** Members a server may add beside `id` and `reference`. */
  const extra = fc.dictionary(
    fc.string().filter((name) => !['id', 'reference', '__proto__'].includes(name)),
    fc.jsonValue(),
    { maxKeys: 4 },
  );

  it('takes { id } of this record, with a reference or none (null is none), whatever else it says', () => {
    fc.assert(
      fc.property(fc.stringMatching(kitReference), extra, (reference, more) => {
        expect(read({ ...more, id, reference })).to.deep.equal({ stored: true, reference });
        expect(read({ ...more, id })).to.deep.equal({ stored: true });
        expect(read({ ...more, id, reference: null })).to.deep.equal({ stored: true });
      }),
    );
  });

  it("takes another vendor's printable reference, up to 64 characters", () => {
    for (const reference of ['12345', 'A-1', 'Anfrage Nr. 42', '受付-0042', 'x'.repeat(64)]) {
      expect(read({ id, reference })).to.deep.equal({ stored: true, reference });
    }
  });

  it('refuses any answer that does not name this record', () => {
    fc.assert(fc.property(fc.jsonValue(), (answer) => !read(answer).stored));
    const otherIds = fc.oneof(fc.uuid(), fc.string(), fc.jsonValue(), fc.constant(id.toUpperCase()), fc.constant(` ${id}`)).filter((other) => other !== id);
    fc.assert(fc.property(otherIds, (other) => !read({ id: other, reference: 'ABCD-EFGH' }).stored));
  });

  it('refuses text that is not JSON, without throwing', () => {
    const notJson = fc.oneof(fc.string(), fc.constantFrom('', '{', '<html>Service Unavailable</html>', `{"id":"${id}"`, `{'id':'${id}'}`, `${id}`));
    const refused = (text: string) => {
      const answer = readStoredAnswer(text, id);
      return !answer.stored && answer.why.length < 300;
    };
    fc.assert(fc.property(notJson, refused));
    // Deeper than a recursive parser or serialiser goes: refused all the same, never a RangeError.
    expect(refused(`{"id":${'['.repeat(100_000)}${']'.repeat(100_000)}}`)).to.equal(true);
  });

  it('refuses a reference that is not short printable text', () => {
    const unprintable = fc.constantFrom('\u0000', '\u0007', '\t', '\n', '\u007f', '\u0085', '\u009f', '\u200b', '\u202e', '\u2066', '\ufeff', '\ud800', '\udfff');
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), unprintable, fc.string({ maxLength: 20 }), (before, bad, after) =>
        !read({ id, reference: `${before}${bad}${after}` }).stored,
      ),
    );
    fc.assert(fc.property(fc.stringMatching(/^[A-Z0-9]{65,200}$/), (reference) => !read({ id, reference }).stored));
    const notText = fc.oneof(fc.integer(), fc.double({ noDefaultInfinity: true, noNaN: true }), fc.boolean(), fc.array(fc.jsonValue()), fc.dictionary(fc.string(), fc.jsonValue()));
    fc.assert(fc.property(notText, (reference) => !read({ id, reference }).stored));
    for (const reference of ['', ' ', ' ABCD', 'ABCD ', '\u3000ABCD']) expect(read({ id, reference }).stored, JSON.stringify(reference)).to.equal(false);
  });
});
