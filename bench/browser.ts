import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { chromiumArgs, chromiumPath } from '../scripts/browsers.mjs';
import { serveDist } from '../scripts/serve-dist.mjs';
import { median, pairedRatio, type Figure } from './stats.js';

/** A terms document of `count` clauses, each a plausible Japanese sentence. */
function bigDocument(count: number) {
  const clause = (i: number) => `第${i + 1}条 お客様は、リモートサポートの提供に必要な範囲で、弊社がお客様のパソコン画面を参照することに同意するものとします。`;
  return { id: 'bench', version: '1', locale: 'ja', title: 'ベンチマーク用の同意確認書', clauses: Array.from({ length: count }, (_, i) => clause(i)) };
}

/** A page of the CDN build: `body` after the module tag, in `lang`. */
const page = (lang: string, body = '') =>
  `<!doctype html><html lang="${lang}"><meta charset="utf-8"><body><div id="stage">${body}</div>
<script type="module" src="/cdn/remote-support-consent.js"></script></body></html>`;

const element = (attributes = '') => `<remote-support-consent redirect-target="none"${attributes}></remote-support-consent>`;

/** Bytes as `gzip -9` makes them (GNU gzip, as a CDN stores them; zlib's deflate differs by a percent or so either way). */
const gzipped = (path: string) => execFileSync('gzip', ['-9nc', join('dist', new URL(path).pathname)]).length;

/** Milliseconds from inserting the element to its terms on screen (laid out), `runs` times. */
async function insertToReady(tab: Page, src: string, runs: number): Promise<number[]> {
  return tab.evaluate(
    async (src, runs) => {
      const stage = document.querySelector('#stage')!;
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const element = document.createElement('remote-support-consent');
        element.setAttribute('redirect-target', 'none');
        if (src) element.setAttribute('terms-src', src);
        const shown = new Promise((resolve) => element.addEventListener('terms-loaded', resolve, { once: true }));
        const start = performance.now();
        stage.append(element);
        await shown;
        void (element as HTMLElement).offsetHeight;
        times.push(performance.now() - start);
        element.remove();
      }
      return times;
    },
    src,
    runs,
  );
}

/** Milliseconds to show the same text as static HTML (parsed and laid out), `runs` times. */
async function staticHtml(tab: Page, documentUrl: string, runs: number): Promise<number[]> {
  return tab.evaluate(
    async (documentUrl, runs) => {
      const terms = await (await fetch(documentUrl)).json();
      // No named helpers in here: the bundler would wrap them in a helper the page does not have.
      const [title, ...rest] = [terms.title, ...(terms.preamble ?? []), ...terms.clauses].map((text: string) =>
        text.replace(/&/g, '&amp;').replace(/</g, '&lt;'),
      );
      const preamble = rest.slice(0, (terms.preamble ?? []).length);
      const clauses = rest.slice(preamble.length);
      const markup = `<h2>${title}</h2><div style="max-height:24rem;overflow:auto">${preamble.map((p: string) => `<p>${p}</p>`).join('')}<ol>${clauses.map((c: string) => `<li>${c}</li>`).join('')}</ol></div><button>同意しない</button><button>同意する</button>`;
      const stage = document.querySelector('#stage')!;
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const host = document.createElement('div');
        const start = performance.now();
        host.innerHTML = markup;
        stage.append(host);
        void host.offsetHeight;
        times.push(performance.now() - start);
        host.remove();
      }
      return times;
    },
    documentUrl,
    runs,
  );
}

/** The gzip bytes of the scripts `path` loads until its element is ready, and their names. */
async function loadedUpToReady(browser: Browser, origin: string, path: string) {
  const tab = await browser.newPage();
  const loaded = new Set<string>();
  tab.on('response', (response) => response.url().endsWith('.js') && loaded.add(response.url()));
  await tab.goto(origin + path);
  await tab.waitForSelector('remote-support-consent[state="ready"]');
  const bytes = [...loaded].reduce((sum, url) => sum + gzipped(url), 0);
  return { tab, loaded, bytes };
}

/**
 * In headless Chromium, against the CDN build: what a page loads, how fast the terms show next to
 * static HTML of the same text (element and baseline alternate, one run each, so both meet the same
 * machine), and how fast a click becomes a signed consent.
 */
export async function browserFigures({ runs = 15 } = {}): Promise<Figure[]> {
  const { origin, close } = await serveDist({
    '/': ['text/html; charset=utf-8', page('ja')],
    '/ja.html': ['text/html; charset=utf-8', page('ja', element())],
    '/en.html': ['text/html; charset=utf-8', page('en', element())],
    '/reception.html': ['text/html; charset=utf-8', page('ja', element(' reception-hours="09:00-17:00"'))],
    '/sign-url.html': ['text/html; charset=utf-8', page('ja', element(' sign-url="/sign"'))],
    '/big.json': ['application/json', JSON.stringify(bigDocument(400))],
    '/ja.json': ['application/json', readFileSync('dist/terms/documents/remote-connect-support.2025-04-01.ja.json')],
  });
  const browser = await puppeteer.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });
  try {
    const ja = await loadedUpToReady(browser, origin, '/ja.html');
    // What agreeing adds, up to the consent event: the consent code, fetched at the first pointer over the buttons.
    const atReady = new Set(ja.loaded);
    const consented = ja.tab.evaluate(() => new Promise((resolve) => document.addEventListener('consent', resolve, { once: true })));
    await (await ja.tab.waitForSelector('remote-support-consent >>> [part~="agree"]'))!.click();
    await consented;
    const consentChunk = [...ja.loaded].filter((url) => !atReady.has(url)).reduce((sum, url) => sum + gzipped(url), 0);
    const en = await loadedUpToReady(browser, origin, '/en.html');
    const reception = await loadedUpToReady(browser, origin, '/reception.html');
    // With sign-url, the code that agreeing needs is all fetched at the first pointer over the buttons (no signing server here).
    const signing = await loadedUpToReady(browser, origin, '/sign-url.html');
    const signingAtReady = new Set(signing.loaded);
    await (await signing.tab.waitForSelector('remote-support-consent >>> [part~="agree"]'))!.hover();
    await signing.tab.waitForNetworkIdle({ idleTime: 300 });
    const signingCode = [...signing.loaded].filter((url) => !signingAtReady.has(url)).reduce((sum, url) => sum + gzipped(url), 0);
    await Promise.all([ja.tab.close(), en.tab.close(), reception.tab.close(), signing.tab.close()]);

    const tab = await browser.newPage();
    await tab.goto(origin);
    await tab.evaluate(() => customElements.whenDefined('remote-support-consent'));
    // Warm: the chunks are loaded, as on every insertion after the first.
    await insertToReady(tab, '', 1);
    await insertToReady(tab, `${origin}/big.json`, 1);
    const [builtIn, builtInStatic, big, bigStatic]: number[][] = [[], [], [], []];
    for (let i = 0; i < runs; i++) {
      builtIn.push(...(await insertToReady(tab, '', 1)));
      builtInStatic.push(...(await staticHtml(tab, `${origin}/ja.json`, 1)));
      big.push(...(await insertToReady(tab, `${origin}/big.json`, 1)));
      bigStatic.push(...(await staticHtml(tab, `${origin}/big.json`, 1)));
    }

    // Click to consent, with the key stored (this profile made it on the first consent).
    const clickToConsent: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
      await tab.evaluate(() => {
        const stage = document.querySelector('#stage')!;
        stage.replaceChildren();
        const element = document.createElement('remote-support-consent');
        element.setAttribute('redirect-target', 'none');
        stage.append(element);
        return new Promise((resolve) => element.addEventListener('terms-loaded', resolve, { once: true }));
      });
      const agree = await tab.waitForSelector('remote-support-consent >>> [part~="agree"]');
      await agree!.hover();
      await new Promise((resolve) => setTimeout(resolve, 50));
      const timing = tab.evaluate(
        () =>
          new Promise<number>((resolve) => {
            let start = 0;
            const element = document.querySelector('remote-support-consent')!;
            // From the click reaching the element (the harness's own latency before it is not the element's).
            element.addEventListener('click', () => (start = performance.now()), { once: true, capture: true });
            element.addEventListener('consent', () => resolve(performance.now() - start), { once: true });
          }),
      );
      await agree!.click();
      const ms = await timing;
      if (i > 0) clickToConsent.push(ms);
    }

    const kb = (bytes: number) => bytes / 1024;
    return [
      { name: 'CDN page, built-in Japanese terms, up to ready', value: kb(ja.bytes), unit: 'KB gzip' },
      { name: '  + what agreeing loads, up to the consent event', value: kb(consentChunk), unit: 'KB gzip' },
      { name: '  the whole consent, ja', value: kb(ja.bytes + consentChunk), unit: 'KB gzip', target: '≤ 20 KB, a ceiling' },
      // The consent code is the same chunk in either language, with or without the notice.
      { name: 'the same page in English, up to ready', value: kb(en.bytes), unit: 'KB gzip' },
      { name: '  the whole consent, en', value: kb(en.bytes + consentChunk), unit: 'KB gzip', target: '≤ 20 KB, a ceiling' },
      { name: 'the Japanese page with reception-hours, up to ready', value: kb(reception.bytes), unit: 'KB gzip' },
      { name: '  the whole consent, with reception-hours', value: kb(reception.bytes + consentChunk), unit: 'KB gzip' },
      { name: 'the whole consent, ja, with sign-url', value: kb(signing.bytes + signingCode), unit: 'KB gzip' },
      { name: 'insert → ready, built-in terms (warm)', value: median(builtIn), unit: 'ms' },
      { name: 'the same terms as static HTML (baseline)', value: median(builtInStatic), unit: 'ms' },
      { name: 'element ÷ static HTML, built-in terms', value: pairedRatio(builtIn, builtInStatic), unit: '×' },
      { name: 'insert → ready, 400 clauses via terms-src', value: median(big), unit: 'ms' },
      { name: 'the same 400 clauses as static HTML (baseline)', value: median(bigStatic), unit: 'ms' },
      { name: 'element ÷ static HTML, 400 clauses', value: pairedRatio(big, bigStatic), unit: '×', target: '≤ 2×' },
      { name: 'agree click → consent event (stored key)', value: median(clickToConsent), unit: 'ms', target: '≤ 50 ms' },
    ];
  } finally {
    await browser.close();
    close();
  }
}
