import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import { createServer, type ViteDevServer } from 'vite';
import Database from 'better-sqlite3';
import { chromiumArgs, chromiumPath } from '../../scripts/browsers.mjs';

const agree = 'remote-support-consent >>> [part~="agree"]';
const reference = '[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}';
const operatorToken = 'demo-operator-token';

/** Console errors and warnings, uncaught errors and failed requests: what a demo page must not have in normal use. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    const from = message.location().url ?? '';
    if (!['error', 'warn', 'assert'].includes(message.type())) return;
    // Vite serves Lit's development build, which says so once per page; a bundle of the package does not.
    if (message.text().startsWith('Lit is in dev mode')) return;
    // These tests' server has no HMR socket (`ws: false`), which Vite's client reports; `npm start`'s has one.
    if (from.endsWith('/@vite/client')) return;
    problems.push(`console.${message.type()}: ${message.text()} (${from || page.url()})`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return problems;
}

/** The page's own texts (title included, the element's shadow tree not) that are Japanese, outside an element marked `lang="ja"`. */
const japaneseTexts = (page: Page) =>
  page.evaluate(() => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const marked = node.parentElement?.closest('[lang]')?.getAttribute('lang');
      if (marked !== 'ja' && /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(node.textContent!)) found.push(node.textContent!.trim());
    }
    return found;
  });

/** Waits for the challenge the page fetched from the demo's server. */
const challengeOf = async (page: Page) =>
  (await page.waitForFunction(() => document.querySelector('remote-support-consent')!.challenge || undefined)).jsonValue();

/** Waits until the element's agree button reads `label`: its language has arrived. */
const agreeReads = (page: Page, label: string) =>
  page.waitForFunction((label) => document.querySelector('remote-support-consent')!.shadowRoot!.querySelector('[part~="agree"]')?.textContent?.trim() === label, {}, label);

const elementText = (page: Page, part: string) =>
  page.$eval('remote-support-consent', (element, part) => element.shadowRoot!.querySelector(`[part~="${part}"]`)?.textContent?.trim(), part);

// Drives `npm start`'s demo the way a customer would, and checks what its server kept.
describe('demo portal, end to end', () => {
  let server: ViteDevServer;
  let browser: Browser;
  let dataDir: string;
  let origin: string;
  let port: number;

  /** The stored consents with this record id, read from the demo's SQLite database. */
  const storedRows = (id: string) => {
    const db = new Database(join(dataDir, 'consents.db'), { readonly: true });
    try {
      return db.prepare('select record, jws, reference from consents where id = ?').all(id) as Array<{ record: string; jws: string; reference: string }>;
    } finally {
      db.close();
    }
  };

  /** The demo server, as `npm start` runs it, on this test's data directory. */
  const startServer = async () => {
    // No HMR socket: an open WebSocket would keep the page out of the back/forward cache.
    server = await createServer({ configFile: 'vite.config.ts', logLevel: 'silent', server: { port, host: '127.0.0.1', ws: false } });
    await server.listen();
    port = (server.httpServer!.address() as { port: number }).port;
    origin = `http://127.0.0.1:${port}`;
  };

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'rsc-demo-'));
    process.env.DEMO_DATA_DIR = dataDir;
    port = 0;
    await startServer();
    browser = await puppeteer.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers the URL `npm start` prints with the demo portal', async () => {
    const response = await fetch(`${origin}/`);
    assert.equal(response.status, 200);
    assert.equal(response.url, `${origin}/demo/`);
    assert.match(await response.text(), /<remote-support-consent /);
    // The query goes along, and a demo folder without its final slash finds its page.
    for (const [from, to] of [['/?lang=en', '/demo/?lang=en'], ['/demo', '/demo/'], ['/demo/react', '/demo/react/']]) {
      const redirect = await fetch(`${origin}${from}`, { redirect: 'manual' });
      assert.deepEqual([redirect.status, redirect.headers.get('location')], [302, to], from);
    }
  });

  it('takes a real click, and its server verifies and keeps the record with the page challenge', async () => {
    const page = await browser.newPage();
    const problems = watch(page);
    await page.goto(`${origin}/demo/`);
    await page.waitForSelector('remote-support-consent[state="ready"]');
    const challenge = await challengeOf(page);
    await page.evaluate(() => {
      const seen: unknown[] = ((window as { consents?: unknown[] }).consents = []);
      document.addEventListener('consent', (event) => seen.push((event as CustomEvent).detail));
    });
    const arrival = page.waitForNavigation();
    await page.click(agree);

    // Stored by the server kit before the hand-off: the element and the portal show its number, while the portal holds the hand-off.
    await page.waitForSelector('#verdict[data-ok="true"]');
    const held = await page.evaluate(() => [
      document.querySelector('#verdict')!.textContent!,
      document.querySelector('remote-support-consent')!.state,
      location.pathname,
    ]);
    const number = new RegExp(`^サーバーが検証して保存しました（同意番号 (${reference})）。まもなくオプティム社のサイトへ移動します… 担当者の照会ページで見る$`).exec(held[0]!)?.[1];
    assert.ok(number, held[0]);
    assert.deepEqual(held.slice(1), ['done', '/demo/']);
    assert.equal(await elementText(page, 'reference'), number);

    // Then the element goes on to the stand-in provider page.
    await arrival;
    const provider = new URL(page.url());
    assert.equal(provider.origin, `http://localhost:${port}`);
    assert.equal(provider.pathname, '/demo/provider/');
    assert.equal(await page.$eval('#vendor', (vendor) => vendor.textContent), 'サンプル情報システム株式会社');
    await page.click('#accept');
    assert.match(await page.$eval('#number', (number) => number.textContent!), /^\d{6}$/);

    // Back to the portal: the element shows the finished state and neither consents nor navigates again.
    await page.goBack();
    await page.waitForSelector('remote-support-consent[state="done"]');
    assert.match((await elementText(page, 'status'))!, /もう一度同意する必要はありません/);
    assert.equal(await page.evaluate(() => (window as { consents?: unknown[] }).consents?.length), 1);
    assert.equal(new URL(page.url()).pathname, '/demo/');
    assert.equal(await page.$eval('#verdict', (verdict) => verdict.getAttribute('data-ok')), 'true');
    assert.equal(await page.$eval('#verdict', (verdict) => verdict.textContent), `サーバーが検証して保存しました（同意番号 ${number}）。 担当者の照会ページで見る`);
    assert.deepEqual(problems, []);

    const consents = await page.evaluate(() => (window as { consents?: Array<{ record: { id: string } }> }).consents!);
    const rows = storedRows(consents[0]!.record.id);
    assert.equal(rows.length, 1);
    const record = JSON.parse(rows[0]!.record);
    assert.equal(rows[0]!.reference, number);
    assert.equal(record.nonce, challenge);
    assert.equal(record.origin, origin);
    assert.equal(record.terms.id, 'remote-connect-support');
    assert.equal(record.redirect, provider.href);

    // The same consent again is answered as before (a retry after a lost answer); a forged one is refused.
    const post = async (jws: string) => {
      const response = await fetch(`${origin}/api/consent`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jws }) });
      return [response.status, await response.json()];
    };
    assert.deepEqual(await post(rows[0]!.jws), [200, { id: record.id, reference: number }]);
    assert.equal((await post('a.b.c'))[1].code, 'malformed');

    // The operator looks the number up on their page, and sees the record verified, with its terms.
    await page.goto(`${origin}/demo/operator/?reference=${number}`);
    await page.waitForSelector('#status[data-ok]');
    assert.equal(await page.$eval('#status', (status) => status.getAttribute('data-ok')), 'true');
    assert.equal(await page.$eval('#terms-title', (title) => title.textContent), 'リモートコネクトサポート 同意確認書');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('keeps the customer on the portal, with a plain message, when the server does not store the consent', async () => {
    const cases: Array<(request: HTTPRequest) => Promise<void>> = [
      (request) => request.respond({ status: 422, contentType: 'application/json', body: '{"code":"nonce-mismatch","message":"…"}' }),
      (request) => request.respond({ status: 503, contentType: 'text/plain', body: 'down' }),
      (request) => request.abort('failed'),
    ];
    // Side by side, so one wait past the portal's pause covers them all.
    await Promise.all(
      cases.map(async (answer) => {
        const page = await browser.newPage();
        await page.setRequestInterception(true);
        page.on('request', (request) => void (request.url().endsWith('/api/consent') ? answer(request) : request.continue()));
        await page.goto(`${origin}/demo/`);
        await page.waitForSelector('remote-support-consent[state="ready"]');
        await challengeOf(page);
        await page.click(agree);
        await page.waitForFunction(() => document.querySelector('remote-support-consent')!.shadowRoot!.querySelector('[part~="status"]')!.textContent!.trim() !== '' && document.querySelector('remote-support-consent')!.state === 'ready');
        assert.match((await elementText(page, 'status'))!, /保存できませんでした/);
        await new Promise((resolve) => setTimeout(resolve, 2000));
        assert.equal(new URL(page.url()).pathname, '/demo/');
        assert.equal(await page.$eval('#verdict', (verdict) => (verdict as HTMLElement).hidden), true);
        await page.close();
      }),
    );
  });

  it("keeps each page's challenge good while the same visitor opens others", async () => {
    const portal = await browser.newPage();
    await portal.goto(`${origin}/demo/`);
    await portal.waitForSelector('remote-support-consent[state="ready"]');
    const challenge = await challengeOf(portal);
    const react = await browser.newPage();
    await react.goto(`${origin}/demo/react/`);
    assert.notEqual(await challengeOf(react), challenge);
    await react.close();
    await portal.bringToFront();
    await portal.click(agree);
    await portal.waitForSelector('#verdict[data-ok]');
    assert.equal(await portal.$eval('#verdict', (verdict) => verdict.getAttribute('data-ok')), 'true');
    await portal.close();
  });

  it('shows the whole portal in the language chosen, and keeps it all the way to the provider page', async () => {
    const page = await browser.newPage();
    const problems = watch(page);
    await page.goto(`${origin}/demo/?lang=en`);
    await page.waitForSelector('remote-support-consent[state="ready"]');
    assert.equal(await page.title(), 'Request remote support | Sample Information Systems customer portal');
    assert.equal(await elementText(page, 'agree'), 'I agree');
    assert.deepEqual(await japaneseTexts(page), []);

    // The switch turns every text, the element's and the page's, and the address keeps the choice.
    await page.click('[data-lang="ja"]');
    await agreeReads(page, '同意する');
    assert.equal(await page.title(), 'リモートサポートのお申し込み | サンプル情報システム株式会社 お客様ポータル');
    assert.equal(await page.$eval('[slot="notes"]', (notes) => notes.textContent), 'ご不明な点はサポートセンター(0120-000-000、平日 9:00〜17:00)までお電話ください。');
    assert.equal(new URL(page.url()).search, '');
    await page.click('[data-lang="en"]');
    await agreeReads(page, 'I agree');
    assert.equal(new URL(page.url()).search, '?lang=en');
    assert.deepEqual(await japaneseTexts(page), []);
    for (const href of await page.$$eval('#demo-pages a', (links) => links.map((link) => link.href))) {
      assert.equal(new URL(href).searchParams.get('lang'), 'en', href);
    }

    const arrival = page.waitForNavigation();
    await page.click(agree);
    await page.waitForSelector('#verdict[data-ok="true"]');
    assert.match(await page.$eval('#verdict', (verdict) => verdict.textContent!), new RegExp(`^The server verified and stored the consent \\(number ${reference}\\)\\. Moving on to OPTiM's site… See it on the operator's look-up page$`));
    await arrival;
    assert.equal(new URL(page.url()).searchParams.get('lang'), 'en');
    assert.equal(await page.$eval('#vendor', (vendor) => vendor.textContent), 'Sample Information Systems Co., Ltd.');
    await page.click('#accept');
    assert.deepEqual(await japaneseTexts(page), []);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('renders the React wrapper, whose onConsent receives the signed record', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/demo/react/`);
    await page.waitForSelector('remote-support-consent[state="ready"]');
    await challengeOf(page);
    await page.click(agree);
    await page.waitForFunction(() => document.querySelector('#verdict')!.textContent!.includes('記録'));
    const [verdict, state] = await page.evaluate(() => [
      document.querySelector('#verdict')!.textContent!,
      document.querySelector('remote-support-consent')!.getAttribute('state'),
    ]);
    assert.match(verdict!, /^同意を受け取りました: 記録 [0-9a-f-]{36}$/);
    assert.equal(state, 'done');

    // In English, the page and the element alike.
    await page.click('button[lang="en"]');
    await page.waitForFunction(() => document.querySelector('#verdict')!.textContent!.startsWith('Consent received: record '));
    assert.equal(await page.title(), 'Using it from React | remote-support-consent');
    assert.equal(new URL(page.url()).search, '?lang=en');
    assert.deepEqual(await japaneseTexts(page), []);
    await page.close();
  });

  it('links every demo page from the portal, and none logs an error or fails a request in normal use', async () => {
    const pages = (await readdir('demo', { recursive: true }))
      .filter((file) => posix.basename(file) === 'index.html')
      .map((file) => posix.join('/demo', posix.dirname(file), '/'));
    const page = await browser.newPage();
    const problems = watch(page);
    // The URL `npm start` prints.
    await page.goto(`${origin}/`);
    await page.waitForSelector('remote-support-consent[state="ready"]');
    const links = await page.$$eval('#demo-pages a', (links) => links.map((link) => link.href));
    assert.deepEqual(links.map((href) => new URL(href).pathname).sort(), pages.sort());

    // What a person trying each page does there, short of leaving it (the end-to-end test above follows the hand-off).
    const use: Record<string, () => Promise<unknown>> = {
      '/demo/': async () => {
        for (const [lang, label] of [['en', 'I agree'], ['ja', '同意する']]) {
          await page.click(`[data-lang="${lang}"]`);
          await agreeReads(page, label);
        }
      },
      '/demo/provider/': () => page.click('#accept').then(() => page.waitForSelector('#number-step:not([hidden])')),
      '/demo/react/': () => challengeOf(page).then(() => page.click(agree)).then(() => page.waitForSelector('remote-support-consent[state="done"]')),
    };
    for (const href of links) {
      for (const lang of ['ja', 'en']) {
        const url = new URL(href);
        url.searchParams.set('lang', lang);
        await page.goto(url.href, { waitUntil: 'networkidle0' });
        if (await page.$('remote-support-consent')) await page.waitForSelector('remote-support-consent[state="ready"]');
        await use[url.pathname]?.();
      }
    }
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('keeps the records when `npm start` is started again', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/demo/?lang=en`);
    await page.waitForSelector('remote-support-consent[state="ready"]');
    await challengeOf(page);
    await page.click(agree);
    const number = await (await page.waitForFunction(() => document.querySelector('remote-support-consent')!.shadowRoot!.querySelector('[part~="reference"]')?.textContent?.trim())).jsonValue();
    await page.close();

    await server.close();
    await startServer();
    const found = await fetch(`${origin}/api/consents/${number}`, { headers: { authorization: `Bearer ${operatorToken}` } });
    assert.equal(found.status, 200);
    assert.equal(((await found.json()) as { reference: string }).reference, number);
  });
});
