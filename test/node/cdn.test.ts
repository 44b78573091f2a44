import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser } from 'puppeteer-core';
import { chromiumArgs, chromiumPath } from '../../scripts/browsers.mjs';
import { serveDist } from '../../scripts/serve-dist.mjs';

// The CDN build as a portal loads it: a plain module tag (with its SRI hash), or the classic
// loader line for pages without modules. Needs `npm run build` (npm test runs it first).
const { integrity } = JSON.parse(readFileSync('dist/cdn/integrity.json', 'utf8'));
const element = '<remote-support-consent redirect-target="none"></remote-support-consent>';
const pages: Record<string, string> = {
  '/module.html': `${element}<script type="module" src="/cdn/remote-support-consent.js" integrity="${integrity}" crossorigin="anonymous"></script>`,
  '/classic.html': `${element}<script>import('/cdn/remote-support-consent.js')</script>`,
  '/reception.html': `<remote-support-consent redirect-target="none" reception-hours="09:00-17:00"></remote-support-consent><script type="module" src="/cdn/remote-support-consent.js"></script>`,
  '/short.html': `<remote-support-consent redirect-target="none" timeout="500"></remote-support-consent><script type="module" src="/cdn/remote-support-consent.js"></script>`,
  '/short-en.html': `<remote-support-consent lang="en" redirect-target="none" timeout="500"></remote-support-consent><script type="module" src="/cdn/remote-support-consent.js"></script>`,
  '/preload.html': `${element}<script type="module" src="/cdn/remote-support-consent.js"></script><link rel="modulepreload" href="/cdn/lang/ja.js">`,
  '/tampered.html': `${element}<script type="module" src="/cdn/remote-support-consent.js" integrity="sha384-${'A'.repeat(64)}" crossorigin="anonymous"></script>`,
};

describe('the CDN build', () => {
  let browser: Browser;
  let server: { origin: string; close: () => void };

  before(async () => {
    server = await serveDist(
      Object.fromEntries(Object.entries(pages).map(([path, body]) => [path, ['text/html; charset=utf-8', `<!doctype html><html lang="ja"><meta charset="utf-8">${body}`]])),
    );
    browser = await puppeteer.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });
  });

  after(async () => {
    await browser?.close();
    server?.close();
  });

  for (const path of ['/module.html', '/classic.html']) {
    it(`shows the terms and signs a consent from ${path.slice(1, -5)} script tag`, async () => {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(String(error)));
      await page.goto(server.origin + path);
      await page.waitForSelector('remote-support-consent[state="ready"]');
      const consent = page.evaluate(
        () => new Promise<string>((resolve) => document.addEventListener('consent', (event) => resolve((event as CustomEvent).detail.jws))),
      );
      await page.click('remote-support-consent >>> [part~="agree"]');
      assert.match(await consent, /^[\w-]+\.[\w-]+\.[\w-]+$/);
      assert.deepEqual(errors, []);
      await page.close();
    });
  }

  /** The chunks a page requested until its element was ready, by name (hash dropped), and what it shows. */
  async function untilReady(path: string, refuse?: RegExp) {
    const page = await browser.newPage();
    const requested: string[] = [];
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const name = new URL(request.url()).pathname.replace(/-[\w-]{8}\.js$/, '.js');
      if (name.endsWith('.js')) requested.push(name);
      void (refuse?.test(name) ? request.abort() : request.continue());
    });
    const warnings: string[] = [];
    page.on('console', (message) => message.type() === 'warn' && warnings.push(message.text()));
    await page.goto(server.origin + path);
    await page.waitForSelector('remote-support-consent[state="ready"]');
    const reception = await page.evaluate(() => document.querySelector('remote-support-consent')!.shadowRoot!.querySelector('[part~="reception"]')?.textContent?.trim());
    await page.close();
    return { requested, reception, warnings };
  }

  it('loads the entry and its language file (UI strings and built-in terms), and nothing else, up to ready', async () => {
    const { requested, reception } = await untilReady('/module.html');
    assert.deepEqual(requested, ['/cdn/remote-support-consent.js', '/cdn/lang/ja.js']);
    assert.equal(reception, undefined);
    assert.deepEqual((await untilReady('/short-en.html')).requested, ['/cdn/remote-support-consent.js', '/cdn/lang/en.js']);
  });

  it('takes the language file from a preload beside the entry, in the same round trip', async () => {
    const page = await browser.newPage();
    const started: Record<string, number> = {};
    const finished: Record<string, number> = {};
    page.on('request', (request) => void (started[new URL(request.url()).pathname] = Date.now()));
    page.on('requestfinished', (request) => void (finished[new URL(request.url()).pathname] = Date.now()));
    await page.goto(server.origin + '/preload.html');
    await page.waitForSelector('remote-support-consent[state="ready"]');
    // The language file was asked for before the entry had even arrived, and only once.
    assert.ok(started['/cdn/lang/ja.js']! <= finished['/cdn/remote-support-consent.js']!);
    const fetched = await page.evaluate(() => performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('/cdn/lang/ja.js')).length);
    assert.equal(fetched, 1);
    await page.close();
  });

  it('loads the reception code only for a page that sets reception-hours, and shows the notice with the terms', async () => {
    const { requested, reception } = await untilReady('/reception.html');
    assert.deepEqual(requested.slice(1).sort(), ['/cdn/chunks/reception.js', '/cdn/lang/ja.js']);
    assert.match(reception ?? '', /^受付時間: 月〜金、9:00〜17:00/);
  });

  it('still shows the terms, without the notice and with a warning, when the reception code does not load', async () => {
    const { reception, warnings } = await untilReady('/reception.html', /chunks\/reception\.js$/);
    assert.equal(reception, undefined);
    assert.equal(warnings.filter((text) => text.includes('the reception notice is hidden')).length, 1);
  });

  it('shows the terms after a moment when the reception code hangs, and the notice once it arrives', async () => {
    const page = await browser.newPage();
    await page.setRequestInterception(true);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    page.on('request', (request) => void (/\/chunks\/reception-/.test(request.url()) ? held.then(() => request.continue()) : request.continue()));
    const notice = () => page.evaluate(() => document.querySelector('remote-support-consent')!.shadowRoot!.querySelector('[part~="reception"]') !== null);
    await page.goto(server.origin + '/reception.html');
    await page.waitForSelector('remote-support-consent[state="ready"]', { timeout: 3000 });
    assert.equal(await notice(), false);
    release();
    await page.waitForFunction(() => document.querySelector('remote-support-consent')!.shadowRoot!.querySelector('[part~="reception"]') !== null);
    await page.close();
  });

  it('reads the notice again with the next load of the terms when its code failed to load', async () => {
    const page = await browser.newPage();
    await page.setRequestInterception(true);
    let refusals = 0;
    page.on('request', (request) => void (/\/chunks\/reception-/.test(request.url()) && refusals++ === 0 ? request.abort() : request.continue()));
    await page.goto(server.origin + '/reception.html');
    await page.waitForSelector('remote-support-consent[state="ready"]');
    // A new language loads the built-in terms again.
    await page.evaluate(() => document.querySelector('remote-support-consent')!.setAttribute('lang', 'en'));
    await page.waitForFunction(() => /^Reception hours/.test(document.querySelector('remote-support-consent')!.shadowRoot!.querySelector('[part~="reception"]')?.textContent?.trim() ?? ''));
    assert.equal(refusals, 2);
    await page.close();
  });

  /**
   * A page whose requests for chunks matching `chunk` fail (`abort`) or hang (`hold`) until `allow()`;
   * `shadow(selector)` reads the element's shadow root, and `errors` collects consent-error codes.
   */
  async function withChunk(path: string, chunk: RegExp, mode: 'abort' | 'hold') {
    const page = await browser.newPage();
    await page.setRequestInterception(true);
    let allowed = false;
    let allow = () => {};
    const released = new Promise<void>((resolve) => (allow = () => ((allowed = true), resolve())));
    page.on('request', (request) => {
      if (!chunk.test(request.url()) || allowed) return void request.continue();
      void (mode === 'abort' ? request.abort() : released.then(() => request.continue()));
    });
    await page.evaluateOnNewDocument(() => {
      (window as unknown as { codes: string[] }).codes = [];
      document.addEventListener('consent-error', (event) => (window as unknown as { codes: string[] }).codes.push((event as CustomEvent).detail.code));
    });
    await page.goto(server.origin + path);
    const codes = () => page.evaluate(() => (window as unknown as { codes: string[] }).codes);
    const state = () => page.evaluate(() => document.querySelector('remote-support-consent')!.getAttribute('state'));
    const text = (name: string) =>
      page.evaluate((name) => document.querySelector('remote-support-consent')!.shadowRoot!.querySelector(`[part~="${name}"], .${name}`)?.textContent?.trim(), name);
    return { page, allow, codes, state, text };
  }

  for (const mode of ['abort', 'hold'] as const) {
    it(`reports terms-fetch-failed, with a retry, when the built-in terms ${mode === 'abort' ? 'fail' : 'hang'}, and shows them on retry`, async () => {
      const { page, allow, codes, state } = await withChunk('/short.html', /\/lang\/ja\.js$/, mode);
      await page.waitForSelector('remote-support-consent[state="error"]', { timeout: 3000 });
      assert.deepEqual(await codes(), ['terms-fetch-failed']);
      allow();
      await page.click('remote-support-consent >>> [part~="retry"]');
      await page.waitForSelector('remote-support-consent[state="ready"]', { timeout: 3000 });
      assert.equal(await state(), 'ready');
      await page.close();
    });
  }

  it('says in Japanese that the English file did not come, with a retry, and shows the English terms on retry', async () => {
    const { page, allow, codes, text } = await withChunk('/short-en.html', /\/lang\/en\.js$/, 'hold');
    await page.waitForSelector('remote-support-consent[state="error"]', { timeout: 3000 });
    assert.deepEqual(await codes(), ['terms-fetch-failed']);
    assert.equal(await text('retry'), 'もう一度読み込む');
    allow();
    await page.click('remote-support-consent >>> [part~="retry"]');
    await page.waitForSelector('remote-support-consent[state="ready"]', { timeout: 3000 });
    assert.equal(await text('agree'), 'I agree');
    await page.close();
  });

  it('is refused by the browser when its SRI hash does not match', async () => {
    const page = await browser.newPage();
    // The file itself arrives: only its hash is wrong, so a missing file cannot pass for a refused one.
    const entry = page.waitForResponse((response) => new URL(response.url()).pathname === '/cdn/remote-support-consent.js');
    const refused = new Promise<string>((resolve) =>
      page.on('console', (message) => message.type() === 'error' && /integrity/i.test(message.text()) && resolve(message.text())),
    );
    await page.goto(server.origin + '/tampered.html');
    assert.equal((await entry).status(), 200);
    assert.match(await refused, /remote-support-consent\.js/);
    assert.equal(await page.evaluate(() => customElements.get('remote-support-consent')), undefined);
    await page.close();
  });
});
