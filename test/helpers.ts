import { aTimeout, fixture, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendMouse } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import '../src/index.js';
import type { RemoteSupportConsent } from '../src/index.js';
import type { ConsentStateName } from '../src/element.js';

/** Renders the element and waits until it has left `loading`. */
export async function settled(template: TemplateResult): Promise<RemoteSupportConsent> {
  const element = await fixture<RemoteSupportConsent>(template);
  await untilState(element, (state) => state !== 'loading');
  return element;
}

export async function untilState(
  element: RemoteSupportConsent,
  accept: ConsentStateName | ((state: ConsentStateName) => boolean),
): Promise<void> {
  const test = typeof accept === 'string' ? (state: ConsentStateName) => state === accept : accept;
  await waitUntil(() => test(element.state), `state stayed ${element.state}`, { timeout: 4000 });
  await element.updateComplete;
}

export const part = (element: Element, name: string): HTMLElement | null =>
  element.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

/** The engine under test: some test tools (CDP, Puppeteer's page) exist in some engines only. */
export const engine: 'chromium' | 'firefox' | 'webkit' = /Firefox\//.test(navigator.userAgent)
  ? 'firefox'
  : /Chrome\//.test(navigator.userAgent)
    ? 'chromium'
    : 'webkit';

let lastClick = { x: -1, y: -1, at: 0 };

/**
 * A real (trusted) mouse click in the middle of a part. Two clicks on one spot
 * in quick succession are a double click to some engines (the second with
 * `detail` 2, which agree rightly ignores), so a click on the spot of the last
 * waits out the double-click interval.
 */
export async function clickPart(element: Element, name: string): Promise<void> {
  const target = part(element, name);
  if (!target) throw new Error(`no part ${name}`);
  target.scrollIntoView({ block: 'center' });
  const box = target.getBoundingClientRect();
  const [x, y] = [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)];
  const since = Date.now() - lastClick.at;
  if (Math.abs(x - lastClick.x) < 8 && Math.abs(y - lastClick.y) < 8 && since < 800) {
    await settle(800 - since);
  }
  await sendMouse({ type: 'click', position: [x, y] });
  lastClick = { x, y, at: Date.now() };
}

/** What a helper set up for one test, undone after it. */
const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((undo) => undo()));

/**
 * Every event of the given types that reaches the document during this test,
 * in order. Listening on the document (the events bubble and are composed)
 * catches even those fired before a fixture is returned.
 */
export function record(...types: string[]): CustomEvent[] {
  const seen: CustomEvent[] = [];
  const listener = (event: Event) => seen.push(event as CustomEvent);
  for (const type of types) {
    document.addEventListener(type, listener);
    cleanups.push(() => document.removeEventListener(type, listener));
  }
  return seen;
}

/** The shown clauses; none while no terms are shown (a test polling through a reload asks then too). */
export const clauseTexts = (element: Element): string[] =>
  [...(part(element, 'terms')?.querySelectorAll('li') ?? [])].map((li) => li.textContent!.trim());

/** A real double click: two clicks at one spot, the second with `detail` 2. */
export async function doubleClick(position: [number, number]): Promise<void> {
  await executeServerCommand('double-click', { position });
}

/** Emulates media features the stock commands lack (forced-colors); an empty list resets them. */
export async function mediaFeatures(features: Array<{ name: string; value: string }>): Promise<void> {
  await executeServerCommand('media-features', { features });
}

/** Live DOM nodes after a garbage collection (Chromium, through CDP); undefined in other engines. */
export async function domNodes(): Promise<number | undefined> {
  return engine === 'chromium' ? ((await executeServerCommand('dom-nodes')) as number) : undefined;
}

/** Lets `ms` pass: for what a test expects not to happen (no event, no navigation) within it. */
export const settle = (ms = 300) => aTimeout(ms);

/** Polls `test` (which may ask the server) until it holds, or fails after `timeout` ms. */
export const waitFor = (test: () => boolean | Promise<boolean>, timeout = 4000): Promise<void> =>
  waitUntil(test, 'the condition never held', { timeout, interval: 20 });

/** A real click on a part of an element inside a frame. */
export async function clickInFrame(frame: HTMLIFrameElement, element: Element, name: string): Promise<void> {
  frame.scrollIntoView();
  const target = part(element, name)!;
  target.scrollIntoView({ block: 'center' });
  const outer = frame.getBoundingClientRect();
  const inner = target.getBoundingClientRect();
  await sendMouse({
    type: 'click',
    position: [Math.round(outer.x + inner.x + inner.width / 2), Math.round(outer.y + inner.y + inner.height / 2)],
  });
}

/** Messages posted to this page (by framed pages) during this test, in order. */
export function messages(): Array<Record<string, unknown>> {
  const seen: Array<Record<string, unknown>> = [];
  const listener = (event: MessageEvent) => seen.push(event.data);
  addEventListener('message', listener);
  cleanups.push(() => removeEventListener('message', listener));
  return seen;
}

/** Spies on window.open for this test: the calls are recorded, nothing opens. */
export function spyOnOpen(): unknown[][] {
  const calls: unknown[][] = [];
  const original = window.open;
  window.open = (...args: unknown[]) => (calls.push(args), null);
  cleanups.push(() => (window.open = original));
  return calls;
}

/** Spies on console.warn for this test: the calls are recorded, nothing is printed. */
export function spyOnWarn(): unknown[][] {
  const calls: unknown[][] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => void calls.push(args);
  cleanups.push(() => (console.warn = original));
  return calls;
}

/** Loads `src` in a fresh frame (a new page, same profile) and resolves to the first message it posts to this page. */
export async function frameReport<T>(src: string, timeout = 6000): Promise<T> {
  const frame = document.createElement('iframe');
  let listener = (_event: MessageEvent<T>) => {};
  let timer: ReturnType<typeof setTimeout> | undefined;
  const report = new Promise<MessageEvent<T>>((resolve, reject) => {
    listener = (event) => event.source === frame.contentWindow && resolve(event);
    window.addEventListener('message', listener);
    timer = setTimeout(() => reject(new Error(`${src} posted nothing within ${timeout} ms`)), timeout);
  });
  frame.src = src;
  document.body.append(frame);
  try {
    return (await report).data;
  } finally {
    clearTimeout(timer);
    window.removeEventListener('message', listener);
    frame.remove();
  }
}

/** The bearer token of the consent server kit mounted at /kit/ (test/server/consent-kit.mjs). */
export const operatorToken = 'operator-token-for-browser-tests';

/** A challenge from the kit, as a host page fetches one for each visit. */
export async function kitChallenge(): Promise<string> {
  const { challenge } = (await (await fetch('/kit/challenge')).json()) as { challenge: string };
  return challenge;
}

/** One POST that reached a faulty consent URL: the consent it carried, and what came of it. */
export interface KitPost {
  jws: string;
  record: { id: string; nonce?: string; terms: { locale: string } };
  /** The fault that struck this POST, or `none`. */
  fault: string;
  /** What the client was answered (or, `delivered` false, what the kit answered before the connection was dropped). */
  status: number;
  answer: { id?: string; reference?: string; code?: string };
  delivered?: boolean;
}

/**
 * A consent URL on the kit behind `fault` (see test/server/consent-kit.mjs), which strikes every
 * POST until healed; the POSTs it has received so far; and the heal.
 */
export function faultyKit(fault: string): { url: string; posts: () => Promise<KitPost[]>; heal: () => Promise<unknown> } {
  const key = Math.random().toString(36).slice(2);
  return {
    url: `/kit/fault/${fault}/${key}/consent`,
    posts: () => executeServerCommand('consent-kit', { posts: key }) as Promise<KitPost[]>,
    heal: () => executeServerCommand('consent-kit', { heal: key }),
  };
}

/** How many rows the kit's database holds with this record's id or nonce. */
export const storedRows = ({ id, nonce }: { id: string; nonce?: string }): Promise<number> =>
  executeServerCommand('consent-kit', { rows: { id, nonce } }) as Promise<number>;

let nowhereCount = 0;
let nowhereKey: string | undefined;

/**
 * A same-origin URL whose navigation goes nowhere (the server answers 204), so a test can see
 * the element in `redirecting`. While that navigation is pending, WebKit fails the page's own
 * fetches with "Load failed"; call {@link navigationOver} after the test before fetching again.
 */
export function nowhere(): string {
  nowhereKey = `n${++nowhereCount}`;
  return `${location.origin}/__terms/nocontent/${nowhereKey}`;
}

/** Waits until the last {@link nowhere} navigation reached the server, and its 204 was taken. */
export async function navigationOver(): Promise<void> {
  const key = nowhereKey;
  if (!key) return;
  nowhereKey = undefined;
  await waitUntil(
    async () => {
      try {
        return (await (await fetch(`/__terms/asked/${key}`)).text()) === 'yes';
      } catch {
        return false; // this very fetch was cancelled by the pending navigation
      }
    },
    'the navigation never reached the server',
    { timeout: 4000, interval: 50 },
  );
  await aTimeout(100);
}
