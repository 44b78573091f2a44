import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import puppeteer, { type Page } from 'puppeteer-core';
import { chromiumArgs, chromiumPath } from '../scripts/browsers.mjs';
import { serveDist } from '../scripts/serve-dist.mjs';
import { median, type Figure } from './stats.js';

/** A terms document of `count` clauses, each a plausible Japanese sentence. */
function bigDocument(count: number) {
  const clause = (i: number) => `第${i + 1}条 お客様は、リモートサポートの提供に必要な範囲で、弊社がお客様のパソコン画面を参照することに同意するものとします。`;
  return { id: 'bench', version: '1', locale: 'ja', title: 'ベンチマーク用の同意確認書', clauses: Array.from({ length: count }, (_, i) => clause(i)) };
}

const page = `<!doctype html><html lang="ja"><meta charset="utf-8"><body><div id="stage"></div>
<script type="module" src="/cdn/remote-support-consent.js"></script></body></html>`;

const gzipped = (path: string) => gzipSync(readFileSync(join('dist', new URL(path).pathname)), { level: 9 }).length;

/** Milliseconds from inserting the element to its terms on screen (laid out), `runs` times. */
async function insertToReady(tab: Page, src: string, runs: number): Promise<number[]> {
  return tab.evaluate(
    async (src, runs) => {
      const stage = document.querySelector('#stage')!;
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const element = document.createElement('remote-support-consent');
        element.setAttribute('redirect-target', 'none');
        element.setAttribute('reception-hours', 'none');
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

/**
 * In headless Chromium, against the CDN build: what the page loads, how fast the terms show
 * next to static HTML of the same text, and how fast a click becomes a signed consent.
 */
export async function browserFigures({ runs = 15 } = {}): Promise<Figure[]> {
  const { origin, close } = await serveDist({
    '/': ['text/html; charset=utf-8', page],
    '/big.json': ['application/json', JSON.stringify(bigDocument(400))],
    '/ja.json': ['application/json', readFileSync('dist/terms/documents/remote-connect-support.2025-04-01.ja.json')],
  });
  const browser = await puppeteer.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });
  try {
    const tab = await browser.newPage();
    const loaded: string[] = [];
    tab.on('response', (response) => response.url().endsWith('.js') && loaded.push(response.url()));
    await tab.goto(origin);
    await tab.evaluate(() => customElements.whenDefined('remote-support-consent'));
    await insertToReady(tab, '', 1);
    const atReadyUrls = new Set(loaded);
    const atReady = [...atReadyUrls].reduce((sum, url) => sum + gzipped(url), 0);

    // Built-in terms: warm (chunks already loaded, as on every insertion after the first).
    const builtIn = median(await insertToReady(tab, '', runs));
    const builtInStatic = median(await staticHtml(tab, `${origin}/ja.json`, runs));
    const big = median(await insertToReady(tab, `${origin}/big.json`, runs));
    const bigStatic = median(await staticHtml(tab, `${origin}/big.json`, runs));

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
    const consentChunk = [...new Set(loaded)]
      .filter((url) => !atReadyUrls.has(url) && !url.includes('/fetch-') && !url.includes('/http-'))
      .reduce((sum, url) => sum + gzipped(url), 0);

    return [
      { name: 'CDN page with the built-in terms, up to ready', value: atReady / 1024, unit: 'KB gzip', target: '≤ 16 KB' },
      { name: '+ what consenting loads (at first pointer or focus)', value: consentChunk / 1024, unit: 'KB gzip' },
      { name: 'insert → ready, built-in terms (warm)', value: builtIn, unit: 'ms' },
      { name: 'the same terms as static HTML (baseline)', value: builtInStatic, unit: 'ms' },
      { name: 'element ÷ static HTML, built-in terms', value: builtIn / builtInStatic, unit: '×' },
      { name: 'insert → ready, 400 clauses via terms-src', value: big, unit: 'ms' },
      { name: 'the same 400 clauses as static HTML (baseline)', value: bigStatic, unit: 'ms' },
      { name: 'element ÷ static HTML, 400 clauses', value: big / bigStatic, unit: '×', target: '≤ 2×' },
      { name: 'agree click → consent event (stored key)', value: median(clickToConsent), unit: 'ms', target: '≤ 50 ms' },
    ];
  } finally {
    await browser.close();
    close();
  }
}
