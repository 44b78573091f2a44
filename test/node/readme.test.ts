import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import { chromiumArgs, chromiumPath } from '../../scripts/browsers.mjs';
import { freePort } from '../../scripts/free-port.mjs';
import { createRecord, type ConsentRecord } from '../../src/consent/record.js';
import { signRecord } from '../../src/consent/sign.js';
import { parseTerms } from '../../src/terms/fetch.js';

// Every code block in README.md is named by a `<!-- snippet: name -->` comment and exercised here as
// written: only its placeholders (`<your-entry>`, `<your-path>`) are filled in, and the CDN URL is
// served from this build. Needs `npm run build` first (npm test runs it).
const readme = readFileSync('README.md', 'utf8');
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

interface Snippet {
  lang: string;
  code: string;
}

/** The README's fenced blocks by name; a block with no name is listed under `unnamed`. */
function readSnippets(text: string) {
  const named = new Map<string, Snippet>();
  const unnamed: string[] = [];
  for (const fence of text.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)) {
    // The name stands above the block, past blank lines and generated-section markers.
    const above = text.slice(0, fence.index).split('\n').slice(0, -1);
    while (above.length && /^\s*$|^<!-- [\w-]+:start -->$/.test(above.at(-1)!)) above.pop();
    const name = /^<!-- snippet: ([\w-]+) -->$/.exec(above.at(-1) ?? '')?.[1];
    if (name) named.set(name, { lang: fence[1]!, code: fence[2]! });
    else unnamed.push(fence[2]!.split('\n')[0]!);
  }
  return { named, unnamed };
}

const { named, unnamed } = readSnippets(readme);
const snippet = (name: string) => {
  const found = named.get(name);
  assert.ok(found, `README.md has no block named ${name}`);
  return found.code;
};
/** The commands of a shell block, without their comments. */
const commands = (code: string) => code.split('\n').map((line) => line.replace(/#.*/, '').trim()).filter(Boolean);
/** A placeholder filled in, as an integrator would. */
const filled = (code: string) => code.replaceAll('<your-entry>', 'vendor-entry').replaceAll('<your-path>', 'remote-support');

const scratch = resolve('.test-results/readme');
/** Runs a module inside the package's folder, so `remote-support-consent/…` resolves to this build as a consumer's would. */
function runModule(name: string, code: string): string {
  mkdirSync(scratch, { recursive: true });
  const file = join(scratch, `${name}.mjs`);
  writeFileSync(file, code);
  return execFileSync(process.execPath, [file], { encoding: 'utf8' });
}

const tested = new Set(['setup', 'cdn-script', 'cdn-page', 'npm-install', 'npm-import', 'subclass', 'ssr-server', 'ssr-client', 'server-install', 'server-express', 'server-fetch', 'cli', 'record', 'terms-document', 'terms-import']);

describe('README.md, as written', () => {
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('names every code block, and each name has a test here', () => {
    assert.deepEqual(unnamed, [], 'every block needs a <!-- snippet: name --> comment above it');
    assert.deepEqual([...named.keys()].sort(), [...tested].sort());
    assert.doesNotMatch(readme, /^[ \t]+```/m, 'an indented block would escape this test');
  });

  it('opens with the two set-up commands, which are the package scripts CI and a newcomer run', () => {
    assert.ok(readme.startsWith(`# ${pkg.name}\n\n<!-- snippet: setup -->`));
    assert.deepEqual(commands(snippet('setup')), ['npm install && npm start', 'npm test']);
    assert.ok(pkg.scripts.start && pkg.scripts.test);
    assert.match(readFileSync('.ci/run', 'utf8'), /^npm test$/m, 'CI runs the README test command');
  });

  it('installs the package by its name (the packed-package test installs it as a vendor would)', () => {
    assert.deepEqual(commands(snippet('npm-install')), [`npm install ${pkg.name}`]);
  });

  it('imports the element and its class, even in Node without a DOM', () => {
    const output = runModule('npm-import', `${snippet('npm-import')}\nconsole.log(typeof RemoteSupportConsent, typeof window);\n`);
    assert.equal(output.trim(), 'function undefined');
  });

  it('extends the element the Lit way: the subclass renders the base styles, then its own', () => {
    // Rendered by @lit-labs/ssr, whose import provides the registry Node lacks.
    const code = `import { render } from '@lit-labs/ssr';\nimport { collectResult } from '@lit-labs/ssr/lib/render-result.js';\nimport { html } from 'lit';\n${snippet('subclass')}\nconsole.log(await collectResult(render(html\`<acme-consent redirect-target="none"></acme-consent>\`)));\n`;
    const style = /<style>([^]*?)<\/style>/.exec(runModule('subclass', code))?.[1] ?? '';
    const base = style.indexOf('.terms {');
    const own = style.indexOf('--rsc-accent-color: #7a1fa2');
    assert.ok(base > 0 && own > base, 'the base rules, then the subclass rule');
  });

  it('renders the element and its terms on a server, as declarative shadow DOM', () => {
    const html = runModule('ssr-server', `${filled(snippet('ssr-server'))}\nconsole.log(consent);\n`).replace(/<!--[^]*?-->/g, '');
    assert.match(html, /<remote-support-consent\s+lang="ja" redirect-url="https:\/\/vendor-entry\.optim\.co\.jp\/remote-support"[^>]*><template shadowroot="open" shadowrootmode="open">/);
    assert.match(html, /<h2 part="title"[^>]*>リモートコネクトサポート 同意確認書<\/h2>/);
  });

  it('hydrates with the client script that the browser tests run (test/ssr/client.ts)', () => {
    const imports = (code: string) => [...code.matchAll(/^import '([^']+)';$/gm)].map((match) => match[1]);
    const tested = imports(readFileSync('test/ssr/client.ts', 'utf8')).map((name) => (name === '../../src/index.js' ? pkg.name : name));
    assert.deepEqual(imports(snippet('ssr-client')), tested);
  });

  it('imports the built-in terms and their digest for a server', () => {
    const code = `${snippet('terms-import')}\nconsole.log(JSON.stringify(await Promise.all(builtInTerms.map(termsDigest))));\n`;
    const digests = JSON.parse(runModule('terms-import', code)) as string[];
    assert.ok(digests.length >= 2 && digests.every((digest) => /^[\w-]{43}$/.test(digest)));
  });

  it('shows a sample record with exactly the members of a real one', async () => {
    const sample = JSON.parse(snippet('record')) as ConsentRecord;
    const terms = await builtInRef();
    const real = createRecord({ terms, origin: 'https://portal.example.com', redirect: 'https://a.optim.co.jp/', nonce: 'n', subject: 's' });
    assert.deepEqual(Object.keys(sample), Object.keys(real));
    assert.deepEqual(Object.keys(sample.terms), Object.keys(real.terms));
  });

  it('shows a terms document that the schema accepts', () => {
    assert.doesNotThrow(() => parseTerms(snippet('terms-document'), 'README.md'));
  });

  it('installs the server kit with the driver of its database, an optional peer of the package', () => {
    assert.deepEqual(commands(snippet('server-install')), [`npm install ${pkg.name} better-sqlite3`]);
    assert.match(snippet('server-install'), /# or: pg, for PostgreSQL/);
    for (const driver of ['better-sqlite3', 'pg']) assert.equal(pkg.peerDependenciesMeta[driver]?.optional, true, driver);
  });

  it('answers web-standard requests from a fetch-style route module', async () => {
    mkdirSync(scratch, { recursive: true });
    const file = join(scratch, 'route.mjs');
    writeFileSync(file, snippet('server-fetch'));
    process.env.DATABASE_URL = `sqlite:${join(scratch, 'route.db')}`;
    const route = (await import(pathToFileURL(file).href)) as Record<'GET' | 'POST', (request: Request) => Promise<Response>>;
    const issued = await route.GET(new Request('https://portal.example.com/consent-api/challenge'));
    assert.equal(issued.status, 200);
    assert.match(((await issued.json()) as { challenge: string }).challenge, /^[\w-]{20,}$/);
    const refused = await route.POST(new Request('https://portal.example.com/consent-api/consent', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"jws":"a.b.c"}' }));
    assert.deepEqual([refused.status, ((await refused.json()) as { code: string }).code], [422, 'malformed']);
  });

  describe('the CDN page and the Express server, in Chromium', () => {
    let server: ChildProcess;
    let origin: string;
    let browser: Browser;
    let evidence: { record: ConsentRecord; jws: string; reference: string };
    const operatorToken = 'readme-operator-token-0123456789';
    const database = join(scratch, 'consents.db');
    const cdnBase = `https://cdn.jsdelivr.net/npm/${pkg.name}@${pkg.version}/dist/cdn/`;
    const entryPage = 'https://vendor-entry.optim.co.jp/remote-support';
    const supportPage = () => `<!doctype html><html lang="ja"><meta charset="utf-8"><title>support</title><body>
${snippet('cdn-script')}
${filled(snippet('cdn-page'))}
</body></html>`;

    before(async () => {
      const port = await freePort();
      mkdirSync(scratch, { recursive: true });
      writeFileSync(join(scratch, 'server.mjs'), snippet('server-express'));
      server = spawn(process.execPath, [join(scratch, 'server.mjs')], {
        env: { ...process.env, PORT: String(port), DATABASE_URL: `sqlite:${database}`, OPERATOR_TOKEN: operatorToken },
        stdio: 'inherit',
      });
      origin = `http://127.0.0.1:${port}`;
      await until(() => fetch(`${origin}/consent-api/challenge`).then((answer) => answer.ok, () => false));
      // OPTiM's site opens in a tab of its own, which this test does not answer: no name but loopback resolves.
      const loopbackOnly = '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1';
      browser = await puppeteer.launch({ executablePath: chromiumPath(), args: [...chromiumArgs, loopbackOnly], headless: true });
    });

    after(async () => {
      await browser?.close();
      server?.kill();
    });

    /** Resolves once a tab opens OPTiM's entry page, and closes it. */
    const entryTab = () =>
      browser.waitForTarget((target) => target.url() === entryPage).then(async (target) => (await target.page())?.close());

    /** A tab where the portal page, the CDN and OPTiM's site are answered here, and the API by the README's server. */
    async function portal(answerConsent?: (request: HTTPRequest) => Promise<void> | undefined) {
      const page = await browser.newPage();
      const posted: HTTPRequest[] = [];
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(String(error)));
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        const url = request.url();
        if (url === `${origin}/support`) return void request.respond({ contentType: 'text/html; charset=utf-8', body: supportPage() });
        if (url.startsWith(cdnBase)) {
          const file = join('dist/cdn', new URL(url).pathname.slice(new URL(cdnBase).pathname.length));
          return void request.respond({ contentType: 'text/javascript', headers: { 'access-control-allow-origin': '*' }, body: readFileSync(file) });
        }
        if (url.startsWith(entryPage)) return void request.respond({ contentType: 'text/html', body: '<title>OPTiM</title>' });
        if (url === `${origin}/consent-api/consent` && request.method() === 'POST') {
          posted.push(request);
          const answered = answerConsent?.(request);
          if (answered) return void answered;
        }
        void request.continue();
      });
      await page.goto(`${origin}/support`);
      await page.waitForSelector('remote-support-consent[state="ready"]');
      await page.waitForFunction(() => document.querySelector('remote-support-consent')!.challenge !== '');
      return { page, posted, errors };
    }

    const agree = (page: Page) => page.click('remote-support-consent >>> [part~="agree"]');
    const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
      fetch(`${origin}/consent-api/consent`, { method: 'POST', headers, body }).then(async (answer) => ({ status: answer.status, body: await answer.json() }));
    const rows = () => {
      const db = new Database(database, { readonly: true });
      try {
        return (db.prepare('select id from consents').all() as Array<{ id: string }>).map(({ id }) => id);
      } finally {
        db.close();
      }
    };

    it('stores the consent before handing over, then answers a retry, refuses replays, and shows the operator the evidence', async () => {
      const { page, posted, errors } = await portal();
      const stored = page.waitForResponse((response) => response.url() === `${origin}/consent-api/consent`);
      const opened = entryTab();
      await agree(page);
      const answer = await stored;
      assert.equal(answer.status(), 201);
      await opened;
      // The portal stays, in done, with the number the customer reads to the operator.
      assert.equal(page.url(), `${origin}/support`);
      await page.waitForSelector('remote-support-consent[state="done"]');
      const shown = await page.$eval('remote-support-consent', (element) => element.shadowRoot!.querySelector('[part~="reference"]')?.textContent);
      assert.deepEqual(errors, []);

      const [request] = posted;
      assert.equal(request!.headers()['content-type'], 'application/json');
      const { jws } = JSON.parse(request!.postData()!) as { jws: string };
      const record = JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString()) as ConsentRecord;
      assert.equal(record.redirect, entryPage);
      assert.deepEqual(rows(), [record.id]);

      // The answer was lost and the page sends the same JWS again: the same record, not a second one.
      const retry = await post(JSON.stringify({ jws }));
      assert.equal(retry.status, 200);
      assert.equal(retry.body.id, record.id);
      assert.match(retry.body.reference, /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
      assert.equal(shown, retry.body.reference);
      // The same record signed again, and a new record on the spent challenge, are replays; no challenge at all is refused.
      assert.deepEqual((await post(JSON.stringify({ jws: await signed(record) }))).body.code, 'replayed');
      const reused = await signed(createRecord({ terms: record.terms, origin: record.origin, nonce: record.nonce }));
      assert.deepEqual((await post(JSON.stringify({ jws: reused }))).body.code, 'replayed');
      const unchallenged = await signed(createRecord({ terms: record.terms, origin: 'https://evil.example' }));
      assert.deepEqual(await post(JSON.stringify({ jws: unchallenged })).then(({ status, body }) => [status, body.code]), [422, 'nonce-mismatch']);
      assert.deepEqual(rows(), [record.id]);

      // The operator looks the number up: the evidence, with the exact terms text.
      const lookUp = (token: string) => fetch(`${origin}/consent-api/consents/${retry.body.reference}`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal((await lookUp('wrong-token-wrong-token')).status, 401);
      const found = await lookUp(operatorToken);
      assert.equal(found.status, 200);
      evidence = (await found.json()) as typeof evidence;
      assert.equal(evidence.jws, jws);
      assert.deepEqual(evidence.record, record);
      await page.close();
    });

    it('stores one record when the same consent arrives many times at once', async () => {
      const { challenge } = (await (await fetch(`${origin}/consent-api/challenge`)).json()) as { challenge: string };
      const jws = await signed(createRecord({ terms: await builtInRef(), origin, nonce: challenge }));
      const answers = await Promise.all(Array.from({ length: 20 }, () => post(JSON.stringify({ jws }))));
      assert.deepEqual(answers.map(({ status }) => status).sort(), [...Array(19).fill(200), 201]);
      assert.equal(new Set(answers.map(({ body }) => JSON.stringify(body))).size, 1);
    });

    it('answers a body it cannot use with a 4xx and a code', async () => {
      assert.deepEqual(await post('{"jws":"x"}', { 'content-type': 'text/plain' }).then(({ status, body }) => [status, body.code]), [415, 'unsupported-media-type']);
      assert.deepEqual(await post('{}').then(({ status, body }) => [status, body.code]), [400, 'bad-request']);
      assert.deepEqual(await post(JSON.stringify({ jws: 'not.a.jws' })).then(({ status, body }) => [status, body.code]), [422, 'malformed']);
      assert.deepEqual(await post(JSON.stringify({ jws: 'a'.repeat(32_000) })).then(({ status, body }) => [status, body.code]), [413, 'body-too-large']);
    });

    it('keeps the customer on the page while the server fails, and stores once when they agree again', async () => {
      let failing = true;
      const { page } = await portal((request) => (failing ? request.respond({ status: 500, contentType: 'application/json', body: '{}' }) : undefined));
      const notStored = page.evaluate(
        () => new Promise<string>((resolve) => document.addEventListener('consent-error', (event) => resolve((event as CustomEvent).detail.code), { once: true })),
      );
      await agree(page);
      assert.equal(await notStored, 'consent-not-stored');
      await page.waitForSelector('remote-support-consent[state="ready"]');
      assert.equal(page.url(), `${origin}/support`);

      failing = false;
      const before = rows().length;
      const opened = entryTab();
      await agree(page);
      await opened;
      assert.equal(rows().length, before + 1);
      await page.close();
    });

    it('computes the integrity value, checks a document, and verifies the evidence offline, from the command line', () => {
      const terms = join(scratch, 'vendor-terms.json');
      writeFileSync(terms, readFileSync('demo/terms/vendor-terms.json'));
      const evidenceFile = join(scratch, 'evidence.json');
      writeFileSync(evidenceFile, JSON.stringify(evidence));
      const outputs = commands(snippet('cli')).map((line) => {
        const [, ...args] = line.replace('npx remote-support-consent', 'cli').replace('<your-terms>.json', terms).replace('<evidence>.json', evidenceFile).split(' ');
        return execFileSync(process.execPath, ['dist/cli/index.js', ...args], { encoding: 'utf8' });
      });
      assert.match(outputs[0]!, /^sha256-[\w-]{43}\n$/);
      assert.equal(JSON.parse(outputs[2]!).id, evidence.record.id);
    });
  });
});

async function signed(record: ConsentRecord): Promise<string> {
  return (await signRecord(record, '', { signal: new AbortController().signal, timeoutMs: 5000 })).jws;
}

async function builtInRef() {
  const { builtInTerms, termsDigest } = await import('../../src/terms/index.js');
  const ja = builtInTerms.find((document) => document.locale === 'ja')!;
  return { id: ja.id, version: ja.version, locale: ja.locale, sha256: await termsDigest(ja) };
}

async function until(ready: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > end) throw new Error('the README server did not start');
    await new Promise((wake) => setTimeout(wake, 50));
  }
}
