// `npm run screenshots`: the element as customers see it, in Japanese and English, light and
// dark, on a 320 px phone and a desktop, into docs/screenshots/ (headless Debian Chromium).
import { mkdirSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { createServer } from 'vite';
import { chromiumArgs, chromiumPath } from './browsers.mjs';

const out = 'docs/screenshots';
mkdirSync(out, { recursive: true });
const server = await createServer({ logLevel: 'silent', server: { port: 5197, host: '127.0.0.1', ws: false } });
await server.listen();
const browser = await puppeteer.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });
try {
  const page = await browser.newPage();
  for (const lang of ['ja', 'en']) {
    for (const scheme of ['light', 'dark']) {
      for (const [device, width] of [['phone', 320], ['desktop', 1100]]) {
        await page.setViewport({ width, height: 900, deviceScaleFactor: 1 });
        await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
        await page.goto(`http://127.0.0.1:5197/demo/?lang=${lang}`);
        await page.waitForSelector('remote-support-consent[state="ready"]');
        await page.evaluate(() => document.fonts.ready);
        const file = `${out}/${lang}-${scheme}-${device}.png`;
        await (await page.$('main'))?.screenshot({ path: file });
        console.log(file);
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}
