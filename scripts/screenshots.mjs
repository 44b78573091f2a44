// `npm run screenshots`: the element as customers see it, in Japanese and English, on a 320 px phone
// and a desktop, into docs/screenshots/ (headless Debian Chromium): the terms (`ready`) in light and
// dark, and the views that follow them (error, declined, done) in light.
import { mkdirSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { createServer } from 'vite';
import { chromiumArgs, chromiumPath } from './browsers.mjs';

const out = 'docs/screenshots';
const tag = 'remote-support-consent';

/** @typedef {import('puppeteer-core').Page} Page */

/** A real click on one of the element's parts, through its shadow root: agree takes trusted input only. */
async function clickPart(/** @type {Page} */ page, /** @type {string} */ name) {
  const control = await page.waitForSelector(`${tag} >>> [part~="${name}"]`);
  await control?.click();
  // Off the buttons, so no hover colour lingers in the picture.
  await page.mouse.move(0, 0);
}

/**
 * Each state to shoot, and how the demo's element gets there from `ready`, the way a customer (or a
 * failing vendor server) takes it there.
 * @type {Array<{ state: string, scheme: string[], reach: (page: Page) => Promise<unknown> }>}
 */
const shots = [
  { state: 'ready', scheme: ['light', 'dark'], reach: async () => {} },
  {
    state: 'error',
    scheme: ['light'],
    // A terms URL that answers 404: the wording that sends the customer to support, with no retry.
    reach: (page) => page.$eval(tag, (consent) => void (consent.termsSrc = '/__screenshots/no-such-terms.json')),
  },
  { state: 'declined', scheme: ['light'], reach: (page) => clickPart(page, 'decline') },
  {
    state: 'done',
    scheme: ['light'],
    // With redirect-target="none" the element records the consent and stays, so there is a done view to see.
    reach: async (page) => {
      await page.$eval(tag, (consent) => void (consent.redirectTarget = 'none'));
      await clickPart(page, 'agree');
    },
  },
];

mkdirSync(out, { recursive: true });
const server = await createServer({ logLevel: 'silent', server: { port: 5197, host: '127.0.0.1', ws: false } });
await server.listen();
const browser = await puppeteer.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });
try {
  const page = await browser.newPage();
  for (const { state, scheme: schemes, reach } of shots) {
    for (const lang of ['ja', 'en']) {
      for (const scheme of schemes) {
        for (const [device, width] of /** @type {const} */ ([['phone', 320], ['desktop', 1100]])) {
          await page.setViewport({ width, height: 900, deviceScaleFactor: 1 });
          await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
          await page.goto(`http://127.0.0.1:5197/demo/?lang=${lang}`);
          await page.waitForSelector(`${tag}[state="ready"]`);
          await reach(page);
          await page.waitForSelector(`${tag}[state="${state}"]`);
          await page.waitForNetworkIdle({ idleTime: 300 });
          await page.evaluate(() => document.fonts.ready);
          // The ready shots keep their names (the README shows one) and show the whole portal; the
          // others show the element alone: what it says in that state, not the demo's log and verdict.
          const file = `${out}/${lang}-${scheme}-${device}${state === 'ready' ? '' : `-${state}`}.png`;
          await (await page.$(state === 'ready' ? 'main' : tag))?.screenshot({ path: file });
          console.log(file);
        }
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}
