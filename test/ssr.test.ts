import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import type { RemoteSupportConsent } from '../src/index.js';
import type { ConsentEventDetail } from '../src/events.js';

/** A server-rendered page in a frame; `scripts` adds the client script (hydration, then the element). */
async function ssrPage(attributes: Record<string, string>, scripts: boolean, page = 'ja', missing?: string) {
  const query = new URLSearchParams({
    attributes: JSON.stringify(attributes),
    page,
    ...(scripts ? { scripts: '1' } : {}),
    ...(missing ? { missing } : {}),
  });
  const frame = await fixture<HTMLIFrameElement>(html`<iframe style="width: 800px; height: 900px; border: 0"></iframe>`);
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = `/__ssr/page?${query}`;
  await loaded;
  const win = frame.contentWindow as Window & typeof globalThis;
  const element = win.document.querySelector('remote-support-consent') as RemoteSupportConsent;
  return { frame, win, element, root: element.shadowRoot! };
}

const text = (root: ParentNode, selector: string) => root.querySelector(selector)?.textContent?.trim() ?? null;

describe('server rendering (@lit-labs/ssr) and hydration', function () {
  // Each page is rendered by a Node process of its own, slow on a busy machine.
  this.timeout(30000);

  it('shows readable, styled terms before any script runs', async () => {
    const { win, element, root } = await ssrPage({ lang: 'ja', 'redirect-target': 'none' }, false);
    expect(win.customElements.get('remote-support-consent')).to.equal(undefined);
    expect(root, 'a declarative shadow root').to.exist;
    expect(text(root, '[part~="title"]')).to.equal('リモートコネクトサポート 同意確認書');
    expect(root.querySelectorAll('[part~="terms"] li').length).to.be.greaterThan(3);
    // The element's own style sheet came with it.
    expect(win.getComputedStyle(root.querySelector('[part~="terms"]')!).overflowY).to.equal('auto');
    expect(root.querySelector('[part~="agree"]'), 'no button that cannot work yet').to.equal(null);
    expect(element.getAttribute('state')).to.equal('loading');
  });

  it('hydrates the server-rendered terms in place, loads nothing for them, and takes a real click to consent', async () => {
    const { frame, win, element, root } = await ssrPage({ lang: 'ja', 'redirect-target': 'none' }, false);
    const serverTerms = root.querySelector('[part~="terms"]');
    const errors: string[] = [];
    win.addEventListener('error', (event) => errors.push(String(event.message)));
    win.addEventListener('unhandledrejection', (event) => errors.push(String(event.reason)));
    const before = win.performance.getEntriesByType('resource').length;
    // The client script comes after the page was read: as on a slow network.
    const script = win.document.createElement('script');
    script.type = 'module';
    script.src = '/test/ssr/client.ts';
    win.document.body.append(script);
    await waitUntil(() => element.state === 'ready', `state stayed ${element.state}`, { timeout: 6000 });
    await element.updateComplete;
    expect(errors).to.deep.equal([]);
    expect(root.querySelector('[part~="terms"]'), 'the same node: hydrated, not rendered again').to.equal(serverTerms);
    const requested = win.performance.getEntriesByType('resource').slice(before).map((entry) => new URL(entry.name).pathname);
    expect(requested.filter((path) => /__terms|\.json$|remote-connect-support\.[^/]*\.en/.test(path))).to.deep.equal([]);

    const consents: ConsentEventDetail[] = [];
    element.addEventListener('consent', (event) => consents.push(event.detail));
    const agree = root.querySelector<HTMLElement>('[part~="agree"]')!;
    agree.scrollIntoView({ block: 'center' });
    const outer = frame.getBoundingClientRect();
    const inner = agree.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(outer.x + inner.x + inner.width / 2), Math.round(outer.y + inner.y + inner.height / 2)] });
    await waitUntil(() => consents.length === 1, 'no consent', { timeout: 6000 });
    expect(element.state).to.equal('done');
    expect(consents[0]!.record.terms.locale).to.equal('ja');
    expect(consents[0]!.jws.split('.')).to.have.length(3);
  });

  it('keeps the server-rendered terms as text, and says why, when the language file does not load', async () => {
    const { win, element, root } = await ssrPage({ lang: 'ja', 'redirect-target': 'none' }, false, 'ja', 'ja');
    const failures: Array<{ code: string; message: string }> = [];
    element.addEventListener('consent-error', (event) => failures.push((event as CustomEvent).detail));
    const errors: string[] = [];
    win.addEventListener('error', (event) => errors.push(String(event.message)));
    win.addEventListener('unhandledrejection', (event) => errors.push(String(event.reason)));
    const script = win.document.createElement('script');
    script.type = 'module';
    script.src = '/test/ssr/client.ts';
    win.document.body.append(script);
    await waitUntil(() => failures.length > 0, 'no consent-error', { timeout: 6000 });
    expect(failures.map((failure) => failure.code)).to.deep.equal(['terms-fetch-failed']);
    // A network failure, which a reload may mend: not an unforeseen one that only support can.
    expect(failures[0]!.message).to.match(/did not load/).and.not.match(/unexpected/);
    // The customer: the terms still readable, the reason in the status, and no button that cannot work.
    expect(root.querySelectorAll('[part~="terms"] li').length).to.be.greaterThan(3);
    expect(text(root, '[part~="status"]')).to.equal('同意確認書を読み込めませんでした。通信環境をご確認のうえ、もう一度お試しください。');
    expect(root.querySelector('[part~="agree"]')).to.equal(null);
    expect(element.hasAttribute('defer-hydration'), 'not hydrated').to.equal(true);
    expect(errors).to.deep.equal([]);
  });

  it('hydrates in any case the server rendered: English, a vendor document, no lang of its own in an English page', async () => {
    const pages: Array<[Record<string, string>, string]> = [
      [{ lang: 'en' }, 'ja'],
      [{ lang: 'ja', 'terms-src': '/test/fixtures/vendor-terms.json' }, 'ja'],
      [{}, 'en'],
    ];
    for (const [attributes, page] of pages) {
      const { element, root, win } = await ssrPage({ ...attributes, 'redirect-target': 'none' }, true, page);
      const errors: string[] = [];
      win.addEventListener('error', (event) => errors.push(String(event.message)));
      win.addEventListener('unhandledrejection', (event) => errors.push(String(event.reason)));
      await waitUntil(() => element.state === 'ready', `${JSON.stringify(attributes)}: state stayed ${element.state}, defined ${!!win.customElements.get('remote-support-consent')}`, { timeout: 6000 });
      expect(root.querySelector('[part~="agree"]')).not.to.equal(null);
      expect(errors).to.deep.equal([]);
      // The page's language once hydrated: the server, which cannot see it, rendered the source language.
      if (page === 'en') await waitUntil(() => root.querySelector('[part~="agree"]')!.textContent!.trim() === 'I agree', 'still in Japanese');
    }
  });
});
