import { expect, fixture, html } from '@open-wc/testing';
import type { RemoteSupportConsent } from '../src/index.js';
import { clickInFrame, clickPart, domNodes, part, record, settle, settled, untilState, waitFor } from './helpers.js';

describe('a strict Content Security Policy with Trusted Types', () => {
  it('runs the whole flow with no violation', async () => {
    const seen: Array<{ type: string; detail: unknown }> = [];
    const listener = (event: MessageEvent) => event.data?.from === 'csp' && seen.push(event.data);
    addEventListener('message', listener);
    try {
      const frame = await fixture<HTMLIFrameElement>(html`<iframe src="/test/fixtures/csp.html" style="width: 800px; height: 900px; border: 0"></iframe>`);
      await waitFor(() => seen.some((message) => message.type === 'terms-loaded'));
      const element = frame.contentDocument!.querySelector('remote-support-consent')!;
      expect(element.state).to.equal('ready');
      await clickInFrame(frame, element, 'agree');
      await waitFor(() => seen.some((message) => message.type === 'consent'));
      await settle(100);
      // The page provokes one violation of its own first, which proves the policy is in force.
      expect(seen.map((message) => message.type)).to.deep.equal(['violation', 'terms-loaded', 'consent']);
      expect(seen[0]!.detail).to.match(/^style-src/);
    } finally {
      removeEventListener('message', listener);
    }
  });
});

describe('lifecycle', () => {
  it('leaves no timers or window listeners behind after 1,000 mounts and removals', async function () {
    this.timeout(30000);
    const timers = new Set<unknown>();
    const frames = new Set<number>();
    const listeners = new Map<string, number>();
    let observing = 0;
    const Observer = window.MutationObserver;
    window.MutationObserver = class extends Observer {
      #on = false;
      override observe(...args: Parameters<MutationObserver['observe']>) {
        if (!this.#on) observing++;
        this.#on = true;
        super.observe(...args);
      }
      override disconnect() {
        if (this.#on) observing--;
        this.#on = false;
        super.disconnect();
      }
    };
    const nodesBefore = await domNodes();
    const { setTimeout: set, clearTimeout: clear, addEventListener: add, removeEventListener: remove } = window;
    const { requestAnimationFrame: request, cancelAnimationFrame: cancel } = window;
    window.requestAnimationFrame = (callback) => {
      const id = request((time) => (frames.delete(id), callback(time)));
      frames.add(id);
      return id;
    };
    window.cancelAnimationFrame = (id) => (frames.delete(id), cancel(id));
    window.setTimeout = ((handler: () => void, ms?: number) => {
      const id = set(() => (timers.delete(id), handler()), ms);
      timers.add(id);
      return id;
    }) as typeof window.setTimeout;
    window.clearTimeout = ((id: number) => (timers.delete(id), clear(id))) as typeof window.clearTimeout;
    window.addEventListener = ((type: string, ...rest: unknown[]) => (listeners.set(type, (listeners.get(type) ?? 0) + 1), (add as Function).call(window, type, ...rest))) as typeof window.addEventListener;
    window.removeEventListener = ((type: string, ...rest: unknown[]) => (listeners.set(type, (listeners.get(type) ?? 0) - 1), (remove as Function).call(window, type, ...rest))) as typeof window.removeEventListener;
    try {
      const host = await fixture(html`<div></div>`);
      for (let i = 0; i < 1000; i++) {
        const element = document.createElement('remote-support-consent');
        element.redirectTarget = 'none';
        host.append(element);
        // Every tenth waits for the terms (by event: the test's own polling would leave timers), so
        // shown and half-loaded elements are both removed.
        if (i % 10 === 0) await new Promise((resolve) => element.addEventListener('terms-loaded', resolve, { once: true }));
        element.remove();
      }
      // Right away: a frame a removed element still waits for would run its work later, in a background tab up to a second later.
      expect(frames.size, 'animation frames still requested').to.equal(0);
      await settle(100);
      expect(timers.size, 'timers still pending').to.equal(0);
      expect([...listeners].filter(([, count]) => count !== 0), 'window listeners left').to.deep.equal([]);
      expect(observing, 'mutation observers still observing').to.equal(0);
      const nodesAfter = await domNodes();
      // 1,000 elements of some hundred nodes each: a leak would show in the hundreds of thousands.
      if (nodesBefore !== undefined) expect(nodesAfter! - nodesBefore, 'DOM nodes kept alive').to.be.below(2000);
    } finally {
      Object.assign(window, {
        setTimeout: set,
        clearTimeout: clear,
        addEventListener: add,
        removeEventListener: remove,
        requestAnimationFrame: request,
        cancelAnimationFrame: cancel,
        MutationObserver: Observer,
      });
    }
  });

  it('loads nothing when removed before its first update, and loads once inserted again', async () => {
    const host = await fixture(html`<div></div>`);
    const element = document.createElement('remote-support-consent');
    element.redirectTarget = 'none';
    const events: string[] = [];
    for (const type of ['terms-loaded', 'consent-error']) element.addEventListener(type, () => events.push(type));
    // As a framework that mounts and unmounts in one task: Lit's first update still comes, after the removal.
    host.append(element);
    element.remove();
    await settle(300);
    expect(events).to.deep.equal([]);
    expect(element.state).to.equal('loading');
    host.append(element);
    await untilState(element, 'ready');
    expect(events).to.deep.equal(['terms-loaded']);
  });

  it('emits nothing when removed while the terms are on their way', async () => {
    const element = await fixture<RemoteSupportConsent>(html`<remote-support-consent redirect-target="none" terms-src="/__terms/slow/300"></remote-support-consent>`);
    // On the element itself: a removed element's events no longer reach the document.
    const events: string[] = [];
    for (const type of ['terms-loaded', 'consent-error', 'consent']) element.addEventListener(type, () => events.push(type));
    element.remove();
    await settle(500);
    expect(events).to.deep.equal([]);
    expect(element.state).to.equal('loading');
  });
});

describe('odd input', () => {
  const huge = 'x'.repeat(100_000);

  it('ends in a defined state with 100 KB attribute values', async () => {
    const events = record('consent-error');
    const element = await settled(
      html`<remote-support-consent redirect-url="https://connect.optim.co.jp/${huge}" challenge=${huge} subject=${huge} terms-version=${huge}></remote-support-consent>`,
    );
    expect(element.state).to.equal('error');
    expect(events.map((event) => event.detail.code)).to.deep.equal(['terms-version-unknown']);
    element.termsVersion = '';
    await untilState(element, 'ready');
  });

  it('signs odd Unicode in challenge and subject as it was given', async () => {
    const events = record('consent');
    const odd = 'a\u202Eb\u200Bc\uFEFF😀 ';
    const element = await settled(html`<remote-support-consent redirect-target="none" challenge=${odd} subject=${odd}></remote-support-consent>`);
    await clickPart(element, 'agree');
    await untilState(element, 'done');
    expect(events[0]!.detail.record.subject).to.equal(odd);
    expect(events[0]!.detail.record.nonce).to.equal(odd);
  });

  for (const [name, odd] of [['a control character', 'a\u0000b'], ['a lone surrogate', 'a\ud800b'], ['more than 256 characters', 'x'.repeat(257)]]) {
    it(`signs nothing a server would refuse: a subject with ${name}`, async () => {
      const consents = record('consent');
      const errors = record('consent-error');
      const element = await settled(html`<remote-support-consent redirect-target="none" subject=${odd}></remote-support-consent>`);
      await clickPart(element, 'agree');
      await waitFor(() => errors.length > 0);
      expect(errors[0]!.detail.code).to.equal('sign-failed');
      expect(errors[0]!.detail.message).to.contain('subject');
      await untilState(element, 'ready');
      expect(consents).to.have.length(0);
    });
  }

  it('settles on the last of many attribute changes made while loading', async () => {
    const events = record('terms-loaded');
    const element = await fixture<RemoteSupportConsent>(html`<remote-support-consent redirect-target="none"></remote-support-consent>`);
    for (let i = 0; i < 200; i++) {
      element.termsSrc = i % 3 === 0 ? '/__terms/slow/200' : i % 3 === 1 ? '/test/fixtures/broken.json' : '';
      element.lang = i % 2 ? 'en' : 'ja';
      element.termsVersion = i % 5 === 0 ? 'nope' : '';
      if (i % 20 === 0) await settle(1);
    }
    element.termsSrc = '/test/fixtures/vendor-terms.json';
    element.termsVersion = '';
    await untilState(element, 'ready');
    await settle(400);
    expect(element.state).to.equal('ready');
    expect(events.at(-1)!.detail.terms.id).to.equal('acme-remote-support');
    expect(part(element, 'terms')!.textContent).to.contain('We only connect with your consent.');
  });
});

describe('a failure nobody foresaw', () => {
  it('is terms-fetch-failed sending the customer to support, with no retry, never terms-invalid', async () => {
    const events = record('consent-error');
    // As where the browser lacked an API the digest needs.
    Object.defineProperty(crypto.subtle, 'digest', { configurable: true, value: () => Promise.reject(new TypeError('digest is not available')) });
    try {
      const element = await settled(html`<remote-support-consent redirect-target="none" lang="ja"></remote-support-consent>`);
      expect(element.state).to.equal('error');
      expect(events.map((event) => [event.detail.code, event.detail.message])).to.deep.equal([
        ['terms-fetch-failed', 'unexpected failure: TypeError: digest is not available'],
      ]);
      await waitFor(() => part(element, 'status')!.textContent!.includes('サポート窓口にお問い合わせください'));
      expect(part(element, 'retry')).to.equal(null);
    } finally {
      delete (crypto.subtle as { digest?: unknown }).digest;
    }
  });
});
