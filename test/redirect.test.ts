import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ConsentError } from '../src/errors.js';
import type { ConsentEventDetail } from '../src/events.js';
import type { RemoteSupportConsent } from '../src/index.js';
import { checkRedirect } from '../src/redirect.js';
import { clickInFrame, clickPart, engine, part, record, settle, settled, spyOnOpen, untilState, waitFor } from './helpers.js';
import { defaultAllowed, redirectCases } from './vectors.js';

// The test page is on localhost; 127.0.0.1 on the same port is a second origin on the same server.
const here = location.origin;
const elsewhere = `http://127.0.0.1:${location.port}`;
const provider = (origin: string, query = '') => `${origin}/test/fixtures/provider.html${query}`;

/** Messages from framed pages, in order, for this test. */
function messages(): Array<Record<string, unknown>> {
  const seen: Array<Record<string, unknown>> = [];
  const listener = (event: MessageEvent) => seen.push(event.data);
  addEventListener('message', listener);
  afterEach(() => removeEventListener('message', listener));
  return seen;
}

describe('the open-redirect rule', () => {
  for (const { name, url, allowed = defaultAllowed, expect: expected } of redirectCases) {
    it(`${expected ? 'accepts' : 'refuses'} ${name}`, () => {
      if (expected) return expect(checkRedirect(url, allowed)).to.equal(expected);
      expect(() => checkRedirect(url, allowed)).to.throw(ConsentError).with.property('code', 'redirect-not-allowed');
    });
  }
});

describe('<remote-support-consent> refuses a redirect it must not make', () => {
  // Every vector runs through the rule above in each engine (URL parsers differ); a few, one of each
  // kind of refusal, also through a whole element: the element asks the same rule.
  const mounted = ['a script URL', 'plain http', 'the allowed name as a subdomain of another', 'the allowed name as user info', 'a Cyrillic look-alike (IDN)', 'a protocol-relative URL'];
  const mountedCases = redirectCases.filter((c) => !c.expect && mounted.includes(c.name));
  it('mounts one refused vector of each kind', () => expect(mountedCases.map((c) => c.name)).to.have.members(mounted));
  for (const { name, url, allowed = defaultAllowed } of mountedCases) {
    it(`before the customer can agree: ${name}`, async () => {
      const events = record('consent-error');
      const element = await settled(html`<remote-support-consent redirect-url=${url} allowed-origins=${allowed}></remote-support-consent>`);
      expect(element.state).to.equal('error');
      expect(events.map((event) => event.detail.code)).to.deep.equal(['redirect-not-allowed']);
      expect(part(element, 'agree')).to.equal(null);
      expect(part(element, 'terms')).to.equal(null);
      expect(part(element, 'redirect-link')).to.equal(null);
    });
  }

  it('needs a redirect-url unless redirect-target is none', async () => {
    const events = record('consent-error');
    const element = await settled(html`<remote-support-consent></remote-support-consent>`);
    expect(events.map((event) => event.detail.code)).to.deep.equal(['redirect-not-configured']);
    // The error is known before the language file arrives; its words come with it.
    await waitUntil(() => part(element, 'status')!.textContent!.includes('接続先が設定されていない'), 'no words for the error');
    element.redirectTarget = 'none';
    await untilState(element, 'ready');
  });

  it('refuses an unknown redirect-target rather than guess', async () => {
    const events = record('consent-error');
    const element = await settled(html`<remote-support-consent redirect-url="https://optim.co.jp/" redirect-target="_top"></remote-support-consent>`);
    expect(element.state).to.equal('error');
    expect(events.map((event) => event.detail.code)).to.deep.equal(['redirect-not-configured']);
  });

  it('recovers when the integrator fixes the URL', async () => {
    const element = await settled(html`<remote-support-consent redirect-url="https://evil.example/"></remote-support-consent>`);
    expect(element.state).to.equal('error');
    element.redirectUrl = 'https://connect.optim.co.jp/start';
    await untilState(element, 'ready');
  });
});

describe('<remote-support-consent> hands over to the external site', () => {
  it('navigates this tab (_self) once, to the URL in the record', async function () {
    const seen = messages();
    const frame = await fixture<HTMLIFrameElement>(html`<iframe style="width: 800px; height: 900px; border: 0"></iframe>`);
    const target = provider(elsewhere, '?vendor=42');
    frame.src = `/test/fixtures/portal.html?${new URLSearchParams({ 'redirect-url': target, 'allowed-origins': elsewhere })}`;
    const element = await inFrame(frame);
    await clickInFrame(frame, element, 'agree');
    await waitFor(() => seen.some((message) => message.from === 'provider'));
    await settle();
    const consent = seen.find((message) => message.type === 'consent')!.detail as ConsentEventDetail;
    const arrivals = seen.filter((message) => message.from === 'provider');
    expect(arrivals).to.have.length(1);
    expect(arrivals[0]!.href).to.equal(target);
    expect(consent.record.redirect).to.equal(target);
  });

  it('continues through proceed() after the host cancelled the event', async () => {
    const seen = messages();
    const frame = await fixture<HTMLIFrameElement>(html`<iframe style="width: 800px; height: 900px; border: 0"></iframe>`);
    const target = provider(elsewhere);
    frame.src = `/test/fixtures/portal.html?${new URLSearchParams({ 'redirect-url': target, 'allowed-origins': elsewhere, cancel: '1' })}`;
    const element = await inFrame(frame);
    await clickInFrame(frame, element, 'agree');
    await waitFor(() => seen.some((message) => message.from === 'provider'));
    await settle();
    expect(seen.map((message) => message.type ?? message.from)).to.deep.equal(['consent', 'proceed', 'provider']);
    expect(seen[1]!.detail).to.equal(true);
    expect(seen[2]!.href).to.equal(target);
  });

  it('opens a new tab (_blank) with no opener', async function () {
    // MiniBrowser under WebDriver opens no second window to report back from.
    if (engine === 'webkit') this.skip();
    const channel = new BroadcastChannel('provider');
    const arrived = new Promise<Record<string, unknown>>((resolve) => (channel.onmessage = (event) => resolve(event.data)));
    const target = provider(here, '?close');
    const element = await settled(html`<remote-support-consent redirect-url=${target} allowed-origins=${here} redirect-target="_blank"></remote-support-consent>`);
    await clickPart(element, 'agree');
    const report = await arrived;
    channel.close();
    expect(report).to.deep.equal({ from: 'provider', href: target, hasOpener: false });
    await untilState(element, 'done');
    expect(part(element, 'status')!.textContent).to.contain('新しいタブで開きました');
    const link = part(element, 'redirect-link') as HTMLAnchorElement;
    expect(link.href).to.equal(target);
    expect(link.target).to.equal('_blank');
    expect(link.rel).to.equal('noopener');
  });

  it('shows the link and says why when the new tab would be blocked', async function () {
    this.timeout(12000);
    const opened = spyOnOpen();
    const target = provider(here);
    // The signature takes longer than the click's activation lasts (5 s), so a popup blocker would refuse.
    const element = await settled(html`<remote-support-consent redirect-url=${target} allowed-origins=${here} redirect-target="_blank" sign-url="/__sign/slow/5500" timeout="9000"></remote-support-consent>`);
    await clickPart(element, 'agree');
    await waitFor(() => element.state === 'done', 9000);
    expect(opened).to.have.length(0);
    expect(part(element, 'status')!.textContent).to.contain('新しいタブを開くのを止めた');
    expect((part(element, 'redirect-link') as HTMLAnchorElement).href).to.equal(target);
  });

  it('does not navigate when the host cancels, and proceed() hands over once', async () => {
    const opened = spyOnOpen();
    const target = provider(here);
    const element = await settled(html`<remote-support-consent redirect-url=${target} allowed-origins=${here} redirect-target="_blank" @consent=${(event: Event) => event.preventDefault()}></remote-support-consent>`);
    expect(element.proceed(), 'nothing to proceed to before consent').to.equal(false);
    await clickPart(element, 'agree');
    await untilState(element, 'done');
    await settle(100);
    expect(opened).to.have.length(0);
    expect(part(element, 'redirect-link')).to.equal(null);
    expect(element.proceed()).to.equal(true);
    expect(element.proceed()).to.equal(false);
    expect(opened).to.deep.equal([[target, '_blank', 'noopener']]);
  });

  it('re-checks the URL when proceed() is called', async () => {
    const opened = spyOnOpen();
    const events = record('consent-error');
    const element = await settled(html`<remote-support-consent redirect-url="https://connect.optim.co.jp/" redirect-target="_blank" @consent=${(event: Event) => event.preventDefault()}></remote-support-consent>`);
    await clickPart(element, 'agree');
    await untilState(element, 'done');
    element.allowedOrigins = 'https://other.example';
    expect(element.proceed()).to.equal(false);
    expect(opened).to.have.length(0);
    expect(events.map((event) => event.detail.code)).to.deep.equal(['redirect-not-allowed']);
  });

  it('never navigates with redirect-target none, and still records the URL', async () => {
    const opened = spyOnOpen();
    const events = record('consent');
    const element = await settled(html`<remote-support-consent redirect-url="https://connect.optim.co.jp/x" redirect-target="none"></remote-support-consent>`);
    await clickPart(element, 'agree');
    await untilState(element, 'done');
    expect(events[0]!.detail.record.redirect).to.equal('https://connect.optim.co.jp/x');
    expect(element.proceed()).to.equal(false);
    expect(opened).to.have.length(0);
  });
});

describe('<remote-support-consent> after the back button', () => {
  it('says so when the page starts afresh rather than from the back/forward cache', async () => {
    const original = performance.getEntriesByType;
    performance.getEntriesByType = ((type: string) =>
      type === 'navigation' ? [{ type: 'back_forward' }] : original.call(performance, type)) as typeof original;
    try {
      const element = await settled(html`<remote-support-consent redirect-target="none"></remote-support-consent>`);
      expect(part(element, 'status')!.textContent).to.contain('「戻る」でこのページを開き直しました');
    } finally {
      performance.getEntriesByType = original;
    }
    const fresh = await settled(html`<remote-support-consent redirect-target="none"></remote-support-consent>`);
    expect(part(fresh, 'status')!.textContent).to.equal('');
  });
});

/** The element inside a framed portal page, once it is ready. */
async function inFrame(frame: HTMLIFrameElement): Promise<RemoteSupportConsent> {
  await waitFor(() => frame.contentDocument?.querySelector('remote-support-consent')?.getAttribute('state') === 'ready');
  return frame.contentDocument!.querySelector('remote-support-consent')!;
}
