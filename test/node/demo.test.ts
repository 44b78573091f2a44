import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser } from 'puppeteer-core';
import { createServer, type ViteDevServer } from 'vite';
import { chromiumArgs, chromiumPath } from '../../scripts/browsers.mjs';

// Drives `npm start`'s demo the way a customer would, and checks what its server kept.
describe('demo portal, end to end', () => {
  let server: ViteDevServer;
  let browser: Browser;
  let dataDir: string;
  let origin: string;
  let port: number;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'rsc-demo-'));
    process.env.DEMO_DATA_DIR = dataDir;
    // No HMR socket: an open WebSocket would keep the page out of the back/forward cache.
    server = await createServer({ configFile: 'vite.config.ts', logLevel: 'silent', server: { port: 0, host: '127.0.0.1', ws: false } });
    await server.listen();
    port = (server.httpServer!.address() as { port: number }).port;
    origin = `http://127.0.0.1:${port}`;
    browser = await puppeteer.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('takes a real click, and its server verifies and keeps the record with the page challenge', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/demo/`);
    await page.waitForSelector('remote-support-consent[state="ready"]');
    const challenge = await (await page.waitForFunction(() => document.querySelector('remote-support-consent')!.challenge || undefined)).jsonValue();
    await page.evaluate(() => {
      const seen: unknown[] = ((window as { consents?: unknown[] }).consents = []);
      document.addEventListener('consent', (event) => seen.push((event as CustomEvent).detail));
    });
    const arrival = page.waitForNavigation();
    await page.click('remote-support-consent >>> [part~="agree"]');

    // Verified and stored, the portal lets the element go on to the stand-in provider page.
    await arrival;
    const provider = new URL(page.url());
    assert.equal(provider.origin, `http://localhost:${port}`);
    assert.equal(provider.pathname, '/demo/provider/');
    await page.click('#accept');
    assert.match(await page.$eval('#number', (number) => number.textContent!), /^\d{6}$/);

    // Back to the portal: the element shows the finished state and neither consents nor navigates again.
    await page.goBack();
    await page.waitForSelector('remote-support-consent[state="done"]');
    const status = await page.$eval('remote-support-consent', (element) => element.shadowRoot!.querySelector('[part~="status"]')!.textContent);
    assert.match(status!, /もう一度同意する必要はありません/);
    assert.equal(await page.evaluate(() => (window as { consents?: unknown[] }).consents?.length), 1);
    assert.equal(new URL(page.url()).pathname, '/demo/');
    assert.equal(await page.$eval('#verdict', (verdict) => verdict.getAttribute('data-ok')), 'true');

    const lines = (await readFile(join(dataDir, 'consents.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    assert.equal(lines.length, 1);
    const [{ record }] = lines;
    assert.equal(record.nonce, challenge);
    assert.equal(record.origin, origin);
    assert.equal(record.terms.id, 'remote-connect-support');
    assert.equal(record.redirect, provider.href);

    // The challenge is single-use, and a forged token is refused.
    const replay = await page.evaluate(async (jws) => {
      const response = await fetch('/api/consent', { method: 'POST', body: JSON.stringify({ jws }) });
      return [response.status, (await response.json()).code];
    }, lines[0].jws);
    assert.deepEqual(replay, [422, 'nonce-mismatch']);
    const forged = await page.evaluate(async () => {
      const response = await fetch('/api/consent', { method: 'POST', body: JSON.stringify({ jws: 'a.b.c' }) });
      return [response.status, (await response.json()).code];
    });
    assert.deepEqual(forged, [422, 'malformed']);
    await page.close();
  });

  it('renders the React wrapper, whose onConsent receives the signed record', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/demo/react/`);
    await page.waitForSelector('remote-support-consent[state="ready"]');
    await page.click('remote-support-consent >>> [part~="agree"]');
    await page.waitForFunction(() => document.querySelector('#verdict')!.textContent!.includes('記録'));
    const [verdict, state] = await page.evaluate(() => [
      document.querySelector('#verdict')!.textContent!,
      document.querySelector('remote-support-consent')!.getAttribute('state'),
    ]);
    assert.match(verdict!, /^同意を受け取りました: 記録 [0-9a-f-]{36}$/);
    assert.equal(state, 'done');
    await page.close();
  });
});
